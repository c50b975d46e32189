// The integration tests in a real VS Code: `npm run test:integration`.
//
// Packages Flow Vault (npm run package) and the test-runner extension as VSIXs, installs both
// into a fresh extensions dir of code-server (VS Code 1.139.1 from npm, cached outside the repo),
// opens a copy of test/integration/fixtures/workspace in the workbench with Chromium, and waits
// while the runner extension runs test/integration/suite/*.test.ts inside the extension host.
// Prints the results as mocha does and ends with the line `N passed, M failed`.
// A second session opens fixtures/untrusted-workspace with workspace trust on, in Restricted
// Mode, and runs suite/untrusted/; the fake cloud must see no request until the suite asks for
// trust, which this runner then grants in the Workspace Trust editor (harness/trust.ts).
//
// Options: --grep <regexp>   run only matching tests (by full title)
//          --only trusted|untrusted   run one of the two sessions
//          --timeout <s>     how long to wait for the suite (default 600)
//          --keep            keep the scratch folder (logs, workspace) for a look afterwards
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SuiteResults, TestResult } from './results';
import { packageFlowVault } from '../../src/vscode-server/packaging';
import { log, repoRoot } from '../../src/vscode-server/util';
import { scanForCanary } from './harness/leaks';
import { packageRunnerExtension } from './harness/runnerExtension';
import { FIXTURE_WORKSPACE, Session, UNTRUSTED_WORKSPACE } from './harness/session';
import { reportSummary } from './harness/summary';
import { grantTrustWhenAsked } from './harness/trust';
import { answerDialogsWhenAsked } from './harness/dialogs';

interface Options {
  grep?: string;
  only?: 'trusted' | 'untrusted';
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
    } else if (arg === '--only') {
      const only = argv[++i];
      if (only !== 'trusted' && only !== 'untrusted') {
        throw new Error('--only takes trusted or untrusted');
      }
      options.only = only;
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

/** What the fake cloud logged: requests it served, CONNECTs it refused. */
interface CloudTraffic {
  requests: readonly unknown[];
  refusedConnects: readonly string[];
}

/** How one session of the run went. */
interface SessionRun {
  results: SuiteResults;
  timings: string;
}

/**
 * One session: code-server on a fresh copy of `workspaceSource`, the fake cloud beside it, the
 * in-host suite run to a results file. `afterSuite` may add checks made outside the host.
 */
async function runSession(
  options: Options,
  kind: 'trusted' | 'untrusted',
  vsixes: string[],
  afterSuite?: (cloud: CloudTraffic, session: Session) => TestResult[],
): Promise<SessionRun> {
  const t0 = Date.now();
  const untrusted = kind === 'untrusted';
  const session = new Session({
    prefix: untrusted ? 'fv-itu-' : 'fv-it-',
    workspaceSource: untrusted ? UNTRUSTED_WORKSPACE : FIXTURE_WORKSPACE,
    withRunner: true,
    vsixes,
    workspaceTrust: untrusted ? 'untrusted' : 'off',
  });
  const resultsFile = path.join(session.scratch.root, 'results.json');
  const trustRequest = path.join(session.scratch.root, 'trust-request');
  const dialogRequest = path.join(session.scratch.root, 'dialog-request');
  session.closeOnSignals();
  // --- Flow Vault's Azure features (suite/keyvault*.test.ts): the fake cloud with the demo
  // scenario; its proxy, test CA and demo service principal reach the extension host through
  // code-server's environment (src/fake-azure/forVsCode.ts, harness/fakeCloud.ts). A copy of a
  // secret value is confirmed as a user does, by a click on the dialog's button (harness/dialogs.ts).
  const { startFakeCloudForSuite } = await import('./harness/fakeCloud');
  const cloud = await startFakeCloudForSuite();
  // --- end of the fake cloud set-up
  let ok = false;
  try {
    await session.start({
      ...cloud.env,
      FLOW_VAULT_TEST_RESULTS: resultsFile,
      FLOW_VAULT_TEST_SUITE: suiteIndex(),
      FLOW_VAULT_TEST_DIALOG_REQUEST: dialogRequest,
      ...(untrusted ? { FLOW_VAULT_TEST_WORKSPACE_TRUST: 'untrusted', FLOW_VAULT_TEST_TRUST_REQUEST: trustRequest } : {}),
      ...(options.grep ? { FLOW_VAULT_TEST_GREP: options.grep } : {}),
    });
    // The extension host starts when a workbench connects.
    const page = await session.openWorkbench();
    const tWorkbench = Date.now();
    // What the fake cloud saw while the folder was untrusted: until the suite asks for trust.
    let untrustedTraffic: CloudTraffic | undefined;
    const snapshot = (): CloudTraffic => ({ requests: [...cloud.fake.requests], refusedConnects: [...cloud.fake.refusedConnects] });
    const trust = untrusted ? grantTrustWhenAsked(page, trustRequest, () => (untrustedTraffic = snapshot())) : undefined;
    const dialogs = answerDialogsWhenAsked(page, dialogRequest);
    let results: SuiteResults;
    try {
      results = await session.waitForResults(resultsFile, options.timeoutSeconds * 1000);
    } finally {
      trust?.stop();
      dialogs.stop();
    }
    await dialogs.done;
    await trust?.done.catch((err: unknown) => log(`could not grant workspace trust: ${err instanceof Error ? err.message : String(err)}`));
    const tDone = Date.now();
    for (const extra of afterSuite?.(untrustedTraffic ?? snapshot(), session) ?? []) {
      results.tests.push(extra);
      if (extra.state === 'passed') results.passes++;
      else results.failures++;
    }
    const { installMs } = session.timings;
    const timings =
      `${kind} session: install check ${seconds(installMs)}, start + workbench ${seconds(tWorkbench - t0 - installMs)}, ` +
      `suite ${seconds(tDone - tWorkbench)}, total ${seconds(tDone - t0)}`;
    ok = results.failures === 0 && !results.error;
    return { results, timings };
  } finally {
    if (!ok) {
      const dest = path.join(repoRoot, 'test-output', 'integration', kind);
      session.keepLogs(dest);
      log(`logs of this run kept in ${path.relative(process.cwd(), dest) || dest}`);
    }
    await session.close({ keepScratch: options.keep });
    await cloud.close(); // the fake Azure cloud
  }
}

function suiteIndex(): string {
  return path.join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
}

/** code-server's own extension gallery: VS Code, not Flow Vault, asks it for updates. */
const VS_CODE_OWN_HOSTS = new Set(['open-vsx.org']);

/**
 * The outer check of the untrusted session: nothing reached an emulated cloud host, and nothing
 * but VS Code's own gallery asked the proxy for another host.
 */
function noCloudTraffic(cloud: CloudTraffic): TestResult[] {
  const suites = ['Flow Vault in an untrusted workspace (Restricted Mode)'];
  const title = 'sends no request to any cloud endpoint (the fake cloud logged none)';
  const refused = cloud.refusedConnects.filter((target) => !VS_CODE_OWN_HOSTS.has(target.replace(/:\d+$/, '')));
  const ok = cloud.requests.length === 0 && refused.length === 0;
  return [
    {
      title,
      fullTitle: `${suites[0]} ${title}`,
      suites,
      state: ok ? 'passed' : 'failed',
      error: ok ? undefined : { message: `the fake cloud logged ${cloud.requests.length} request(s) and refused CONNECTs to: ${refused.join(', ') || 'none'}` },
    },
  ];
}

/**
 * The outer check of the trusted session, where suite/secret-leaks.test.ts planted the canary:
 * no log file of the run and no request the fake cloud logged holds it.
 */
function noCanaryInLogs(cloud: CloudTraffic, session: Session): TestResult[] {
  const suites = ['The canary secret in the extension host'];
  const title = "is in no log file of the run (VS Code's, Flow Vault's output channels, code-server's) nor in the fake cloud's request log";
  const scan = scanForCanary(session.scratch.root, session.workspace, { 'the fake cloud request log': cloud.requests, 'the fake cloud refused CONNECTs': cloud.refusedConnects });
  const problems = [
    ...(scan.leaks.length > 0 ? [`found in: ${scan.leaks.join(', ')}`] : []),
    ...(scan.flowVaultLogs.length === 0 ? [`no Flow Vault output-channel log file among the ${scan.filesRead} files read`] : []),
  ];
  return [
    {
      title,
      fullTitle: `${suites[0]} ${title}`,
      suites,
      state: problems.length === 0 ? 'passed' : 'failed',
      error: problems.length === 0 ? undefined : { message: problems.join('; ') },
    },
  ];
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(suiteIndex())) {
    throw new Error(`${suiteIndex()} is missing: run npm run build first`);
  }
  const t0 = Date.now();
  // Packaged once, installed into each session's own extensions dir.
  const vsixDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-vsix-'));
  try {
    const vsixes = [packageFlowVault(vsixDir), packageRunnerExtension(vsixDir)];
    const tPackaged = Date.now();
    const runs: SessionRun[] = [];
    if (options.only !== 'untrusted') {
      runs.push(await runSession(options, 'trusted', vsixes, noCanaryInLogs));
    }
    if (options.only !== 'trusted') {
      runs.push(await runSession(options, 'untrusted', vsixes, noCloudTraffic));
    }
    let passes = 0;
    let failures = 0;
    let pending = 0;
    for (const { results } of runs) {
      printResults(results);
      passes += results.passes;
      pending += results.pending;
      let failed = results.failures + (results.error ? 1 : 0);
      if (results.passes === 0 && failed === 0) {
        console.log('  No test ran: counted as a failure.');
        failed = 1;
      }
      failures += failed;
    }
    console.log(`  Timings: package VSIXs ${seconds(tPackaged - t0)}; ${runs.map((r) => r.timings).join('; ')}; total ${seconds(Date.now() - t0)}`);
    console.log(`${passes} passed, ${failures} failed`);
    reportSummary('integration', passes, failures, pending);
    return failures === 0 ? 0 : 1;
  } finally {
    fs.rmSync(vsixDir, { recursive: true, force: true });
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
