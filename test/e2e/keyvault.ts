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
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { CANARY, CANARY_SECRET } from '../support/canary';
import type { Session } from '../integration/harness/session';
import type { Step } from './steps';
import { clearScreenshots, exitWith, fixtureSession, runScript, SHOTS } from './script';
import { assertNoSecretShown, expandRow, hoverText, openFlowVaultSidebar, pane, runCommand, treeRow, vaultValues } from './workbench';

let page: Page;
let session: Session;
let cloud: FakeCloudForVsCode;
let values: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `keyvault-${name}.png`) });
}

const assertNoValueShown = (): Promise<void> => assertNoSecretShown(page, values);
const view = (): Locator => pane(page, 'Key Vault');
const row = (label: string | RegExp): Locator => treeRow(view(), label);
const expand = (label: string | RegExp): Promise<void> => expandRow(row(label));

const steps: Step[] = [
  {
    title: 'opens the Flow Vault sidebar: signed in with the demo service principal, tenants listed',
    run: async () => {
      page = await session.openWorkbench();
      // Room for the Key Vault view: collapse the other views of the container and widen the sidebar.
      await openFlowVaultSidebar(page, { collapse: ['Credentials', 'Doctor'], widenBy: 260 });
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
      const text = await hoverText(page, row('sap-password'));
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
      await hoverText(page, err);
      await assertNoValueShown();
      await screenshot('error-node');
      await page.mouse.move(900, 600);
    },
  },
  {
    title: 'after "Sign out of Azure", the welcome view offers the ways to sign in',
    run: async () => {
      await runCommand(page, 'Flow Vault: Sign out of Azure', 'Sign out of Azure');
      await page.locator('.quick-input-widget', { hasText: 'Sign out of which account?' }).waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Service principal flowvault-demo' }).first().click();
      await view().locator('.welcome-view-content', { hasText: 'Sign in with a Microsoft Account' }).waitFor({ timeout: 20_000 });
      await screenshot('signed-out');
    },
  },
];

async function main(): Promise<number> {
  clearScreenshots('keyvault-');
  cloud = await startFakeCloudForVsCode();
  cloud.fake.state.putSecret(CANARY_SECRET.vault, CANARY_SECRET.name, CANARY, { contentType: 'password' });
  values = vaultValues(cloud);
  session = fixtureSession('fv-kv-e2e-');
  return runScript({
    session,
    cloud,
    heading: 'The Key Vault view in the VS Code workbench (fake cloud, demo scenario)',
    steps,
    onFailure: () => screenshot('failed'),
    logsFolder: 'e2e-keyvault',
    shots: () => 'keyvault-*.png',
  });
}

exitWith(main);
