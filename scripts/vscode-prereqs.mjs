// What the extension-host tests need from the system when VS Code cannot be downloaded and
// code-server stands in for it (scripts/install-code-server.sh, scripts/code-server-test.mjs), and
// what no npm package provides: a browser to open the workbench in, and the tools that build
// code-server's native modules. Node built-ins only: .ci/run calls this before `npm ci`.
//
//   node scripts/vscode-prereqs.mjs           prints the Debian packages still missing (one line)
//   node scripts/vscode-prereqs.mjs --all     also the optional ones (shellcheck: its rule's tests)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first of `names` found on PATH, or undefined. */
export function onPath(...names) {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      const p = path.join(dir, name);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The browser the code-server launcher drives: $CHROMIUM, else a Chromium or Chrome on PATH. */
export function findBrowser() {
  if (process.env.CHROMIUM) return fs.existsSync(process.env.CHROMIUM) ? process.env.CHROMIUM : undefined;
  return onPath('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable');
}

const gssapi = () => ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'].some((p) => fs.existsSync(p));

/** [Debian package, is it there] for each thing the code-server route needs. */
const REQUIRED = [
  ['chromium', () => findBrowser() !== undefined],
  ['ripgrep', () => onPath('rg') !== undefined],
  ['libkrb5-dev', gssapi],
  ['pkg-config', () => onPath('pkg-config') !== undefined],
  ['build-essential', () => onPath('g++') !== undefined && onPath('make') !== undefined],
  ['python3', () => onPath('python3') !== undefined],
];
const OPTIONAL = [['shellcheck', () => onPath('shellcheck') !== undefined]];

/** The Debian packages the code-server route still lacks (optional ones too with `all`). */
export function missingPackages({ all = false } = {}) {
  return [...REQUIRED, ...(all ? OPTIONAL : [])].filter(([, present]) => !present()).map(([name]) => name);
}

/** The one line that tells the user what to install, with the exact command. */
export function installHint(packages) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = `${root ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  return hasApt ? apt : `${apt}   (Debian/Ubuntu names; install the same with your system's package manager)`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(missingPackages({ all: process.argv.includes('--all') }).join(' '));
}
