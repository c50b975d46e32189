// One Playwright UI test script from start to end: VS Code (code-server) started, against the fake
// cloud when there is one; the steps; on a failure the logs kept; everything closed; the summary
// line printed and the exit code returned.
import * as fs from 'fs';
import * as path from 'path';
import type { FakeCloudForVsCode } from '../../src/fake-azure/forVsCode';
import { FIXTURE_WORKSPACE, Session } from '../integration/harness/session';
import { log, repoRoot, tail } from '../../src/vscode-server/util';
import { newCounts, reportSteps, runSteps, type Step } from './steps';

/** Where every script writes its screenshots. */
export const SHOTS = path.join(repoRoot, 'test-output', 'screenshots');

/** Makes the screenshot folder and removes the screenshots an earlier run of the script left (all of them without a prefix). */
export function clearScreenshots(prefix?: string): void {
  if (prefix === undefined) fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  if (prefix !== undefined) for (const f of fs.readdirSync(SHOTS)) if (f.startsWith(prefix)) fs.rmSync(path.join(SHOTS, f));
}

/** A session on a scratch copy of the fixture workspace, closed when the process is interrupted. */
export function fixtureSession(prefix: string): Session {
  const session = new Session({ prefix, workspaceSource: FIXTURE_WORKSPACE });
  session.closeOnSignals();
  return session;
}

export interface Script {
  session: Session;
  /** The fake cloud VS Code is started against (its proxy, CA and demo service principal); closed at the end. */
  cloud?: FakeCloudForVsCode;
  /** Printed above the steps. */
  heading: string;
  /** Runs once VS Code has started, before the steps (files written into the workspace). */
  prepare?: () => void;
  steps: readonly Step[];
  /** Saves evidence of a failed step (a screenshot). */
  onFailure: () => Promise<void>;
  /** Checks made after the steps, whatever they found; a failure counts as a failed step. */
  closingChecks?: () => void;
  /** The folder under test-output/ that keeps the logs of a run with a failure. */
  logsFolder: string;
  /** The screenshots, for the closing line: a file pattern or a count. */
  shots: () => string;
}

/** Runs the script's steps; returns the exit code. `--keep` keeps the scratch folder (workspace, logs). */
export async function runScript(script: Script): Promise<number> {
  const { session, cloud } = script;
  const counts = newCounts();
  const started = Date.now();
  let startedVsCode = false;
  try {
    await session.start(cloud?.env);
    script.prepare?.();
    startedVsCode = true;
    console.log(`\n  ${script.heading}`);
    await runSteps(script.steps, counts, script.onFailure);
    script.closingChecks?.();
  } catch (err) {
    counts.failed++;
    console.log(`\n  ${startedVsCode ? '' : 'Could not start VS Code: '}${err instanceof Error ? err.message : String(err)}`);
  } finally {
    if (counts.failed > 0) {
      const dest = path.join(repoRoot, 'test-output', script.logsFolder);
      session.keepLogs(dest);
      const exthost = session.extensionHostLog;
      if (exthost) console.log(`\n  Extension host log, last lines:\n${tail(exthost, 15)}`);
      log(`logs of this run kept in ${path.relative(process.cwd(), dest)}`);
    }
    await session.close({ keepScratch: process.argv.includes('--keep') });
    await cloud?.close();
  }
  console.log(`\n  Screenshots: ${path.relative(process.cwd(), SHOTS)}/${script.shots()}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return reportSteps(counts);
}

/** Runs a script's main and exits with its code; a crash counts as one failure. */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
