#!/usr/bin/env bash
# pnpm test:e2e [--vscode oldest|newest|both] [vitest arguments...]
#
# The end-to-end suite in a real VS Code (code-server) driven through Chromium:
#   oldest  VS Code 1.100.3, the oldest engines.vscode allows
#   newest  the newest code-server pinned in scripts/ensure-code-server.sh (on its own Node)
#   both    (the default) one after the other; exits non-zero if either fails
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
choice="both"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --vscode) choice="${2:-}"; shift 2 ;;
    --vscode=*) choice="${1#--vscode=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
case "$choice" in
  oldest | newest) versions=("$choice") ;;
  both) versions=(oldest newest) ;;
  *) echo "--vscode must be oldest, newest or both, not '$choice'" >&2; exit 2 ;;
esac
bash scripts/bootstrap.sh || exit 1
bash scripts/ensure-debian-packages.sh chromium ripgrep libkrb5-dev fonts-noto-cjk fonts-noto-color-emoji || exit 1
export PATH="$ROOT/node_modules/.bin:$HOME/.local/bin:$PATH"
status=0
for version in "${versions[@]}"; do
  bash scripts/ensure-code-server.sh "$version" >/dev/null || exit 1
  echo "=== end-to-end in VS Code: $version"
  MEM0_VSCODE="$version" vitest run --project e2e "${args[@]}" || status=1
done
exit $status
