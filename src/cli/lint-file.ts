/**
 * Linting one file for `flow-vault lint`: read, classify, lint, resolve positions. The same
 * function runs on the main thread and in the worker threads, and returns plain data (it
 * crosses threads by structured clone), so that a run gives the same report either way.
 */
import * as fs from 'node:fs';
import { DEBUG_HINT, errorName } from './errors';
import type { Baseline, Config, Engine, LintedFile } from './engine';
import type { ReadError, ReportFile } from './formatters';
import { describeFsError, relativeOrAbsolute } from './paths';
import { toReportFile } from './report';
import type { FileResult } from '../core/lint/types';

/** A file to lint. */
export interface LintJob {
  readonly absolutePath: string;
  /** The path given to the engine: relative to the settings' root, `/`-separated. */
  readonly given: string;
  /** The user named the file itself. */
  readonly explicit: boolean;
  /** Its configuration and baseline: an index into `LintContext.settings`. */
  readonly settings: number;
}

/** A configuration and the baseline that goes with it. */
export interface JobSettings {
  readonly config: Config;
  readonly baseline?: Baseline;
}

/** What every file of a run shares. Plain data: it is sent to the worker threads. */
export interface LintContext {
  readonly cwd: string;
  /** The settings of the run's files (one entry when one configuration applies to all). */
  readonly settings: readonly JobSettings[];
  readonly writeBaseline: boolean;
  readonly quiet: boolean;
  /** FLOW_VAULT_DEBUG: keep the stack of an internal error, to print it. */
  readonly debug: boolean;
}

export type FileOutcome =
  /** Not linted: found in a folder or by a glob, and not a flow (`binary`: not text at all). */
  | { readonly type: 'skipped'; readonly binary?: boolean }
  /** Could not be read, or the engine failed on it. */
  | { readonly type: 'error'; readonly error: ReadError; readonly stack?: string }
  /**
   * Linted: its report files (none, for a zip without flows), and how many entries of a zip were
   * skipped as binary (image repository data).
   */
  | { readonly type: 'linted'; readonly files: ReportFile[]; readonly binarySkipped: number }
  /** --write-baseline: the engine's results, without their texts. */
  | { readonly type: 'baseline'; readonly results: FileResult[] };

export function lintOneFile(engine: Engine, job: LintJob, ctx: LintContext): FileOutcome {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(job.absolutePath);
  } catch (e) {
    return failed(ctx, job, `Cannot read the file: ${describeFsError(e)}. Check that you may read it, or leave it out of the paths.`);
  }
  let results: LintedFile[];
  let binarySkipped = 0;
  try {
    const settings = ctx.settings[job.settings]!;
    const linted = engine.lintFile(job.given, bytes, {
      config: settings.config,
      baseline: ctx.writeBaseline ? undefined : settings.baseline,
      explicit: job.explicit,
    });
    if (!job.explicit && (linted.kind === 'binary' || linted.kind === 'other')) return { type: 'skipped', binary: linted.kind === 'binary' };
    results = linted.results.filter((r) => !r.result.skippedBinary);
    binarySkipped = linted.results.length - results.length;
  } catch (e) {
    return { ...failed(ctx, job, `Internal error while linting (${errorName(e)}). ${DEBUG_HINT}`), ...(ctx.debug ? { stack: (e as Error)?.stack ?? String(e) } : {}) };
  }
  if (ctx.writeBaseline) {
    // Only the paths and findings go into a baseline: the texts stay here.
    return { type: 'baseline', results: results.map(({ result }) => ({ path: result.path, findings: result.findings, problems: result.problems, suppressed: result.suppressed })) };
  }
  // Resolve positions now, so that neither the bytes nor the texts are kept.
  return {
    type: 'linted',
    binarySkipped,
    files: results.map(({ result, baselined, text }) =>
      toReportFile(engine, result, baselined, { cwd: ctx.cwd, absolutePath: job.absolutePath, given: job.given, text, quiet: ctx.quiet }),
    ),
  };
}

/** A file that could not be read or linted: an error named by the file, as the user gave it. */
function failed(ctx: LintContext, job: LintJob, message: string): FileOutcome & { type: 'error' } {
  return { type: 'error', error: { path: relativeOrAbsolute(ctx.cwd, job.absolutePath), absolutePath: job.absolutePath, message } };
}
