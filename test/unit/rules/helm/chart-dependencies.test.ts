import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/chart-dependencies';
const HEAD = 'apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies:\n';
const lint = (deps: string) => lintString(HEAD + deps, { filename: 'c/Chart.yaml', only: ID });

describe(ID, () => {
  it('flags a version that is not a range, on the value', () => {
    assert.deepEqual(summary(lint('  - name: redis\n    version: banana\n    repository: https://x.example\n')), [
      { ruleId: ID, range: [5, 13, 5, 19] },
    ]);
  });
  it('flags a repository that is not a URL', () => {
    assert.deepEqual(summary(lint('  - name: redis\n    version: 1.x\n    repository: charts.example\n')), [
      { ruleId: ID, range: [6, 16, 6, 30] },
    ]);
  });
  it('warns on a missing repository at the first key of the entry', () => {
    const f = lint('  - name: redis\n    version: 1.x\n');
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [4, 4, 4, 8] }]);
    assert.equal(f[0]!.severity, 'warning');
  });
  it('flags a bad alias and a bad condition', () => {
    assert.deepEqual(
      summary(lint('  - name: redis\n    version: 1.x\n    repository: "@bitnami"\n    alias: my.redis\n    condition: redis enabled\n')),
      [
        { ruleId: ID, range: [7, 11, 7, 19] },
        { ruleId: ID, range: [8, 15, 8, 28] },
      ],
    );
  });
  it('flags duplicate dependencies without aliases', () => {
    const dep = '  - name: redis\n    version: 1.x\n    repository: oci://r.example/c\n';
    assert.deepEqual(summary(lint(dep + dep)), [{ ruleId: ID, range: [7, 10, 7, 15] }]);
  });
  it('flags dependencies that are not a list', () => {
    assert.deepEqual(summary(lint('  redis: 1.x\n')), [{ ruleId: ID, range: [4, 2, 5, 0] }]);
    assert.deepEqual(summary(lintString(HEAD.replace('dependencies:', 'dependencies: redis'), { filename: 'c/Chart.yaml', only: ID })), [
      { ruleId: ID, range: [3, 14, 3, 19] },
    ]);
  });
  it('does not flag an empty dependencies key (no value, null, ~ or [])', () => {
    for (const v of ['', ' null', ' ~', ' []', '\n# none yet'])
      assert.deepEqual(
        summary(lintString(HEAD.replace('dependencies:', `dependencies:${v}`), { filename: 'c/Chart.yaml', only: ID })),
        [],
        v,
      );
    assert.deepEqual(summary(lint('')), []);
  });
  it('flags an entry that is not a mapping, and one without a name or version', () => {
    assert.deepEqual(summary(lint('  - redis\n  - repository: https://x.example\n')), [
      { ruleId: ID, range: [4, 4, 4, 9] },
      { ruleId: ID, range: [5, 4, 5, 14] },
      { ruleId: ID, range: [5, 4, 5, 14] },
    ]);
  });
  it('does not flag complete entries', () => {
    const ok =
      '  - name: redis\n    version: ~17.3.0\n    repository: oci://r.example/c\n    condition: redis.enabled,global.redis.enabled\n  - name: redis\n    alias: cache\n    version: 17.x.x\n    repository: file://../redis\n';
    assert.deepEqual(summary(lint(ok)), []);
  });
});
