import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/missing-path';
const lint = (text: string, files: Record<string, string> = {}) => lintString(text, { filename: 'compose.yaml', only: ID, files });

describe(ID, () => {
  it('flags a missing build context and a missing Dockerfile in an existing one', () => {
    assert.deepEqual(summary(lint('services:\n  a:\n    build: ./api\n')), [{ ruleId: ID, range: [2, 11, 2, 16] }]);
    const found = lint('services:\n  a:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.prod\n', {
      'api/Dockerfile': 'FROM x\n',
    });
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [4, 18, 4, 33] }]);
  });
  it('flags a missing env_file, relative bind-mount source and secret file', () => {
    const text =
      'services:\n  a:\n    image: a:1\n    env_file: .env\n    volumes:\n      - ./conf:/etc/conf\nsecrets:\n  s:\n    file: ./s.txt\n';
    assert.deepEqual(summary(lint(text)), [
      { ruleId: ID, range: [3, 14, 3, 18] },
      { ruleId: ID, range: [5, 8, 5, 14] },
      { ruleId: ID, range: [8, 10, 8, 17] },
    ]);
  });
  it('does not flag existing paths, optional env files, absolute or named sources, remote contexts or variables', () => {
    const text =
      'services:\n  a:\n    build:\n      context: ./api\n    env_file:\n      - path: ./missing.env\n        required: false\n    volumes:\n      - /var/lib/x:/x\n      - data:/data\n      - ${SRC}:/src\n  b:\n    build: https://github.com/example/repo.git#main\n';
    assert.deepEqual(lint(text, { 'api/Dockerfile': 'FROM x\n' }), []);
  });
});
