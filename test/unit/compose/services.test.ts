import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { composeCompletionsAt, composeDefinition, composeServiceHover, keyHover } from '../../../server/src/services/compose';

const FILE = path.resolve('/ws/compose.yaml');
const TEXT = `services:
  api:
    build:
      context: ./api
      dockerfile: prod.Dockerfile
    ports:
      - "3000:3000"
  db:
    image: postgres:16.4
    
`;

describe('Compose navigation and hovers', () => {
  it('goes from build.dockerfile and build.context to the Dockerfile the service builds', () => {
    const want = [
      { file: path.resolve('/ws/api/prod.Dockerfile'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    ];
    assert.deepEqual(
      composeDefinition(FILE, TEXT, { line: 4, character: 20 }, () => true),
      want,
    );
    assert.deepEqual(
      composeDefinition(FILE, TEXT, { line: 3, character: 18 }, () => true),
      want,
    );
    assert.deepEqual(
      composeDefinition(FILE, TEXT, { line: 4, character: 20 }, () => false),
      [],
    );
    assert.deepEqual(
      composeDefinition(FILE, TEXT, { line: 8, character: 12 }, () => true),
      [],
    );
  });
  it("lists the built Dockerfile's findings in the hover on the service name", () => {
    const seen: string[] = [];
    const res = composeServiceHover(FILE, TEXT, { line: 1, character: 3 }, (f) => {
      seen.push(f);
      return [{ ruleId: 'dockerfile/healthcheck-missing', severity: 'info', message: 'No HEALTHCHECK.', line: 2 }];
    });
    assert.deepEqual(seen, [path.resolve('/ws/api/prod.Dockerfile')]);
    assert.deepEqual(res?.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
    assert.match(res!.markdown, /Builds `api\/prod.Dockerfile`, which has 1 finding:/);
    assert.match(res!.markdown, /line 3, info: No HEALTHCHECK\. \(`dockerfile\/healthcheck-missing`\)/);
  });
  it('says when the Dockerfile is clean or missing, and shows the image of a service that builds nothing', () => {
    assert.match(composeServiceHover(FILE, TEXT, { line: 1, character: 3 }, () => [])!.markdown, /no findings/);
    assert.match(composeServiceHover(FILE, TEXT, { line: 1, character: 3 }, () => undefined)!.markdown, /\(not found\)/);
    assert.match(composeServiceHover(FILE, TEXT, { line: 7, character: 3 }, () => [])!.markdown, /Image: `postgres:16.4`/);
  });
  it('describes Compose keys from the schema on hover', () => {
    const res = keyHover(TEXT, { line: 5, character: 6 });
    assert.deepEqual(res?.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 9 } });
    assert.match(res!.markdown, /^\*\*ports\*\* \(service key\)\n\nAccepts a list\./);
    assert.match(keyHover(TEXT, { line: 4, character: 8 })!.markdown, /\*\*dockerfile\*\* \(key of `build`\)/);
    assert.equal(keyHover(TEXT, { line: 8, character: 20 }), undefined);
  });
  it('completes service keys and top-level keys by indentation', () => {
    const service = composeCompletionsAt(TEXT, { line: 9, character: 4 })!;
    assert.ok(service.some((c) => c.label === 'healthcheck'));
    assert.ok(!service.some((c) => c.label === 'services'));
    assert.deepEqual(service[0]!.range, { start: { line: 9, character: 4 }, end: { line: 9, character: 4 } });
    const top = composeCompletionsAt('services: {}\n', { line: 1, character: 0 })!;
    assert.deepEqual(
      top.map((c) => c.label),
      ['configs', 'include', 'models', 'name', 'networks', 'secrets', 'services', 'volumes'],
    );
  });
});
