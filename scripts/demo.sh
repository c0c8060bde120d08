#!/usr/bin/env bash
# The main command (README: `npm run demo`): sets up what it needs, then runs the demo.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/bootstrap.sh
export PATH="$ROOT/node_modules/.bin:$HOME/.local/bin:$PATH"
bash scripts/ensure-code-server.sh "${MEM0_VSCODE:-newest}" >/dev/null
exec node --import tsx scripts/demo.ts
