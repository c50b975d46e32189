// The test-runner extension: installed next to Flow Vault in a real VS Code (code-server), it
// activates on startup ("*") and does nothing unless the environment of the VS Code server names
// a results file. Then it runs the integration suite inside this extension host and writes the
// results there as JSON, for test/integration/run.ts to read.
//
//   FLOW_VAULT_TEST_RESULTS  the results file to write
//   FLOW_VAULT_TEST_SUITE    the compiled suite index (out/test/integration/suite/index.js)
//   FLOW_VAULT_TEST_GREP     optional: run only the tests whose full title matches this pattern
//   FLOW_VAULT_TEST_WORKSPACE_TRUST  `untrusted`: run the suite for Restricted Mode (suite/untrusted/)
// It declares support for untrusted workspaces, so that it runs in Restricted Mode too.
import * as fs from 'fs';
import * as path from 'path';

interface SuiteIndex {
  runToFile(resultsFile: string, options?: { grep?: string }): Promise<void>;
}

let started = false;

export function activate(): void {
  const resultsFile = process.env.FLOW_VAULT_TEST_RESULTS;
  const suitePath = process.env.FLOW_VAULT_TEST_SUITE;
  if (!resultsFile || !suitePath || started) {
    return;
  }
  started = true;
  // Not awaited: activation must return at once, and the suite waits for what it needs.
  void runSuite(resultsFile, suitePath);
}

async function runSuite(resultsFile: string, suitePath: string): Promise<void> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const suite = require(path.resolve(suitePath)) as SuiteIndex;
    await suite.runToFile(resultsFile, { grep: process.env.FLOW_VAULT_TEST_GREP || undefined });
  } catch (err) {
    // The suite could not even start: report that as the result, so the outer runner can say why.
    const message = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
    const tmp = `${resultsFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ passes: 0, failures: 1, pending: 0, tests: [], metrics: {}, error: message }, null, 2));
    fs.renameSync(tmp, resultsFile);
  }
}

export function deactivate(): void {
  // Nothing to release.
}
