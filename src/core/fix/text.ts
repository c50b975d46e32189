/**
 * Plain-text helpers for fixes: edits, line starts, line endings, indentation. Offsets are
 * UTF-16 code units into the text being fixed, as everywhere in `src/core`.
 */
import type { Range } from '../robin/ast';

/** Replace `[range.start, range.end)` with `newText`. An empty range inserts. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

const BOM = '\uFEFF';

/** Length of a leading byte-order mark (0 or 1). Edits never go before it. */
export function bomLength(text: string): number {
  return text.startsWith(BOM) ? 1 : 0;
}

/** The line ending to write near `offset`: the one that ends that line, else the file's first, else LF. */
export function eolAt(text: string, offset: number): '\r\n' | '\n' {
  const nl = text.indexOf('\n', offset);
  if (nl >= 0) return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
  const first = text.indexOf('\n');
  if (first >= 0) return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
  return '\n';
}

/** Offset of the start of the line holding `offset` (never before a BOM). */
export function lineStartOf(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return Math.max(i, bomLength(text));
}

/** Offset just after the line break that ends the line holding `offset` (or the text's end). */
export function nextLineStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  if (i < text.length) return i + 1;
  return i;
}

/** The run of spaces and tabs starting at `lineStart`. */
export function indentationAt(text: string, lineStart: number): string {
  let i = lineStart;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(lineStart, i);
}

/** Applies non-overlapping edits (any order) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.range.start < at) throw new Error('Overlapping edits');
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/** Sorts edits by position; insertions at the same offset keep their given order. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.range.start - b.e.range.start || a.e.range.end - b.e.range.end || a.i - b.i)
    .map((x) => x.e);
}

export function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}
