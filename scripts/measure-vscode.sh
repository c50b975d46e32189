#!/usr/bin/env bash
# Figures from the real VS Code (code-server): Flow Vault's activation time as the extension host
# reports it (the median of fresh windows), and the lint of a 1 MB flow on open and from save to
# updated diagnostics. Not a test: nothing is asserted. Writes test-output/measure.json.
# usage: scripts/measure-vscode.sh [--runs N] [--baseline GIT_REF] [--activation-only]
#   --baseline main   also packages main and measures it in the same run, windows alternating
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
npm run build
exec node out/test/integration/measure.js "$@"
