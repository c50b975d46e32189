#!/usr/bin/env bash
# The main job: set up, build, show the findings in examples/, then open Flow Vault in a real
# VS Code (code-server) next to the fake Azure cloud, until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run --silent build
echo "Findings in examples/ (these flows hold hard-coded secrets on purpose):"
node bin/flow-vault.js lint examples || [ $? -eq 1 ]
echo
exec node out/src/demo/main.js
