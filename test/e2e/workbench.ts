// What the Playwright UI tests do in the workbench more than once: the Flow Vault sidebar and its
// views, tree rows, hovers, and the checks that no secret value is shown.
import type { Locator, Page } from 'playwright-core';
import type { FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { assertNoCanary } from '../support/canary';
import { workbenchText } from './steps';

export { quickOpen, runCommand } from '../integration/harness/palette';

/** A view of the sidebar, by its title. */
export const pane = (page: Page, title: string): Locator => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });

/** The first tree row of a view that shows `label`. */
export const treeRow = (view: Locator, label: string | RegExp): Locator => view.locator('.monaco-list-row', { hasText: label }).first();

/** Waits for a tree row and expands it unless it is open already. */
export async function expandRow(row: Locator): Promise<void> {
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

/** Waits until a row's text includes `text`; fails with what the row shows instead. */
export async function waitForRowText(page: Page, row: Locator, name: string, text: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let t = await row.innerText();
  while (!t.includes(text) && Date.now() < deadline) {
    await page.waitForTimeout(250);
    t = await row.innerText();
  }
  if (!t.includes(text)) throw new Error(`${name} should say "${text}", shows "${t.replace(/\n/g, ' ')}"`);
}

/** Opens or closes a view of the sidebar by its header. */
export async function setPaneExpanded(page: Page, title: string, expanded: boolean): Promise<void> {
  const header = page.locator('.pane-header', { hasText: title }).first();
  await header.waitFor();
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) await header.click();
}

/**
 * Opens the Flow Vault container from the activity bar, closes the views in `collapse` (and opens
 * `expand`) to make room, and drags the sidebar's edge `widenBy` pixels to the right.
 */
export async function openFlowVaultSidebar(page: Page, room: { collapse: string[]; expand?: string; widenBy: number }): Promise<void> {
  await page.locator('.activitybar [aria-label^="Flow Vault"]').first().click();
  for (const title of room.collapse) await setPaneExpanded(page, title, false);
  if (room.expand) await setPaneExpanded(page, room.expand, true);
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar) {
    const x = sidebar.x + sidebar.width + 1;
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + room.widenBy, y, { steps: 8 });
    await page.mouse.up();
  }
}

/** Hovers over `target` and returns the text of the hover that opens. */
export async function hoverText(page: Page, target: Locator): Promise<string> {
  await target.hover();
  const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
  await hover.waitFor({ timeout: 10_000 });
  return hover.innerText();
}

/** Every secret value in the fake cloud's vaults (of four characters or more: shorter ones match by chance). */
export function vaultValues(cloud: FakeCloudForVsCode): string[] {
  return cloud.fake.state.allVaults().flatMap((v) => v.secrets.flatMap((s) => s.versions.map((x) => x.value))).filter((v) => v.length >= 4);
}

/** No value anywhere in the workbench: its visible text (tree, tooltips, notifications), hidden text and labels. */
export async function assertNoSecretShown(page: Page, values: readonly string[]): Promise<void> {
  const visible = await page.locator('.monaco-workbench').innerText();
  const full = await workbenchText(page);
  for (const v of values) {
    if (visible.includes(v) || full.includes(v)) throw new Error('a secret value is visible in the workbench');
  }
  assertNoCanary("the workbench's visible text", visible);
  assertNoCanary("the workbench's full text and labels", full);
}

/** The canary never reaches the fake cloud: not in a URL, header or body it received. */
export function assertNoCanaryInRequests(cloud: FakeCloudForVsCode): void {
  assertNoCanary("the fake cloud's request log", JSON.stringify(cloud.fake.requests));
}
