import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/healthcheck-missing';
const lint = (text: string, files: Record<string, string>) => lintString(text, { filename: 'compose.yaml', only: ID, files });
const SERVICE = 'services:\n  api:\n    build: ./api\n    ports: ["3000:3000"]\n';

describe(ID, () => {
  it('flags a built service when neither it nor its Dockerfile has a healthcheck', () => {
    const found = lint(SERVICE, { 'api/Dockerfile': 'FROM node:22\nEXPOSE 3000\n' });
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [1, 2, 1, 5] }]);
    assert.equal(found[0]!.message, 'Service "api" has no healthcheck, and the Dockerfile it builds (api/Dockerfile) has no HEALTHCHECK.');
  });
  it('follows build.dockerfile inside the context', () => {
    const text = 'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: prod.Dockerfile\n    expose: ["3000"]\n';
    assert.equal(
      lint(text, { 'api/prod.Dockerfile': 'FROM node:22\n', 'api/Dockerfile': 'FROM node:22\nHEALTHCHECK CMD true\n' }).length,
      1,
    );
  });
  it('does not flag when the Dockerfile or the service has a healthcheck, or the Dockerfile is not in the workspace', () => {
    assert.deepEqual(lint(SERVICE, { 'api/Dockerfile': 'FROM node:22\nHEALTHCHECK CMD wget -qO- localhost:3000 || exit 1\n' }), []);
    assert.deepEqual(lint(`${SERVICE}    healthcheck:\n      test: ["CMD", "true"]\n`, { 'api/Dockerfile': 'FROM node:22\n' }), []);
    assert.deepEqual(lint(SERVICE, {}), []);
  });
  it('treats HEALTHCHECK NONE as no healthcheck', () => {
    assert.equal(lint(SERVICE, { 'api/Dockerfile': 'FROM node:22\nHEALTHCHECK NONE\n' }).length, 1);
  });
});
