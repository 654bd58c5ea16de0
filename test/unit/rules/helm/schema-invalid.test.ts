import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/schema-invalid';
const CHART = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';
const lint = (schema: string) =>
  summary(lintString(schema, { filename: 'c/values.schema.json', files: { 'c/Chart.yaml': CHART }, only: ID }));

describe(ID, () => {
  it('flags an unknown type name on the value', () => {
    assert.deepEqual(lint('{\n  "type": "object",\n  "properties": { "a": { "type": "strin" } }\n}\n'), [
      { ruleId: ID, range: [2, 33, 2, 40] },
    ]);
  });
  it('flags JSON syntax errors where the parser stopped', () => {
    const found = lint('{\n  "type": "object",\n}\n');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range.slice(0, 2), [2, 0]);
  });
  it('checks against the declared draft', () => {
    assert.deepEqual(lint('{ "$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "minProperties": -1 }'), [
      { ruleId: ID, range: [0, 91, 0, 93] },
    ]);
  });
  it('warns on a pattern that needs backtracking (lookaround, backreferences), on the pattern', () => {
    const text =
      '{\n  "properties": {\n    "a": { "pattern": "^(?=x)y" },\n    "b": { "patternProperties": { "(a)\\\\1": { "type": "string" } } }\n  }\n}\n';
    const found = lintString(text, { filename: 'c/values.schema.json', files: { 'c/Chart.yaml': CHART }, only: ID });
    assert.deepEqual(summary(found), [
      { ruleId: ID, range: [2, 22, 2, 31] },
      { ruleId: ID, range: [3, 34, 3, 42] },
    ]);
    assert.deepEqual(
      found.map((f) => f.severity),
      ['warning', 'warning'],
    );
    assert.match(
      found[0]!.message,
      /^Shipshape cannot check values against the pattern "\^\(\?=x\)y" \(.*\): it checks patterns with a linear-time engine/,
    );
  });
  it('does not flag a pattern the linear-time engine runs', () => {
    assert.deepEqual(lint('{ "properties": { "a": { "pattern": "^(a+)+$" }, "b": { "patternProperties": { "^x-\\\\d+$": {} } } } }'), []);
  });
  it('does not flag valid schemas of any supported draft', () => {
    assert.deepEqual(lint('{ "type": "object" }'), []);
    assert.deepEqual(
      lint('{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "$defs": { "a": { "type": "string" } } }'),
      [],
    );
    assert.deepEqual(lint('{ "$schema": "https://json-schema.org/draft/2019-09/schema", "type": "object" }'), []);
  });
  it('accepts each spelling of a published draft (http or https, with or without the #)', () => {
    for (const $schema of [
      'https://json-schema.org/draft/2020-12/schema',
      'http://json-schema.org/draft/2020-12/schema',
      'https://json-schema.org/draft/2020-12/schema#',
      'https://json-schema.org/draft/2019-09/schema',
      'http://json-schema.org/draft/2019-09/schema#',
      'http://json-schema.org/draft-07/schema#',
      'https://json-schema.org/draft-07/schema#',
      'https://json-schema.org/draft-07/schema',
      'http://json-schema.org/draft-07/schema',
      'http://www.json-schema.org/draft-07/schema#',
      'http://json-schema.org/draft-06/schema#',
      'https://json-schema.org/draft-06/schema#',
      'http://json-schema.org/draft-04/schema#',
      'https://json-schema.org/draft-04/schema#',
      'https://json-schema.org/draft-04/schema',
    ])
      assert.deepEqual(lint(JSON.stringify({ $schema, type: 'object', properties: { a: { type: 'string' } } })), [], $schema);
  });
  it('still checks a schema declared with an https spelling against its draft', () => {
    assert.deepEqual(lint('{ "$schema": "https://json-schema.org/draft-07/schema#", "type": "object", "minProperties": -1 }'), [
      { ruleId: ID, range: [0, 92, 0, 94] },
    ]);
  });
  it('accepts every edit of a schema that declares an $id (each version is compiled afresh)', () => {
    const schema = (type: string) =>
      `{ "$id": "https://example.com/values.json", "type": "object", "properties": { "a": { "type": "${type}" } } }\n`;
    assert.deepEqual(lint(schema('string')), []);
    assert.deepEqual(lint(schema('integer')), []);
    assert.deepEqual(lint(schema('strin')), [{ ruleId: ID, range: [0, 93, 0, 100] }]);
    assert.deepEqual(lint(schema('boolean')), []);
  });
});
