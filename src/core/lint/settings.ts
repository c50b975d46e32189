/**
 * Which configuration and baseline apply to a file, and what its paths are relative to: one
 * rule, used by `flow-vault lint` and by the editor (modelled on ESLint's).
 *
 * - **Configuration**: the nearest `.flowvaultrc.json` in the file's folder or a folder above it
 *   (the editor stops at the workspace folder, the CLI at the file system's root). The CLI's
 *   `--config FILE` names one for every file instead.
 * - **Root**: engine paths (which feed fingerprints, the baseline and `ignorePaths`) are relative
 *   to the configuration's folder.
 * - **Baseline**: the configuration's `baseline` (relative to its folder), else
 *   `.flowvault-baseline.json` beside it. With no configuration, the nearest
 *   `.flowvault-baseline.json` upward, whose folder is then the root. With neither, the root is
 *   the fallback (the CLI's working directory, the editor's workspace folder) and the baseline is
 *   `.flowvault-baseline.json` there: fingerprints then depend on where the CLI runs. The CLI's
 *   `--baseline FILE` names one for every file (its folder is the root when no configuration applies).
 *
 * Paths are absolute and `/`-separated (see settings-paths.ts); the host reads files.
 */
import { parseBaseline, type Baseline } from './baseline';
import { parseConfig, resolveConfig, type ConfigProblem, type ResolvedConfig } from './config';
import { BASELINE_FILE, CONFIG_FILE } from './settings-files';
import { isWithin, normalizeAbsolute, parentOf, relativeInside, resolveFrom } from './settings-paths';

export { BASELINE_FILE, CONFIG_FILE };

/** How the rule reads files: the CLI's is over `node:fs`, the editor's over `workspace.fs`. */
export interface SettingsHost {
  /**
   * The text of the file at `path` (absolute, `/`-separated), or undefined when there is no such
   * file. Throws when the file is there but cannot be read.
   */
  readText(path: string): Promise<string | undefined>;
}

export interface SettingsOptions {
  /** The root when neither a configuration nor a baseline applies: the CLI's working directory, the editor's workspace folder. */
  readonly fallbackRoot: string;
  /** The last folder searched upward (the editor's workspace folder); default: the file system's root. */
  readonly stopAt?: string;
  /** One configuration file for every file (`--config`): no search. */
  readonly configFile?: string;
  /** One baseline file for every file (`--baseline`). */
  readonly baselineFile?: string;
  /** Read the baseline's findings (default true). False still says where the baseline is. */
  readonly readBaseline?: boolean;
  /** How a file is named in problem messages (default: its path). */
  readonly displayName?: (path: string) => string;
}

/** The settings a file is linted with. Files of one folder share the same object. */
export interface FileSettings {
  /** The folder engine paths are relative to. */
  readonly root: string;
  readonly config: ResolvedConfig;
  /** The configuration file, when one applies. */
  readonly configPath?: string;
  readonly configProblems: readonly ConfigProblem[];
  /** Where the baseline is, or would be written. */
  readonly baselinePath: string;
  /** The baseline's findings, when the file exists (and was to be read). */
  readonly baseline?: Baseline;
  readonly baselineProblems: readonly ConfigProblem[];
}

/** A configuration or baseline file that is there but cannot be read, or a named one that is missing. */
export class SettingsFileError extends Error {
  constructor(
    readonly path: string,
    readonly kind: 'configuration' | 'baseline',
    override readonly cause: unknown,
  ) {
    super(`Cannot read the ${kind} file ${path}.`);
  }
}

interface LoadedConfig {
  readonly config: ResolvedConfig;
  readonly problems: readonly ConfigProblem[];
}

interface LoadedBaseline {
  readonly baseline?: Baseline;
  readonly problems: readonly ConfigProblem[];
}

/** The rule, with its reads cached per file and its answers per folder. */
export class SettingsResolver {
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly nearest = new Map<string, Promise<string | undefined>>();
  private readonly byFolder = new Map<string, Promise<FileSettings>>();
  /** One object per distinct (root, configuration, baseline). */
  private readonly distinct = new Map<string, FileSettings>();
  private readonly configs = new Map<string, Promise<LoadedConfig>>();
  private readonly baselines = new Map<string, Promise<LoadedBaseline>>();
  private readonly options: SettingsOptions;

  constructor(
    private readonly host: SettingsHost,
    options: SettingsOptions,
  ) {
    this.options = {
      ...options,
      fallbackRoot: normalizeAbsolute(options.fallbackRoot),
      stopAt: options.stopAt === undefined ? undefined : normalizeAbsolute(options.stopAt),
      configFile: options.configFile === undefined ? undefined : normalizeAbsolute(options.configFile),
      baselineFile: options.baselineFile === undefined ? undefined : normalizeAbsolute(options.baselineFile),
    };
  }

  /** The settings of the file at `path` (absolute). */
  forFile(path: string): Promise<FileSettings> {
    const file = normalizeAbsolute(path);
    return this.forFolder(parentOf(file) ?? file);
  }

  /** The settings of the files in the folder `dir` (absolute). */
  forFolder(dir: string): Promise<FileSettings> {
    const folder = normalizeAbsolute(dir);
    let hit = this.byFolder.get(folder);
    if (!hit) {
      hit = this.load(folder);
      this.byFolder.set(folder, hit);
      // A failure is not kept: the next call reads again.
      hit.catch(() => this.byFolder.delete(folder));
    }
    return hit;
  }

  /** Forgets every file read (after a configuration or baseline changed). */
  clear(): void {
    this.texts.clear();
    this.nearest.clear();
    this.byFolder.clear();
    this.distinct.clear();
    this.configs.clear();
    this.baselines.clear();
  }

  private async load(dir: string): Promise<FileSettings> {
    const { configFile, baselineFile, fallbackRoot } = this.options;
    const configPath = configFile ?? (await this.findUp(CONFIG_FILE, dir));
    const configDir = configPath === undefined ? undefined : parentOf(configPath) ?? configPath;
    const loaded = configPath === undefined ? { config: resolveConfig(), problems: [] } : await this.loadConfig(configPath, configFile !== undefined);
    let baselinePath: string;
    let root: string;
    if (configDir !== undefined) {
      root = configDir;
      baselinePath = baselineFile ?? resolveFrom(configDir, loaded.config.baseline ?? BASELINE_FILE);
    } else {
      const found = baselineFile ?? (await this.findUp(BASELINE_FILE, dir));
      root = found === undefined ? fallbackRoot : parentOf(found) ?? found;
      baselinePath = found ?? resolveFrom(fallbackRoot, BASELINE_FILE);
    }
    const { baseline, problems: baselineProblems } = this.options.readBaseline === false
      ? { baseline: undefined, problems: [] }
      : await this.loadBaseline(baselinePath);
    const key = [root, configPath ?? '', baselinePath].join('\u0000');
    let settings = this.distinct.get(key);
    if (!settings) {
      settings = { root, config: loaded.config, configPath, configProblems: loaded.problems, baselinePath, baseline, baselineProblems };
      this.distinct.set(key, settings);
    }
    return settings;
  }

  /** The nearest file called `name` in `dir` or a folder above it (not above `stopAt`). */
  private findUp(name: string, dir: string): Promise<string | undefined> {
    const key = `${name}\u0000${dir}`;
    let hit = this.nearest.get(key);
    if (!hit) {
      hit = (async () => {
        const stopAt = this.options.stopAt;
        if (stopAt !== undefined && !isWithin(stopAt, dir)) return undefined;
        const candidate = resolveFrom(dir, name);
        if ((await this.read(candidate, name === CONFIG_FILE ? 'configuration' : 'baseline')) !== undefined) return candidate;
        const parent = parentOf(dir);
        return parent === undefined || dir === stopAt ? undefined : this.findUp(name, parent);
      })();
      this.nearest.set(key, hit);
    }
    return hit;
  }

  private read(path: string, kind: SettingsFileError['kind']): Promise<string | undefined> {
    let hit = this.texts.get(path);
    if (!hit) {
      hit = this.host.readText(path).then(
        (text) => (text !== undefined && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
        (e: unknown) => {
          throw new SettingsFileError(path, kind, e);
        },
      );
      this.texts.set(path, hit);
    }
    return hit;
  }

  private loadConfig(path: string, named: boolean): Promise<LoadedConfig> {
    let hit = this.configs.get(path);
    if (!hit) {
      hit = this.read(path, 'configuration').then((text) => {
        if (text === undefined) {
          if (named) throw new SettingsFileError(path, 'configuration', Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
          return { config: resolveConfig(), problems: [] };
        }
        const parsed = parseConfig(text, this.name(path));
        return { config: resolveConfig(parsed.config), problems: parsed.problems };
      });
      this.configs.set(path, hit);
    }
    return hit;
  }

  private loadBaseline(path: string): Promise<LoadedBaseline> {
    let hit = this.baselines.get(path);
    if (!hit) {
      hit = this.read(path, 'baseline').then((text) => {
        if (text === undefined) return { problems: [] };
        return parseBaseline(text, this.name(path));
      });
      this.baselines.set(path, hit);
    }
    return hit;
  }

  private name(path: string): string {
    return this.options.displayName ? this.options.displayName(path) : path;
  }
}

/**
 * The path a file is linted under: relative to the settings' root, `/`-separated; the absolute
 * path when the file is outside the root (a `--config` or `--baseline` from elsewhere).
 */
export function enginePathOf(file: string, settings: Pick<FileSettings, 'root'>): string {
  const p = normalizeAbsolute(file);
  return relativeInside(settings.root, p) ?? p;
}

