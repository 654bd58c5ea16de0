#!/usr/bin/env node
// Runs an extension's tests inside a real VS Code extension host without downloading VS Code:
// code-server serves VS Code's server and Node extension host, headless Chromium (driven by
// playwright-core) runs the workbench, opened with the `payload` VS Code's web test runner uses.
// The workbench calls window.codeAutomationExit(code) when the tests finish; we exit with it.
//
// The command line mirrors VS Code's, so this file can be @vscode/test-electron's vscodeExecutablePath:
//   code-server-test.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [WORKSPACE_DIR]
// Other desktop flags (--no-sandbox, --disable-workspace-trust, --user-data-dir=…) are ignored:
// every run gets throwaway profile directories.
//
// Environment:
//   CODE_SERVER      code-server executable (default .vscode-test/code-server/node_modules/.bin/code-server)
//   CHROMIUM         Chromium executable (default /usr/bin/chromium)
//   TEST_TIMEOUT_MS  give up after this long (default 300000)
//   SCREENSHOT_DIR   a test that logs "@@screenshot:NAME[@WxH] [css-selector]" gets NAME.png (after the
//                    selector is visible), NAME.txt (the selected element's text) and then
//                    NAME.done (empty, or why it failed); final.png is taken at the end.
//                    "@@type:NAME <JSON string>" types the string where the focus is, presses
//                    Enter, then writes NAME.done (for input boxes, which no command can fill)
//   INSTALL_VSIX     comma-separated .vsix files installed before the workbench opens
//   WORKSPACE_TRUST  "untrusted" opens the folder in restricted mode (workspace trust enabled)
//   RUN_TMP          parent of the throwaway directories; KEEP_TMP=1 keeps them; VERBOSE=1 logs more
// Exit codes: 0 passed, 1 tests failed, 2 no result (hang, crash), 3 launcher error,
//   4 the extension host ended without the test runner writing its result file.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = Date.now();
// Workbench chatter that says nothing about the tests (shown with VERBOSE=1).
const NOISE =
  /^(Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|Creating a socket|Resolving connection token|Resolved connection token|\[Service Worker\]|ChatSessionStore|Creation of workbench contribution)/;
const log = (...a) => console.log(`[code-server-test +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

const devPaths = [];
let testsPath;
let workspace;
for (const a of process.argv.slice(2)) {
  const m = /^--([^=]+)=(.*)$/.exec(a);
  if (m?.[1] === 'extensionDevelopmentPath') devPaths.push(path.resolve(m[2]));
  else if (m?.[1] === 'extensionTestsPath') testsPath = path.resolve(m[2]);
  else if (!a.startsWith('--')) workspace = path.resolve(a);
}
if (!devPaths.length || !testsPath) {
  console.error('usage: code-server-test.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [WORKSPACE]');
  process.exit(64);
}
const codeServer = process.env.CODE_SERVER || path.join(ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300000);
const shotDir = process.env.SCREENSHOT_DIR ? path.resolve(process.env.SCREENSHOT_DIR) : undefined;
const untrusted = process.env.WORKSPACE_TRUST === 'untrusted';
for (const [what, p] of [
  ['code-server', codeServer],
  ['Chromium', chromiumPath],
]) {
  if (!fs.existsSync(p)) {
    console.error(`${what} not found at ${p} (see README, "Testing")`);
    process.exit(3);
  }
}

// Throwaway state: nothing is written to $HOME.
const tmpParent = process.env.RUN_TMP || os.tmpdir();
fs.mkdirSync(tmpParent, { recursive: true });
const tmp = fs.mkdtempSync(path.join(tmpParent, 'cst-'));
const dir = (d) => {
  const p = path.join(tmp, d);
  fs.mkdirSync(p, { recursive: true });
  return p;
};
const userData = dir('user-data');
const extensionsDir = dir('extensions');
fs.mkdirSync(path.join(userData, 'User'));
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    ...(untrusted
      ? {
          'security.workspace.trust.enabled': true,
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.banner': 'never',
          'security.workspace.trust.untrustedFiles': 'open',
        }
      : {}),
  }),
);
const config = path.join(tmp, 'config.yaml');
fs.writeFileSync(config, 'auth: none\n');
const resultFile = path.join(tmp, 'result.json');

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
  });

let server;
let browser;
let exitCode = 1;
async function cleanup() {
  try {
    await browser?.close();
  } catch {
    // already gone
  }
  if (server && server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((r) => server.once('exit', r));
    // code-server, the extension host and the pty host share the process group we created.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (process.env.KEEP_TMP) log('kept', tmp);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    void cleanup().then(() => process.exit(130));
  });
}

try {
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const serverEnv = {
    ...process.env, // inherited by the extension host, so tests can read it
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    // The test runner writes {passes, failures} here when it completes. An extension host that
    // dies mid-run is otherwise reported to codeAutomationExit as exit code 0.
    VSCODE_TEST_RESULT_FILE: resultFile,
    EXTENSIONS_GALLERY: '{}', // no marketplace
    // Tests can check that an INSTALL_VSIX extension is there even when it is disabled.
    CODE_SERVER_TEST_EXTENSIONS_DIR: extensionsDir,
  };
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensionsDir];
  for (const vsix of (process.env.INSTALL_VSIX || '').split(',').filter(Boolean)) {
    const r = spawnSync(codeServer, [...common, '--install-extension', path.resolve(vsix)], { env: serverEnv, encoding: 'utf8' });
    log(`install ${vsix}: exit ${r.status}`, `${r.stdout}${r.stderr}`.trim().split('\n').pop());
    if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed`);
  }
  server = spawn(
    codeServer,
    [
      ...common,
      '--bind-addr',
      authority,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--ignore-last-opened',
      ...(untrusted ? [] : ['--disable-workspace-trust']),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv },
  );
  const serverLog = fs.createWriteStream(path.join(tmp, 'code-server.log'));
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  if (process.env.VERBOSE) {
    server.stdout.pipe(process.stderr);
    server.stderr.pipe(process.stderr);
  }
  const serverExit = new Promise((r) => server.once('exit', (c, s) => r(`code-server exited early (${c ?? s})`)));

  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://${authority}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600 || server.exitCode !== null) throw new Error(`code-server did not start (log: ${tmp}/code-server.log)`);
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`code-server listening on http://${authority}`);

  const context = await chromium.launchPersistentContext(dir('chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    // Chromium otherwise writes ~/.config/chromium and ~/.cache/dconf.
    env: {
      ...process.env,
      HOME: dir('chromium-home'),
      XDG_CONFIG_HOME: dir('chromium-home/.config'),
      XDG_CACHE_HOME: dir('chromium-home/.cache'),
    },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Chromium resolves update and autofill hosts on its own unless told not to.
      '--disable-features=AutofillServerCommunication',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      ...(process.env.CHROMIUM_EXTRA_ARGS ? process.env.CHROMIUM_EXTRA_ARGS.split(' ') : []),
    ],
  });
  browser = context;
  await context.route('**/*', (route) => {
    // The page may only talk to our server.
    const u = new URL(route.request().url());
    if (u.host === authority || u.hostname.endsWith('.localhost') || u.protocol === 'data:' || u.protocol === 'blob:') {
      return route.continue();
    }
    log('blocked', u.href.slice(0, 100));
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());

  let finish;
  const finished = new Promise((r) => {
    finish = r;
  });
  // Workbench log lines, including the extension host's console.
  await page.exposeFunction('codeAutomationLog', async (type, args) => {
    const line = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
    const shot = /@@screenshot:([\w.-]+)(?:@(\d+)x(\d+))?(?:\s+(.+))?/.exec(line.join(' '));
    if (shot) {
      const size = shot[2] ? { width: Number(shot[2]), height: Number(shot[3]) } : undefined;
      if (shotDir) await screenshot(page, shot[1], shot[4]?.trim(), size);
      return;
    }
    const typed = /@@type:([\w.-]+) (.*)$/.exec(line.join(' '));
    if (typed) {
      if (shotDir) await typeKeys(page, typed[1], JSON.parse(typed[2]));
      return;
    }
    if (!process.env.VERBOSE && NOISE.test(line.join(' '))) return;
    if (type === 'error') console.error(...line);
    else console.log(...line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('pageerror', (e) => log('page error:', e.message));
  page.on('crash', () => finish('page crashed'));
  if (process.env.VERBOSE) page.on('console', (m) => console.error('[browser]', m.type(), m.text()));

  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [
    ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
  ];
  const folder = workspace ? `folder=${encodeURIComponent(workspace)}` : 'ew=true';
  await page.goto(`http://${authority}/?${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  log(`workbench opened${untrusted ? ' (restricted mode)' : ''}; waiting for the test runner`);

  const result = await Promise.race([
    finished,
    serverExit,
    new Promise((r) => setTimeout(() => r(`no result after ${timeoutMs} ms`), timeoutMs)),
  ]);
  if (shotDir) await page.screenshot({ path: path.join(shotDir, 'final.png') }).catch(() => undefined);
  const report = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
  if (typeof result !== 'number') {
    exitCode = 2;
    log(`FAILED: ${result} (code-server log: ${tmp}/code-server.log; KEEP_TMP=1 keeps it)`);
  } else if (!report) {
    exitCode = result || 4;
    log(`FAILED: exit code ${result} but the test runner never wrote its result (extension host died mid-run?)`);
  } else {
    exitCode = result || (report.failures > 0 || report.passes === 0 ? 1 : 0);
    log(`extension host test runner exit code: ${result}`);
    console.log(`${report.passes} passed, ${report.failures} failed`);
  }
} catch (e) {
  exitCode = 3;
  log('launcher error:', e?.stack || e);
} finally {
  await cleanup();
}
process.exit(exitCode);

/**
 * Waits for `selector` (when given) to be visible, then writes NAME.png, the element's text to
 * NAME.txt and the NAME.done marker (with the error, if any).
 */
async function screenshot(page, name, selector, size) {
  fs.mkdirSync(shotDir, { recursive: true });
  let problem = '';
  // A window of another size for this shot (virtualised lists only render the rows that fit).
  const before = page.viewportSize();
  if (size) await page.setViewportSize(size);
  try {
    if (selector) {
      const element = page.locator(selector).first();
      await element.waitFor({ state: 'visible', timeout: 10000 });
      fs.writeFileSync(path.join(shotDir, `${name}.txt`), await element.innerText());
    }
    // Two animation frames: the widget has been laid out and painted.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: path.join(shotDir, `${name}.png`) });
    log('screenshot', name);
  } catch (e) {
    problem = String(e?.message || e);
    log(`screenshot ${name} failed:`, problem);
  }
  if (size && before) await page.setViewportSize(before);
  fs.writeFileSync(path.join(shotDir, `${name}.done`), problem);
}

/** Types `text` into whatever has the focus, presses Enter, then writes the NAME.done marker. */
async function typeKeys(page, name, text) {
  fs.mkdirSync(shotDir, { recursive: true });
  let problem = '';
  try {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    log('typed', name);
  } catch (e) {
    problem = String(e?.message || e);
    log(`typing ${name} failed:`, problem);
  }
  fs.writeFileSync(path.join(shotDir, `${name}.done`), problem);
}
