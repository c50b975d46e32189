/**
 * The one place where the CLI meets the core: the lint engine, its configuration and baseline,
 * format detection and line positions. Everything else in src/cli works on the shapes below.
 */
import * as lint from '../core/lint';
import { LineIndex } from '../core/robin/lineIndex';
import type { FileResult, Finding } from '../core/lint/types';
import type { RuleInfo } from './formatters';

export type Config = lint.ResolvedConfig;

/** A baseline, its entries grouped by the file (or archive) they belong to. */
export interface Baseline {
  readonly byFile: ReadonlyMap<string, readonly lint.BaselineEntry[]>;
  readonly size: number;
}

export type FileKind = lint.FileKind;

/** An engine result and the text its offsets refer to, and the findings the baseline accepted (kept for SARIF `suppressions`). */
export interface LintedFile extends lint.LintedText {
  readonly baselined: readonly Finding[];
}

/** What `lintFile` made of a file: its kind, and its results (none when it was skipped). */
export interface FileLint {
  readonly kind: FileKind;
  /** Empty when the file was not linted: not named by the user, and binary or not a flow. */
  readonly results: LintedFile[];
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
  /** True when the configuration's `ignorePaths` exclude this (engine) path. */
  isIgnored(path: string, config: Config): boolean;
  /** True when the configuration's `robinFileGlobs` match this (engine) path: it may hold Robin. */
  mayHoldRobin(path: string, config: Config): boolean;
  /** True when the configuration has `robinFileGlobs`. */
  hasRobinGlobs(config: Config): boolean;
  /** A baseline's entries grouped by the file they belong to. */
  indexBaseline(baseline: lint.Baseline): Baseline;
  /** The baseline file's text accepting every finding of `results`. */
  createBaseline(results: readonly FileResult[]): string;
  /** The core's `lintFile` (classify, decode once, lint), with the baseline applied. */
  lintFile(path: string, bytes: Uint8Array, options: LintFileOptions): FileLint;
  /** 0-based line and UTF-16 character of offsets in `text`. */
  positions(text: string): (offset: number) => { line: number; character: number };
}

/** The file a baseline entry or result path belongs to: the archive for `a.zip!/x`. */
function fileKey(p: string): string {
  return lint.splitEntryPath(lint.normalizePath(p)).file;
}

/** Applies the baseline entries of the file (or archive) at `path`. */
function withBaseline(path: string, raw: readonly lint.LintedText[], baseline: Baseline | undefined): LintedFile[] {
  const entries = baseline?.byFile.get(fileKey(path));
  if (!entries || entries.length === 0) return raw.map(({ result, text }) => ({ result, baselined: [], text }));
  const kept = lint.applyBaseline(
    raw.map((r) => r.result),
    { version: 1, findings: entries },
  );
  return kept.map((result, i) => {
    const still = new Set(result.findings);
    return { result, baselined: raw[i]!.result.findings.filter((f) => !still.has(f)), text: raw[i]!.text };
  });
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
    isIgnored(path, config) {
      return lint.isPathIgnored(path, config);
    },
    mayHoldRobin(path, config) {
      return lint.matchesRobinFileGlobs(path, config);
    },
    hasRobinGlobs(config) {
      return config.robinFileGlobs.length > 0;
    },
    indexBaseline(baseline) {
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
    lintFile(path, bytes, options) {
      const { kind, results } = lint.lintFile(path, bytes, { config: options.config, explicit: options.explicit });
      return { kind, results: withBaseline(path, results, options.baseline) };
    },
    positions(text) {
      const index = new LineIndex(text);
      return (offset) => index.positionAt(offset);
    },
  };
}
