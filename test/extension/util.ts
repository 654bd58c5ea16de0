/**
 * Shared pieces of the extension-host tests: the fixture workspace, event-driven waits for
 * diagnostics, settings that are put back, and screenshots taken by the launcher.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'shipshape.shipshape';

/** What `activate` returns. */
export type { ShipshapeApi } from '../../client/src/extension';

/** How long a wait may take before the test fails with a message saying what never happened. */
const WAIT_MS = 30000;

/** The opened workspace folder (a throwaway copy of test/extension/workspace). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the fixture workspace open');
  return folder.uri;
}

/** A file of the fixture workspace. */
export function fixture(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

/** Opens a fixture in an editor. */
export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The rule id of a diagnostic (`code` arrives as `{ value, target }` when it has a docs link). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return String(typeof c === 'object' ? c.value : c);
}

/** Shipshape's diagnostics for a file, optionally only one rule's. */
export function shipshapeDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipshape' && (!ruleId || codeOf(d) === ruleId));
}

/** A diagnostic in a form `deepEqual` can compare and a failure message can show. */
export function summary(d: vscode.Diagnostic): { code: string | undefined; range: [number, number, number, number]; severity: string } {
  return {
    code: codeOf(d),
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    severity: vscode.DiagnosticSeverity[d.severity],
  };
}

/**
 * Resolves with Shipshape's diagnostics for `uri` once `accept` holds for them: checked now and on
 * every `onDidChangeDiagnostics` for that file, never on a timer.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = shipshapeDiagnostics(uri);
      if (!accept(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const now = shipshapeDiagnostics(uri).map(summary);
      reject(new Error(`timed out waiting for ${what} in ${path.basename(uri.path)}; it has ${JSON.stringify(now)}`));
    }, WAIT_MS);
    check();
  });
}

/** Waits until a rule's finding is present (`true`) or absent (`false`) in a file. */
export function waitForRule(uri: vscode.Uri, ruleId: string, present: boolean): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(
    uri,
    (ds) => ds.some((d) => codeOf(d) === ruleId) === present,
    `${ruleId} to be ${present ? 'reported' : 'cleared'}`,
  ).then((ds) => ds.filter((d) => codeOf(d) === ruleId));
}

/**
 * Waits for a condition nothing announces (an extension becoming active). It re-checks on each
 * turn of the event loop's timers; the test only continues once the state is there.
 */
export async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const end = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Like {@link waitUntil} for a state that can only be read asynchronously (what a terminal shows):
 * `probe` runs on each turn until it returns true.
 */
export async function pollUntil(probe: () => Promise<boolean>, what: () => string): Promise<void> {
  const end = Date.now() + WAIT_MS;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Sets a setting in the (throwaway) user settings and returns how to put it back. */
export async function setSetting(section: string, key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration(section);
  const before = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace.getConfiguration(section).update(key, before, vscode.ConfigurationTarget.Global);
  };
}

/** Closes every editor and reverts unsaved changes, so each test starts from the files on disk. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isUntitled) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Asks the launcher (scripts/code-server-test.mjs) for a screenshot of the workbench once
 * `selector` (CSS, plus Playwright's `:has-text()`) is visible, waits until it has been written,
 * and returns the text of the selected element. With `mustShow`, a selector that never became
 * visible fails the test: that is how a test asserts on what only the workbench's DOM shows (a
 * status bar item's text). `window` resizes the browser window for this one shot. Does nothing (and
 * returns '') without SCREENSHOT_DIR.
 */
export async function screenshot(
  name: string,
  selector?: string,
  opts: { mustShow?: boolean; window?: { width: number; height: number } } = {},
): Promise<string> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return '';
  const done = path.join(dir, `${name}.done`);
  const text = path.join(dir, `${name}.txt`);
  fs.rmSync(done, { force: true });
  fs.rmSync(text, { force: true });
  await vscode.commands.executeCommand('notifications.clearAll');
  const size = opts.window ? `@${opts.window.width}x${opts.window.height}` : '';
  console.log(`@@screenshot:${name}${size}${selector ? ` ${selector}` : ''}`);
  await waitUntil(() => fs.existsSync(done), `screenshot ${name}`);
  const problem = fs.readFileSync(done, 'utf8');
  if (opts.mustShow) assert.equal(problem, '', `screenshot ${name}: ${selector} was not shown`);
  return fs.existsSync(text) ? fs.readFileSync(text, 'utf8') : '';
}

/**
 * Types `text` and Enter into the focused part of the workbench through the launcher (an input box
 * cannot be filled by a command). Needs SCREENSHOT_DIR (the launcher's hand-shake folder).
 */
export async function typeInWorkbench(name: string, text: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  assert.ok(dir, 'typing needs the code-server launcher (SCREENSHOT_DIR)');
  const done = path.join(dir, `${name}.done`);
  fs.rmSync(done, { force: true });
  console.log(`@@type:${name} ${JSON.stringify(text)}`);
  await waitUntil(() => fs.existsSync(done), `typing ${name}`);
  assert.equal(fs.readFileSync(done, 'utf8'), '', `typing ${name}`);
}
