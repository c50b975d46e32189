// "Move to Key Vault and use a Get credential action" as a person runs it: `node out/test/e2e/moveToKeyVault.js`
// (part of npm run test:e2e). Starts the fake cloud (demo scenario) and VS Code with the demo
// service principal, opens a copy of examples/hard-coded-secrets.robin whose SMTP password is the
// canary, runs the command from the palette with the cursor on the password and answers each
// prompt, with screenshots in test-output/screenshots/move-*.png (the editor tokens that hold the
// canary are masked). Then the vault holds the value, the environment the credential, the editor
// the Get credential action; the canary is in no text of the workbench nor the fake's request log.
//
// Options: --keep   keep the scratch folder (workspace, logs) afterwards
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { assertNoCanary, CANARY } from '../support/canary';
import type { Session } from '../integration/harness/session';
import { repoRoot } from '../../src/vscode-server/util';
import { workbenchText, type Step } from './steps';
import { clearScreenshots, exitWith, fixtureSession, runScript, SHOTS } from './script';
import { assertNoCanaryInRequests, quickOpen, runCommand } from './workbench';

const FLOW = 'move-fix/send-report.robin';
const SECRET = 'move-fix-e2e-smtp';
const CREDENTIAL = 'SMTP robot (e2e)';
const VAULT = 'kv-contoso-rpa-prod';

let page: Page;
let session: Session;
let cloud: FakeCloudForVsCode;

async function screenshot(name: string): Promise<void> {
  await page.screenshot({
    path: path.join(SHOTS, `move-${name}.png`),
    mask: [page.locator('.view-lines span span', { hasText: CANARY }), page.locator('.monaco-hover', { hasText: CANARY })],
    maskColor: '#ff00ff',
  });
}

const widget = () => page.locator('.quick-input-widget');
const pickRow = (text: string | RegExp) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

async function waitForPrompt(text: string | RegExp): Promise<void> {
  await widget().locator('.quick-input-message, .quick-input-title, .quick-input-header', { hasText: text }).first().waitFor({ timeout: 60_000 });
}

const steps: Step[] = [
  {
    title: 'opens the flow and puts the cursor on the hard-coded SMTP password',
    run: async () => {
      page = await session.openWorkbench();
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'flows' }).waitFor({ timeout: 60_000 });
      await quickOpen(page, FLOW);
      await page.locator('.view-lines', { hasText: 'Email.SendEmail' }).waitFor({ timeout: 30_000 });
      // A click on the password's token puts the cursor there (Go to Line would announce the
      // whole line, the user's own text, to screen readers).
      await page.locator('.view-lines span span', { hasText: CANARY }).first().click();
    },
  },
  {
    title: 'runs "Move Hard-Coded Secret to Key Vault and Use Get Credential" from the palette: environments are listed',
    run: async () => {
      await runCommand(page, 'Flow Vault: Move Hard-Coded Secret to Key Vault', 'Move Hard-Coded Secret to Key Vault');
      await pickRow('Contoso RPA (Production)').waitFor({ timeout: 60_000 });
      await screenshot('1-environment');
      await pickRow('Contoso RPA (Production)').click();
    },
  },
  {
    title: 'lists every vault, with why the ones that will not work for the environment will not',
    run: async () => {
      await pickRow(VAULT).waitFor({ timeout: 60_000 });
      const text = (await page.locator('.quick-input-list').innerText()).replace(/\n+/g, ' | ');
      if (!/kv-contoso-rpa-dev/.test(text) || !/Will not work with Contoso RPA \(Production\)/.test(text)) throw new Error(`the vault list does not show an unsuitable vault with its reason: ${text}`);
      await screenshot('2-vault');
      await pickRow(VAULT).click();
    },
  },
  {
    title: 'suggests a secret name, and refuses one that exists',
    run: async () => {
      await waitForPrompt(/Name of the new secret/);
      const suggested = await widget().locator('input').inputValue();
      if (!suggested) throw new Error('no secret name suggested');
      await widget().locator('input').fill('sap-password');
      await widget().locator('.quick-input-message', { hasText: /already has a secret named sap-password/ }).waitFor({ timeout: 30_000 });
      await screenshot('3-secret-name-taken');
      await widget().locator('input').fill(SECRET);
      await page.waitForTimeout(500);
      await screenshot('3-secret-name');
      await page.keyboard.press('Enter');
    },
  },
  {
    title: 'asks for the credential name',
    run: async () => {
      await waitForPrompt(/Name of the Power Automate credential/);
      await widget().locator('input').fill(CREDENTIAL);
      await page.waitForTimeout(500);
      await screenshot('4-credential-name');
      await page.keyboard.press('Enter');
    },
  },
  {
    title: 'prefills the user name from the flow',
    run: async () => {
      await waitForPrompt(/User name of the credential/);
      const value = await widget().locator('input').inputValue();
      if (value !== 'robot@example.com') throw new Error(`user name prefilled with "${value}"`);
      await screenshot('5-user-name');
      await page.keyboard.press('Enter');
    },
  },
  {
    title: 'creates the secret and the credential, then inserts the Get credential action',
    run: async () => {
      await page.locator('.notifications-toasts', { hasText: `Secret ${SECRET} created in vault ${VAULT}` }).waitFor({ timeout: 60_000 });
      await page.locator('.view-lines', { hasText: `Credential: '${CREDENTIAL}'` }).waitFor({ timeout: 15_000 });
      await page.keyboard.press('Home'); // scroll back to the start of the lines
      await page.waitForTimeout(300);
      await screenshot('6-done');
      const secret = cloud.fake.state.vault(VAULT).secrets.find((s) => s.name === SECRET);
      if (!secret || secret.versions[secret.versions.length - 1].value !== CANARY) throw new Error('the vault does not hold the value');
      const env = cloud.fake.state.findEnvironmentByHost('contoso-rpa.crm4.dynamics.com');
      const rows = (env?.tables.get('credentials') ?? []) as { name?: string }[];
      if (!rows.some((r) => r.name === CREDENTIAL)) throw new Error('the environment has no such credential');
    },
  },
  {
    title: "the canary is in no text of the workbench and not in the fake cloud's request log",
    run: async () => {
      assertNoCanary("the workbench's text and labels", await workbenchText(page));
      assertNoCanaryInRequests(cloud);
    },
  },
];

async function main(): Promise<number> {
  clearScreenshots('move-');
  cloud = await startFakeCloudForVsCode();
  session = fixtureSession('fv-move-e2e-');
  return runScript({
    session,
    cloud,
    heading: 'Move to Key Vault through the VS Code workbench (fake cloud, demo scenario)',
    prepare: () => {
      const example = fs.readFileSync(path.join(repoRoot, 'examples', 'hard-coded-secrets.robin'), 'utf8');
      const file = path.join(session.workspace, ...FLOW.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, example.replace("Password: $'''Lighthouse2024!'''", () => `Password: $'''${CANARY}'''`));
    },
    steps,
    onFailure: () => screenshot('failed'),
    logsFolder: 'e2e-move',
    shots: () => 'move-*.png',
  });
}

exitWith(main);
