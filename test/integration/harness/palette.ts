// The workbench's command palette and Quick Open, driven from the keyboard as a person does.
import * as path from 'path';
import type { Page } from 'playwright-core';

/** Runs a command from the palette (F1): types its title, waits for the row that shows `match`, presses Enter. */
export async function runCommand(page: Page, title: string, match: string = title): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: match }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab. */
export async function quickOpen(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(relativePath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: path.basename(relativePath) }).waitFor();
}
