import * as assert from 'node:assert/strict';
import { closeAll, fixture, open, setSetting, summary, waitForDiagnostics, waitForRule } from '../util';

/** Changing `shipshape.rules` re-lints open files without touching them. */
suite('settings', () => {
  let restore: (() => Promise<void>) | undefined;
  suiteTeardown(async () => {
    await restore?.();
    await closeAll();
  });

  test('shipshape.rules changes a severity, turns a rule off and back on', async () => {
    const uri = fixture('settings/pod.yaml');
    await open('settings/pod.yaml');
    const [before] = await waitForRule(uri, 'k8s/image-latest-tag', true);
    assert.deepEqual(summary(before!), { code: 'k8s/image-latest-tag', range: [7, 13, 7, 29], severity: 'Warning' });

    restore = await setSetting('shipshape', 'rules', { 'k8s/image-latest-tag': 'error' });
    const [raised] = await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => summary(d).code === 'k8s/image-latest-tag' && summary(d).severity === 'Error'),
      'k8s/image-latest-tag as an error',
    ).then((ds) => ds.filter((d) => summary(d).code === 'k8s/image-latest-tag'));
    assert.deepEqual(summary(raised!), { code: 'k8s/image-latest-tag', range: [7, 13, 7, 29], severity: 'Error' });

    await setSetting('shipshape', 'rules', { 'k8s/image-latest-tag': 'off' });
    await waitForRule(uri, 'k8s/image-latest-tag', false);

    await restore();
    restore = undefined;
    const [back] = await waitForRule(uri, 'k8s/image-latest-tag', true);
    assert.deepEqual(summary(back!), summary(before!));
  });
});
