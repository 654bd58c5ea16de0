import { strict as assert } from 'node:assert';
import type { NodeModule, TransportKind } from 'vscode-languageclient/node';
import { SERVER_ENV, serverOptions } from '../../client/src/launch';

describe('how the client starts the language server', () => {
  const stdio = 0 as TransportKind;
  const options = serverOptions('/ext/dist/server.js', stdio) as { run: NodeModule; debug: NodeModule };

  it('runs dist/server.js over stdio with two malloc arenas', () => {
    assert.deepEqual(SERVER_ENV, { MALLOC_ARENA_MAX: '2' });
    assert.equal(options.run.module, '/ext/dist/server.js');
    assert.equal(options.run.transport, stdio);
    assert.deepEqual(options.run.options?.env, { MALLOC_ARENA_MAX: '2' });
    assert.equal(options.run.options?.execArgv, undefined);
  });

  it('debugs it with the same environment and the inspector', () => {
    assert.equal(options.debug.module, '/ext/dist/server.js');
    assert.deepEqual(options.debug.options?.env, { MALLOC_ARENA_MAX: '2' });
    assert.deepEqual(options.debug.options?.execArgv, ['--nolazy', '--inspect=6019']);
  });
});
