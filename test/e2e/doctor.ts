// The doctor as a person sees it: `node out/test/e2e/doctor.js` (part of npm run test:e2e).
// Starts the fake cloud with the demo scenario and VS Code (code-server) signed in with the demo
// service principal, runs "Flow Vault: Check Machine Registration and Credentials" from the
// command palette (environment from the picker, machine typed in), and checks, with screenshots
// in test-output/screenshots/doctor-*.png:
//   - the report in the Doctor view: groups, a node per credential, status icons, failures expanded,
//   - a failed check's tooltip with its evidence and fix.
// No secret value of the scenario may appear anywhere in the workbench's text.
//
// Options: --keep   keep the scratch folder (workspace, logs) afterwards
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { assertNoCanary } from '../support/canary';
import { FIXTURE_WORKSPACE, Session } from '../integration/harness/session';
import { log, repoRoot, tail } from '../../src/vscode-server/util';
import { newCounts, reportSteps, runSteps, workbenchText, type Step } from './steps';

const SHOTS = path.join(repoRoot, 'test-output', 'screenshots');

let page: Page;
let session: Session;
let cloud: FakeCloudForVsCode;
let values: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `doctor-${name}.png`) });
}

async function assertNoValueShown(): Promise<void> {
  const text = await workbenchText(page);
  for (const v of values) if (text.includes(v)) throw new Error('a secret value is visible in the workbench');
  assertNoCanary("the workbench's full text and labels", text);
}

const view = (): Locator => page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Doctor' }) });
const row = (label: string | RegExp): Locator => view().locator('.monaco-list-row', { hasText: label }).first();

async function collapsePane(title: string): Promise<void> {
  const header = page.locator('.pane-header', { hasText: title }).first();
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
}

const steps: Step[] = [
  {
    title: 'runs the doctor from the command palette: environment from the picker, machine typed in',
    run: async () => {
      page = await session.openWorkbench();
      await page.locator('.activitybar [aria-label^="Flow Vault"]').first().click();
      await collapsePane('Credentials');
      await collapsePane('Key Vault');
      const doctor = page.locator('.pane-header', { hasText: 'Doctor' }).first();
      await doctor.waitFor();
      if ((await doctor.getAttribute('aria-expanded')) !== 'true') await doctor.click();
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      if (sidebar) {
        const x = sidebar.x + sidebar.width + 1;
        const y = sidebar.y + sidebar.height / 2;
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + 360, y, { steps: 8 });
        await page.mouse.up();
      }
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>Flow Vault: Check Machine Registration and Credentials');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Check Machine Registration and Credentials' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'Environment to check' }).waitFor({ timeout: 60_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Contoso RPA (Production)' }).first().click();
      await page.locator('.quick-input-widget', { hasText: 'Machine that runs the flows' }).waitFor({ timeout: 20_000 });
      await input.fill('RPA-VM-02');
      await page.keyboard.press('Enter');
      await row('Machine registration').waitFor({ timeout: 60_000 });
    },
  },
  {
    title: 'shows the report: groups with counts, failures expanded with their icons',
    run: async () => {
      await row('Machine status').waitFor({ timeout: 20_000 });
      const status = await row('Machine status').innerText();
      if (!/RPA-VM-02|requires reconnection/.test(status)) throw new Error(`the machine status row says "${status.replace(/\n/g, ' ')}"`);
      await row('Credentials').waitFor();
      await row('Legacy FTP upload').waitFor();
      await page.mouse.move(1200, 700);
      await page.waitForTimeout(300);
      await assertNoValueShown();
      await screenshot('report');
    },
  },
  {
    title: "a failed check's tooltip shows the evidence and the fix",
    run: async () => {
      await row('Machine status').hover();
      const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
      await hover.waitFor({ timeout: 10_000 });
      const text = await hover.innerText();
      if (!/requires reconnection/.test(text) || !/Fix:/.test(text)) throw new Error(`tooltip: ${text}`);
      await assertNoValueShown();
      await screenshot('tooltip');
      await page.mouse.move(1200, 700);
    },
  },
];

async function main(): Promise<number> {
  const keep = process.argv.includes('--keep');
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.startsWith('doctor-')) fs.rmSync(path.join(SHOTS, f));
  cloud = await startFakeCloudForVsCode();
  values = cloud.fake.state.allVaults().flatMap((v) => v.secrets.flatMap((s) => s.versions.map((x) => x.value))).filter((v) => v.length >= 4);
  session = new Session({ prefix: 'fv-doctor-e2e-', workspaceSource: FIXTURE_WORKSPACE });
  session.closeOnSignals();
  const counts = newCounts();
  const started = Date.now();
  try {
    await session.start(cloud.env);
    console.log('\n  The doctor in the VS Code workbench (fake cloud, demo scenario)');
    await runSteps(steps, counts, async () => {
      if (page) await page.screenshot({ path: path.join(SHOTS, 'doctor-failed.png') });
    });
  } catch (err) {
    counts.failed++;
    console.log(`\n  Could not start VS Code: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    if (counts.failed > 0) {
      const dest = path.join(repoRoot, 'test-output', 'e2e-doctor');
      session.keepLogs(dest);
      const exthost = session.extensionHostLog;
      if (exthost) console.log(`\n  Extension host log, last lines:\n${tail(exthost, 15)}`);
      log(`logs of this run kept in ${path.relative(process.cwd(), dest)}`);
    }
    await session.close({ keepScratch: keep });
    await cloud.close();
  }
  console.log(`\n  Screenshots: ${path.relative(process.cwd(), SHOTS)}/doctor-*.png; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return reportSteps(counts);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
