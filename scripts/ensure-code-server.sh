#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 for the browser, the last line that runs
# on Node 20) into .cache/code-server-VERSION, offline-safe, and prints the path
# of its executable. Cached: a second run only prints the path.
#
# Its own install script cannot run here (it downloads ripgrep from GitHub), so:
# install with --ignore-scripts, install VS Code's modules the same way, put
# Debian's ripgrep where VS Code looks for it, rebuild the native modules
# (kerberos needs libkrb5-dev), and link node_modules.asar as its postinstall does.
set -euo pipefail
VERSION="4.100.3"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/.cache/code-server-$VERSION"
BIN="$DIR/node_modules/.bin/code-server"
if [ -f "$DIR/.ready" ] && [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

bash "$ROOT/scripts/ensure-debian-packages.sh" ripgrep libkrb5-dev python3 make g++ >&2
echo "[setup] installing code-server $VERSION into $DIR (once)" >&2
rm -rf "$DIR"
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-fund --no-audit --ignore-scripts "code-server@$VERSION" >&2
VSCODE="$DIR/node_modules/code-server/lib/vscode"
(cd "$VSCODE" && npm install --omit=dev --ignore-scripts --no-fund --no-audit >&2)
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
(cd "$VSCODE" && npm_config_yes=true npm rebuild --no-fund >&2)
(cd "$DIR/node_modules/argon2" && npm_config_yes=true npm rebuild --no-fund >&2)
ln -sfn node_modules "$VSCODE/node_modules.asar"
touch "$DIR/.ready"
echo "$BIN"
