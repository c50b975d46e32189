// The Key Vault view as a person sees it: `node out/test/e2e/keyvault.js` (part of npm run test:e2e).
// Starts the fake cloud with the demo scenario, VS Code (code-server) with its proxy, CA and demo
// service principal in the environment, opens the Flow Vault sidebar and checks, with
// screenshots in test-output/screenshots/keyvault-*.png:
//   - the populated view (tenants, subscriptions, a vault's secrets with their states),
//   - an error node that says what is wrong and what to do (no permission on a vault),
//   - the MFA tenant's "Sign in to tenant …" row,
//   - "Copy Secret Value…": the confirmation dialog (Cancel copies nothing), and a copied value
//     that a reload of the window before its time does not leave on the clipboard (the browser's
//     clipboard, read with the page's permission, compared and never printed),
//   - the signed-out welcome view after "Sign out".
// No secret value of the scenario may appear anywhere in the workbench's text, nor the canary
// (test/support/canary.ts), planted as one more secret of the vault the test opens.
//
// Options: --keep   keep the scratch folder (workspace, logs) afterwards
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { CANARY, CANARY_SECRET } from '../support/canary';
import { FIXTURE_WORKSPACE, Session } from '../integration/harness/session';
import type { Step } from './steps';
import { clearScreenshots, exitWith, runScript, SHOTS } from './script';
import { assertNoSecretShown, expandRow, hoverText, openFlowVaultSidebar, pane, runCommand, treeRow, vaultValues } from './workbench';

let page: Page;
let session: Session;
let cloud: FakeCloudForVsCode;
let values: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `keyvault-${name}.png`) });
}

const assertNoValueShown = (): Promise<void> => assertNoSecretShown(page, values);

/** The current value of a secret of the fake cloud, to compare with the clipboard (never printed). */
function secretValue(vault: string, name: string): string {
  const versions = cloud.fake.state.findVault(vault)?.secrets.find((s) => s.name === name)?.versions;
  const value = versions?.at(-1)?.value;
  if (!value) throw new Error(`no secret ${name} in vault ${vault} of the fake cloud`);
  return value;
}
const view = (): Locator => pane(page, 'Key Vault');
const row = (label: string | RegExp): Locator => treeRow(view(), label);
const expand = (label: string | RegExp): Promise<void> => expandRow(row(label));

/** Seconds after which a copied value is cleared (a user setting of this session): room for a reload. */
const CLEAR_SECONDS = 45;
const COPIED_SECRET = { vault: 'kv-contoso-rpa-prod', name: 'servicenow-api-key' };

async function collapse(label: string): Promise<void> {
  const r = row(label);
  if ((await r.getAttribute('aria-expanded')) === 'true') await r.click();
}

// The browser's clipboard, as the page reads it (the session grants clipboard-read and -write).
const readClipboard = async (): Promise<string> => String(await page.evaluate('navigator.clipboard.readText()'));
const writeClipboard = (text: string): Promise<unknown> => page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);

/** Polls the clipboard until `accept` holds for its text; fails with `what` (never with the text). */
async function waitForClipboard(accept: (text: string) => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!accept(await readClipboard())) {
    if (Date.now() > deadline) throw new Error(`the clipboard did not ${what} within ${ms / 1000} s`);
    await page.waitForTimeout(250);
  }
}

/** Right-click on the secret's row, "Copy Secret Value…": the confirmation dialog. */
async function openCopyDialog(): Promise<Locator> {
  await row(COPIED_SECRET.name).click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-label', { hasText: 'Copy Secret Value' });
  await item.waitFor({ state: 'visible' });
  await item.hover();
  await item.click();
  const dialog = page.locator('.monaco-dialog-box', { hasText: `Copy the value of secret "${COPIED_SECRET.name}"` });
  await dialog.waitFor({ timeout: 30_000 });
  return dialog;
}

async function clickDialogButton(dialog: Locator, label: string): Promise<void> {
  await dialog.locator('.dialog-buttons > .monaco-button', { hasText: new RegExp(`^${label}$`) }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
}

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
    title: 'asks before copying a value: the dialog says where it goes and when it is cleared; Cancel copies nothing',
    run: async () => {
      await collapse('kv-contoso-finance');
      await collapse('kv-contoso-rpa-secure');
      await expand(COPIED_SECRET.vault);
      await row(COPIED_SECRET.name).waitFor({ timeout: 30_000 });
      await writeClipboard('what the user had copied');
      const dialog = await openCopyDialog();
      const text = await dialog.innerText();
      if (!text.includes(`from vault ${COPIED_SECRET.vault}`) || !text.includes(`clears the clipboard after ${CLEAR_SECONDS} seconds`)) {
        throw new Error(`the dialog does not say where the value comes from and when it is cleared: ${text.replace(/\n/g, ' ')}`);
      }
      await assertNoValueShown();
      await screenshot('copy-value-dialog');
      await clickDialogButton(dialog, 'Cancel');
      if ((await readClipboard()) !== 'what the user had copied') throw new Error('Cancel changed the clipboard');
    },
  },
  {
    title: 'copies the value once confirmed; reloading the window before its time does not leave it on the clipboard',
    run: async () => {
      const value = secretValue(COPIED_SECRET.vault, COPIED_SECRET.name);
      await clickDialogButton(await openCopyDialog(), 'Copy Value');
      await waitForClipboard((t) => t === value, 'receive the confirmed copy', 30_000);
      await assertNoValueShown();
      // Well before the value is due to be cleared: the window's extension host stops with it.
      await page.reload();
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      await waitForClipboard((t) => t !== value, `lose the value after the reload (it is due ${CLEAR_SECONDS} s after the copy)`, 150_000);
      if ((await readClipboard()) !== '') throw new Error('the clipboard holds something else than nothing after the clear');
      if (!(await view().isVisible())) await page.locator('.activitybar [aria-label^="Flow Vault"]').first().click();
      await row('Contoso').waitFor({ timeout: 60_000 });
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
  session = new Session({ prefix: 'fv-kv-e2e-', workspaceSource: FIXTURE_WORKSPACE, settings: { 'flowVault.keyVault.clipboardClearSeconds': CLEAR_SECONDS } });
  session.closeOnSignals();
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
