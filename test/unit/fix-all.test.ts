/** What a bulk fix applies: safe fixes only unless asked, findings at or above the threshold, never a runaway. */
import { strict as assert } from 'node:assert';
import { EffectiveConfig } from '../../server/src/engine/config';
import { fixAll, type LintEnvironment } from '../../server/src/engine/engine';
import { DiskProbe } from '../../server/src/engine/project';
import { defineRule, type Rule } from '../../server/src/engine/rule';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { engineReady } from './ready';

function env(rules: readonly Rule[]): LintEnvironment {
  const probe = new DiskProbe();
  return {
    rules,
    config: new EffectiveConfig({ rules: {}, kubernetesVersion: '1.33', maxFileSize: 5e6 }),
    workspace: new WorkspaceIndex((p) => probe.exists(p)),
    probe,
    ready: engineReady(),
  };
}

const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Flags a Dockerfile without `marker`; its fix appends `insert`. */
function appending(
  id: string,
  marker: string,
  insert: string,
  fixApplicability: 'safe' | 'unsafe',
  severity: 'warning' | 'hint' = 'warning',
) {
  return defineRule({
    id,
    title: id,
    severity,
    fixApplicability,
    appliesTo: ['dockerfile'],
    aliases: [],
    docs: 'test',
    remediation: 'test',
    check: (ctx) => (ctx.doc.text.includes(marker) ? [] : [{ message: `no ${marker}`, range: at0 }]),
    fix: (ctx) => {
      const end = ctx.doc.lines.positionAt(ctx.doc.text.length);
      return { title: 'append', edits: [{ range: { start: end, end }, newText: insert }] };
    },
  });
}

describe('fixAll', () => {
  const uri = 'file:///work/Dockerfile';
  const text = 'FROM alpine:3.20\n';
  const safe = appending('test/safe', '# safe', '# safe\n', 'safe');
  const unsafe = appending('test/unsafe', '# unsafe', '# unsafe\n', 'unsafe');

  it('applies safe fixes only by default', () => {
    assert.deepEqual(fixAll({ uri, text }, env([safe, unsafe])), { text: `${text}# safe\n`, applied: 1 });
  });
  it('applies unsafe fixes too when asked', () => {
    assert.equal(fixAll({ uri, text }, env([safe, unsafe]), { unsafe: true }).text, `${text}# safe\n# unsafe\n`);
  });
  it('fixes nothing below the threshold', () => {
    const hint = appending('test/hint', '# hint', '# hint\n', 'safe', 'hint');
    assert.equal(fixAll({ uri, text }, env([hint]), { threshold: 'info' }).text, text);
    assert.equal(fixAll({ uri, text }, env([hint]), { threshold: 'hint' }).text, `${text}# hint\n`);
  });
  it('stops a fix that does not remove its finding after one pass', () => {
    const runaway = appending('test/runaway', '# never', 'USER 10001\n', 'safe');
    assert.deepEqual(fixAll({ uri, text }, env([runaway])), { text: `${text}USER 10001\n`, applied: 1 });
  });
});
