/**
 * Helpers over string literals: where decoded characters sit in the source, and the decoded text
 * of a literal.
 */
import type { StringLiteral, TextSegment } from './ast';

/**
 * The source offset of the decoded character `decodedIndex` of a text segment. An index inside an
 * escape maps to the escape's first character (`\` of `\'`); `decodedIndex === value.length`
 * maps to the segment end. Out-of-range indexes are clamped.
 */
export function sourceOffsetOf(segment: TextSegment, decodedIndex: number): number {
  const length = segment.value.length;
  if (!(decodedIndex > 0)) decodedIndex = 0; // also NaN
  if (decodedIndex >= length) return segment.range.end;
  const map = segment.map;
  if (map.length === 0) return segment.range.start + decodedIndex;
  // Last pair whose decoded index is <= decodedIndex.
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid][0] <= decodedIndex) lo = mid;
    else hi = mid - 1;
  }
  const [d, s] = map[lo];
  return s + (decodedIndex - d);
}

export interface LiteralText {
  /**
   * True when the literal's value is fixed text: no `%…%`, or only interpolations of plain
   * quoted strings (`$'''%''%'''` is the empty string, `$'''%'x'%'''` is `x`).
   */
  readonly literal: boolean;
  /**
   * The decoded text. Interpolations of plain quoted strings are inlined; any other
   * interpolation stands as written, `%expr%`.
   */
  readonly text: string;
}

/** Whether a string literal is purely literal text, and its decoded text. */
export function stringLiteralText(lit: StringLiteral): LiteralText {
  let text = '';
  let literal = true;
  for (const seg of lit.segments) {
    if (seg.kind === 'text') {
      text += seg.value;
      continue;
    }
    const v = seg.value;
    if (v && v.kind === 'string' && v.segments.every((s) => s.kind === 'text')) {
      for (const s of v.segments) text += (s as TextSegment).value;
      continue;
    }
    literal = false;
    text += '%' + seg.expression + '%';
  }
  return { literal, text };
}
