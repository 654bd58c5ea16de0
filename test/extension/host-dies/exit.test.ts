import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

/**
 * Checks the harness, not Shipshape: the extension host dies in the middle of a run. The
 * `host-dies` run of scripts/run-vscode-tests.mjs passes only if this run is reported as failed.
 */
suite('the extension host dies mid-run', () => {
  test('a passing test before the death', () => {
    assert.ok(true);
  });

  test('the extension host is killed', () => {
    // Tells the harness this test really ran (rather than the run failing for another reason).
    const marker = process.env.SHIPSHAPE_TEST_MARKER;
    if (marker) fs.writeFileSync(marker, String(process.pid));
    process.kill(process.pid, 'SIGKILL');
  });
});
