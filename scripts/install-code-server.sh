#!/usr/bin/env bash
# Installs code-server (VS Code's server and web workbench) from the npm registry into
# .vscode-test/code-server, so the extension-host tests need no VS Code download.
#
# code-server's own postinstall runs `npm install` in lib/vscode, where @vscode/ripgrep's
# postinstall fetches rg from GitHub; the steps are done here instead, with the system's ripgrep.
# Needs: ripgrep, libkrb5-dev, pkg-config, a C/C++ toolchain and python3 (native addons).
# A second run with the same version is a no-op.
set -euo pipefail

CS_VERSION="${CS_VERSION:-4.100.3}" # VS Code 1.100.3; 4.96-4.100 run on Node 20
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${PREFIX:-$ROOT/.vscode-test/code-server}"
CS="$PREFIX/node_modules/code-server"
STAMP="$PREFIX/.installed-$CS_VERSION"

if [ -f "$STAMP" ]; then
  echo "code-server $CS_VERSION is already installed in $CS"
  exit 0
fi

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install these Debian packages first: ${missing[*]}" >&2
  exit 1
fi

started=$(date +%s)
# Native addons (argon2, kerberos, node-pty, ...) are compiled here rather than fetched as
# prebuilds from GitHub; node-pty's install runs `npx node-gyp`, which must not prompt.
export npm_config_build_from_source=true
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false

rm -rf "$PREFIX"
mkdir -p "$PREFIX"
cd "$PREFIX"
echo '{"name":"shipshape-code-server","private":true}' >package.json
npm install --ignore-scripts --no-save --no-package-lock "code-server@${CS_VERSION}"
npm rebuild argon2

cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild # node-pty, @vscode/spdlog, native-watchdog, kerberos, ... (ripgrep's step sees rg and stops)

# The remaining steps of code-server's postinstall.
rm -rf node_modules.asar
ln -s node_modules node_modules.asar
(cd bin/remote-cli && rm -f code-server && ln -s code-linux.sh code-server)
(cd bin/helpers && rm -f browser.sh && ln -s browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund)

"$PREFIX/node_modules/.bin/code-server" --version --config /dev/null
touch "$STAMP"
echo "code-server $CS_VERSION installed in $(($(date +%s) - started)) s"
