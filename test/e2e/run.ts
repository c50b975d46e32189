// The UI test: `npm run test:e2e`. Drives the real VS Code workbench (code-server, Chromium via
// playwright-core) the way a person does: open the flow with the hard-coded password, see the
// finding in the Problems panel, open the quick-fix menu with Ctrl+., apply "Use a Get credential
// action", name the credential, save, and check the file on disk changed.
//
// Screenshots of every step go to test-output/screenshots/. The planted password is masked in
// them (Playwright's mask over the editor tokens that hold it), as everywhere else.
//
// Last, with the canary (test/support/canary.ts) written into the workspace in every form Flow
// Vault reads: its findings in the Problems panel, a hover and the breadcrumbs, and no piece of
// the value anywhere in the workbench's text and labels outside the editors' own lines.
//
// Options: --keep   keep the scratch folder (workspace, logs) afterwards
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import type { Session } from '../integration/harness/session';
import { assertNoCanary, CANARY, canaryFiles } from '../support/canary';
import { workbenchText, type Step } from './steps';
import { clearScreenshots, exitWith, fixtureSession, runScript, SHOTS } from './script';
import { quickOpen, runCommand } from './workbench';

const FLOW = 'flows/download-invoices.robin';
const SECRET = 'Fixture-Sftp-Passw0rd!';
const CREDENTIAL = 'Contoso SFTP service account';
const FIX_TITLE = /Use a Get credential action/;

let page: Page;
let session: Session;
let shotNumber = 0;

/** Editor tokens and widgets that show the planted value: masked in every screenshot. */
function secretLocators(): Locator[] {
  return [SECRET, CANARY].flatMap((value) => [page.locator('.view-lines span span', { hasText: value }), page.locator('.monaco-hover', { hasText: value })]);
}

async function screenshot(name: string): Promise<void> {
  shotNumber++;
  const file = path.join(SHOTS, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, mask: secretLocators(), maskColor: '#ff00ff' });
}

async function visibleText(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join('\n');
}

const fileOnDisk = (): Buffer => fs.readFileSync(path.join(session.workspace, ...FLOW.split('/')));
let original: Buffer;

const steps: Step[] = [
  {
    title: 'opens the workbench on the fixture workspace',
    run: async () => {
      page = await session.openWorkbench();
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'flows' }).waitFor({ timeout: 60_000 });
      await screenshot('workbench');
    },
  },
  {
    title: `opens ${FLOW}, the flow with the hard-coded password`,
    run: async () => {
      original = fileOnDisk();
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 300 } });
      await quickOpen(page, path.basename(FLOW));
      await page.locator('.view-lines', { hasText: 'FTP.OpenSecureConnection' }).waitFor();
      await screenshot('flow-open');
    },
  },
  {
    title: 'shows the finding in the Problems panel, without the password',
    run: async () => {
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: path.basename(FLOW) }).first().waitFor({ timeout: 30_000 });
      const finding = rows.filter({ hasNotText: path.basename(FLOW) }).first();
      await finding.waitFor();
      const text = await visibleText(page.locator('.markers-panel'));
      if (text.includes(SECRET)) {
        throw new Error('the Problems panel shows the password');
      }
      await screenshot('problems-panel');
    },
  },
  {
    title: 'puts the cursor on the finding and shows its hover',
    run: async () => {
      // Selecting a problem moves the editor's cursor to it; the hover shows the diagnostic there.
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasNotText: path.basename(FLOW) }).first().dblclick();
      // The hover command (Ctrl+K Ctrl+I) acts on the focused editor: wait until the double click
      // has moved the focus there, and on a slow machine give the command more chances.
      await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 15_000 });
      const hover = page.locator('.monaco-hover:visible');
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        try {
          await hover.first().waitFor({ timeout: 15_000 });
          break;
        } catch (err) {
          if (attempt === 3) throw err;
        }
      }
      const text = await visibleText(hover);
      if (text.includes(SECRET)) {
        throw new Error('the hover shows the password');
      }
      await screenshot('finding-hover');
      await page.keyboard.press('Escape');
    },
  },
  {
    title: 'offers "Use a Get credential action" in the quick-fix menu (Ctrl+.)',
    run: async () => {
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE });
      await item.first().waitFor({ timeout: 15_000 });
      await screenshot('quick-fix-menu');
    },
  },
  {
    title: 'applies it, asking for the credential name',
    run: async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first().click();
      const widget = page.locator('.quick-input-widget');
      await widget.waitFor({ state: 'visible' });
      // A quick pick of known credentials comes first when there are any: choose to type a name.
      const typeName = page.locator('.quick-input-list .monaco-list-row', { hasText: /Type a credential name/ });
      if (await typeName.count()) {
        await typeName.first().click();
        await page.waitForTimeout(200);
      }
      await page.keyboard.type(CREDENTIAL);
      await screenshot('credential-name');
      await page.keyboard.press('Enter');
      await widget.waitFor({ state: 'hidden' });
      await page.locator('.view-lines', { hasText: CREDENTIAL }).waitFor({ timeout: 15_000 });
    },
  },
  {
    title: 'saves the flow: the password is gone from the file and the finding from the Problems panel',
    run: async () => {
      await page.keyboard.press('Control+S');
      await page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached', timeout: 15_000 });
      const deadline = Date.now() + 15_000;
      // The save may be read half-written: wait until the file holds the edit (or time runs out).
      while (!fileOnDisk().toString('utf8').includes(CREDENTIAL) && Date.now() < deadline) {
        await page.waitForTimeout(100);
      }
      const after = fileOnDisk().toString('utf8');
      if (fileOnDisk().equals(original)) {
        throw new Error('the file on disk did not change');
      }
      if (after.includes(SECRET)) {
        throw new Error('the saved file still contains the password');
      }
      if (!after.includes(CREDENTIAL)) {
        // The inserted line holds no secret: show it.
        const inserted = after.split(/\r?\n/).find((l) => l.includes('GetCredential')) ?? '(no Get credential line)';
        throw new Error(`the saved file does not name the credential: ${inserted}`);
      }
      const rows = page.locator('.markers-panel .monaco-list-row', { hasText: path.basename(FLOW) });
      await rows.first().waitFor({ state: 'detached', timeout: 15_000 });
      // Scroll back to the start of the lines, where the inserted Get credential action begins.
      await page.keyboard.press('Control+Home');
      await screenshot('fixed-and-saved');
    },
  },
  {
    title: 'shows the canary flows\' findings (Problems panel, hover, breadcrumbs) with no piece of the value outside the editor lines',
    run: async () => {
      // Written only now, so that the earlier steps see the fixture workspace alone.
      for (const f of canaryFiles()) {
        const file = path.join(session.workspace, ...f.path.split('/'));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, f.data);
      }
      await quickOpen(page, 'canary/solution/customizations.xml');
      await quickOpen(page, 'canary/nightly-report.robin');
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'nightly-report.robin' }).first().waitFor({ timeout: 30_000 });
      await rows.filter({ hasText: 'customizations.xml' }).first().waitFor({ timeout: 30_000 });
      assertNoCanary('the Problems panel', await visibleText(page.locator('.markers-panel')));
      // A password finding: cursor there (the breadcrumbs follow it), then its hover.
      await rows.filter({ hasText: "Hard-coded password in argument 'Password' of Email.SendEmail" }).first().dblclick();
      await page.waitForTimeout(300);
      await runCommand(page, 'Show or Focus Hover');
      const hover = page.locator('.monaco-hover:visible');
      await hover.first().waitFor();
      assertNoCanary('the hover', await visibleText(hover));
      assertNoCanary("the workbench's text and labels", await workbenchText(page));
      await screenshot('canary-findings');
      await page.keyboard.press('Escape');
    },
  },
];

async function main(): Promise<number> {
  clearScreenshots();
  session = fixtureSession('fv-e2e-');
  return runScript({
    session,
    heading: 'Flow Vault in the VS Code workbench (code-server + Chromium)',
    steps,
    onFailure: () => page.screenshot({ path: path.join(SHOTS, `failed-${shotNumber + 1}.png`), mask: secretLocators(), maskColor: '#ff00ff' }).then(() => undefined),
    logsFolder: 'e2e',
    shots: () => ` (${shotNumber})`,
  });
}

exitWith(main);
