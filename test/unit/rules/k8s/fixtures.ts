/** Reads the Kubernetes rule fixtures (`test/fixtures/rules/<id>/…`) for the rule tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../../..');

/** The text of one fixture file of a rule. */
export function fixture(id: string, file: 'bad.yaml' | 'good.yaml' | 'bad.fixed.yaml'): string {
  return fs.readFileSync(path.join(ROOT, 'test/fixtures/rules', id, file), 'utf8');
}

/** `.shipshape.yaml` text that switches an opt-in rule on. */
export function enable(id: string, severity = 'info'): string {
  return `rules:\n  ${id}: ${severity}\n`;
}
