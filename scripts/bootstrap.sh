#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: pnpm (without corepack,
# whose signature check fails here) and the workspace's node modules.
# Sourced by scripts/test.sh and scripts/demo.sh; safe to run again.
set -euo pipefail
PNPM_VERSION="10.34.9"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "[bootstrap] installing pnpm $PNPM_VERSION with npm"
  if [ "$(id -u)" = "0" ]; then
    npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
  else
    npm install --global --prefix "$HOME/.local" --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$HOME/.local/bin:$PATH"
  fi
fi

# Skip the install when the lockfile has not changed since the last one.
stamp="node_modules/.bootstrap-stamp"
want="$(sha256sum pnpm-lock.yaml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[bootstrap] pnpm install --frozen-lockfile"
  pnpm install --frozen-lockfile --reporter=append-only
  echo "$want" > "$stamp"
fi
