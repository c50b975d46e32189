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
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { clientDataOf } from '../../src/fake-azure/scenarioDataverse';
import { CANARY } from '../support/canary';
import type { Session } from '../integration/harness/session';
import type { Step } from './steps';
import { clearScreenshots, exitWith, fixtureSession, runScript, SHOTS } from './script';
import {
  assertNoCanaryInRequests,
  assertNoSecretShown,
  expandRow,
  hoverText,
  openFlowVaultSidebar,
  pane,
  runCommand,
  treeRow,
  vaultValues,
  waitForRowText,
} from './workbench';

let page: Page;
let session: Session;
let cloud: FakeCloudForVsCode;
let values: string[] = [];

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

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `credentials-${name}.png`) });
}

const assertNoValueShown = (): Promise<void> => assertNoSecretShown(page, values);
const view = (): Locator => pane(page, 'Credentials');
const row = (label: string | RegExp, in_: Locator = view()): Locator => treeRow(in_, label);
const expand = (label: string | RegExp): Promise<void> => expandRow(row(label));

const steps: Step[] = [
  {
    title: 'opens the Flow Vault sidebar: the Credentials view lists tenants and environments',
    run: async () => {
      page = await session.openWorkbench();
      await page.setViewportSize({ width: 1400, height: 900 });
      // Room for the Credentials view: collapse the other views of the container and widen the sidebar.
      await openFlowVaultSidebar(page, { collapse: ['Key Vault', 'Doctor'], widenBy: 360 });
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
        await waitForRowText(page, row(name), name, text, 30_000);
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
      const text = await hoverText(page, row('Mainframe operator'));
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
      const kv = pane(page, 'Key Vault');
      const secret = row('sap-password', kv);
      await secret.waitFor({ timeout: 60_000 });
      await waitForRowText(page, secret, 'the Key Vault row', 'used by credential SAP service account', 20_000);
      await assertNoValueShown();
      await screenshot('keyvault-used-by');
    },
  },
  {
    title: 'after "Sign out of Azure", the welcome view offers the ways to sign in',
    run: async () => {
      await runCommand(page, 'Flow Vault: Sign out of Azure');
      await page.locator('.quick-input-widget', { hasText: 'Sign out of which account?' }).waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Service principal flowvault-demo' }).first().click();
      await view().locator('.welcome-view-content', { hasText: 'Power Automate credentials' }).waitFor({ timeout: 20_000 });
      await screenshot('signed-out');
    },
  },
];

async function main(): Promise<number> {
  clearScreenshots('credentials-');
  cloud = await startFakeCloudForVsCode();
  plantCanaryFlow();
  values = vaultValues(cloud);
  session = fixtureSession('fv-cred-e2e-');
  return runScript({
    session,
    cloud,
    heading: 'The Credentials view in the VS Code workbench (fake cloud, demo scenario)',
    steps,
    onFailure: () => screenshot('failed'),
    closingChecks: () => assertNoCanaryInRequests(cloud),
    logsFolder: 'e2e-credentials',
    shots: () => 'credentials-*.png',
  });
}

exitWith(main);
