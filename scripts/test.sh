#!/usr/bin/env bash
# The whole test suite, with its own set-up: npm packages, build, then every stage in turn.
# Prints one closing line with the totals of all stages.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh || exit 2
npm run --silent build || { echo "build failed"; exit 2; }

summary=$(mktemp)
export FLOW_VAULT_SUMMARY=$summary
status=0
stage() {
  local name=$1; shift
  echo; echo "=== $name: $*"
  local before; before=$(grep -c "\"stage\":\"$name\"" "$summary" || true)
  FLOW_VAULT_STAGE=$name "$@"
  local rc=$?
  local after; after=$(grep -c "\"stage\":\"$name\"" "$summary" || true)
  if [ "$rc" -ne 0 ]; then
    status=1
    # A stage that died before reporting still counts as a failure.
    [ "$after" -gt "$before" ] || echo "{\"stage\":\"$name\",\"passed\":0,\"failed\":1,\"skipped\":0}" >> "$summary"
  fi
}
stage unit npx mocha
stage emulator npx mocha --no-config --timeout 60000 --reporter test/support/summary-reporter.js 'out/test/emulator/**/*.test.js'
# A real VS Code (code-server, installed once into a cache by the harness) with the packaged
# extension inside, then the same through the browser with Playwright.
stage integration node out/test/integration/run.js
# Every Playwright script runs, even after one fails.
stage e2e sh -c 'rc=0; for s in run keyvault credentials doctor moveToKeyVault; do node out/test/e2e/$s.js || rc=1; done; exit $rc'

node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
const t = { passed: 0, failed: 0, skipped: 0 };
console.log("\n=== summary");
for (const l of lines) { for (const k of Object.keys(t)) t[k] += l[k] || 0; console.log(`  ${l.stage}: ${l.passed} passed, ${l.failed} failed${l.skipped ? ", " + l.skipped + " skipped" : ""}`); }
console.log(`tests: ${t.passed} passed, ${t.failed} failed` + (t.skipped ? `, ${t.skipped} skipped` : ""));
' "$summary"
rm -f "$summary"
exit $status
