#!/usr/bin/env bash
# Copies the README's screenshots from the last end-to-end run in the newest VS Code
# (test-results/e2e/newest/, written by `pnpm test:e2e --vscode newest`) into
# extension/media/screenshots/, under stable names.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
from=test-results/e2e/newest
to=extension/media/screenshots
mkdir -p "$to"
copy() {
  [ -f "$from/$1" ] || { echo "missing $from/$1: run pnpm test:e2e --vscode newest first" >&2; exit 1; }
  cp "$from/$1" "$to/$2"
  echo "$to/$2"
}
copy "2b-revealed.png" tree.png
copy "2c-status-bar-pick.png" copy-project-id.png
copy "3c-project-settings.png" project-settings.png
copy "8a-link-not-rendered.png" errors.png
copy "11e-edit-instructions.png" edit-instructions.png
copy "11c-remove-modal.png" remove-member.png
copy "12a-second-key.png" second-key.png
copy "12b-walkthrough.png" walkthrough.png
copy "13b-load-more.png" memories-load-more.png
copy "13c-memory-document.png" memory-document.png
copy "13d-search.png" memory-search.png
copy "13d-filter.png" memory-filter.png
copy "13f-delete-memory.png" delete-memory.png
copy "14-mcp-servers.png" mcp-servers.png
