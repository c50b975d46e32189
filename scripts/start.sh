#!/usr/bin/env bash
# The main job: set up, build, and lint the bundled example flows.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run --silent build
node bin/flow-vault.js lint examples || [ $? -eq 1 ]
