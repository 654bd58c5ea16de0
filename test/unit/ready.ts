/**
 * The engine's readiness for every unit test: a mocha root hook awaits the parsers once, before
 * any test runs, as each front end does before it checks (see `EngineReady`).
 */
import { EngineReady } from '../../server/src/engine/ready';

let ready: EngineReady | undefined;

/** The loaded engine; throws when called before the root hook ran (at `describe` time). */
export function engineReady(): EngineReady {
  if (!ready) throw new Error('The engine is not loaded yet: lint inside a test or a hook, not at describe time.');
  return ready;
}

export const mochaHooks = {
  async beforeAll(): Promise<void> {
    ready = await EngineReady.load();
  },
};
