// `npm run test:vscode`: the extension-host suite (out/test/extension) in a real VS Code, three times:
//   suite      the development build, with the fixture workspace (trusted)
//   packaged   the .vsix that `npm run package` builds, installed like a user would
//   untrusted  that installed .vsix in restricted mode (VS Code does not apply workspace trust
//              to an extension loaded with --extensionDevelopmentPath, so the .vsix is used)
//   host-dies  a check of the harness: the extension host is killed mid-run, and this run
//              passes only if that is reported as a failure
// Each run gets a fresh copy of test/extension/workspace (tests edit and save files).
//
// @vscode/test-electron's runTests() starts every run. With code-server installed
// (scripts/install-code-server.sh) it is given scripts/code-server-test.mjs as the "VS Code
// executable", so nothing is downloaded. Otherwise, where VS Code can be downloaded (and shown: a
// display on Linux), runTests downloads it as usual; where it cannot, code-server is installed into
// .vscode-test/ first, after checking up front for what npm does not provide (a browser, the tools
// that build code-server's native modules), which is named in one line with its install command.
// VSCODE_TEST_HOST=code-server|desktop forces one. SHIPSHAPE_TEST_RUNS=suite,packaged picks runs.
// SCREENSHOT_DIR (default .vscode-test/screenshots) receives the screenshots the suite takes (only
// the code-server launcher takes them; with a desktop VS Code the tests skip them).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveCliArgsFromVSCodeExecutablePath, runTests, downloadAndUnzipVSCode } from '@vscode/test-electron';
import { findBrowser, installHint, missingPackages } from './vscode-prereqs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, '.vscode-test');
const LAUNCHER = path.join(ROOT, 'scripts/code-server-test.mjs');
const CODE_SERVER = process.env.CODE_SERVER || path.join(CACHE, 'code-server/node_modules/.bin/code-server');
const DESKTOP_VERSION = '1.100.3';
const runs = (process.env.SHIPSHAPE_TEST_RUNS || 'suite,packaged,untrusted,host-dies').split(',').filter(Boolean);
const screenshotDir = path.resolve(process.env.SCREENSHOT_DIR || path.join(CACHE, 'screenshots'));
const testsPath = path.join(ROOT, 'out/test/extension/index.js');

if (!fs.existsSync(testsPath)) {
  console.error(`${path.relative(ROOT, testsPath)} is missing: run \`npm run build\` first`);
  process.exit(1);
}

/** Ends the run with one line on stderr (never a stack trace). */
function fail(message) {
  console.error(`shipshape: ${message}`);
  process.exit(1);
}

/** code-server is installed completely (the install script's last step writes a stamp). */
function codeServerInstalled() {
  if (process.env.CODE_SERVER) return fs.existsSync(CODE_SERVER);
  const dir = path.dirname(path.dirname(path.dirname(CODE_SERVER)));
  return fs.existsSync(CODE_SERVER) && fs.existsSync(dir) && fs.readdirSync(dir).some((n) => n.startsWith('.installed-'));
}

/** Whether VS Code's download server answers within 5 s. */
function canDownloadVSCode() {
  return new Promise((resolve) => {
    const req = https.request('https://update.code.visualstudio.com/api/releases/stable', { method: 'HEAD', timeout: 5000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function chooseHost() {
  if (process.env.VSCODE_TEST_HOST) return process.env.VSCODE_TEST_HOST;
  if (codeServerInstalled()) return 'code-server';
  if (process.env.VSCODE_EXECUTABLE) return 'desktop';
  // A desktop VS Code needs a display on Linux; code-server's workbench runs in a headless browser.
  const display = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
  if (!display) console.log('No display for a desktop VS Code: the tests run in code-server.');
  else if (await canDownloadVSCode()) return 'desktop';
  else console.log('VS Code cannot be downloaded from here: the tests run in code-server.');
  return 'code-server';
}

/** Installs code-server on first use, after checking for what it needs from the system. */
function prepareCodeServer() {
  // An installed code-server needs only the browser; installing it needs the rest too.
  const missing = missingPackages().filter((p) => p === 'chromium' || !codeServerInstalled());
  if (missing.length) fail(`the VS Code tests need ${missing.join(', ')} (not on npm): ${installHint(missing)}`);
  process.env.CHROMIUM = findBrowser();
  if (codeServerInstalled()) return;
  console.log('Installing code-server into .vscode-test/ (once, a few minutes)...');
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/install-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) fail('installing code-server failed (see the output above); bash scripts/install-code-server.sh retries it');
}

const host = await chooseHost();
if (host === 'code-server') prepareCodeServer();

/** A fresh copy of the fixture workspace (plus `extra` files) for one run. */
function workspaceCopy(name, extra = {}) {
  const dest = path.join(CACHE, 'workspaces', name);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'test/extension/workspace'), dest, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
    fs.writeFileSync(path.join(dest, rel), text);
  }
  return dest;
}

let vsix;
/** Builds the .vsix the way `npm run package` does (once per run), into the cache folder. */
function packageVsix() {
  if (vsix) return vsix;
  const out = path.join(CACHE, 'shipshape.vsix');
  fs.rmSync(out, { force: true });
  const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail('npm run package failed (see above)');
  vsix = out;
  console.log(`packaged ${path.relative(ROOT, out)}: ${(fs.statSync(out).size / 1024).toFixed(0)} KB`);
  return out;
}

/**
 * The packaged run needs a development extension for the test runner to belong to; an empty one
 * keeps the installed Shipshape the only Shipshape in the host.
 */
function stubExtension() {
  const dir = path.join(CACHE, 'test-host-extension');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'shipshape-test-host', publisher: 'shipshape', version: '0.0.0', engines: { vscode: '^1.100.0' } }),
  );
  return dir;
}

async function desktopExecutable() {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  try {
    return await downloadAndUnzipVSCode({ version: DESKTOP_VERSION, cachePath: CACHE });
  } catch (e) {
    fail(
      `VS Code ${DESKTOP_VERSION} could not be downloaded (${e instanceof Error ? e.message : String(e)}); VSCODE_TEST_HOST=code-server runs the tests in code-server instead`,
    );
  }
}

async function run(name) {
  const env = { SHIPSHAPE_TEST_SUITE: name, ...(host === 'code-server' ? { SCREENSHOT_DIR: screenshotDir } : {}) };
  let vscodeExecutablePath;
  let extensionDevelopmentPath = ROOT;
  let workspace;
  const launchArgs = [];
  if (host === 'code-server') {
    vscodeExecutablePath = LAUNCHER;
  } else {
    if (name === 'untrusted') {
      // runTests always passes --disable-workspace-trust to a desktop VS Code.
      console.log('untrusted: skipped (restricted mode needs the code-server launcher)');
      return 0;
    }
    vscodeExecutablePath = await desktopExecutable();
  }
  if (name === 'suite' || name === 'host-dies') workspace = workspaceCopy(name);
  const marker = path.join(CACHE, 'host-dies.marker');
  if (name === 'host-dies') {
    fs.rmSync(marker, { force: true });
    env.SHIPSHAPE_TEST_MARKER = marker;
  }
  if (name === 'untrusted') {
    workspace = workspaceCopy(name);
    env.WORKSPACE_TRUST = 'untrusted';
  }
  if (name === 'packaged') {
    // A root Dockerfile: the packaged extension must start by itself (workspaceContains).
    workspace = workspaceCopy(name, { Dockerfile: 'FROM debian:12.8-slim\nMAINTAINER ops@example.com\nRUN apt-get install curl\n' });
  }
  if (name === 'packaged' || name === 'untrusted') {
    const file = packageVsix();
    extensionDevelopmentPath = stubExtension();
    if (host === 'code-server') env.INSTALL_VSIX = file;
    else {
      const [cli, ...args] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
      const r = spawnSync(cli, [...args, '--install-extension', file, '--force'], { stdio: 'inherit' });
      if (r.status !== 0) fail(`installing ${file} failed (see above)`);
    }
  }
  launchArgs.push(workspace);
  const started = Date.now();
  console.log(`\n== extension tests: ${name} (${host})`);
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    await runTests({ vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath: testsPath, launchArgs, extensionTestsEnv: env });
    if (name === 'host-dies') {
      console.error(`== ${name}: FAILED after ${seconds()} s: a run whose extension host died was reported as passing`);
      return 1;
    }
    console.log(`== ${name}: passed in ${seconds()} s`);
    return 0;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (name === 'host-dies') {
      if (!fs.existsSync(marker)) {
        console.error(`== ${name}: FAILED after ${seconds()} s: the run failed before the extension host was killed: ${why}`);
        return 1;
      }
      console.log(`== ${name}: passed in ${seconds()} s (the dead extension host failed the run: ${why})`);
      return 0;
    }
    console.error(`== ${name}: FAILED after ${seconds()} s: ${why}`);
    return 1;
  }
}

fs.rmSync(screenshotDir, { recursive: true, force: true });
// A desktop VS Code keeps installed extensions here (runTests' profile): start without the .vsix.
if (host === 'desktop') fs.rmSync(path.join(CACHE, 'extensions'), { recursive: true, force: true });
let failed = 0;
for (const name of runs) failed += await run(name);
process.exit(failed ? 1 : 0);
