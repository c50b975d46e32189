/**
 * Where a finding sits in the statement list, where a new line may go before it, and whether
 * one statement is still in scope at another.
 */
import type { Range, Script, Statement } from '../robin/ast';
import { contains, indentationAt, lineStartOf } from './text';

/** A finding's location, in offsets of the Robin text being fixed. */
export interface FindingLocation {
  readonly range: Range;
  readonly statementRange?: Range;
}

/** Kinds whose `range` spans a body (they are containers, not the statement we want). */
const CONTAINERS = new Set<Statement['kind']>(['function', 'region', 'trailer']);

/** The innermost statement that holds the finding, by index into `script.statements`. */
export function statementIndexOf(script: Script, finding: FindingLocation): number {
  let best = -1;
  let bestSize = Infinity;
  script.statements.forEach((s, i) => {
    if (CONTAINERS.has(s.kind)) return;
    if (!contains(s.range, finding.range)) return;
    const size = s.range.end - s.range.start;
    if (size < bestSize) {
      best = i;
      bestSize = size;
    }
  });
  if (best < 0 && finding.statementRange) {
    const start = finding.statementRange.start;
    best = script.statements.findIndex((s) => !CONTAINERS.has(s.kind) && s.range.start === start);
  }
  return best;
}

/** Control keywords before which a new line would land in the previous branch or break the block. */
const NOT_BEFORE = new Set([
  'ELSE IF', 'ELSE', 'END', 'CASE', 'DEFAULT', 'ON BLOCK ERROR', 'ON ERROR', 'END FUNCTION',
]);

/** Why no statement can be inserted before `s`, or undefined. */
export function insertionProblem(s: Statement): string | undefined {
  switch (s.kind) {
    case 'action':
    case 'set':
    case 'call':
      return undefined;
    case 'control':
      return NOT_BEFORE.has(s.keyword)
        ? `a new action cannot go before ${s.keyword}: it would land in the previous branch`
        : undefined;
    case 'input':
    case 'output':
    case 'sensitive':
    case 'import':
      return 'the secret is in the flow header, where no action can go';
    default:
      return 'the secret is not inside an action or SET statement';
  }
}

export interface InsertionPoint {
  /** Start of the line the new line goes before. */
  readonly offset: number;
  /** Indentation of that line, as written. */
  readonly indent: string;
}

/**
 * A new line goes before the statement's `@@` annotations (they belong to the statement and
 * must stay right above it), with the indentation of the first of those lines.
 */
export function insertionPointBefore(text: string, s: Statement): InsertionPoint {
  const first = s.annotations.length > 0 ? Math.min(s.range.start, s.annotations[0].range.start) : s.range.start;
  const offset = lineStartOf(text, first);
  return { offset, indent: indentationAt(text, offset) };
}

/**
 * True when a value set by statement `from` (or by a line inserted right before it) is still in
 * scope at statement `to`: same subflow, `from` not after `to`, and the walk from one to the
 * other never leaves the block `from` stands in (an ELSE, END or CASE at a lower depth does).
 * A block's own header and closing lines sit at the depth of the block's parent.
 */
export function inScope(statements: readonly Statement[], from: number, to: number): boolean {
  if (from > to) return false;
  const a = statements[from];
  const b = statements[to];
  if ((a.functionName ?? '') !== (b.functionName ?? '')) return false;
  for (let k = from + 1; k <= to; k++) {
    const s = statements[k];
    if (s.depth < a.depth) return false;
  }
  return true;
}
