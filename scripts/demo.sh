#!/usr/bin/env bash
# The demo: Flow Vault in a real VS Code in the browser, on a copy of examples/.
# Installs what it needs (npm packages; code-server, Node 24 and Chromium once, cached), builds,
# packages the VSIX, installs it into a fresh extensions dir, and serves VS Code on
# 127.0.0.1:8080 (PORT to choose, a free port when taken) until Ctrl+C, then cleans up.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh # npm packages, when missing or older than the lock file
npm run --silent build
exec node out/src/demo/main.js
