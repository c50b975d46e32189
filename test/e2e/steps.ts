// The step runner shared by the Playwright UI tests: steps run in order with mocha-like output,
// a failing step stops the rest, and the closing line has the form `N passed, M failed`.
import { reportSummary } from '../integration/harness/summary';

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
