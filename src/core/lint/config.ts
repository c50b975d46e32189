/**
 * Project configuration: `.flowvaultrc.json` (JSON with comments).
 *
 * ```jsonc
 * {
 *   "rules": { "secret-in-variable": "error", "known-secret-format": "off" },
 *   "secretWords": ["geheim"],
 *   "ignorePaths": ["test/fixtures/**"],
 *   "robinFileGlobs": ["flows/**"],
 *   "baseline": ".flowvault-baseline.json"
 * }
 * ```
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { splitEntryPath } from './entryPath';
import picomatch from 'picomatch/posix';
import type { Range } from '../robin/ast';
import { CONFIG_FILE } from './settings-files';
import { LineIndex } from '../robin/lineIndex';
import { rules as allRules } from './rules';
import type { Severity } from './types';

export type RuleSetting = Severity | 'off';

/** The configuration as written by the user (every field optional). */
export interface FlowVaultConfig {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly secretWords?: readonly string[];
  readonly ignorePaths?: readonly string[];
  /** More files that may hold Robin text: linted as Robin when their content evidently is. */
  readonly robinFileGlobs?: readonly string[];
  readonly baseline?: string;
}

/** The configuration the engine runs with: every rule has a setting. */
export interface ResolvedConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly secretWords: readonly string[];
  readonly ignorePaths: readonly string[];
  readonly robinFileGlobs: readonly string[];
  readonly baseline?: string;
}

export interface ConfigProblem {
  /** Says what is wrong and where (the source name), never a secret. */
  readonly message: string;
  /** Offsets in the configuration text, when known. */
  readonly range?: Range;
}

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];
const KNOWN_KEYS = ['rules', 'secretWords', 'ignorePaths', 'robinFileGlobs', 'baseline', '$schema'];

/** Default severities of every rule, no extra words, nothing ignored. */
export const defaultConfig: ResolvedConfig = Object.freeze({
  rules: Object.freeze(Object.fromEntries(allRules.map((r) => [r.id, r.defaultSeverity] as const))),
  secretWords: Object.freeze([] as string[]),
  ignorePaths: Object.freeze([] as string[]),
  robinFileGlobs: Object.freeze([] as string[]),
});

/** Merges a user configuration (or several, later wins) over the defaults. */
export function resolveConfig(...configs: (FlowVaultConfig | undefined)[]): ResolvedConfig {
  const ruleSettings: Record<string, RuleSetting> = { ...defaultConfig.rules };
  const secretWords: string[] = [];
  const ignorePaths: string[] = [];
  const robinFileGlobs: string[] = [];
  let baseline: string | undefined;
  for (const c of configs) {
    if (!c) continue;
    if (c.rules) for (const [id, s] of Object.entries(c.rules)) if (id in ruleSettings && SETTINGS.includes(s)) ruleSettings[id] = s;
    if (c.secretWords) secretWords.push(...c.secretWords.filter((w) => typeof w === 'string' && w.trim().length > 0));
    if (c.ignorePaths) ignorePaths.push(...c.ignorePaths.filter((p) => typeof p === 'string' && p.length > 0));
    if (c.robinFileGlobs) robinFileGlobs.push(...c.robinFileGlobs.filter((p) => typeof p === 'string' && p.length > 0));
    if (typeof c.baseline === 'string') baseline = c.baseline;
  }
  return { rules: ruleSettings, secretWords, ignorePaths, robinFileGlobs, baseline };
}

/**
 * Reads `.flowvaultrc.json` text. Never throws: what cannot be used is left out and explained in
 * `problems` (unknown rule ids, bad severities, wrong types, JSON syntax errors).
 */
export function parseConfig(text: string, sourceName = CONFIG_FILE): { config: FlowVaultConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(text);
  for (const e of errors) {
    problems.push({ message: `${sourceName}: ${describeJsonError(printParseErrorCode(e.error))} at ${lines.describe(e.offset)}.`, range: { start: e.offset, end: e.offset + e.length } });
  }
  if (raw === undefined || raw === null) {
    if (errors.length === 0 && text.trim().length > 0) problems.push({ message: `${sourceName}: the configuration must be a JSON object.` });
    return { config: {}, problems };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ message: `${sourceName}: the configuration must be a JSON object, not ${Array.isArray(raw) ? 'an array' : typeof raw}.` });
    return { config: {}, problems };
  }
  const obj = raw as Record<string, unknown>;
  const config: { rules?: Record<string, RuleSetting>; secretWords?: string[]; ignorePaths?: string[]; robinFileGlobs?: string[]; baseline?: string } = {};
  for (const key of Object.keys(obj)) {
    if (!KNOWN_KEYS.includes(key)) {
      problems.push({ message: `${sourceName}: unknown setting '${key}' (known: ${KNOWN_KEYS.filter((k) => k !== '$schema').join(', ')}).` });
    }
  }
  if (obj.rules !== undefined) {
    if (!isPlainObject(obj.rules)) {
      problems.push({ message: `${sourceName}: 'rules' must be an object mapping rule ids to "off", "info", "warning" or "error".` });
    } else {
      const out: Record<string, RuleSetting> = {};
      const ids = allRules.map((r) => r.id);
      for (const [id, value] of Object.entries(obj.rules)) {
        if (!ids.includes(id)) {
          const near = closest(id, ids);
          problems.push({ message: `${sourceName}: unknown rule '${id}' in 'rules'${near ? ` (did you mean '${near}'?)` : ''}. Known rules: ${ids.join(', ')}.` });
          continue;
        }
        if (typeof value !== 'string' || !SETTINGS.includes(value as RuleSetting)) {
          problems.push({ message: `${sourceName}: rule '${id}' must be set to "off", "info", "warning" or "error", not ${JSON.stringify(value)}.` });
          continue;
        }
        out[id] = value as RuleSetting;
      }
      config.rules = out;
    }
  }
  if (obj.secretWords !== undefined) {
    const words = stringArray(obj.secretWords);
    if (!words) problems.push({ message: `${sourceName}: 'secretWords' must be an array of strings.` });
    else {
      const good = words.filter((w) => w.trim().length > 0);
      if (good.length !== words.length) problems.push({ message: `${sourceName}: empty entries in 'secretWords' are ignored.` });
      config.secretWords = good;
    }
  }
  for (const key of ['ignorePaths', 'robinFileGlobs'] as const) {
    if (obj[key] === undefined) continue;
    const globs = stringArray(obj[key]);
    if (!globs) problems.push({ message: `${sourceName}: '${key}' must be an array of glob strings.` });
    else {
      const good: string[] = [];
      for (const g of globs) {
        try {
          if (g.length === 0) throw new Error('empty');
          picomatch(g);
          good.push(g);
        } catch {
          problems.push({ message: `${sourceName}: '${key}' entry ${JSON.stringify(g)} is not a valid glob.` });
        }
      }
      config[key] = good;
    }
  }
  if (obj.baseline !== undefined) {
    if (typeof obj.baseline !== 'string' || obj.baseline.length === 0) problems.push({ message: `${sourceName}: 'baseline' must be a file path string.` });
    else config.baseline = obj.baseline;
  }
  return { config, problems };
}

const matcherCache = new Map<string, (p: string) => boolean>();

/**
 * True when a path matches one of the `ignorePaths` globs. Paths are compared with `/`
 * separators, without a leading `./`; a zip entry (`a.zip!/x/y`) matches on the whole path or on
 * its inner path.
 */
export function isPathIgnored(path: string, config: Pick<ResolvedConfig, 'ignorePaths'>): boolean {
  return matchesGlobs(path, config.ignorePaths);
}

/**
 * True when a path matches one of the `robinFileGlobs` (compared as for `ignorePaths`): the file
 * may hold Robin whatever its extension, and is linted as Robin when its content evidently is.
 */
export function matchesRobinFileGlobs(path: string, config: Pick<ResolvedConfig, 'robinFileGlobs'>): boolean {
  return matchesGlobs(path, config.robinFileGlobs ?? []);
}

function matchesGlobs(path: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const key = globs.join('\u0000');
  let match = matcherCache.get(key);
  if (!match) {
    match = picomatch(globs as string[], { dot: true });
    if (matcherCache.size > 50) matcherCache.clear();
    matcherCache.set(key, match);
  }
  const normal = normalizePath(path);
  if (match(normal)) return true;
  const { entry } = splitEntryPath(normal);
  return entry !== undefined && match(entry);
}

/** `/` separators, no leading `./`, no doubled slashes. */
export function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return undefined;
  return v as string[];
}

function describeJsonError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error (${words})`;
}


function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word, c);
    if (d < bestDistance) { bestDistance = d; best = c; }
  }
  return bestDistance <= Math.max(3, Math.floor(word.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
