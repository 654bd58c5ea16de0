import { strict as assert } from 'node:assert';
import { toJson, toSarif, toText, type FileFinding } from '../../server/src/cli/format';
import { toDiagnostic } from '../../server/src/handlers/convert';

const range = (l: number, a: number, b: number) => ({ start: { line: l, character: a }, end: { line: l, character: b } });
const finding: FileFinding = {
  ruleId: 'k8s/example',
  severity: 'info',
  fixable: false,
  message: 'The two sides differ.',
  range: range(2, 4, 9),
  related: [{ uri: 'file:///w/deploy.yaml', range: range(7, 10, 13), message: 'the other side' }],
  file: 'compose.yaml',
  relatedFiles: ['deploy.yaml'],
};

describe('related locations', () => {
  it('become the LSP relatedInformation of a diagnostic', () => {
    assert.deepEqual(toDiagnostic(finding).relatedInformation, [
      { location: { uri: 'file:///w/deploy.yaml', range: range(7, 10, 13) }, message: 'the other side' },
    ]);
    assert.equal(toDiagnostic({ ...finding, related: undefined }).relatedInformation, undefined);
  });
  it('are printed under the finding by the CLI, in text, JSON and SARIF', () => {
    assert.equal(
      toText([finding], 2).split('\n').slice(0, 2).join('\n'),
      'compose.yaml:3:5: info The two sides differ. [k8s/example]\n  deploy.yaml:8:11: related the other side',
    );
    assert.deepEqual((JSON.parse(toJson([finding])) as { related: unknown }[])[0]!.related, [
      { file: 'deploy.yaml', range: range(7, 10, 13), message: 'the other side' },
    ]);
    const sarif = JSON.parse(toSarif([finding], [], '0')) as { runs: { results: { relatedLocations: unknown }[] }[] };
    assert.deepEqual(sarif.runs[0]!.results[0]!.relatedLocations, [
      {
        id: 0,
        message: { text: 'the other side' },
        physicalLocation: {
          artifactLocation: { uri: 'deploy.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 8, startColumn: 11, endLine: 8, endColumn: 14 },
        },
      },
    ]);
  });
});
