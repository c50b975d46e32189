// The step runner shared by the Playwright UI tests: steps run in order with mocha-like output,
// a failing step stops the rest, and the closing line has the form `N passed, M failed`.
import type { Page } from 'playwright-core';
import { reportSummary } from '../integration/harness/summary';

/**
 * All the workbench's text, hidden parts included (closed tree rows, tooltips kept in the DOM), with
 * its aria-labels and titles, but not the text of editors: a flow's own lines show its secrets,
 * and that is the user's file, not something Flow Vault wrote.
 */
export function workbenchText(page: Page): Promise<string> {
  // A string, run in the page: this project compiles without the DOM's types.
  return page.evaluate(`(() => {
    const root = document.querySelector('.monaco-workbench');
    if (!root) return '';
    const clone = root.cloneNode(true);
    const editorText = '.monaco-editor .view-lines, .monaco-editor .inputarea, .monaco-editor .native-edit-context, .monaco-editor .view-overlays';
    for (const e of clone.querySelectorAll(editorText)) e.remove();
    const labels = [];
    for (const e of clone.querySelectorAll('[aria-label], [title]')) labels.push(e.getAttribute('aria-label') || '', e.getAttribute('title') || '');
    return clone.textContent + '\\n' + labels.join('\\n');
  })()`) as Promise<string>;
}

export interface Step {
  title: string;
  run: () => Promise<void>;
}

export interface StepCounts {
  passed: number;
  failed: number;
  notRun: number;
}

export function newCounts(): StepCounts {
  return { passed: 0, failed: 0, notRun: 0 };
}

/** Runs the steps; after a failure the rest are counted as not run. `onFailure` saves evidence. */
export async function runSteps(steps: readonly Step[], counts: StepCounts, onFailure: () => Promise<void>): Promise<void> {
  for (const step of steps) {
    if (counts.failed > 0) {
      counts.notRun++;
      console.log(`    - ${step.title} (not run: an earlier step failed)`);
      continue;
    }
    const t = Date.now();
    try {
      await step.run();
      counts.passed++;
      console.log(`    ✔ ${step.title} (${Date.now() - t}ms)`);
    } catch (err) {
      counts.failed++;
      console.log(`    ${counts.failed}) ${step.title}`);
      console.log(`       ${(err instanceof Error ? err.message : String(err)).split('\n').slice(0, 6).join('\n       ')}`);
      await onFailure().catch(() => undefined);
    }
  }
}

/** Prints the closing lines, adds the counts to the test command's summary, returns the exit code. */
export function reportSteps(counts: StepCounts): number {
  if (counts.notRun > 0) console.log(`  ${counts.notRun} step(s) not run`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  reportSummary('e2e', counts.passed, counts.failed, counts.notRun);
  return counts.failed === 0 && counts.notRun === 0 ? 0 : 1;
}
