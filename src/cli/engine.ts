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

export type FileKind = 'zip' | 'flow' | 'binary' | 'other';

/** An engine result, and the findings the baseline accepted (kept for SARIF `suppressions`). */
export interface LintedFile {
  readonly result: FileResult;
  readonly baselined: readonly Finding[];
  /** The text the result's offsets refer to ('' when nothing was decoded). */
  readonly text: string;
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
  /**
   * Classifies and lints a file's bytes, decoding them once: the same results as the core's
   * `lintBytes`, each with the text its offsets refer to. A file that the user did not name is
   * linted only when it is a flow (or a zip).
   */
  lintFile(path: string, bytes: Uint8Array, options: LintFileOptions): FileLint;
  /** 0-based line and UTF-16 character of offsets in `text`. */
  positions(text: string): (offset: number) => { line: number; character: number };
}

/** Said of a Workflows JSON named on the command line that holds no packed definition. */
export const NO_PACKAGE =
  'Not linted: this Workflows JSON holds no packed definition (newer exports keep the flow in customizations.xml, which is linted).';

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
}

/** The file a baseline entry or result path belongs to: the archive for `a.zip!/x`. */
function fileKey(p: string): string {
  const normal = lint.normalizePath(p);
  const bang = normal.indexOf('!/');
  return bang >= 0 ? normal.slice(0, bang) : normal;
}

/** lint.lintBytes also reads a `*.zip` whose magic number is broken as a zip (and says so). */
function looksLikeZipToCore(path: string, bytes: Uint8Array): boolean {
  return /\.zip$/i.test(path) && bytes.length > 0 && bytes[0] === 0x50;
}

/** Applies the baseline entries of the file (or archive) at `path`. */
function withBaseline(path: string, raw: readonly { result: FileResult; text: string }[], baseline: Baseline | undefined): LintedFile[] {
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
      let raw: { result: FileResult; text: string }[];
      let kind: FileKind = 'zip';
      let decoded: ReturnType<typeof decodeText> | undefined;
      let format: ReturnType<typeof detectFormat> | undefined;
      if (!isZip(bytes)) {
        decoded = decodeText(bytes);
        if (!('binary' in decoded)) format = detectFormat(path, decoded.text, lint.detectOptions(options.config));
        kind = 'binary' in decoded ? 'binary' : format === 'other' ? 'other' : 'flow';
        if (!options.explicit && (kind === 'binary' || kind === 'other')) return { kind, results: [] };
      }
      if (decoded === undefined || 'binary' in decoded || looksLikeZipToCore(path, bytes)) {
        // Zips, and binary files the user named: as the core reads them.
        const fallback = decoded !== undefined && !('binary' in decoded) ? decoded.text : '';
        raw = lint.lintBytes(path, bytes, { config: options.config }).map((result) => ({ result, text: result.text ?? fallback }));
      } else {
        // What lint.lintBytes does with a text file, without decoding it a second time (the
        // kind above needed the text). A unit test holds the two equal.
        const text = decoded.text;
        const result = lint.lintText(path, text, { config: options.config, format });
        const problems = decoded.lossy
          ? [...result.problems, { message: `Some bytes are not valid ${decoded.encoding === 'utf8' ? 'UTF-8' : 'UTF-16'} and were read as U+FFFD.` }]
          : result.problems;
        const withText = result.text === undefined && decoded.encoding !== 'utf8' ? { text } : {};
        raw = [{ result: { ...result, problems, ...withText }, text: result.text ?? text }];
        if (format === 'workflow-json' && result.packedAt === undefined && result.findings.length === 0 && result.problems.length === 0) {
          // A Workflows JSON with nothing packed in it (the stub of newer exports, a cloud flow).
          kind = 'other';
          if (!options.explicit) return { kind, results: [] };
          raw = [{ result: { ...raw[0]!.result, problems: [{ message: NO_PACKAGE }] }, text }];
        }
      }
      return { kind, results: withBaseline(path, raw, options.baseline) };
    },
    positions(text) {
      const index = new LineIndex(text);
      return (offset) => index.positionAt(offset);
    },
  };
}
