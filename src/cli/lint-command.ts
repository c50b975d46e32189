/**
 * `flow-vault lint`: find the files, lint each with the engine, print the report, pick the exit
 * code. A file that cannot be read is named on standard error and makes the run exit 2; a
 * problem inside a file is reported with that file and the run goes on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLintArgs, UsageError, type LintOptions } from './args';
import { shouldColor } from './color';
import { discover } from './discover';
import { createEngine, EngineInputError, type Baseline, type Config, type Engine } from './engine';
import { formatters, type ReadError, type Report, type ReportFile } from './formatters';
import type { Io } from './io';
import { lintOneFile, type FileOutcome, type LintContext, type LintJob } from './lint-file';
import { autoThreads, LintThreads } from './parallel';
import { describeFsError, findUp, relativeOrAbsolute, relativePath, toPosix } from './paths';
import { createProgress } from './progress';
import { LINT_USAGE } from './usage';
import { toolInfo } from './version';
import type { FileResult } from '../core/lint/types';

export const CONFIG_FILE = '.flowvaultrc.json';
export const BASELINE_FILE = '.flowvault-baseline.json';

/** A failure that ends the run with exit code 2 and this message. */
export class FatalError extends Error {}

interface Settings {
  readonly config: Config;
  readonly configPath?: string;
  /** Where paths given to the engine (and so fingerprints) are relative to. */
  readonly root: string;
  readonly baselinePath?: string;
  readonly baseline?: Baseline;
}

function readTextFile(file: string, what: string, hint: string): string {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new FatalError(`Cannot read the ${what} ${file}: ${describeFsError(e)}. ${hint}`);
  }
}

function loadSettings(engine: Engine, opts: LintOptions, cwd: string): Settings {
  let configPath: string | undefined;
  let config: Config;
  if (opts.config !== undefined) {
    configPath = path.resolve(cwd, opts.config);
    config = parseConfigFile(engine, configPath, 'Check the path given to --config.');
  } else {
    configPath = findUp(CONFIG_FILE, cwd);
    config = configPath
      ? parseConfigFile(engine, configPath, `Fix it, or pass --config to use another file.`)
      : engine.defaultConfig();
  }
  const configDir = configPath ? path.dirname(configPath) : undefined;

  let baselinePath: string | undefined;
  let baseline: Baseline | undefined;
  if (opts.useBaseline) {
    const fromConfig = engine.configuredBaseline(config);
    if (opts.baseline !== undefined) baselinePath = path.resolve(cwd, opts.baseline);
    else if (fromConfig !== undefined) baselinePath = path.resolve(configDir ?? cwd, fromConfig);
    else baselinePath = findUp(BASELINE_FILE, cwd) ?? path.join(configDir ?? cwd, BASELINE_FILE);
    const exists = fs.existsSync(baselinePath);
    if (!exists && opts.baseline !== undefined && !opts.writeBaseline) {
      throw new FatalError(
        `The baseline file ${baselinePath} does not exist. Create it with --write-baseline, or leave out --baseline.`,
      );
    }
    if (exists && !opts.writeBaseline) {
      const text = readTextFile(baselinePath, 'baseline file', 'Check its permissions, or pass --no-baseline.');
      try {
        baseline = engine.parseBaseline(text, baselinePath);
      } catch (e) {
        if (e instanceof EngineInputError) {
          throw new FatalError(
            `The baseline file ${baselinePath} is not valid: ${e.message} Recreate it with --write-baseline, or pass --no-baseline.`,
          );
        }
        throw e;
      }
    }
  }
  // Paths given to the engine (and so the fingerprints and the config's ignorePaths) are
  // relative to the config's folder, else the baseline's, else the working directory: a
  // baseline then matches wherever the command is run from.
  const root = configDir ?? (baselinePath ? path.dirname(baselinePath) : cwd);
  return { config, configPath, root, baselinePath, baseline };
}

function parseConfigFile(engine: Engine, file: string, hint: string): Config {
  const text = readTextFile(file, 'configuration file', hint);
  try {
    return engine.parseConfig(text, file);
  } catch (e) {
    if (e instanceof EngineInputError) {
      throw new FatalError(`The configuration file ${file} is not valid:\n${e.message}\nFix it, or pass --config to use another file.`);
    }
    throw e;
  }
}

/** The path given to the engine: relative to the root, `/`-separated. */
function enginePath(root: string, absolutePath: string): string {
  const rel = relativePath(root, absolutePath);
  return rel.startsWith('..') || path.isAbsolute(rel) ? toPosix(absolutePath) : toPosix(rel);
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
  const found = discover(opts.paths, cwd);
  // --concurrency N: start the workers now, so that they load the engine while this thread
  // reads the settings and sizes the files.
  let threads: LintThreads | undefined;
  if (opts.concurrency !== undefined && opts.concurrency > 1 && found.files.length > 1) {
    threads = LintThreads.start(Math.min(opts.concurrency, found.files.length));
  }
  try {
    return await lintFound(opts, io, found, threads);
  } finally {
    threads?.close();
  }
}

async function lintFound(opts: LintOptions, io: Io, found: ReturnType<typeof discover>, early: LintThreads | undefined): Promise<number> {
  const cwd = io.cwd;
  const engine = createEngine();
  let settings: Settings;
  try {
    settings = loadSettings(engine, opts, cwd);
  } catch (e) {
    if (e instanceof FatalError) {
      io.stderr.write(`flow-vault: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  if (found.missing.length > 0) {
    for (const m of found.missing) {
      io.stderr.write(`flow-vault: No file, folder or glob match for "${m}". Check the path; quote globs so that the shell leaves them alone.\n`);
    }
    return 2;
  }

  const readErrors: ReadError[] = [];
  for (const u of found.unreadable) {
    readErrors.push({
      path: relativeOrAbsolute(cwd, u.path),
      absolutePath: u.path,
      message: `Cannot list the folder: ${describeFsError({ code: u.message })}. Check that you may read it, or leave it out of the paths.`,
    });
  }

  // Files of the configuration's robinFileGlobs in the folders given: candidates too (linted
  // when their content is Robin), so that the command line and the editor agree on what a flow is.
  const candidates = [...found.files];
  if (engine.hasRobinGlobs(settings.config)) {
    const known = new Set(candidates.map((c) => c.absolutePath));
    const extra = discover(opts.paths, cwd, (name, folder, full) =>
      !known.has(full) && engine.mayHoldRobin(enginePath(settings.root, full), settings.config));
    for (const c of extra.files) if (!known.has(c.absolutePath)) candidates.push(c);
  }

  let ignored = 0;
  const jobs: LintJob[] = [];
  for (const candidate of candidates) {
    const given = enginePath(settings.root, candidate.absolutePath);
    if (engine.isIgnored(given, settings.config)) ignored++;
    else jobs.push({ absolutePath: candidate.absolutePath, given, explicit: candidate.explicit });
  }

  const ctx: LintContext = {
    cwd,
    config: settings.config,
    baseline: settings.baseline,
    writeBaseline: opts.writeBaseline,
    quiet: opts.quiet,
    debug: Boolean(io.env.FLOW_VAULT_DEBUG),
  };
  const progress = createProgress(io.stderr, jobs.length, opts.progress);
  const lintHere = (job: LintJob) => lintOneFile(engine, job, ctx);
  let outcomes: FileOutcome[];
  let threads = early;
  // auto: threads only for a tree large enough to pay for them (see parallel.ts).
  if (opts.concurrency === undefined) {
    const n = autoThreads(jobs.length, estimateBytes(jobs));
    if (n > 1) threads = LintThreads.start(n);
  }
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

  const forBaseline: FileResult[] = [];
  const files: ReportFile[] = [];
  let linted = 0;
  let binarySkipped = 0;
  for (const outcome of outcomes) {
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
        forBaseline.push(...outcome.results);
        break;
      case 'linted':
        linted++;
        binarySkipped += outcome.binarySkipped;
        files.push(...outcome.files);
        break;
    }
  }
  progress.clear();

  for (const e of readErrors) io.stderr.write(`flow-vault: ${e.path}: ${e.message}\n`);
  if (linted === 0 && readErrors.length === 0) {
    io.stderr.write(
      ignored > 0
        ? `flow-vault: Nothing linted: the ${ignored === 1 ? 'file is' : `${ignored} files are`} excluded by ignorePaths in ${settings.configPath}.\n`
        : 'flow-vault: No desktop-flow files found (*.robin, *.powerautomate, *.flow, *.pad, Robin *.txt, customizations.xml, Workflows/*.json, *.zip). Check the paths.\n',
    );
  }

  if (opts.writeBaseline) {
    const target = settings.baselinePath ?? path.join(settings.root, BASELINE_FILE);
    const count = forBaseline.reduce((n, r) => n + r.findings.length, 0);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, engine.createBaseline(forBaseline));
    } catch (e) {
      io.stderr.write(`flow-vault: Cannot write the baseline file ${target}: ${describeFsError(e)}. Check the folder's permissions.\n`);
      return 2;
    }
    io.stderr.write(
      `Wrote ${count} finding${count === 1 ? '' : 's'} to ${relativeOrAbsolute(cwd, target)}. Later runs report only new findings.\n`,
    );
    return readErrors.length > 0 ? 2 : 0;
  }

  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const report: Report = { cwd, files, readErrors, rules: engine.rules(settings.config), tool: toolInfo(), filesLinted: linted, binaryFilesSkipped: binarySkipped };
  const toFile = opts.output !== undefined;
  const color = opts.format === 'stylish' && (opts.color ?? (!toFile && shouldColor(io.stdout, io.env)));
  const text = formatters[opts.format]!(report, { color });
  if (toFile) {
    const target = path.resolve(cwd, opts.output!);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    } catch (e) {
      io.stderr.write(`flow-vault: Cannot write the report to ${target}: ${describeFsError(e)}. Check the path given to --output.\n`);
      return 2;
    }
  } else if (text !== '') {
    io.stdout.write(text);
  }

  if (readErrors.length > 0) return 2;
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
    }
  }
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr.write(`flow-vault: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings} allows.\n`);
    return 1;
  }
  return 0;
}
