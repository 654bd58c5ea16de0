// What the benchmark and the fuzz run load in-process (bundled by bench/bundle-engine.mjs).
export { Project } from '../server/src/engine/project';
export { EngineReady } from '../server/src/engine/ready';
export { lint, computeFix, fixAll, applyEdits } from '../server/src/engine/engine';
export { parseYaml } from '../server/src/parse/yaml';
export { parseDockerfile } from '../server/src/parse/dockerfile';
export { RULES } from '../server/src/rules';
export { main as cliMain } from '../server/src/cli/main';
export { SERVER_ENV } from '../client/src/launch';
export { parseAs } from '../server/src/engine/engine';
export { dockerModel } from '../server/src/dockerfile/model';
