// Figures from the real VS Code (a script, not a test: nothing is asserted). Run by
// scripts/measure-vscode.sh (`npm run measure:vscode`):
//   - Flow Vault's activation time as the extension host itself reports it (the Running
//     Extensions view: code loading + activate()), and the event that activated it;
//   - the lint of a 1 MB flow in the host: open -> diagnostics, save -> updated diagnostics
//     (suite/measure.test.ts, which records them into the results);
//   - the size of the installed bundle.
// Prints them and writes test-output/measure.json.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { Metric } from './results';
import { FIXTURE_WORKSPACE, Session } from './harness/session';
import { repoRoot } from '../../src/vscode-server/util';

async function hostActivationTime(page: Page): Promise<string | undefined> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor();
  await page.keyboard.press('Enter');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Flow Vault' }).first();
  await row.waitFor({ timeout: 30_000 });
  return (await row.locator('.activation-time').innerText()).trim();
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

function installedBundleSize(extensionsDir: string): number | undefined {
  const dir = fs.readdirSync(extensionsDir).find((d) => d.startsWith('flow-vault.flow-vault-'));
  const main = dir && path.join(extensionsDir, dir, 'dist', 'extension.js');
  return main && fs.existsSync(main) ? fs.statSync(main).size : undefined;
}

async function main(): Promise<number> {
  const suiteIndex = path.join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
  const session = new Session({ prefix: 'fv-m-', workspaceSource: FIXTURE_WORKSPACE, withRunner: true });
  session.closeOnSignals();
  const resultsFile = path.join(session.scratch.root, 'results.json');
  const figures: Record<string, Metric> = {};
  try {
    await session.start({
      FLOW_VAULT_TEST_RESULTS: resultsFile,
      FLOW_VAULT_TEST_SUITE: suiteIndex,
      FLOW_VAULT_TEST_GREP: 'activates when|Measurements',
    });
    const page = await session.openWorkbench();
    const results = await session.waitForResults(resultsFile, 600_000);
    Object.assign(figures, results.metrics);

    const activation = await hostActivationTime(page);
    const ms = activation?.match(/(\d+)\s*ms/)?.[1];
    const event = activationEvent(session.extensionHostLog);
    figures['activation.hostReported'] = {
      value: ms === undefined ? null : Number(ms),
      unit: 'ms',
      note: `Running Extensions view: "${activation ?? 'n/a'}" (code loading + activate()); activated by ${event ?? 'an unknown event'}`,
    };
    const size = installedBundleSize(session.extensionsDir);
    figures['bundle.size'] = { value: size === undefined ? null : Math.round(size / 102.4) / 10, unit: 'KiB', note: 'dist/extension.js as installed from the VSIX' };

    console.log(`\n  Flow Vault in VS Code ${results.host?.vscode ?? '?'} (${results.host?.appName ?? '?'}), extension host Node ${results.host?.node ?? '?'}`);
    for (const [name, m] of Object.entries(figures)) {
      console.log(`    ${name}: ${m.value === null ? 'n/a' : `${m.value} ${m.unit}`}${m.note ? `  (${m.note})` : ''}`);
    }
    const out = path.join(repoRoot, 'test-output', 'measure.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ measuredAt: new Date().toISOString(), host: results.host, figures }, null, 2));
    console.log(`\n  Written to ${path.relative(process.cwd(), out)}`);
    return results.failures === 0 ? 0 : 1;
  } finally {
    await session.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`measure failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
