#!/usr/bin/env bash
# The one test command (README: `npm test`): sets up what is missing, then runs
# typecheck, lint and every test suite, and ends with `N passed, N failed`
# totalling all of them. Exits non-zero on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/bootstrap.sh || { echo "0 passed, 1 failed"; exit 1; }
# The end-to-end suite drives a real VS Code (code-server) in Debian's Chromium, in two
# versions: the oldest engines.vscode allows and the newest code-server (on its own Node).
bash scripts/ensure-debian-packages.sh chromium ripgrep libkrb5-dev fonts-noto-cjk fonts-noto-color-emoji || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/ensure-code-server.sh oldest >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/ensure-code-server.sh newest >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
export PATH="$ROOT/node_modules/.bin:$HOME/.local/bin:$PATH"
mkdir -p test-results

passed=0
failed=0
step() { # step NAME COMMAND...: a check that counts as one test
  local name="$1"; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); echo "--- $name: ok"; else failed=$((failed + 1)); echo "--- $name: FAILED"; fi
}
suite() { # suite NAME JSON COMMAND...: a runner whose JSON report gives its counts
  local name="$1" report="$2"; shift 2
  echo "=== $name"
  rm -f "$report"
  "$@"
  local rc=$?
  local counts
  counts="$(node scripts/count-results.mjs "$report" 2>/dev/null || echo "0 0")"
  local p f
  read -r p f <<<"$counts"
  if [ "$rc" != "0" ] && [ "$f" = "0" ]; then f=1; fi # a crash with no report still counts as a failure
  passed=$((passed + p)); failed=$((failed + f))
  echo "--- $name: $p passed, $f failed"
}

step "build (core to dist/, extension bundle)" pnpm run -s build
step typecheck pnpm run -s typecheck
step lint pnpm run -s lint
step "extension .vsix packages without warnings, with only the expected files" node extension/scripts/check-package.mjs
suite "unit, server, contract and end-to-end tests (vitest; end to end in the oldest VS Code)" test-results/vitest.json \
  env MEM0_VSCODE=oldest pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
suite "end-to-end tests in the newest VS Code (vitest)" test-results/vitest-newest.json \
  env MEM0_VSCODE=newest pnpm exec vitest run --project e2e --reporter=default --reporter=json --outputFile.json=test-results/vitest-newest.json

step "benchmarks run end to end (quick mode; no timing asserted, activate() makes no network call)" \
  node --expose-gc --import tsx test/bench/run.ts --quick

echo "=== extension integration suite (@vscode/test-electron)"
node extension/scripts/run-integration.mjs || failed=$((failed + 1))

echo "$passed passed, $failed failed"
[ "$failed" = "0" ]
