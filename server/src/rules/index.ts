/**
 * The rule registry: an explicit list, sorted by id (a test keeps it sorted). To add a rule, follow
 * the recipe in CONTRIBUTING.md and add one import and one entry here.
 */
import { BINARY_FILE, FILE_TOO_LARGE, INTERNAL_ERROR } from '../engine/engine';
import type { EngineRuleInfo, Rule } from '../engine/rule';
import { HELM_ENGINE_RULES } from '../helm/ids';
import { registerCatalogue } from './catalogue';
import { rule as dockerfileAddInsteadOfCopy } from './dockerfile/add-instead-of-copy';
import { rule as dockerfileAddUrl } from './dockerfile/add-url';
import { rule as dockerfileApkNoCache } from './dockerfile/apk-no-cache';
import { rule as dockerfileApkPinVersions } from './dockerfile/apk-pin-versions';
import { rule as dockerfileAptGetYes } from './dockerfile/apt-get-yes';
import { rule as dockerfileAptListsNotRemoved } from './dockerfile/apt-lists-not-removed';
import { rule as dockerfileAptNoInstallRecommends } from './dockerfile/apt-no-install-recommends';
import { rule as dockerfileAptNotAptGet } from './dockerfile/apt-not-apt-get';
import { rule as dockerfileAptPinVersions } from './dockerfile/apt-pin-versions';
import { rule as dockerfileAptUpdateAlone } from './dockerfile/apt-update-alone';
import { rule as dockerfileCdInsteadOfWorkdir } from './dockerfile/cd-instead-of-workdir';
import { rule as dockerfileConsecutiveRun } from './dockerfile/consecutive-run';
import { rule as dockerfileContainerPointlessCommand } from './dockerfile/container-pointless-command';
import { rule as dockerfileCopyArchiveThenExtract } from './dockerfile/copy-archive-then-extract';
import { rule as dockerfileCopyDestSlash } from './dockerfile/copy-dest-slash';
import { rule as dockerfileCopyFromOwnStage } from './dockerfile/copy-from-own-stage';
import { rule as dockerfileCopyFromUnknownStage } from './dockerfile/copy-from-unknown-stage';
import { rule as dockerfileCopyRelativeNoWorkdir } from './dockerfile/copy-relative-no-workdir';
import { rule as dockerfileCopySensitiveFile } from './dockerfile/copy-sensitive-file';
import { rule as dockerfileCopyWholeStage } from './dockerfile/copy-whole-stage';
import { rule as dockerfileCurlPipeShell } from './dockerfile/curl-pipe-shell';
import { rule as dockerfileDockerignoreIncomplete } from './dockerfile/dockerignore-incomplete';
import { rule as dockerfileDockerignoreMissing } from './dockerfile/dockerignore-missing';
import { rule as dockerfileDuplicateStageName } from './dockerfile/duplicate-stage-name';
import { rule as dockerfileEnvSelfReference } from './dockerfile/env-self-reference';
import { rule as dockerfileExposeInvalidPort } from './dockerfile/expose-invalid-port';
import { rule as dockerfileFirstInstruction } from './dockerfile/first-instruction';
import { rule as dockerfileFromPlatformFlag } from './dockerfile/from-platform-flag';
import { rule as dockerfileGemPinVersions } from './dockerfile/gem-pin-versions';
import { rule as dockerfileGoInstallVersion } from './dockerfile/go-install-version';
import { rule as dockerfileHealthcheckMissing } from './dockerfile/healthcheck-missing';
import { rule as dockerfileImageDigestPin } from './dockerfile/image-digest-pin';
import { rule as dockerfileImageLatestTag } from './dockerfile/image-latest-tag';
import { rule as dockerfileImageUntagged } from './dockerfile/image-untagged';
import { rule as dockerfileJsonFormCmd } from './dockerfile/json-form-cmd';
import { rule as dockerfileLabelFormat } from './dockerfile/label-format';
import { rule as dockerfileLabelSchema } from './dockerfile/label-schema';
import { rule as dockerfileLastUserRoot } from './dockerfile/last-user-root';
import { rule as dockerfileMaintainerDeprecated } from './dockerfile/maintainer-deprecated';
import { rule as dockerfileMultipleCmd } from './dockerfile/multiple-cmd';
import { rule as dockerfileMultipleEntrypoint } from './dockerfile/multiple-entrypoint';
import { rule as dockerfileMultipleHealthcheck } from './dockerfile/multiple-healthcheck';
import { rule as dockerfileNoSudo } from './dockerfile/no-sudo';
import { rule as dockerfileNpmCi } from './dockerfile/npm-ci';
import { rule as dockerfileNpmPinVersions } from './dockerfile/npm-pin-versions';
import { rule as dockerfileOnbuildForbidden } from './dockerfile/onbuild-forbidden';
import { rule as dockerfilePipNoCacheDir } from './dockerfile/pip-no-cache-dir';
import { rule as dockerfilePipPinVersions } from './dockerfile/pip-pin-versions';
import { rule as dockerfilePipefail } from './dockerfile/pipefail';
import { rule as dockerfileReservedStageName } from './dockerfile/reserved-stage-name';
import { rule as dockerfileRpmCacheClean } from './dockerfile/rpm-cache-clean';
import { rule as dockerfileRpmInstallYes } from './dockerfile/rpm-install-yes';
import { rule as dockerfileRpmPinVersions } from './dockerfile/rpm-pin-versions';
import { rule as dockerfileSecretInEnv } from './dockerfile/secret-in-env';
import { rule as dockerfileShellChangeInline } from './dockerfile/shell-change-inline';
import { rule as dockerfileShellcheck } from './dockerfile/shellcheck';
import { rule as dockerfileUntrustedRegistry } from './dockerfile/untrusted-registry';
import { rule as dockerfileUserNonNumeric } from './dockerfile/user-non-numeric';
import { rule as dockerfileUseraddWithoutL } from './dockerfile/useradd-without-l';
import { rule as dockerfileWgetAndCurl } from './dockerfile/wget-and-curl';
import { rule as dockerfileWgetNoProgress } from './dockerfile/wget-no-progress';
import { rule as dockerfileWorkdirRelative } from './dockerfile/workdir-relative';
import { rule as dockerfileYarnCacheClean } from './dockerfile/yarn-cache-clean';
import { rule as helmChartApiVersion } from './helm/chart-api-version';
import { rule as helmChartDependencies } from './helm/chart-dependencies';
import { rule as helmChartKubeVersion } from './helm/chart-kube-version';
import { rule as helmChartRequiredFields } from './helm/chart-required-fields';
import { rule as helmChartType } from './helm/chart-type';
import { rule as helmChartVersionSemver } from './helm/chart-version-semver';
import { rule as helmSchemaInvalid } from './helm/schema-invalid';
import { rule as helmTemplateSyntax } from './helm/template-syntax';
import { rule as helmUndefinedValue } from './helm/undefined-value';
import { rule as helmUnusedValue } from './helm/unused-value';
import { rule as helmValuesImageTag } from './helm/values-image-tag';
import { rule as helmValuesPlaintextSecret } from './helm/values-plaintext-secret';
import { rule as helmValuesResourcesEmpty } from './helm/values-resources-empty';
import { rule as helmValuesSchema } from './helm/values-schema';
import { rule as k8sAntiAffinity } from './k8s/anti-affinity';
import { rule as k8sAutomountServiceAccountToken } from './k8s/automount-service-account-token';
import { rule as k8sCapabilitiesDropAll } from './k8s/capabilities-drop-all';
import { rule as k8sCronjobDeadline } from './k8s/cronjob-deadline';
import { rule as k8sDangerousCapabilities } from './k8s/dangerous-capabilities';
import { rule as k8sDefaultServiceAccount } from './k8s/default-service-account';
import { rule as k8sDeprecatedApiVersion } from './k8s/deprecated-api-version';
import { rule as k8sDockerSocket } from './k8s/docker-socket';
import { rule as k8sDuplicateEnv } from './k8s/duplicate-env';
import { rule as k8sDuplicateObject } from './k8s/duplicate-object';
import { rule as k8sEphemeralStorage } from './k8s/ephemeral-storage';
import { rule as k8sHostNamespaces } from './k8s/host-namespaces';
import { rule as k8sHostPath } from './k8s/host-path';
import { rule as k8sHostPort } from './k8s/host-port';
import { rule as k8sHpaInvalid } from './k8s/hpa-invalid';
import { rule as k8sHpaReplicasConflict } from './k8s/hpa-replicas-conflict';
import { rule as k8sHpaTargetMissing } from './k8s/hpa-target-missing';
import { rule as k8sImageLatestTag } from './k8s/image-latest-tag';
import { rule as k8sImagePullPolicy } from './k8s/image-pull-policy';
import { rule as k8sIngressBackendMissing } from './k8s/ingress-backend-missing';
import { rule as k8sJobTtl } from './k8s/job-ttl';
import { rule as k8sNamespace } from './k8s/namespace';
import { rule as k8sNetworkpolicySelectsNothing } from './k8s/networkpolicy-selects-nothing';
import { rule as k8sPdbBlocksEviction } from './k8s/pdb-blocks-eviction';
import { rule as k8sPdbMissing } from './k8s/pdb-missing';
import { rule as k8sPdbSelectsNothing } from './k8s/pdb-selects-nothing';
import { rule as k8sPlaintextSecretConfig } from './k8s/plaintext-secret-config';
import { rule as k8sPlaintextSecretEnv } from './k8s/plaintext-secret-env';
import { rule as k8sPrivilegeEscalation } from './k8s/privilege-escalation';
import { rule as k8sPrivilegedContainer } from './k8s/privileged-container';
import { rule as k8sProbePort } from './k8s/probe-port';
import { rule as k8sProbesIdentical } from './k8s/probes-identical';
import { rule as k8sProbesMissing } from './k8s/probes-missing';
import { rule as k8sProcMount } from './k8s/proc-mount';
import { rule as k8sReadOnlyRootFilesystem } from './k8s/read-only-root-filesystem';
import { rule as k8sReadOnlyRootTmp } from './k8s/read-only-root-tmp';
import { rule as k8sReferenceMissing } from './k8s/reference-missing';
import { rule as k8sRequestsExceedLimits } from './k8s/requests-exceed-limits';
import { rule as k8sResourcesMissing } from './k8s/resources-missing';
import { rule as k8sRunAsNonRoot } from './k8s/run-as-non-root';
import { rule as k8sRunAsUserId } from './k8s/run-as-user-id';
import { rule as k8sSchemaRequired } from './k8s/schema-required';
import { rule as k8sSchemaType } from './k8s/schema-type';
import { rule as k8sSchemaUnknownField } from './k8s/schema-unknown-field';
import { rule as k8sSchemaUnknownKind } from './k8s/schema-unknown-kind';
import { rule as k8sSeccompProfile } from './k8s/seccomp-profile';
import { rule as k8sSelectorMismatch } from './k8s/selector-mismatch';
import { rule as k8sServiceSelectsNothing } from './k8s/service-selects-nothing';
import { rule as k8sServiceTargetPort } from './k8s/service-target-port';
import { rule as k8sUnsafeSysctls } from './k8s/unsafe-sysctls';
import { rule as kustomizeMissingFile } from './kustomize/missing-file';
import { rule as shipshapeConfig } from './shipshape/config';
import { rule as yamlSyntax } from './yaml/syntax';

/** Every rule, sorted by id. */
export const RULES: readonly Rule[] = [
  dockerfileAddInsteadOfCopy,
  dockerfileAddUrl,
  dockerfileApkNoCache,
  dockerfileApkPinVersions,
  dockerfileAptGetYes,
  dockerfileAptListsNotRemoved,
  dockerfileAptNoInstallRecommends,
  dockerfileAptNotAptGet,
  dockerfileAptPinVersions,
  dockerfileAptUpdateAlone,
  dockerfileCdInsteadOfWorkdir,
  dockerfileConsecutiveRun,
  dockerfileContainerPointlessCommand,
  dockerfileCopyArchiveThenExtract,
  dockerfileCopyDestSlash,
  dockerfileCopyFromOwnStage,
  dockerfileCopyFromUnknownStage,
  dockerfileCopyRelativeNoWorkdir,
  dockerfileCopySensitiveFile,
  dockerfileCopyWholeStage,
  dockerfileCurlPipeShell,
  dockerfileDockerignoreIncomplete,
  dockerfileDockerignoreMissing,
  dockerfileDuplicateStageName,
  dockerfileEnvSelfReference,
  dockerfileExposeInvalidPort,
  dockerfileFirstInstruction,
  dockerfileFromPlatformFlag,
  dockerfileGemPinVersions,
  dockerfileGoInstallVersion,
  dockerfileHealthcheckMissing,
  dockerfileImageDigestPin,
  dockerfileImageLatestTag,
  dockerfileImageUntagged,
  dockerfileJsonFormCmd,
  dockerfileLabelFormat,
  dockerfileLabelSchema,
  dockerfileLastUserRoot,
  dockerfileMaintainerDeprecated,
  dockerfileMultipleCmd,
  dockerfileMultipleEntrypoint,
  dockerfileMultipleHealthcheck,
  dockerfileNoSudo,
  dockerfileNpmCi,
  dockerfileNpmPinVersions,
  dockerfileOnbuildForbidden,
  dockerfilePipNoCacheDir,
  dockerfilePipPinVersions,
  dockerfilePipefail,
  dockerfileReservedStageName,
  dockerfileRpmCacheClean,
  dockerfileRpmInstallYes,
  dockerfileRpmPinVersions,
  dockerfileSecretInEnv,
  dockerfileShellChangeInline,
  dockerfileShellcheck,
  dockerfileUntrustedRegistry,
  dockerfileUserNonNumeric,
  dockerfileUseraddWithoutL,
  dockerfileWgetAndCurl,
  dockerfileWgetNoProgress,
  dockerfileWorkdirRelative,
  dockerfileYarnCacheClean,
  helmChartApiVersion,
  helmChartDependencies,
  helmChartKubeVersion,
  helmChartRequiredFields,
  helmChartType,
  helmChartVersionSemver,
  helmSchemaInvalid,
  helmTemplateSyntax,
  helmUndefinedValue,
  helmUnusedValue,
  helmValuesImageTag,
  helmValuesPlaintextSecret,
  helmValuesResourcesEmpty,
  helmValuesSchema,
  k8sAntiAffinity,
  k8sAutomountServiceAccountToken,
  k8sCapabilitiesDropAll,
  k8sCronjobDeadline,
  k8sDangerousCapabilities,
  k8sDefaultServiceAccount,
  k8sDeprecatedApiVersion,
  k8sDockerSocket,
  k8sDuplicateEnv,
  k8sDuplicateObject,
  k8sEphemeralStorage,
  k8sHostNamespaces,
  k8sHostPath,
  k8sHostPort,
  k8sHpaInvalid,
  k8sHpaReplicasConflict,
  k8sHpaTargetMissing,
  k8sImageLatestTag,
  k8sImagePullPolicy,
  k8sIngressBackendMissing,
  k8sJobTtl,
  k8sNamespace,
  k8sNetworkpolicySelectsNothing,
  k8sPdbBlocksEviction,
  k8sPdbMissing,
  k8sPdbSelectsNothing,
  k8sPlaintextSecretConfig,
  k8sPlaintextSecretEnv,
  k8sPrivilegeEscalation,
  k8sPrivilegedContainer,
  k8sProbePort,
  k8sProbesIdentical,
  k8sProbesMissing,
  k8sProcMount,
  k8sReadOnlyRootFilesystem,
  k8sReadOnlyRootTmp,
  k8sReferenceMissing,
  k8sRequestsExceedLimits,
  k8sResourcesMissing,
  k8sRunAsNonRoot,
  k8sRunAsUserId,
  k8sSchemaRequired,
  k8sSchemaType,
  k8sSchemaUnknownField,
  k8sSchemaUnknownKind,
  k8sSeccompProfile,
  k8sSelectorMismatch,
  k8sServiceSelectsNothing,
  k8sServiceTargetPort,
  k8sUnsafeSysctls,
  kustomizeMissingFile,
  shipshapeConfig,
  yamlSyntax,
] as readonly Rule[];

/** Findings the engine emits itself; documented like rules, configurable like rules. */
export const ENGINE_RULES: readonly EngineRuleInfo[] = [
  {
    id: BINARY_FILE,
    title: 'Binary file not checked',
    severity: 'info',
    docs: 'The file contains NUL bytes, so it is not text; Shipshape reports this once and checks nothing else in it.',
    remediation: 'Nothing to do if the file is meant to be binary; otherwise restore it from version control.',
  },
  {
    id: FILE_TOO_LARGE,
    title: 'File too large for the expensive rules',
    severity: 'info',
    docs: 'Files above `shipshape.maxFileSize` (or `maxFileSize` in `.shipshape.yaml`) skip the expensive rules so the editor stays responsive; the cheap rules still run.',
    remediation: 'Raise `maxFileSize` if you want every rule on this file, or split the file.',
  },
  {
    id: INTERNAL_ERROR,
    title: 'A rule failed on this file',
    severity: 'error',
    docs: 'A rule threw an exception on this file, or a parser some rules need (the shell parser of `RUN` lines) failed to load. The message names the rule or the parser; every other rule still ran. A parser that failed is reported on every file that needs it, whatever the suppressions, and makes `shipshape check` exit 2. This is a Shipshape bug.',
    remediation: 'Report the file (or a reduced copy) and the message; meanwhile turn the named rule off for this file.',
  },
  ...HELM_ENGINE_RULES,
];

/** Looks a rule up by id. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

const BY_ID = new Map(RULES.map((r) => [r.id, r] as const));

registerCatalogue(RULES, ENGINE_RULES);
