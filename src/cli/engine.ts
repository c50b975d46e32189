/**
 * The one place where the CLI meets the core: the lint engine, its configuration and baseline,
 * format detection and line positions. Everything else in src/cli works on the shapes below.
 */
import * as lint from '../core/lint';
import { LineIndex } from '../core/robin/lineIndex';
import { decodeText, detectFormat } from '../core/solution';
import type { FileResult, Finding } from '../core/lint/types';
import type { RuleInfo } from './formatters';

export type Config = lint.ResolvedConfig;

/** A baseline, its entries grouped by the file (or archive) they belong to. */
export interface Baseline {
  readonly byFile: ReadonlyMap<string, readonly lint.BaselineEntry[]>;
  readonly size: number;
}

/** A configuration or baseline file that does not parse; the message says what is wrong. */
export class EngineInputError extends Error {}

export type FileKind = 'zip' | 'flow' | 'binary' | 'other';

/** An engine result, and the findings the baseline accepted (kept for SARIF `suppressions`). */
export interface LintedFile {
  readonly result: FileResult;
  readonly baselined: readonly Finding[];
}

export interface LintFileOptions {
  readonly config: Config;
  readonly baseline?: Baseline;
  /** The user named this file: lint it even when its name or content does not look like a flow. */
  readonly explicit: boolean;
}

export interface Engine {
  rules(config: Config): RuleInfo[];
  defaultConfig(): Config;
  parseConfig(text: string, source: string): Config;
  /** The baseline file the configuration names, relative to the configuration's folder. */
  configuredBaseline(config: Config): string | undefined;
  /** True when the configuration's `ignorePaths` exclude this (engine) path. */
  isIgnored(path: string, config: Config): boolean;
  parseBaseline(text: string, source: string): Baseline;
  /** The baseline file's text accepting every finding of `results`. */
  createBaseline(results: readonly FileResult[]): string;
  classify(path: string, bytes: Uint8Array): FileKind;
  lint(path: string, bytes: Uint8Array, options: LintFileOptions): LintedFile[];
  /** The text a file's offsets refer to, when the result does not carry it. */
  textOf(bytes: Uint8Array): string;
  /** 0-based line and UTF-16 character of offsets in `text`. */
  positions(text: string): (offset: number) => { line: number; character: number };
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
}

/** The file a baseline entry or result path belongs to: the archive for `a.zip!/x`. */
function fileKey(p: string): string {
  const normal = lint.normalizePath(p);
  const bang = normal.indexOf('!/');
  return bang >= 0 ? normal.slice(0, bang) : normal;
}

function problemsText(problems: readonly lint.ConfigProblem[]): string {
  return problems.map((p) => `  ${p.message}`).join('\n');
}

export function createEngine(): Engine {
  return {
    rules(config) {
      return lint.rules.map((r) => ({
        id: r.id,
        description: r.description,
        docs: r.docs,
        defaultSeverity: r.defaultSeverity,
        fixable: r.fixable,
        setting: config.rules[r.id] ?? r.defaultSeverity,
      }));
    },
    defaultConfig() {
      return lint.defaultConfig;
    },
    parseConfig(text, source) {
      const { config, problems } = lint.parseConfig(text, source);
      // Every problem is an error: a setting the engine would silently drop (a misspelt rule
      // id, a wrong severity) must not quietly weaken the check.
      if (problems.length > 0) throw new EngineInputError(problemsText(problems));
      return lint.resolveConfig(config);
    },
    configuredBaseline(config) {
      return config.baseline;
    },
    isIgnored(path, config) {
      return lint.isPathIgnored(path, config);
    },
    parseBaseline(text, source) {
      const { baseline, problems } = lint.parseBaseline(text, source);
      if (problems.length > 0) throw new EngineInputError(problems.map((p) => p.message).join(' '));
      const byFile = new Map<string, lint.BaselineEntry[]>();
      for (const e of baseline.findings) {
        const key = fileKey(e.path);
        const list = byFile.get(key);
        if (list) list.push(e);
        else byFile.set(key, [e]);
      }
      return { byFile, size: baseline.findings.length };
    },
    createBaseline(results) {
      return lint.formatBaseline(lint.createBaseline(results));
    },
    classify(path, bytes) {
      if (isZip(bytes)) return 'zip';
      const decoded = decodeText(bytes);
      if ('binary' in decoded) return 'binary';
      return detectFormat(path, decoded.text) === 'other' ? 'other' : 'flow';
    },
    lint(path, bytes, options) {
      const results = lint.lintBytes(path, bytes, { config: options.config });
      const entries = options.baseline?.byFile.get(fileKey(path));
      if (!entries || entries.length === 0) return results.map((result) => ({ result, baselined: [] }));
      const kept = lint.applyBaseline(results, { version: 1, findings: entries });
      return kept.map((result, i) => {
        const still = new Set(result.findings);
        return { result, baselined: results[i]!.findings.filter((f) => !still.has(f)) };
      });
    },
    textOf(bytes) {
      const decoded = decodeText(bytes);
      return 'binary' in decoded ? '' : decoded.text;
    },
    positions(text) {
      const index = new LineIndex(text);
      return (offset) => index.positionAt(offset);
    },
  };
}
