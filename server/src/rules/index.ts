/**
 * The rule registry: an explicit list, sorted by id (a test keeps it sorted). To add a rule, follow
 * the recipe in CONTRIBUTING.md and add one import and one entry here.
 */
import { BINARY_FILE, FILE_TOO_LARGE, INTERNAL_ERROR } from '../engine/engine';
import type { EngineRuleInfo, Rule } from '../engine/rule';
import { registerCatalogue } from './catalogue';
import { rule as dockerfileMaintainerDeprecated } from './dockerfile/maintainer-deprecated';
import { rule as k8sImageLatestTag } from './k8s/image-latest-tag';
import { rule as shipshapeConfig } from './shipshape/config';
import { rule as yamlSyntax } from './yaml/syntax';

/** Every rule, sorted by id. */
export const RULES: readonly Rule[] = [dockerfileMaintainerDeprecated, k8sImageLatestTag, shipshapeConfig, yamlSyntax] as readonly Rule[];

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
    docs: 'A rule threw an exception on this file. The message names the rule; every other rule still ran. This is a Shipshape bug.',
    remediation: 'Report the file (or a reduced copy) and the message; meanwhile turn the named rule off for this file.',
  },
];

/** Looks a rule up by id. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

const BY_ID = new Map(RULES.map((r) => [r.id, r] as const));

registerCatalogue(RULES, ENGINE_RULES);
