/**
 * Linting a file from disk, the one way that `flow-vault lint` and the editor's workspace scan
 * share: classify the bytes (zip, flow, binary, other), decode them once, lint, and say what a
 * file the user named gave when it is not a flow.
 */
import { decodeText, detectFormat, readZip, type DecodedText, type FileFormat } from '../solution';
import { defaultConfig, isPathIgnored } from './config';
import { detectOptions, lintText, type LintOptions } from './engine';
import { joinEntryPath } from './entryPath';
import type { FileProblem, FileResult } from './types';

/** What a file is: a zip (solution export), a flow file, a binary file, or text that is not a flow. */
export type FileKind = 'zip' | 'flow' | 'binary' | 'other';

/** A result, and the text its offsets refer to. */
export interface LintedText {
  readonly result: FileResult;
  /** '' when nothing was decoded. */
  readonly text: string;
}

export interface FileLint {
  readonly kind: FileKind;
  /** The file's own decoded text (undefined for zips and binary files): what a result's `packedAt` refers to. */
  readonly text?: string;
  /** Empty when the file was not linted: not named by the user, and binary or not a flow. */
  readonly results: LintedText[];
}

export interface LintFileOptions extends LintOptions {
  /** The user named this file: lint it even when its name or content does not look like a flow, and say so. */
  readonly explicit?: boolean;
  /** The host's own setting says this file may hold Robin: it is linted as Robin when its content evidently is. */
  readonly mayHoldRobin?: boolean;
}

/** Said of a file the user named that is not a flow. */
export const NOT_A_FLOW =
  'Not linted: this does not look like a desktop flow (a Robin script, a customizations.xml or a solution zip).';

/** Said of a Workflows JSON the user named that holds no packed definition. */
export const NO_PACKAGE =
  'Not linted: this Workflows JSON holds no packed definition (newer exports keep the flow in customizations.xml, which is linted).';

const LINTABLE_ENTRY = /(?:^|\/)customizations\.xml$|(?:^|\/)workflows\/[^/]+\.json$|\.(?:robin|powerautomate|flow|pad|txt|xml)$/i;

/**
 * Classifies and lints a file's bytes, decoding them once. A zip gives one result per relevant
 * entry, at `archive.zip!/inner/path`; a text file one result. A file that is not `explicit` is
 * linted only when it is a flow or a zip; a named one always gives a result that says why it
 * holds no findings (binary, not a flow, a Workflows JSON without a package).
 */
export function lintFile(path: string, bytes: Uint8Array, options: LintFileOptions = {}): FileLint {
  if (hasZipMagic(bytes)) return { kind: 'zip', results: lintZip(path, bytes, options) };
  let decoded: DecodedText;
  try {
    decoded = decodeText(bytes);
  } catch {
    if (!options.explicit) return { kind: 'binary', results: [] };
    return { kind: 'binary', results: [only(path, '', [{ message: 'The file could not be decoded as text.' }])] };
  }
  const config = options.config ?? defaultConfig;
  let format: FileFormat | undefined;
  if (!('binary' in decoded)) format = detectFormat(path, decoded.text, detectOptions(config, options.mayHoldRobin));
  let kind: FileKind = 'binary' in decoded ? 'binary' : format === 'other' ? 'other' : 'flow';
  if (!options.explicit && kind !== 'flow') return { kind, results: [] };
  const fileText = 'binary' in decoded ? undefined : decoded.text;
  let results: LintedText[];
  if (looksLikeBrokenZip(path, bytes)) {
    // A `*.zip` whose magic number is broken: read as a zip, which says what is wrong with it.
    results = lintZip(path, bytes, options);
  } else if ('binary' in decoded) {
    results = [only(path, '', [{ message: `Not linted: ${decoded.reason}.` }])];
  } else {
    const text = decoded.text;
    const result = lintText(path, text, { ...options, format });
    if (format === 'workflow-json' && result.packedAt === undefined && result.findings.length === 0 && result.problems.length === 0) {
      // A Workflows JSON with nothing packed in it (the stub of newer exports, a cloud flow).
      kind = 'other';
      if (!options.explicit) return { kind, text, results: [] };
      results = [{ result: { ...result, problems: [{ message: NO_PACKAGE }], ...withText(result, decoded) }, text }];
    } else {
      const problems = decoded.lossy
        ? [...result.problems, { message: `Some bytes are not valid ${decoded.encoding === 'utf8' ? 'UTF-8' : 'UTF-16'} and were read as U+FFFD.` }]
        : result.problems;
      results = [{ result: { ...result, problems, ...withText(result, decoded) }, text: result.text ?? text }];
    }
  }
  return { kind, ...(fileText !== undefined ? { text: fileText } : {}), results: kind === 'other' ? sayNotAFlow(results) : results };
}

/**
 * Lints a file's bytes as a file the user named (`lintFile` with `explicit`): decodes the text
 * (binary files give a problem and no findings); a zip (solution export) gives one result per
 * relevant entry, at `archive.zip!/inner/path`, with `text` set to the entry's decoded text.
 */
export function lintBytes(path: string, bytes: Uint8Array, options?: LintOptions): FileResult[] {
  return lintFile(path, bytes, { ...options, explicit: true }).results.map((r) => r.result);
}

/** A text file's result keeps its text when the offsets do not refer to the bytes read as UTF-8. */
function withText(result: FileResult, decoded: { text: string; encoding: string }): { text?: string } {
  return result.text === undefined && decoded.encoding !== 'utf8' ? { text: decoded.text } : {};
}

function only(path: string, text: string, problems: FileProblem[]): LintedText {
  return { result: { path, findings: [], problems, suppressed: 0 }, text };
}

/** A named file that is not a flow and gave nothing at all: say so. */
function sayNotAFlow(results: LintedText[]): LintedText[] {
  const shown = results.filter((r) => !r.result.skippedBinary);
  if (shown.length !== 1) return results;
  const one = shown[0];
  if (one.result.findings.length > 0 || one.result.problems.length > 0) return results;
  return results.map((r) => (r === one ? { ...r, result: { ...r.result, problems: [{ message: NOT_A_FLOW }] } } : r));
}

function hasZipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
}

function looksLikeBrokenZip(path: string, bytes: Uint8Array): boolean {
  return /\.zip$/i.test(path) && bytes.length > 0 && bytes[0] === 0x50;
}

function lintZip(path: string, bytes: Uint8Array, options: LintOptions): LintedText[] {
  const config = options.config ?? defaultConfig;
  let zip: ReturnType<typeof readZip>;
  try {
    const maybeRobin = detectOptions(config).maybeRobin;
    zip = readZip(bytes, {
      select: (p) => {
        const inner = joinEntryPath(path, p);
        return (LINTABLE_ENTRY.test(p) || maybeRobin?.(inner) === true) && !isPathIgnored(inner, config);
      },
    });
  } catch {
    return [only(path, '', [{ message: 'The archive could not be read.' }])];
  }
  const results: LintedText[] = [];
  if (zip.problems.length > 0) results.push(only(path, '', zip.problems));
  for (const entry of zip.entries) {
    const entryPath = joinEntryPath(path, entry.path);
    let decoded: DecodedText;
    try {
      decoded = decodeText(entry.bytes);
    } catch {
      results.push(only(entryPath, '', [{ message: 'The entry could not be decoded as text.' }]));
      continue;
    }
    if ('binary' in decoded) {
      // Image repository data and the like: nothing to lint, counted rather than reported.
      results.push({ result: { path: entryPath, findings: [], problems: [], suppressed: 0, skippedBinary: true }, text: '' });
      continue;
    }
    let format: FileFormat;
    try { format = detectFormat(entryPath, decoded.text, detectOptions(config)); } catch { format = 'other'; }
    if (format === 'other') continue;
    const result = lintText(entryPath, decoded.text, { ...options, format });
    // A Workflows JSON with nothing packed in it (the stub of newer exports, a cloud flow).
    if (format === 'workflow-json' && result.packedAt === undefined && result.problems.length === 0) continue;
    const text = result.text ?? decoded.text;
    results.push({ result: { ...result, text }, text });
  }
  return results;
}
