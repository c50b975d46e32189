// The integration tests in a real VS Code: `npm run test:integration`.
//
// Packages Flow Vault (npm run package) and the test-runner extension as VSIXs, installs both
// into a fresh extensions dir of code-server (VS Code 1.139.1 from npm, cached outside the repo),
// opens a copy of test/integration/fixtures/workspace in the workbench with Chromium, and waits
// while the runner extension runs test/integration/suite/*.test.ts inside the extension host.
// Prints the results as mocha does and ends with the line `N passed, M failed`.
//
// Options: --grep <regexp>   run only matching tests (by full title)
//          --timeout <s>     how long to wait for the suite (default 600)
//          --keep            keep the scratch folder (logs, workspace) for a look afterwards
import * as fs from 'fs';
import * as path from 'path';
import type { SuiteResults, TestResult } from './results';
import { FIXTURE_WORKSPACE, Session } from './harness/session';
import { log, repoRoot } from '../../src/vscode-server/util';
import { reportSummary } from './harness/summary';

/** A slow listing for the in-host cancellation test (suite/keyvault.test.ts). */
const IN_HOST_TEST_FAULTS = [
  { id: 'slow-versions', host: 'kv-contoso-rpa-prod.vault.azure.net', path: '/secrets/orchestrator-webhook-token/versions', latencyMs: 4000 },
];

interface Options {
  grep?: string;
  timeoutSeconds: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { timeoutSeconds: Number(process.env.FLOW_VAULT_IT_TIMEOUT) || 600, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--grep') {
      options.grep = argv[++i];
    } else if (arg === '--timeout') {
      options.timeoutSeconds = Number(argv[++i]);
    } else if (arg === '--keep') {
      options.keep = true;
    } else {
      throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function printResults(results: SuiteResults): void {
  console.log('');
  if (results.host) {
    console.log(`  VS Code ${results.host.vscode} (${results.host.appName}, ${results.host.appHost}), extension host Node ${results.host.node}`);
  }
  let lastSuites: string[] = [];
  const failed: TestResult[] = [];
  for (const test of results.tests) {
    // Print the suite headings that changed since the previous test.
    let common = 0;
    while (common < lastSuites.length && common < test.suites.length && lastSuites[common] === test.suites[common]) {
      common++;
    }
    for (let depth = common; depth < test.suites.length; depth++) {
      console.log(`\n${'  '.repeat(depth + 1)}${test.suites[depth]}`);
    }
    lastSuites = test.suites;
    const indent = '  '.repeat(test.suites.length + 1);
    if (test.state === 'passed') {
      console.log(`${indent}✔ ${test.title}${test.durationMs !== undefined && test.durationMs >= 75 ? ` (${test.durationMs}ms)` : ''}`);
    } else if (test.state === 'pending') {
      console.log(`${indent}- ${test.title}`);
    } else {
      failed.push(test);
      console.log(`${indent}${failed.length}) ${test.title}`);
    }
  }
  console.log('');
  console.log(`  ${results.passes} passing${results.durationMs !== undefined ? ` (${seconds(results.durationMs)})` : ''}`);
  if (results.pending) {
    console.log(`  ${results.pending} pending`);
  }
  if (results.failures) {
    console.log(`  ${results.failures} failing`);
  }
  failed.forEach((test, i) => {
    console.log(`\n  ${i + 1}) ${test.fullTitle}:`);
    const stack = (test.error?.stack ?? test.error?.message ?? '').split('\n').slice(0, 8).join('\n     ');
    console.log(`     ${stack || test.error?.message}`);
  });
  if (results.error) {
    console.log(`\n  The suite did not run: ${results.error}`);
  }
  const metrics = Object.entries(results.metrics ?? {});
  if (metrics.length > 0) {
    console.log('\n  Measured in the extension host (not asserted):');
    for (const [name, m] of metrics) {
      console.log(`    ${name}: ${m.value === null ? 'n/a' : `${m.value} ${m.unit}`}${m.note ? `  (${m.note})` : ''}`);
    }
  }
  console.log('');
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const suiteIndex = path.join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
  if (!fs.existsSync(suiteIndex)) {
    throw new Error(`${suiteIndex} is missing: run npm run build first`);
  }
  const t0 = Date.now();
  const session = new Session({ prefix: 'fv-it-', workspaceSource: FIXTURE_WORKSPACE, withRunner: true });
  const resultsFile = path.join(session.scratch.root, 'results.json');
  session.closeOnSignals();
  // --- Flow Vault's Azure features (suite/keyvault*.test.ts): the fake cloud with the demo
  // scenario; its proxy, test CA and demo service principal reach the extension host through
  // code-server's environment (src/fake-azure/forVsCode.ts). FLOW_VAULT_TEST=1 lets the suite
  // skip the confirmation of a secret copy; the slow listing is the one the suite cancels.
  const { startFakeCloudForVsCode } = await import('../../src/fake-azure/forVsCode');
  const cloud = await startFakeCloudForVsCode({ faults: IN_HOST_TEST_FAULTS, env: { FLOW_VAULT_TEST: '1' } });
  // --- end of the fake cloud set-up
  let ok = false;
  try {
    await session.start({
      ...cloud.env,
      FLOW_VAULT_TEST_RESULTS: resultsFile,
      FLOW_VAULT_TEST_SUITE: suiteIndex,
      ...(options.grep ? { FLOW_VAULT_TEST_GREP: options.grep } : {}),
    });
    // The extension host starts when a workbench connects.
    await session.openWorkbench();
    const tWorkbench = Date.now();
    const results = await session.waitForResults(resultsFile, options.timeoutSeconds * 1000);
    const tDone = Date.now();

    printResults(results);
    const { installMs, packageMs } = session.timings;
    console.log(
      `  Timings: install check ${seconds(installMs)}, package + install VSIXs ${seconds(packageMs)}, ` +
        `start + workbench ${seconds(tWorkbench - t0 - installMs - packageMs)}, suite ${seconds(tDone - tWorkbench)}, total ${seconds(tDone - t0)}`,
    );
    let failures = results.failures + (results.error ? 1 : 0);
    if (results.passes === 0 && failures === 0) {
      console.log('  No test ran: counted as a failure.');
      failures = 1;
    }
    console.log(`${results.passes} passed, ${failures} failed`);
    reportSummary('integration', results.passes, failures, results.pending);
    ok = failures === 0;
    return ok ? 0 : 1;
  } finally {
    if (!ok) {
      const dest = path.join(repoRoot, 'test-output', 'integration');
      session.keepLogs(dest);
      log(`logs of this run kept in ${path.relative(process.cwd(), dest) || dest}`);
    }
    await session.close({ keepScratch: options.keep });
    await cloud.close(); // the fake Azure cloud
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\nIntegration run failed: ${err instanceof Error ? err.message : String(err)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
