// The Credentials view as a person sees it: `node out/test/e2e/credentials.js` (part of npm run
// test:e2e). Starts the fake cloud with the demo scenario, VS Code (code-server) with its proxy,
// CA and demo service principal in the environment, opens the Flow Vault sidebar and checks, with
// screenshots in test-output/screenshots/credentials-*.png:
//   - the populated view: tenants, environments, credentials with their health filled in,
//   - a credential's tooltip (why, and what to do), its variables, vault secret and "Used by",
//   - the Key Vault view's "used by credential" on the secret a credential reveals,
//   - the signed-out welcome view after "Sign out".
// The canary (test/support/canary.ts) is planted as a hard-coded password in one more desktop
// flow of the environment: it may appear nowhere in the workbench's text, nor may any secret
// value of the scenario.
//
// Options: --keep   keep the scratch folder (workspace, logs) afterwards
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { clientDataOf } from '../../src/fake-azure/scenarioDataverse';
import { assertNoCanary, CANARY } from '../support/canary';
import { FIXTURE_WORKSPACE, Session } from '../integration/harness/session';
import { log, repoRoot, tail } from '../../src/vscode-server/util';
import { newCounts, reportSteps, runSteps, workbenchText, type Step } from './steps';

const SHOTS = path.join(repoRoot, 'test-output', 'screenshots');

let page: Page;
let session: Session;
let cloud: FakeCloudForVsCode;
let values: string[] = [];

function demoValues(): string[] {
  const out: string[] = [];
  for (const v of cloud.fake.state.allVaults()) for (const s of v.secrets) for (const x of s.versions) out.push(x.value);
  return out.filter((v) => v.length >= 4);
}

/** One more desktop flow in the production environment, with the canary typed in as a password. */
function plantCanaryFlow(): void {
  const env = cloud.fake.state.environments().find((e) => e.host.startsWith('contoso-rpa.'));
  if (!env) throw new Error('no contoso-rpa environment in the demo scenario');
  const workflows = env.tables.get('workflows') ?? [];
  const template = workflows.find((w) => w.category === 6);
  if (!template) throw new Error('no desktop flow to copy');
  workflows.push({
    ...template,
    workflowid: '0c4a7e1b-9d2f-4e3a-8b5c-6d7e8f9a0b1c',
    name: 'Canary flow',
    clientdata: clientDataOf(
      [
        "PowerAutomateSecretVariables.GetCredential Credential: 'SAP service account' Timeout: 0 Credential=> SapCredential",
        `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Password'] Text: '${CANARY}'`,
      ].join('\r\n'),
    ),
  });
}

async function screenshot(name: string): Promise<string> {
  const file = path.join(SHOTS, `credentials-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function assertNoValueShown(): Promise<void> {
  const text = await page.locator('.monaco-workbench').innerText();
  for (const v of values) {
    if (text.includes(v)) throw new Error('a secret value is visible in the workbench');
  }
  assertNoCanary("the workbench's visible text", text);
  assertNoCanary("the workbench's full text and labels", await workbenchText(page));
}

const pane = (title: string): Locator => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
const view = (): Locator => pane('Credentials');
const row = (label: string | RegExp, in_: Locator = view()): Locator => in_.locator('.monaco-list-row', { hasText: label }).first();

async function expand(label: string | RegExp, in_: Locator = view()): Promise<void> {
  const r = row(label, in_);
  await r.waitFor({ timeout: 30_000 });
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
}

async function command(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

const steps: Step[] = [
  {
    title: 'opens the Flow Vault sidebar: the Credentials view lists tenants and environments',
    run: async () => {
      page = await session.openWorkbench();
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.locator('.activitybar [aria-label^="Flow Vault"]').first().click();
      // Room for the Credentials view: collapse the other views of the container and widen the sidebar.
      const keyVault = page.locator('.pane-header', { hasText: 'Key Vault' });
      await keyVault.waitFor();
      for (const title of ['Key Vault', 'Doctor']) {
        const header = page.locator('.pane-header', { hasText: title });
        if ((await header.count()) && (await header.first().getAttribute('aria-expanded')) === 'true') await header.first().click();
      }
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      if (sidebar) {
        const x = sidebar.x + sidebar.width + 1;
        const y = sidebar.y + sidebar.height / 2;
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + 360, y, { steps: 8 });
        await page.mouse.up();
      }
      await row('Contoso').waitFor({ timeout: 60_000 });
      await row('Fabrikam Partner Tenant').waitFor({ timeout: 30_000 });
      await row('Contoso RPA (Production)').waitFor({ timeout: 30_000 });
    },
  },
  {
    title: 'shows each credential with its health: OK, expired, disabled, unreadable by Dataverse, cannot check, inactive',
    run: async () => {
      await expand('Contoso RPA (Production)');
      await page.mouse.move(1200, 700);
      await row('SAP service account').waitFor({ timeout: 30_000 });
      for (const [name, text] of [
        ['SAP service account', 'OK'],
        ['Legacy FTP upload', 'secret expired'],
        ['Citrix service account', 'secret disabled'],
        ['Mainframe operator', 'vault unreadable by Dataverse'],
        ['Payroll database', 'cannot check'],
        ['Old mainframe account', 'inactive'],
      ]) {
        const r = row(name);
        const deadline = Date.now() + 30_000;
        let t = await r.innerText();
        while (!t.includes(text) && Date.now() < deadline) {
          await page.waitForTimeout(250);
          t = await r.innerText();
        }
        if (!t.includes(text)) throw new Error(`${name} should say "${text}", shows "${t.replace(/\n/g, ' ')}"`);
      }
      await page.mouse.move(1200, 700);
      await page.waitForTimeout(300);
      await assertNoValueShown();
      await screenshot('populated');
    },
  },
  {
    title: 'a credential\'s tooltip says why and what to do',
    run: async () => {
      await row('Mainframe operator').hover();
      const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
      await hover.waitFor({ timeout: 10_000 });
      const text = await hover.innerText();
      if (!/Dataverse/.test(text) || !/Fix/.test(text)) throw new Error(`tooltip: ${text}`);
      await assertNoValueShown();
      await screenshot('tooltip');
      await page.mouse.move(1200, 700);
    },
  },
  {
    title: 'under a credential: its variables, the vault secret, and the flows and files that use it',
    run: async () => {
      await expand('SAP service account');
      await row(/^Password: /).waitFor({ timeout: 10_000 });
      await row('sap-password').waitFor({ timeout: 10_000 });
      await expand('Used by');
      await row('Invoice posting (SAP)').waitFor({ timeout: 30_000 });
      await row('Canary flow').waitFor({ timeout: 30_000 });
      await row('post-invoices-with-credential.robin').waitFor({ timeout: 30_000 });
      await page.mouse.move(1200, 700);
      await assertNoValueShown();
      await screenshot('credential-parts');
    },
  },
  {
    title: 'reveals the secret in the Key Vault view, which says the credential uses it',
    run: async () => {
      await row('sap-password').click();
      const kv = pane('Key Vault');
      const secret = row('sap-password', kv);
      await secret.waitFor({ timeout: 60_000 });
      const deadline = Date.now() + 20_000;
      let t = await secret.innerText();
      while (!t.includes('used by credential SAP service account') && Date.now() < deadline) {
        await page.waitForTimeout(250);
        t = await secret.innerText();
      }
      if (!t.includes('used by credential SAP service account')) throw new Error(`the Key Vault row says "${t.replace(/\n/g, ' ')}"`);
      await assertNoValueShown();
      await screenshot('keyvault-used-by');
    },
  },
  {
    title: 'after "Sign out of Azure", the welcome view offers the ways to sign in',
    run: async () => {
      await command('Flow Vault: Sign out of Azure');
      await page.locator('.quick-input-widget', { hasText: 'Sign out of which account?' }).waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Service principal flowvault-demo' }).first().click();
      await view().locator('.welcome-view-content', { hasText: 'Power Automate credentials' }).waitFor({ timeout: 20_000 });
      await screenshot('signed-out');
    },
  },
];

async function main(): Promise<number> {
  const keep = process.argv.includes('--keep');
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.startsWith('credentials-')) fs.rmSync(path.join(SHOTS, f));
  cloud = await startFakeCloudForVsCode();
  plantCanaryFlow();
  values = demoValues();
  session = new Session({ prefix: 'fv-cred-e2e-', workspaceSource: FIXTURE_WORKSPACE });
  session.closeOnSignals();
  const counts = newCounts();
  const started = Date.now();
  try {
    await session.start(cloud.env);
    console.log('\n  The Credentials view in the VS Code workbench (fake cloud, demo scenario)');
    await runSteps(steps, counts, async () => {
      if (page) await page.screenshot({ path: path.join(SHOTS, 'credentials-failed.png') });
    });
    const requests = JSON.stringify(cloud.fake.requests);
    assertNoCanary("the fake cloud's request log", requests);
  } catch (err) {
    counts.failed++;
    console.log(`\n  ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    if (counts.failed > 0) {
      const dest = path.join(repoRoot, 'test-output', 'e2e-credentials');
      session.keepLogs(dest);
      const exthost = session.extensionHostLog;
      if (exthost) console.log(`\n  Extension host log, last lines:\n${tail(exthost, 15)}`);
      log(`logs of this run kept in ${path.relative(process.cwd(), dest)}`);
    }
    await session.close({ keepScratch: keep });
    await cloud.close();
  }
  console.log(`\n  Screenshots: ${path.relative(process.cwd(), SHOTS)}/credentials-*.png; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
