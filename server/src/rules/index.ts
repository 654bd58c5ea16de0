/**
 * The rule registry: an explicit list, sorted by id (a test keeps it sorted). To add a rule, follow
 * the recipe in CONTRIBUTING.md and add one import and one entry here.
 */
import { BINARY_FILE, CHECK_TIMEOUT, FILE_TOO_LARGE, INTERNAL_ERROR, TOO_MANY_FINDINGS } from '../engine/engine';
import type { EngineRuleInfo, Rule } from '../engine/rule';
import { HELM_ENGINE_RULES } from '../helm/ids';
import { registerCatalogue } from './catalogue';
import { rule as composeClusterParity } from './compose/cluster-parity';
import { rule as composeContainerNameReplicas } from './compose/container-name-replicas';
import { rule as composeDependsOnHealthy } from './compose/depends-on-healthy';
import { rule as composeDockerSocket } from './compose/docker-socket';
import { rule as composeDuplicateHostPort } from './compose/duplicate-host-port';
import { rule as composeExposedDatabasePort } from './compose/exposed-database-port';
import { rule as composeHealthcheckMissing } from './compose/healthcheck-missing';
import { rule as composeHostNamespace } from './compose/host-namespace';
import { rule as composeImageTag } from './compose/image-tag';
import { rule as composeLiteralSecret } from './compose/literal-secret';
import { rule as composeMissingPath } from './compose/missing-path';
import { rule as composePrivileged } from './compose/privileged';
import { rule as composeRestartMissing } from './compose/restart-missing';
import { rule as composeSchemaType } from './compose/schema-type';
import { rule as composeUnknownKey } from './compose/unknown-key';
import { rule as composeVersionObsolete } from './compose/version-obsolete';
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
import { rule as dockerfileCopyIgnoredFile } from './dockerfile/copy-ignored-file';
import { rule as dockerfileCopyRelativeNoWorkdir } from './dockerfile/copy-relative-no-workdir';
import { rule as dockerfileCopySensitiveFile } from './dockerfile/copy-sensitive-file';
import { rule as dockerfileCopyWholeStage } from './dockerfile/copy-whole-stage';
import { rule as dockerfileCurlPipeShell } from './dockerfile/curl-pipe-shell';
import { rule as dockerfileDefinitionDescription } from './dockerfile/definition-description';
import { rule as dockerfileDockerignoreIncomplete } from './dockerfile/dockerignore-incomplete';
import { rule as dockerfileDockerignoreMissing } from './dockerfile/dockerignore-missing';
import { rule as dockerfileDuplicateStageName } from './dockerfile/duplicate-stage-name';
import { rule as dockerfileEmptyContinuation } from './dockerfile/empty-continuation';
import { rule as dockerfileEnvSelfReference } from './dockerfile/env-self-reference';
import { rule as dockerfileExposeInvalidPort } from './dockerfile/expose-invalid-port';
import { rule as dockerfileExposeProtoCasing } from './dockerfile/expose-proto-casing';
import { rule as dockerfileFirstInstruction } from './dockerfile/first-instruction';
import { rule as dockerfileFromAsCasing } from './dockerfile/from-as-casing';
import { rule as dockerfileFromInvalidDefaultArg } from './dockerfile/from-invalid-default-arg';
import { rule as dockerfileFromPlatformFlag } from './dockerfile/from-platform-flag';
import { rule as dockerfileFromUndefinedArg } from './dockerfile/from-undefined-arg';
import { rule as dockerfileGemPinVersions } from './dockerfile/gem-pin-versions';
import { rule as dockerfileGoInstallVersion } from './dockerfile/go-install-version';
import { rule as dockerfileHealthcheckMissing } from './dockerfile/healthcheck-missing';
import { rule as dockerfileImageDigestPin } from './dockerfile/image-digest-pin';
import { rule as dockerfileImageLatestTag } from './dockerfile/image-latest-tag';
import { rule as dockerfileImageUntagged } from './dockerfile/image-untagged';
import { rule as dockerfileInlineIgnore } from './dockerfile/inline-ignore';
import { rule as dockerfileInstructionCasing } from './dockerfile/instruction-casing';
import { rule as dockerfileJsonFormCmd } from './dockerfile/json-form-cmd';
import { rule as dockerfileLabelFormat } from './dockerfile/label-format';
import { rule as dockerfileLabelSchema } from './dockerfile/label-schema';
import { rule as dockerfileLastUserRoot } from './dockerfile/last-user-root';
import { rule as dockerfileLegacyKeyValue } from './dockerfile/legacy-key-value';
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
import { rule as dockerfileRedundantTargetPlatform } from './dockerfile/redundant-target-platform';
import { rule as dockerfileReservedStageName } from './dockerfile/reserved-stage-name';
import { rule as dockerfileRpmCacheClean } from './dockerfile/rpm-cache-clean';
import { rule as dockerfileRpmInstallYes } from './dockerfile/rpm-install-yes';
import { rule as dockerfileRpmPinVersions } from './dockerfile/rpm-pin-versions';
import { rule as dockerfileRunInScratch } from './dockerfile/run-in-scratch';
import { rule as dockerfileSecretInEnv } from './dockerfile/secret-in-env';
import { rule as dockerfileSecretName } from './dockerfile/secret-name';
import { rule as dockerfileShellChangeInline } from './dockerfile/shell-change-inline';
import { rule as dockerfileShellcheck } from './dockerfile/shellcheck';
import { rule as dockerfileStageNameCasing } from './dockerfile/stage-name-casing';
import { rule as dockerfileUndefinedVar } from './dockerfile/undefined-var';
import { rule as dockerfileUntrustedRegistry } from './dockerfile/untrusted-registry';
import { rule as dockerfileUserNonNumeric } from './dockerfile/user-non-numeric';
import { rule as dockerfileUseraddWithoutL } from './dockerfile/useradd-without-l';
import { rule as dockerfileWgetAndCurl } from './dockerfile/wget-and-curl';
import { rule as dockerfileWgetNoProgress } from './dockerfile/wget-no-progress';
import { rule as dockerfileWorkdirRelative } from './dockerfile/workdir-relative';
import { rule as dockerfileYarnCacheClean } from './dockerfile/yarn-cache-clean';
import { rule as dockerfileZypperDistUpgrade } from './dockerfile/zypper-dist-upgrade';
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
import { rule as k8sDaprBrokerMismatch } from './k8s/dapr-broker-mismatch';
import { rule as k8sDaprSecretStoreMissing } from './k8s/dapr-secret-store-missing';
import { rule as k8sDefaultServiceAccount } from './k8s/default-service-account';
import { rule as k8sDeploymentReplicas } from './k8s/deployment-replicas';
import { rule as k8sDeprecatedApiVersion } from './k8s/deprecated-api-version';
import { rule as k8sDeprecatedServiceAccount } from './k8s/deprecated-service-account';
import { rule as k8sDnsConfigOptions } from './k8s/dns-config-options';
import { rule as k8sDockerSocket } from './k8s/docker-socket';
import { rule as k8sDuplicateEnv } from './k8s/duplicate-env';
import { rule as k8sDuplicateObject } from './k8s/duplicate-object';
import { rule as k8sEnvKeyMissing } from './k8s/env-key-missing';
import { rule as k8sEphemeralStorage } from './k8s/ephemeral-storage';
import { rule as k8sExternalsecretStoreMissing } from './k8s/externalsecret-store-missing';
import { rule as k8sHostNamespaces } from './k8s/host-namespaces';
import { rule as k8sHostPath } from './k8s/host-path';
import { rule as k8sHostPort } from './k8s/host-port';
import { rule as k8sHostProcess } from './k8s/host-process';
import { rule as k8sHpaFixedReplicas } from './k8s/hpa-fixed-replicas';
import { rule as k8sHpaInvalid } from './k8s/hpa-invalid';
import { rule as k8sHpaMinReplicas } from './k8s/hpa-min-replicas';
import { rule as k8sHpaReplicasConflict } from './k8s/hpa-replicas-conflict';
import { rule as k8sHpaTargetMissing } from './k8s/hpa-target-missing';
import { rule as k8sHttprouteBackendMissing } from './k8s/httproute-backend-missing';
import { rule as k8sImageLatestTag } from './k8s/image-latest-tag';
import { rule as k8sImagePullPolicy } from './k8s/image-pull-policy';
import { rule as k8sIngressBackendMissing } from './k8s/ingress-backend-missing';
import { rule as k8sIngressTls } from './k8s/ingress-tls';
import { rule as k8sInstanceLabel } from './k8s/instance-label';
import { rule as k8sJobTtl } from './k8s/job-ttl';
import { rule as k8sKafkaClusterMissing } from './k8s/kafka-cluster-missing';
import { rule as k8sKedaTargetMissing } from './k8s/keda-target-missing';
import { rule as k8sLabelValues } from './k8s/label-values';
import { rule as k8sLinuxHardening } from './k8s/linux-hardening';
import { rule as k8sNamespace } from './k8s/namespace';
import { rule as k8sNamespaceDefaultDeny } from './k8s/namespace-default-deny';
import { rule as k8sNetworkPolicyMissing } from './k8s/network-policy-missing';
import { rule as k8sNetworkpolicyPeerSelectsNothing } from './k8s/networkpolicy-peer-selects-nothing';
import { rule as k8sNetworkpolicySelectsNothing } from './k8s/networkpolicy-selects-nothing';
import { rule as k8sNodeAffinity } from './k8s/node-affinity';
import { rule as k8sPdbBlocksEviction } from './k8s/pdb-blocks-eviction';
import { rule as k8sPdbHpaMinReplicas } from './k8s/pdb-hpa-min-replicas';
import { rule as k8sPdbMissing } from './k8s/pdb-missing';
import { rule as k8sPdbPolicyMissing } from './k8s/pdb-policy-missing';
import { rule as k8sPdbSelectsNothing } from './k8s/pdb-selects-nothing';
import { rule as k8sPdbUnhealthyEviction } from './k8s/pdb-unhealthy-eviction';
import { rule as k8sPlaintextSecretConfig } from './k8s/plaintext-secret-config';
import { rule as k8sPlaintextSecretEnv } from './k8s/plaintext-secret-env';
import { rule as k8sPortNames } from './k8s/port-names';
import { rule as k8sPriorityClass } from './k8s/priority-class';
import { rule as k8sPrivilegeEscalation } from './k8s/privilege-escalation';
import { rule as k8sPrivilegedContainer } from './k8s/privileged-container';
import { rule as k8sPrivilegedPorts } from './k8s/privileged-ports';
import { rule as k8sProbePort } from './k8s/probe-port';
import { rule as k8sProbesIdentical } from './k8s/probes-identical';
import { rule as k8sProbesMissing } from './k8s/probes-missing';
import { rule as k8sProcMount } from './k8s/proc-mount';
import { rule as k8sRbacBindingPodExec } from './k8s/rbac-binding-pod-exec';
import { rule as k8sRbacClusterAdmin } from './k8s/rbac-cluster-admin';
import { rule as k8sRbacCreatePods } from './k8s/rbac-create-pods';
import { rule as k8sRbacDefaultServiceAccount } from './k8s/rbac-default-service-account';
import { rule as k8sRbacPodExec } from './k8s/rbac-pod-exec';
import { rule as k8sRbacSecretsAccess } from './k8s/rbac-secrets-access';
import { rule as k8sRbacWildcard } from './k8s/rbac-wildcard';
import { rule as k8sReadOnlyRootFilesystem } from './k8s/read-only-root-filesystem';
import { rule as k8sReadOnlyRootTmp } from './k8s/read-only-root-tmp';
import { rule as k8sReferenceMissing } from './k8s/reference-missing';
import { rule as k8sRequestsEqualLimits } from './k8s/requests-equal-limits';
import { rule as k8sRequestsExceedLimits } from './k8s/requests-exceed-limits';
import { rule as k8sRequiredMetadata } from './k8s/required-metadata';
import { rule as k8sResourcesMissing } from './k8s/resources-missing';
import { rule as k8sRestartPolicy } from './k8s/restart-policy';
import { rule as k8sRollingUpdate } from './k8s/rolling-update';
import { rule as k8sRunAsNonRoot } from './k8s/run-as-non-root';
import { rule as k8sRunAsUserId } from './k8s/run-as-user-id';
import { rule as k8sSccPrivileged } from './k8s/scc-privileged';
import { rule as k8sSchemaRequired } from './k8s/schema-required';
import { rule as k8sSchemaType } from './k8s/schema-type';
import { rule as k8sSchemaUnknownField } from './k8s/schema-unknown-field';
import { rule as k8sSchemaUnknownKind } from './k8s/schema-unknown-kind';
import { rule as k8sSeccompProfile } from './k8s/seccomp-profile';
import { rule as k8sSecretEnvRef } from './k8s/secret-env-ref';
import { rule as k8sSelectorMismatch } from './k8s/selector-mismatch';
import { rule as k8sServiceSelectsNothing } from './k8s/service-selects-nothing';
import { rule as k8sServiceTargetPort } from './k8s/service-target-port';
import { rule as k8sServiceType } from './k8s/service-type';
import { rule as k8sServicemonitorPortMissing } from './k8s/servicemonitor-port-missing';
import { rule as k8sServicemonitorSelectsNothing } from './k8s/servicemonitor-selects-nothing';
import { rule as k8sSshPort } from './k8s/ssh-port';
import { rule as k8sStatefulsetServiceName } from './k8s/statefulset-service-name';
import { rule as k8sTopologySpread } from './k8s/topology-spread';
import { rule as k8sTopologySpreadInvalid } from './k8s/topology-spread-invalid';
import { rule as k8sUnsafeSysctls } from './k8s/unsafe-sysctls';
import { rule as k8sWritableHostMount } from './k8s/writable-host-mount';
import { rule as kustomizeMissingFile } from './kustomize/missing-file';
import { rule as shipshapeConfig } from './shipshape/config';
import { rule as shipshapePeerConfig } from './shipshape/peer-config';
import { rule as yamlSyntax } from './yaml/syntax';

/** Every rule, sorted by id. */
export const RULES: readonly Rule[] = [
  composeClusterParity,
  composeContainerNameReplicas,
  composeDependsOnHealthy,
  composeDockerSocket,
  composeDuplicateHostPort,
  composeExposedDatabasePort,
  composeHealthcheckMissing,
  composeHostNamespace,
  composeImageTag,
  composeLiteralSecret,
  composeMissingPath,
  composePrivileged,
  composeRestartMissing,
  composeSchemaType,
  composeUnknownKey,
  composeVersionObsolete,
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
  dockerfileCopyIgnoredFile,
  dockerfileCopyRelativeNoWorkdir,
  dockerfileCopySensitiveFile,
  dockerfileCopyWholeStage,
  dockerfileCurlPipeShell,
  dockerfileDefinitionDescription,
  dockerfileDockerignoreIncomplete,
  dockerfileDockerignoreMissing,
  dockerfileDuplicateStageName,
  dockerfileEmptyContinuation,
  dockerfileEnvSelfReference,
  dockerfileExposeInvalidPort,
  dockerfileExposeProtoCasing,
  dockerfileFirstInstruction,
  dockerfileFromAsCasing,
  dockerfileFromInvalidDefaultArg,
  dockerfileFromPlatformFlag,
  dockerfileFromUndefinedArg,
  dockerfileGemPinVersions,
  dockerfileGoInstallVersion,
  dockerfileHealthcheckMissing,
  dockerfileImageDigestPin,
  dockerfileImageLatestTag,
  dockerfileImageUntagged,
  dockerfileInlineIgnore,
  dockerfileInstructionCasing,
  dockerfileJsonFormCmd,
  dockerfileLabelFormat,
  dockerfileLabelSchema,
  dockerfileLastUserRoot,
  dockerfileLegacyKeyValue,
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
  dockerfileRedundantTargetPlatform,
  dockerfileReservedStageName,
  dockerfileRpmCacheClean,
  dockerfileRpmInstallYes,
  dockerfileRpmPinVersions,
  dockerfileRunInScratch,
  dockerfileSecretInEnv,
  dockerfileSecretName,
  dockerfileShellChangeInline,
  dockerfileShellcheck,
  dockerfileStageNameCasing,
  dockerfileUndefinedVar,
  dockerfileUntrustedRegistry,
  dockerfileUserNonNumeric,
  dockerfileUseraddWithoutL,
  dockerfileWgetAndCurl,
  dockerfileWgetNoProgress,
  dockerfileWorkdirRelative,
  dockerfileYarnCacheClean,
  dockerfileZypperDistUpgrade,
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
  k8sDaprBrokerMismatch,
  k8sDaprSecretStoreMissing,
  k8sDefaultServiceAccount,
  k8sDeploymentReplicas,
  k8sDeprecatedApiVersion,
  k8sDeprecatedServiceAccount,
  k8sDnsConfigOptions,
  k8sDockerSocket,
  k8sDuplicateEnv,
  k8sDuplicateObject,
  k8sEnvKeyMissing,
  k8sEphemeralStorage,
  k8sExternalsecretStoreMissing,
  k8sHostNamespaces,
  k8sHostPath,
  k8sHostPort,
  k8sHostProcess,
  k8sHpaFixedReplicas,
  k8sHpaInvalid,
  k8sHpaMinReplicas,
  k8sHpaReplicasConflict,
  k8sHpaTargetMissing,
  k8sHttprouteBackendMissing,
  k8sImageLatestTag,
  k8sImagePullPolicy,
  k8sIngressBackendMissing,
  k8sIngressTls,
  k8sInstanceLabel,
  k8sJobTtl,
  k8sKafkaClusterMissing,
  k8sKedaTargetMissing,
  k8sLabelValues,
  k8sLinuxHardening,
  k8sNamespace,
  k8sNamespaceDefaultDeny,
  k8sNetworkPolicyMissing,
  k8sNetworkpolicyPeerSelectsNothing,
  k8sNetworkpolicySelectsNothing,
  k8sNodeAffinity,
  k8sPdbBlocksEviction,
  k8sPdbHpaMinReplicas,
  k8sPdbMissing,
  k8sPdbPolicyMissing,
  k8sPdbSelectsNothing,
  k8sPdbUnhealthyEviction,
  k8sPlaintextSecretConfig,
  k8sPlaintextSecretEnv,
  k8sPortNames,
  k8sPriorityClass,
  k8sPrivilegeEscalation,
  k8sPrivilegedContainer,
  k8sPrivilegedPorts,
  k8sProbePort,
  k8sProbesIdentical,
  k8sProbesMissing,
  k8sProcMount,
  k8sRbacBindingPodExec,
  k8sRbacClusterAdmin,
  k8sRbacCreatePods,
  k8sRbacDefaultServiceAccount,
  k8sRbacPodExec,
  k8sRbacSecretsAccess,
  k8sRbacWildcard,
  k8sReadOnlyRootFilesystem,
  k8sReadOnlyRootTmp,
  k8sReferenceMissing,
  k8sRequestsEqualLimits,
  k8sRequestsExceedLimits,
  k8sRequiredMetadata,
  k8sResourcesMissing,
  k8sRestartPolicy,
  k8sRollingUpdate,
  k8sRunAsNonRoot,
  k8sRunAsUserId,
  k8sSccPrivileged,
  k8sSchemaRequired,
  k8sSchemaType,
  k8sSchemaUnknownField,
  k8sSchemaUnknownKind,
  k8sSeccompProfile,
  k8sSecretEnvRef,
  k8sSelectorMismatch,
  k8sServiceSelectsNothing,
  k8sServiceTargetPort,
  k8sServiceType,
  k8sServicemonitorPortMissing,
  k8sServicemonitorSelectsNothing,
  k8sSshPort,
  k8sStatefulsetServiceName,
  k8sTopologySpread,
  k8sTopologySpreadInvalid,
  k8sUnsafeSysctls,
  k8sWritableHostMount,
  kustomizeMissingFile,
  shipshapeConfig,
  shipshapePeerConfig,
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
    id: CHECK_TIMEOUT,
    title: 'Checking this file took too long',
    severity: 'info',
    docs: 'The language server gives each check of a file a time budget of 10 seconds, and its checks a heap of 1 GB. A check over budget (or out of memory) is stopped so that hovers, completion and the other files stay responsive; this finding is reported once, on the file, instead of its findings, until the file is edited. The command line has no budget.',
    remediation: 'Split the file, or run `shipshape check` on it to see every finding.',
  },
  {
    id: FILE_TOO_LARGE,
    title: 'File too large to check',
    severity: 'info',
    docs: 'Files with more characters than `shipshape.maxFileSize` (or `maxFileSize` in `.shipshape.yaml`; 5 MB by default) are not parsed and no rule runs on them, so one huge file cannot stall the editor. The size is looked at before the file is parsed.',
    remediation: 'Raise `maxFileSize` if you want the rules on this file, or split the file.',
  },
  {
    id: INTERNAL_ERROR,
    title: 'A rule failed on this file',
    severity: 'error',
    docs: 'A rule threw an exception on this file, or a parser some rules need (the shell parser of `RUN` lines) failed to load. The message names the rule or the parser; every other rule still ran. A parser that failed is reported on every file that needs it, whatever the suppressions, and makes `shipshape check` exit 2. This is a Shipshape bug.',
    remediation: 'Report the file (or a reduced copy) and the message; meanwhile turn the named rule off for this file.',
  },
  {
    id: TOO_MANY_FINDINGS,
    title: 'Too many findings in one file',
    severity: 'info',
    docs: 'At most 1,000 findings are reported for one file; where the rest would begin, this finding says how many were left out.',
    remediation: 'Fix or suppress the most frequent finding (often one rule firing on every line), or turn that rule off for this file.',
  },
  ...HELM_ENGINE_RULES,
];

/** Looks a rule up by id. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

const BY_ID = new Map(RULES.map((r) => [r.id, r] as const));

registerCatalogue(RULES, ENGINE_RULES);
