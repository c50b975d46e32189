// The Key Vault view as a person sees it: `node out/test/e2e/keyvault.js` (part of npm run test:e2e).
// Starts the fake cloud with the demo scenario, VS Code (code-server) with its proxy, CA and demo
// service principal in the environment, opens the Flow Vault sidebar and checks, with
// screenshots in test-output/screenshots/keyvault-*.png:
//   - the populated view (tenants, subscriptions, a vault's secrets with their states),
//   - an error node that says what is wrong and what to do (no permission on a vault),
//   - the MFA tenant's "Sign in to tenant …" row,
//   - the signed-out welcome view after "Sign out".
// No secret value of the scenario may appear anywhere in the workbench's text, nor the canary
// (test/support/canary.ts), planted as one more secret of the vault the test opens.
//
// Options: --keep   keep the scratch folder (workspace, logs) afterwards
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { assertNoCanary, CANARY, CANARY_SECRET } from '../support/canary';
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

async function screenshot(name: string): Promise<string> {
  const file = path.join(SHOTS, `keyvault-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** No value anywhere in the workbench's visible text (tree, tooltips, notifications). */
async function assertNoValueShown(): Promise<void> {
  const text = await page.locator('.monaco-workbench').innerText();
  for (const v of values) {
    if (text.includes(v)) throw new Error('a secret value is visible in the workbench');
  }
  assertNoCanary("the workbench's visible text", text);
  assertNoCanary("the workbench's full text and labels", await workbenchText(page));
}

const view = (): Locator => page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Key Vault' }) });
const row = (label: string | RegExp): Locator => view().locator('.monaco-list-row', { hasText: label }).first();

async function expand(label: string | RegExp): Promise<void> {
  const r = row(label);
  await r.waitFor({ timeout: 30_000 });
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
}

const steps: Step[] = [
  {
    title: 'opens the Flow Vault sidebar: signed in with the demo service principal, tenants listed',
    run: async () => {
      page = await session.openWorkbench();
      await page.locator('.activitybar [aria-label^="Flow Vault"]').first().click();
      // Room for the Key Vault view: collapse Credentials and widen the sidebar.
      const credentials = page.locator('.pane-header', { hasText: 'Credentials' });
      await credentials.waitFor();
      if ((await credentials.getAttribute('aria-expanded')) === 'true') await credentials.click();
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      if (sidebar) {
        const x = sidebar.x + sidebar.width + 1;
        const y = sidebar.y + sidebar.height / 2;
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + 260, y, { steps: 8 });
        await page.mouse.up();
      }
      await row('Contoso').waitFor({ timeout: 60_000 });
      await row('Fabrikam Partner Tenant').waitFor({ timeout: 30_000 });
    },
  },
  {
    title: 'shows a vault with its secrets and their states (disabled, expired, expiring, not yet valid)',
    run: async () => {
      await expand('Contoso RPA Production');
      await expand('kv-contoso-rpa-prod');
      await row('smtp-relay').waitFor({ timeout: 30_000 });
      await row(CANARY_SECRET.name).waitFor({ timeout: 30_000 });
      for (const [name, text] of [
        ['citrix-service-account', 'disabled'],
        ['legacy-ftp-password', 'expired'],
        ['smtp-relay', 'expires in'],
        ['sharepoint-robot', 'valid from'],
      ]) {
        const t = await row(name).innerText();
        if (!t.includes(text)) throw new Error(`${name} should say "${text}", shows "${t.replace(/\n/g, ' ')}"`);
      }
      await page.mouse.move(900, 600);
      await page.waitForTimeout(300);
      await assertNoValueShown();
      await screenshot('populated');
    },
  },
  {
    title: 'shows a secret tooltip with content type, dates and tags, without the value',
    run: async () => {
      await row('sap-password').hover();
      const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
      await hover.waitFor({ timeout: 10_000 });
      const text = await hover.innerText();
      if (!/quarterly/.test(text) || !/password/.test(text)) throw new Error(`tooltip: ${text}`);
      await assertNoValueShown();
      await screenshot('tooltip');
      await page.mouse.move(900, 600);
    },
  },
  {
    title: 'shows an error node that says what is wrong and what to do (no permission on a vault), and the MFA tenant',
    run: async () => {
      await row('kv-contoso-rpa-prod').click(); // collapse
      await expand('kv-contoso-finance');
      const err = row('No permission to list secrets in vault kv-contoso-finance');
      await err.waitFor({ timeout: 30_000 });
      const t = await err.innerText();
      if (!/Key Vault Secrets User/.test(t)) throw new Error(`the error node does not say what to do: ${t}`);
      await expand('kv-contoso-rpa-secure');
      await row(/firewall of vault kv-contoso-rpa-secure|Vault kv-contoso-rpa-secure: firewall/).waitFor({ timeout: 30_000 });
      await row('Sign in to tenant Fabrikam Partner Tenant (MFA required)').waitFor();
      await err.hover();
      await page.locator('.monaco-hover:visible, .workbench-hover:visible').first().waitFor({ timeout: 10_000 });
      await assertNoValueShown();
      await screenshot('error-node');
      await page.mouse.move(900, 600);
    },
  },
  {
    title: 'after "Sign out of Azure", the welcome view offers the ways to sign in',
    run: async () => {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>Flow Vault: Sign out of Azure');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Sign out of Azure' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'Sign out of which account?' }).waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Service principal flowvault-demo' }).first().click();
      await view().locator('.welcome-view-content', { hasText: 'Sign in with a Microsoft Account' }).waitFor({ timeout: 20_000 });
      await screenshot('signed-out');
    },
  },
];

async function main(): Promise<number> {
  const keep = process.argv.includes('--keep');
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.startsWith('keyvault-')) fs.rmSync(path.join(SHOTS, f));
  cloud = await startFakeCloudForVsCode();
  cloud.fake.state.putSecret(CANARY_SECRET.vault, CANARY_SECRET.name, CANARY, { contentType: 'password' });
  values = demoValues();
  session = new Session({ prefix: 'fv-kv-e2e-', workspaceSource: FIXTURE_WORKSPACE });
  session.closeOnSignals();
  const counts = newCounts();
  const started = Date.now();
  try {
    await session.start(cloud.env);
    console.log('\n  The Key Vault view in the VS Code workbench (fake cloud, demo scenario)');
    await runSteps(steps, counts, async () => {
      if (page) await page.screenshot({ path: path.join(SHOTS, 'keyvault-failed.png') });
    });
  } catch (err) {
    counts.failed++;
    console.log(`\n  Could not start VS Code: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    if (counts.failed > 0) {
      const dest = path.join(repoRoot, 'test-output', 'e2e-keyvault');
      session.keepLogs(dest);
      const exthost = session.extensionHostLog;
      if (exthost) console.log(`\n  Extension host log, last lines:\n${tail(exthost, 15)}`);
      log(`logs of this run kept in ${path.relative(process.cwd(), dest)}`);
    }
    await session.close({ keepScratch: keep });
    await cloud.close();
  }
  console.log(`\n  Screenshots: ${path.relative(process.cwd(), SHOTS)}/keyvault-*.png; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
