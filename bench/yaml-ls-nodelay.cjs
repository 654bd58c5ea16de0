// Starts yaml-language-server with its 200 ms validation debounce set to 0, so the benchmark
// measures the validation work itself and not a fixed timer (Shipshape has no such delay).
const path = require('node:path');
const root = path.dirname(require.resolve('yaml-language-server/package.json'));
const settings = require(path.join(root, 'out/server/src/yamlSettings.js'));
const Original = settings.SettingsState;
settings.SettingsState = class extends Original {
  constructor() {
    super();
    this.validationDelayMs = 0;
  }
};
process.env.YAML_LANGUAGE_SERVER_VERSION = require(path.join(root, 'package.json')).version;
require(path.join(root, 'out/server/src/server.js'));
