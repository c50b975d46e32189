// Opens the VS Code workbench that code-server serves, in Debian's Chromium driven by
// playwright-core (never a browser that Playwright downloads).
import * as fs from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, RUN_MARKER } from '../../../src/vscode-server/codeServer';

/** `configHome`: where Chromium may write its own files (crash reports), instead of ~/.config/chromium. */
export async function launchBrowser(runId: string, configHome?: string): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: scripts/setup-vscode-server.sh installs Debian's chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    env: { ...process.env, [RUN_MARKER]: runId, ...(configHome ? { XDG_CONFIG_HOME: configHome } : {}) } as Record<string, string>,
  });
}

export async function openWorkbench(browser: Browser, url: string, consoleLog?: string): Promise<Page> {
  // Clipboard access: vscode.env.clipboard goes through the browser's clipboard in code-server
  // (Flow Vault's copy commands, suite/keyvault.test.ts).
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  if (consoleLog) {
    page.on('console', (msg) => fs.appendFileSync(consoleLog, `[${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) => fs.appendFileSync(consoleLog, `[pageerror] ${err.message}\n`));
  }
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  return page;
}
