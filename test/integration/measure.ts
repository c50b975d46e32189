// Figures from the real VS Code (a script, not a test: nothing is asserted). Run by
// scripts/measure-vscode.sh (`npm run measure:vscode -- [--runs N] [--baseline REF] [--activation-only]`):
//   - Flow Vault's activation time as the extension host itself reports it (the Running
//     Extensions view: code loading + activate()), and the event that activated it: the median
//     over N fresh windows on the fixture workspace (default 5). With --baseline REF (a git ref,
//     e.g. main), REF is packaged too and measured in the same run, windows alternating between
//     the two builds so that a busy machine weighs on both alike;
//   - the lint of a 1 MB flow in the host: open -> diagnostics, save -> updated diagnostics
//     (suite/measure.test.ts, which records them into the results), in one more window;
//   - the size of the installed bundles.
// Prints them and writes test-output/measure.json.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { Metric } from './results';
import { packageFlowVault } from '../../src/vscode-server/packaging';
import { FIXTURE_WORKSPACE, Session } from './harness/session';
import { runCommand } from './harness/palette';
import { ScratchDir, log, repoRoot, run } from '../../src/vscode-server/util';

interface Options {
  runs: number;
  baseline?: string;
  activationOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 5, activationOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') options.runs = Math.max(1, Number(argv[++i]) || 5);
    else if (a === '--baseline') options.baseline = argv[++i];
    else if (a === '--activation-only') options.activationOnly = true;
    else throw new Error(`unknown option ${a} (use --runs N, --baseline REF, --activation-only)`);
  }
  return options;
}

/** The row of Flow Vault in "Developer: Show Running Extensions", once its activation has finished. */
async function hostActivationTime(page: Page): Promise<string | undefined> {
  // The view lists the slowest first and renders only the rows in sight: make room for all.
  await page.setViewportSize({ width: 1280, height: 5000 });
  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Flow Vault' }).first();
  await row.waitFor({ timeout: 30_000 });
  const time = row.locator('.activation-time');
  const deadline = Date.now() + 30_000;
  let text = (await time.innerText()).trim();
  while (!/\d+\s*ms/.test(text) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    text = (await time.innerText()).trim();
  }
  return text;
}

function activationEvent(logFile: string | undefined): string | undefined {
  if (!logFile) {
    return undefined;
  }
  const line = fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .find((l) => l.includes('_doActivateExtension flow-vault.flow-vault,'));
  return line?.match(/activationEvent: '([^']*)'/)?.[1];
}

/** How long activate() itself took, from the "Activated in N ms." line of the Flow Vault log. */
function activateCallMs(userDataDir: string): number | undefined {
  const logs = path.join(userDataDir, 'logs');
  const files = fs.existsSync(logs) ? (fs.readdirSync(logs, { recursive: true }) as string[]).filter((f) => f.endsWith('Flow Vault.log')) : [];
  for (const f of files) {
    const m = fs.readFileSync(path.join(logs, f), 'utf8').match(/Activated in (\d+) ms\./);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** dist/*.js of the installed extension, name -> bytes. */
function installedBundles(extensionsDir: string): Record<string, number> {
  const dir = fs.readdirSync(extensionsDir).find((d) => d.startsWith('flow-vault.flow-vault-'));
  const dist = dir && path.join(extensionsDir, dir, 'dist');
  if (!dist || !fs.existsSync(dist)) {
    return {};
  }
  return Object.fromEntries(fs.readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => [f, fs.statSync(path.join(dist, f)).size]));
}

function median(values: number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Packages a git ref's tree (its own `npm run package`, with this checkout's node_modules). */
function packageRef(ref: string, scratch: ScratchDir): string {
  const src = scratch.sub('baseline-src');
  log(`packaging ${ref}`);
  run('bash', ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'archive', repoRoot, ref, src], { what: `git archive ${ref}` });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(src, 'node_modules'), 'dir');
  run('npm', ['run', 'package'], { what: `npm run package (${ref})`, cwd: src, stdio: ['ignore', 'pipe', 'pipe'] });
  const vsix = path.join(src, 'dist', 'flow-vault.vsix');
  if (!fs.existsSync(vsix)) {
    throw new Error(`npm run package of ${ref} wrote no dist/flow-vault.vsix`);
  }
  return vsix;
}

interface Window {
  ms: number | null;
  /** activate() alone, where the build logs it. */
  activateMs?: number;
  text?: string;
  event?: string;
  bundles: Record<string, number>;
}

let current: Session | undefined;

/** One fresh window on the fixture workspace with `vsix` installed: Flow Vault activates at startup. */
async function measureWindow(vsix: string): Promise<Window> {
  const session = new Session({ prefix: 'fv-m-', workspaceSource: FIXTURE_WORKSPACE, vsix });
  current = session;
  try {
    await session.start();
    const page = await session.openWorkbench();
    const text = await hostActivationTime(page);
    const ms = text?.match(/(\d+)\s*ms/)?.[1];
    return {
      ms: ms === undefined ? null : Number(ms),
      activateMs: activateCallMs(session.userDataDir),
      text,
      event: activationEvent(session.extensionHostLog),
      bundles: installedBundles(session.extensionsDir),
    };
  } finally {
    await session.close();
    current = undefined;
  }
}

/** The lint figures: the suite's Measurements in one more window, with the test runner. */
async function measureLint(vsix: string): Promise<{ metrics: Record<string, Metric>; host?: Record<string, string>; failures: number }> {
  const suiteIndex = path.join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
  const session = new Session({ prefix: 'fv-m-', workspaceSource: FIXTURE_WORKSPACE, withRunner: true, vsix });
  current = session;
  const resultsFile = path.join(session.scratch.root, 'results.json');
  try {
    await session.start({ FLOW_VAULT_TEST_RESULTS: resultsFile, FLOW_VAULT_TEST_SUITE: suiteIndex, FLOW_VAULT_TEST_GREP: 'activates when|Measurements' });
    await session.openWorkbench();
    const results = await session.waitForResults(resultsFile, 600_000);
    return { metrics: results.metrics, host: results.host as Record<string, string> | undefined, failures: results.failures };
  } finally {
    await session.close();
    current = undefined;
  }
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void (current?.close() ?? Promise.resolve()).finally(() => process.exit(130)));
  }
  const scratch = new ScratchDir('fv-mb-');
  const figures: Record<string, Metric> = {};
  let host: Record<string, string> | undefined;
  let failures = 0;
  try {
    const builds: { label: string; vsix: string; windows: Window[] }[] = [];
    if (options.baseline) {
      builds.push({ label: options.baseline, vsix: packageRef(options.baseline, scratch), windows: [] });
    }
    builds.push({ label: 'this checkout', vsix: packageFlowVault(scratch.sub('current')), windows: [] });

    for (let i = 0; i < options.runs; i++) {
      // Alternate which build goes first, so neither always follows the other.
      const order = i % 2 ? [...builds].reverse() : builds;
      for (const b of order) {
        const w = await measureWindow(b.vsix);
        b.windows.push(w);
        const call = w.activateMs === undefined ? '' : `, of which activate() ${w.activateMs}ms`;
        log(`run ${i + 1}/${options.runs}, ${b.label}: ${w.text ?? 'n/a'}${call} (${w.event ?? 'unknown event'})`);
      }
    }

    if (!options.activationOnly) {
      const lint = await measureLint(builds[builds.length - 1].vsix);
      Object.assign(figures, lint.metrics);
      host = lint.host;
      failures = lint.failures;
    }

    for (const b of builds) {
      const values = b.windows.map((w) => w.ms).filter((v): v is number => v !== null);
      const suffix = b === builds[builds.length - 1] ? '' : `.baseline`;
      const events = [...new Set(b.windows.map((w) => w.event ?? 'unknown'))].join(', ');
      figures[`activation.hostReported${suffix}`] = {
        value: median(values),
        unit: 'ms',
        note: `${b.label}: median of ${values.length} windows [${values.join(', ')}], Running Extensions view (code loading + activate()); activated by ${events}`,
      };
      const calls = b.windows.map((w) => w.activateMs).filter((v): v is number => v !== undefined);
      if (calls.length > 0) {
        figures[`activation.activateCall${suffix}`] = {
          value: median(calls),
          unit: 'ms',
          note: `${b.label}: activate() alone as Flow Vault logs it, median of [${calls.join(', ')}]; the rest of the host's figure is loading the code`,
        };
      }
      const bundles = b.windows[0]?.bundles ?? {};
      for (const [name, bytes] of Object.entries(bundles)) {
        figures[`bundle.${name}${suffix}`] = { value: Math.round(bytes / 102.4) / 10, unit: 'KiB', note: `dist/${name} as installed from the VSIX (${b.label})` };
      }
    }

    // Other work on the machine slows every window alike: say how busy it was.
    const load = os.loadavg().map((l) => l.toFixed(1)).join(', ');
    console.log(`\n  Flow Vault in VS Code ${host?.vscode ?? '?'} (${host?.appName ?? '?'}), extension host Node ${host?.node ?? '?'}`);
    console.log(`  ${os.cpus().length} cores, load average ${load} (1, 5, 15 min) at the end`);
    if (builds.length > 1) {
      console.log(`\n  Activation, Running Extensions view (code loading + activate()), ms:`);
      console.log(`    ${'window'.padEnd(8)}${builds.map((b) => b.label.padEnd(16)).join('')}`);
      for (let i = 0; i < options.runs; i++) {
        console.log(`    ${String(i + 1).padEnd(8)}${builds.map((b) => String(b.windows[i]?.ms ?? 'n/a').padEnd(16)).join('')}`);
      }
      console.log(`    ${'median'.padEnd(8)}${builds.map((b) => String(median(b.windows.map((w) => w.ms).filter((v): v is number => v !== null)) ?? 'n/a').padEnd(16)).join('')}\n`);
    }
    for (const [name, m] of Object.entries(figures)) {
      console.log(`    ${name}: ${m.value === null ? 'n/a' : `${m.value} ${m.unit}`}${m.note ? `  (${m.note})` : ''}`);
    }
    const out = path.join(repoRoot, 'test-output', 'measure.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ measuredAt: new Date().toISOString(), host, loadAverage: os.loadavg(), runs: options.runs, baseline: options.baseline, figures }, null, 2));
    console.log(`\n  Written to ${path.relative(process.cwd(), out)}`);
    return failures === 0 ? 0 : 1;
  } finally {
    scratch.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`measure failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
