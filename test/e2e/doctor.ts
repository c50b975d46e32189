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
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import type { Session } from '../integration/harness/session';
import type { Step } from './steps';
import { clearScreenshots, exitWith, fixtureSession, runScript, SHOTS } from './script';
import { assertNoSecretShown, hoverText, openFlowVaultSidebar, pane, runCommand, treeRow, vaultValues } from './workbench';

let page: Page;
let session: Session;
let cloud: FakeCloudForVsCode;
let values: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `doctor-${name}.png`) });
}

const assertNoValueShown = (): Promise<void> => assertNoSecretShown(page, values);
const view = (): Locator => pane(page, 'Doctor');
const row = (label: string | RegExp): Locator => treeRow(view(), label);

const steps: Step[] = [
  {
    title: 'runs the doctor from the command palette: environment from the picker, machine typed in',
    run: async () => {
      page = await session.openWorkbench();
      await openFlowVaultSidebar(page, { collapse: ['Credentials', 'Key Vault'], expand: 'Doctor', widenBy: 360 });
      await runCommand(page, 'Flow Vault: Check Machine Registration and Credentials', 'Check Machine Registration and Credentials');
      await page.locator('.quick-input-widget', { hasText: 'Environment to check' }).waitFor({ timeout: 60_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Contoso RPA (Production)' }).first().click();
      await page.locator('.quick-input-widget', { hasText: 'Machine that runs the flows' }).waitFor({ timeout: 20_000 });
      await page.locator('.quick-input-widget input').fill('RPA-VM-02');
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
      // The workspace's flows name one healthy credential (SAP service account): only it is checked.
      // The group row, not a check whose title mentions credentials.
      const group = row(/^\s*Credentials\s*\d/);
      await group.waitFor();
      const credentials = await group.innerText();
      if (!/\d+ passed/.test(credentials) || /failed/.test(credentials)) throw new Error(`the Credentials group says "${credentials.replace(/\n/g, ' ')}"`);
      await page.mouse.move(1200, 700);
      await page.waitForTimeout(300);
      await assertNoValueShown();
      await screenshot('report');
    },
  },
  {
    title: "a failed check's tooltip shows the evidence and the fix",
    run: async () => {
      const text = await hoverText(page, row('Machine status'));
      if (!/requires reconnection/.test(text) || !/Fix:/.test(text)) throw new Error(`tooltip: ${text}`);
      await assertNoValueShown();
      await screenshot('tooltip');
      await page.mouse.move(1200, 700);
    },
  },
];

async function main(): Promise<number> {
  clearScreenshots('doctor-');
  cloud = await startFakeCloudForVsCode();
  values = vaultValues(cloud);
  session = fixtureSession('fv-doctor-e2e-');
  return runScript({
    session,
    cloud,
    heading: 'The doctor in the VS Code workbench (fake cloud, demo scenario)',
    steps,
    onFailure: () => screenshot('failed'),
    logsFolder: 'e2e-doctor',
    shots: () => 'doctor-*.png',
  });
}

exitWith(main);
