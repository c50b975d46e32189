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
import { DEBUG_HINT, errorName } from './errors';
import { createEngine, EngineInputError, type Baseline, type Config, type Engine, type LintedFile } from './engine';
import { formatters, type ReadError, type Report, type ReportFile } from './formatters';
import type { Io } from './io';
import { describeFsError, findUp, relativeOrAbsolute, toPosix } from './paths';
import { createProgress } from './progress';
import { toReportFile } from './report';
import { LINT_USAGE } from './usage';
import { toolInfo } from './version';
import type { FileResult } from '../core/lint/types';

export const CONFIG_FILE = '.flowvaultrc.json';
export const BASELINE_FILE = '.flowvault-baseline.json';

const NOT_A_FLOW =
  'Not linted: this does not look like a desktop flow (a Robin script, a customizations.xml or a solution zip).';

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
  const rel = path.relative(root, absolutePath);
  return rel.startsWith('..') || path.isAbsolute(rel) ? toPosix(absolutePath) : toPosix(rel);
}

export async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  let opts: LintOptions;
  try {
    opts = parseLintArgs(args);
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

  const found = discover(opts.paths, cwd);
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

  const progress = createProgress(io.stderr, found.files.length, opts.progress);
  const forBaseline: FileResult[] = [];
  const files: ReportFile[] = [];
  let linted = 0;
  let ignored = 0;
  found.files.forEach((candidate, i) => {
    progress.tick(i);
    if (engine.isIgnored(enginePath(settings.root, candidate.absolutePath), settings.config)) {
      ignored++;
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(candidate.absolutePath);
    } catch (e) {
      readErrors.push({
        path: relativeOrAbsolute(cwd, candidate.absolutePath),
        absolutePath: candidate.absolutePath,
        message: `Cannot read the file: ${describeFsError(e)}. Check that you may read it, or leave it out of the paths.`,
      });
      return;
    }
    const given = enginePath(settings.root, candidate.absolutePath);
    let results: LintedFile[];
    try {
      const kind = engine.classify(given, bytes);
      if (!candidate.explicit && (kind === 'binary' || kind === 'other')) return;
      results = engine.lint(given, bytes, {
        config: settings.config,
        baseline: opts.writeBaseline ? undefined : settings.baseline,
        explicit: candidate.explicit,
      });
      if (kind === 'other' && results.length === 1) {
        const only = results[0]!.result;
        if (only.findings.length === 0 && only.problems.length === 0) {
          results = [{ result: { ...only, problems: [{ message: NOT_A_FLOW }] }, baselined: [] }];
        }
      }
    } catch (e) {
      readErrors.push({
        path: relativeOrAbsolute(cwd, candidate.absolutePath),
        absolutePath: candidate.absolutePath,
        message: `Internal error while linting (${errorName(e)}). ${DEBUG_HINT}`,
      });
      if (io.env.FLOW_VAULT_DEBUG) io.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
      return;
    }
    linted++;
    if (opts.writeBaseline) {
      forBaseline.push(...results.map((r) => r.result));
      return;
    }
    // Resolve positions now, so that neither the bytes nor the texts are kept.
    for (const { result, baselined } of results) {
      files.push(
        toReportFile(engine, result, baselined, { cwd, absolutePath: candidate.absolutePath, given, bytes, quiet: opts.quiet }),
      );
    }
  });
  progress.clear();

  for (const e of readErrors) io.stderr.write(`flow-vault: ${e.path}: ${e.message}\n`);
  if (linted === 0 && readErrors.length === 0) {
    io.stderr.write(
      ignored > 0
        ? `flow-vault: Nothing linted: the ${ignored === 1 ? 'file is' : `${ignored} files are`} excluded by ignorePaths in ${settings.configPath}.\n`
        : 'flow-vault: No desktop-flow files found (*.robin, *.powerautomate, Robin *.txt, customizations.xml, *.zip). Check the paths.\n',
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

  const report: Report = { cwd, files, readErrors, rules: engine.rules(settings.config), tool: toolInfo(), filesLinted: linted };
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
