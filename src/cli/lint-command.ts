/**
 * `flow-vault lint`: find the files, give each the configuration and baseline of the settings
 * rule (src/core/lint/settings.ts), lint each with the engine, print the report, pick the exit
 * code. A file that cannot be read is named on standard error and makes the run exit 2; a
 * problem inside a file is reported with that file and the run goes on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLintArgs, UsageError, type LintOptions } from './args';
import { shouldColor } from './color';
import { discover, isFlowFileName, type Candidate, type Discovery } from './discover';
import { createEngine, type Config, type Engine } from './engine';
import { countReport, formatters, type ReadError, type Report, type ReportFile } from './formatters';
import type { Io } from './io';
import { lintOneFile, type FileOutcome, type LintContext, type LintJob } from './lint-file';
import { autoThreads, LintThreads } from './parallel';
import { describeFsError, relativeOrAbsolute, toPosix } from './paths';
import { createProgress } from './progress';
import { LINT_USAGE } from './usage';
import { toolInfo } from './version';
import { enginePathOf, SettingsFileError, SettingsResolver, type FileSettings } from '../core/lint/settings';
import { createSettingsHost, FolderListing } from './settings-host';
import type { FileResult } from '../core/lint/types';

/** A failure that ends the run with exit code 2 and this message. */
export class FatalError extends Error {}

/** The files to lint, each with its settings. */
interface Plan {
  readonly jobs: LintJob[];
  /** The distinct settings of the jobs (`LintJob.settings` indexes it). */
  readonly settings: FileSettings[];
  /** Files left out by `ignorePaths`, and the configurations that left them out. */
  readonly ignored: number;
  readonly ignoredBy: ReadonlySet<string>;
}

/** What the outcomes add up to. */
interface Tally {
  readonly files: ReportFile[];
  /** --write-baseline: the results, by the baseline file they go to. */
  readonly forBaseline: Map<string, FileResult[]>;
  readonly linted: number;
  readonly binarySkipped: number;
}

/** The settings rule over the local file system; `--config` and `--baseline` apply to every file. */
function createResolver(opts: LintOptions, cwd: string, listing: FolderListing): SettingsResolver {
  return new SettingsResolver(createSettingsHost(listing), {
    fallbackRoot: toPosix(cwd),
    configFile: opts.config === undefined ? undefined : toPosix(path.resolve(cwd, opts.config)),
    baselineFile: opts.useBaseline && opts.baseline !== undefined ? toPosix(path.resolve(cwd, opts.baseline)) : undefined,
    readBaseline: opts.useBaseline && !opts.writeBaseline,
  });
}

/**
 * A file named by --config must exist, and so must one named by --baseline unless it is to be
 * written: said even when there is nothing to lint.
 */
function checkNamedFiles(opts: LintOptions, cwd: string): void {
  if (opts.config !== undefined) {
    const file = path.resolve(cwd, opts.config);
    if (!fs.existsSync(file)) throw new FatalError(`Cannot read the configuration file ${file}: no such file or folder. Check the path given to --config.`);
  }
  if (!opts.useBaseline || opts.baseline === undefined || opts.writeBaseline) return;
  const file = path.resolve(cwd, opts.baseline);
  if (!fs.existsSync(file)) {
    throw new FatalError(`The baseline file ${file} does not exist. Create it with --write-baseline, or leave out --baseline.`);
  }
}

/** The settings of a file; a configuration or baseline that cannot be used ends the run. */
async function settingsOf(resolver: SettingsResolver, file: string, opts: LintOptions): Promise<FileSettings> {
  let settings: FileSettings;
  try {
    settings = await resolver.forFile(toPosix(file));
  } catch (e) {
    if (!(e instanceof SettingsFileError)) throw e;
    const hint = e.kind === 'baseline'
      ? 'Check its permissions, or pass --no-baseline.'
      : opts.config !== undefined ? 'Check the path given to --config.' : 'Fix it, or pass --config to use another file.';
    throw new FatalError(`Cannot read the ${e.kind} file ${e.path}: ${describeFsError(e.cause)}. ${hint}`);
  }
  if (settings.configProblems.length > 0) {
    const problems = settings.configProblems.map((p) => `  ${p.message}`).join('\n');
    throw new FatalError(`The configuration file ${settings.configPath} is not valid:\n${problems}\nFix it, or pass --config to use another file.`);
  }
  if (settings.baselineProblems.length > 0) {
    const problems = settings.baselineProblems.map((p) => p.message).join(' ');
    throw new FatalError(`The baseline file ${settings.baselinePath} is not valid: ${problems} Recreate it with --write-baseline, or pass --no-baseline.`);
  }
  return settings;
}

/**
 * Each candidate with its own settings, and the files that the `robinFileGlobs` of their
 * configuration add (when their content is Robin, so that the command line and the editor agree
 * on what a flow is). Files of `ignorePaths` are counted and left out.
 */
async function planJobs(
  engine: Engine,
  resolver: SettingsResolver,
  opts: LintOptions,
  candidates: readonly Candidate[],
  others: readonly Candidate[],
): Promise<Plan> {
  const settings: FileSettings[] = [];
  const index = new Map<FileSettings, number>();
  const jobs: LintJob[] = [];
  const ignoredBy = new Set<string>();
  let ignored = 0;
  const add = (candidate: Candidate, s: FileSettings, given: string): void => {
    if (engine.isIgnored(given, s.config)) {
      ignored++;
      if (s.configPath !== undefined) ignoredBy.add(s.configPath);
      return;
    }
    let i = index.get(s);
    if (i === undefined) {
      i = settings.push(s) - 1;
      index.set(s, i);
    }
    jobs.push({ absolutePath: candidate.absolutePath, given, explicit: candidate.explicit, settings: i });
  };
  // Files of one folder share their settings: one await per folder, not per file.
  const byFolder = new Map<string, FileSettings>();
  const resolve = async (file: string): Promise<FileSettings> => {
    const s = await settingsOf(resolver, file, opts);
    byFolder.set(path.dirname(file), s);
    return s;
  };
  for (const candidate of candidates) {
    const s = byFolder.get(path.dirname(candidate.absolutePath)) ?? (await resolve(candidate.absolutePath));
    add(candidate, s, enginePathOf(toPosix(candidate.absolutePath), s));
  }
  for (const other of others) {
    const s = byFolder.get(path.dirname(other.absolutePath)) ?? (await resolve(other.absolutePath));
    if (!engine.hasRobinGlobs(s.config)) continue;
    const given = enginePathOf(toPosix(other.absolutePath), s);
    // A link to a folder is not followed.
    if (engine.mayHoldRobin(given, s.config) && fs.statSync(other.absolutePath, { throwIfNoEntry: false })?.isFile()) add(other, s, given);
  }
  return { jobs, settings, ignored, ignoredBy };
}

/** A file's size in bytes (0 when it cannot be read: linting it then says why). */
function sizeOf(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

/** The total size of the files, estimated from a sample of at most 256 of them. */
function estimateBytes(jobs: readonly LintJob[]): number {
  const n = jobs.length;
  if (n === 0) return 0;
  const step = Math.max(1, Math.floor(n / 256));
  let sum = 0;
  let sampled = 0;
  for (let i = 0; i < n; i += step) {
    sum += sizeOf(jobs[i]!.absolutePath);
    sampled++;
  }
  return (sum / sampled) * n;
}

export async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  let opts: LintOptions;
  try {
    opts = parseLintArgs(args, io.env);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`flow-vault lint: ${e.message}\nRun "flow-vault help lint" for the options.\n`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    io.stdout.write(LINT_USAGE);
    return 0;
  }
  const cwd = io.cwd;
  // Files of folders whose names are not those of flows: robinFileGlobs may still add them.
  const others: Candidate[] = [];
  const listing = new FolderListing();
  const found = discover(opts.paths, cwd, (name, folder, full) => {
    listing.see(name, full);
    if (isFlowFileName(name, folder)) return true;
    others.push({ absolutePath: full, explicit: false });
    return false;
  });
  // --concurrency N: start the workers now, so that they load the engine while this thread
  // reads the settings and sizes the files.
  let threads: LintThreads | undefined;
  if (opts.concurrency !== undefined && opts.concurrency > 1 && found.files.length > 1) {
    threads = LintThreads.start(Math.min(opts.concurrency, found.files.length));
  }
  try {
    return await lintFound(opts, io, { ...found, others, listing }, threads);
  } catch (e) {
    if (e instanceof FatalError) {
      io.stderr.write(`flow-vault: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    threads?.close();
  }
}

async function lintFound(opts: LintOptions, io: Io, found: Discovery & { others: Candidate[]; listing: FolderListing }, early: LintThreads | undefined): Promise<number> {
  const cwd = io.cwd;
  const engine = createEngine();
  checkNamedFiles(opts, cwd);
  if (found.missing.length > 0) {
    for (const m of found.missing) {
      io.stderr.write(`flow-vault: No file, folder or glob match for "${m}". Check the path; quote globs so that the shell leaves them alone.\n`);
    }
    return 2;
  }
  const readErrors: ReadError[] = found.unreadable.map((u) => ({
    path: relativeOrAbsolute(cwd, u.path),
    absolutePath: u.path,
    message: `Cannot list the folder: ${describeFsError({ code: u.message })}. Check that you may read it, or leave it out of the paths.`,
  }));
  const plan = await planJobs(engine, createResolver(opts, cwd, found.listing), opts, found.files, found.others);
  const ctx: LintContext = {
    cwd,
    settings: plan.settings.map((s) => ({ config: s.config, baseline: s.baseline && engine.indexBaseline(s.baseline) })),
    writeBaseline: opts.writeBaseline,
    quiet: opts.quiet,
    debug: Boolean(io.env.FLOW_VAULT_DEBUG),
  };
  const outcomes = await lintJobs(engine, plan.jobs, ctx, opts, io, early);
  const tally = tallyOutcomes(plan, outcomes, readErrors, io);

  for (const e of readErrors) io.stderr.write(`flow-vault: ${e.path}: ${e.message}\n`);
  if (tally.linted === 0 && readErrors.length === 0) {
    io.stderr.write(
      plan.ignored > 0
        ? `flow-vault: Nothing linted: the ${plan.ignored === 1 ? 'file is' : `${plan.ignored} files are`} excluded by ignorePaths in ${[...plan.ignoredBy].join(', ')}.\n`
        : 'flow-vault: No desktop-flow files found (*.robin, *.powerautomate, *.flow, *.pad, Robin *.txt, customizations.xml, Workflows/*.json, *.zip). Check the paths.\n',
    );
  }

  if (opts.writeBaseline) {
    if (!writeBaselines(engine, tally.forBaseline, io)) return 2;
    return readErrors.length > 0 ? 2 : 0;
  }
  const config = plan.settings.length === 1 ? plan.settings[0]!.config : engine.defaultConfig();
  if (!writeReport(engine, opts, io, { files: tally.files, readErrors, config, linted: tally.linted, binarySkipped: tally.binarySkipped })) return 2;
  return exitCode(opts, io, tally.files, readErrors);
}

/** Lints the jobs on the main thread, or on worker threads for a large tree; outcomes in job order. */
async function lintJobs(engine: Engine, jobs: readonly LintJob[], ctx: LintContext, opts: LintOptions, io: Io, early: LintThreads | undefined): Promise<FileOutcome[]> {
  const progress = createProgress(io.stderr, jobs.length, opts.progress);
  const lintHere = (job: LintJob) => lintOneFile(engine, job, ctx);
  let threads = early;
  // auto: threads only for a tree large enough to pay for them (see parallel.ts).
  if (opts.concurrency === undefined) {
    const n = autoThreads(jobs.length, estimateBytes(jobs));
    if (n > 1) threads = LintThreads.start(n);
  }
  let outcomes: FileOutcome[];
  if (threads && jobs.length > 1) {
    // Largest first, so that no thread is left with a large file at the end.
    const sizes = jobs.map((j) => sizeOf(j.absolutePath));
    const bySize = jobs.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
    const sorted = await threads.run(bySize.map((i) => jobs[i]!), ctx, lintHere, (done) => progress.tick(done));
    outcomes = new Array<FileOutcome>(jobs.length);
    bySize.forEach((i, k) => {
      outcomes[i] = sorted[k]!;
    });
  } else {
    outcomes = jobs.map((job, i) => {
      progress.tick(i);
      return lintHere(job);
    });
  }
  if (threads !== early) threads?.close();
  progress.clear();
  return outcomes;
}

/** Adds up the outcomes; read errors go to `readErrors`. */
function tallyOutcomes(plan: Plan, outcomes: readonly FileOutcome[], readErrors: ReadError[], io: Io): Tally {
  const forBaseline = new Map<string, FileResult[]>();
  // Every baseline of the run is written, even when it accepts nothing.
  for (const s of plan.settings) if (!forBaseline.has(s.baselinePath)) forBaseline.set(s.baselinePath, []);
  const files: ReportFile[] = [];
  let linted = 0;
  let binarySkipped = 0;
  outcomes.forEach((outcome, i) => {
    switch (outcome.type) {
      case 'skipped':
        if (outcome.binary) binarySkipped++;
        break;
      case 'error':
        readErrors.push(outcome.error);
        if (outcome.stack !== undefined) io.stderr.write(`${outcome.stack}\n`);
        break;
      case 'baseline':
        linted++;
        forBaseline.get(plan.settings[plan.jobs[i]!.settings]!.baselinePath)!.push(...outcome.results);
        break;
      case 'linted':
        linted++;
        binarySkipped += outcome.binarySkipped;
        files.push(...outcome.files);
        break;
    }
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, forBaseline, linted, binarySkipped };
}

/** --write-baseline: each baseline of the run, where the settings rule puts it. False on failure. */
function writeBaselines(engine: Engine, forBaseline: ReadonlyMap<string, FileResult[]>, io: Io): boolean {
  for (const [target, results] of forBaseline) {
    const count = results.reduce((n, r) => n + r.findings.length, 0);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, engine.createBaseline(results));
    } catch (e) {
      io.stderr.write(`flow-vault: Cannot write the baseline file ${target}: ${describeFsError(e)}. Check the folder's permissions.\n`);
      return false;
    }
    io.stderr.write(
      `Wrote ${count} finding${count === 1 ? '' : 's'} to ${relativeOrAbsolute(io.cwd, path.resolve(target))}. Later runs report only new findings.\n`,
    );
  }
  return true;
}

/** Formats the report to standard output or --output. False when the file cannot be written. */
function writeReport(
  engine: Engine,
  opts: LintOptions,
  io: Io,
  run: { files: ReportFile[]; readErrors: ReadError[]; config: Config; linted: number; binarySkipped: number },
): boolean {
  const report: Report = {
    cwd: io.cwd,
    files: run.files,
    readErrors: run.readErrors,
    rules: engine.rules(run.config),
    tool: toolInfo(),
    filesLinted: run.linted,
    binaryFilesSkipped: run.binarySkipped,
  };
  const toFile = opts.output !== undefined;
  const color = opts.format === 'stylish' && (opts.color ?? (!toFile && shouldColor(io.stdout, io.env)));
  const text = formatters[opts.format]!(report, { color });
  if (!toFile) {
    if (text !== '') io.stdout.write(text);
    return true;
  }
  const target = path.resolve(io.cwd, opts.output!);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (e) {
    io.stderr.write(`flow-vault: Cannot write the report to ${target}: ${describeFsError(e)}. Check the path given to --output.\n`);
    return false;
  }
  return true;
}

/** 2 for a file that could not be read, 1 for an error finding or too many warnings, else 0. */
function exitCode(opts: LintOptions, io: Io, files: readonly ReportFile[], readErrors: readonly ReadError[]): number {
  if (readErrors.length > 0) return 2;
  const { errors, warnings } = countReport(files);
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr.write(`flow-vault: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings} allows.\n`);
    return 1;
  }
  return 0;
}
