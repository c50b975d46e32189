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
for s in ${FLOW_VAULT_STAGES:-emulator integration e2e}; do
  if npm run 2>/dev/null | grep -q "^  test:$s\$"; then stage "$s" npm run --silent "test:$s"; fi
done

node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
const t = { passed: 0, failed: 0, skipped: 0 };
console.log("\n=== summary");
for (const l of lines) { for (const k of Object.keys(t)) t[k] += l[k] || 0; console.log(`  ${l.stage}: ${l.passed} passed, ${l.failed} failed${l.skipped ? ", " + l.skipped + " skipped" : ""}`); }
console.log(`tests: ${t.passed} passed, ${t.failed} failed` + (t.skipped ? `, ${t.skipped} skipped` : ""));
' "$summary"
rm -f "$summary"
exit $status
