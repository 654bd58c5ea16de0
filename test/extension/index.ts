/**
 * The `extensionTestsPath` entry, loaded by the extension host: runs one mocha (tdd) suite.
 * `SHIPSHAPE_TEST_SUITE` picks the folder: `suite` (the default), `untrusted` or `packaged`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Test files of a folder and its subfolders, sorted so the run order is stable. */
function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...testFiles(p));
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export async function run(): Promise<void> {
  // mocha is an ES module; a dynamic import loads it in every extension host's Node.
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  const suite = process.env.SHIPSHAPE_TEST_SUITE ?? 'suite';
  if (process.env.SHIPSHAPE_TEST_GREP) mocha.grep(process.env.SHIPSHAPE_TEST_GREP);
  for (const f of testFiles(path.join(__dirname, suite))) mocha.addFile(f);
  await mocha.loadFilesAsync();
  // The launcher treats a missing result file as a failure: an extension host that dies mid-run
  // must never look like a pass.
  const resultFile = process.env.VSCODE_TEST_RESULT_FILE;
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((n) => {
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ passes: runner.stats?.passes ?? 0, failures: n }));
      resolve(n);
    });
  });
  if (failures > 0) throw new Error(`${failures} extension test(s) failed.`);
}
