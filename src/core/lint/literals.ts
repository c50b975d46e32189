/**
 * String literals as the rules see them: every literal of a script with its owner (the argument,
 * variable or annotation it is the value of), and a flat view of its decoded text where each
 * `%…%` interpolation stands as one placeholder character, with offsets mapped back to source.
 */
import type {
  ActionStatement, Argument, Range, Script, Statement, StringLiteral, TextSegment, Value,
} from '../robin/ast';
import { sourceOffsetOf } from '../robin';
import { isPlaceholder } from './placeholders';

/** Stands for one `%…%` interpolation in a flat literal. A private-use character. */
export const HOLE = '\uE000';

/** One string literal and where it stands. */
export interface LiteralRef {
  readonly literal: StringLiteral;
  readonly statement: Statement;
  /** The action (for an action argument or a condition action). */
  readonly action?: ActionStatement;
  /** The argument it belongs to (anywhere inside the argument's value). */
  readonly argument?: Argument;
  /**
   * Name of what the literal is the value of: argument name, `SET` variable, input name,
   * annotation key, or the key of the object entry directly holding it.
   */
  readonly owner: string;
  /** The action id, `SET`, `CALL`, `@INPUT`, `@@` or a control keyword. */
  readonly context: string;
  /** True when the literal is the whole value of its argument / SET / annotation. */
  readonly whole: boolean;
}

/** A literal's decoded text with interpolations as `HOLE`, and the way back to source offsets. */
export class FlatLiteral {
  readonly text: string;
  readonly dynamic: boolean;
  /** Flat start of each segment; undefined when the literal is one text segment (the common case). */
  private readonly starts?: number[];
  private readonly parts?: (TextSegment | Range)[];
  private readonly single?: TextSegment;

  constructor(readonly literal: StringLiteral) {
    const segments = literal.segments;
    if (segments.length === 1 && segments[0].kind === 'text') {
      this.single = segments[0];
      this.text = segments[0].value;
      this.dynamic = false;
      return;
    }
    let text = '';
    let dynamic = false;
    const starts: number[] = [];
    const parts: (TextSegment | Range)[] = [];
    for (const seg of segments) {
      starts.push(text.length);
      if (seg.kind === 'text') {
        parts.push(seg);
        text += seg.value;
      } else {
        parts.push(seg.range);
        text += HOLE;
        dynamic = true;
      }
    }
    this.text = text;
    this.dynamic = dynamic;
    this.starts = starts;
    this.parts = parts;
  }

  /** Source offset of a flat index (0 … text.length). */
  offsetOf(flatIndex: number, asEnd = false): number {
    if (this.single) {
      return flatIndex >= this.single.value.length ? this.single.range.end : sourceOffsetOf(this.single, flatIndex);
    }
    const starts = this.starts;
    const parts = this.parts;
    if (!starts || !parts || starts.length === 0) return this.literal.contentRange.start;
    // Last part starting at or before flatIndex; for an end offset, the part that holds the char before it.
    const probe = asEnd && flatIndex > 0 ? flatIndex - 1 : flatIndex;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= probe) lo = mid; else hi = mid - 1;
    }
    const part = parts[lo];
    const local = flatIndex - starts[lo];
    if ('kind' in part) {
      if (local >= part.value.length) return part.range.end;
      return sourceOffsetOf(part, local);
    }
    return local <= 0 ? part.start : part.end;
  }

  /** Source range of the flat slice [start, end). */
  rangeOf(start: number, end: number): Range {
    return { start: this.offsetOf(start), end: this.offsetOf(end, true) };
  }
}

/** Cache of flat views, so rules share them. */
export class FlatCache {
  private readonly map = new Map<StringLiteral, FlatLiteral>();
  get(literal: StringLiteral): FlatLiteral {
    let flat = this.map.get(literal);
    if (!flat) {
      flat = new FlatLiteral(literal);
      this.map.set(literal, flat);
    }
    return flat;
  }
}

/** Calls `fn` for every string literal inside a value (lists, objects, data tables, expressions). */
export function forEachString(value: Value | undefined, fn: (literal: StringLiteral, entryKey: string | undefined) => void, entryKey?: string): void {
  if (!value) return;
  switch (value.kind) {
    case 'string': fn(value, entryKey); return;
    case 'expression': for (const s of value.strings) fn(s, entryKey); return;
    case 'list': for (const item of value.items) forEachString(item, fn, entryKey); return;
    case 'object':
      for (const entry of value.entries) {
        forEachString(entry.key, fn, undefined);
        forEachString(entry.value, fn, keyName(entry.key) ?? entryKey);
      }
      return;
    case 'datatable':
      for (const h of value.header) forEachString(h, fn, undefined);
      for (const row of value.rows) for (const cell of row) forEachString(cell, fn, entryKey);
      return;
    default: return;
  }
}

/**
 * Pushes a LiteralRef for every string inside `value`, as `forEachValue` of the parser walks them
 * (lists, objects, data tables, the strings of expressions, and the parsed value of each `%…%`
 * inside a string), with no closure or visit object per value: this runs for every argument.
 */
function pushStrings(
  out: Collector, value: Value | undefined, statement: Statement, action: ActionStatement | undefined,
  argument: Argument | undefined, owner: string, context: string, whole: Value | undefined,
): void {
  if (!value) return;
  switch (value.kind) {
    case 'string': {
      const start = value.range.start;
      if (start < out.last) out.sorted = false;
      out.last = start;
      out.refs.push({ literal: value, statement, action, argument, owner, context, whole: value === whole });
      const segments = value.segments;
      if (segments.length === 1 && segments[0].kind === 'text') return;
      for (const seg of segments) {
        if (seg.kind === 'interpolation' && seg.value) pushStrings(out, seg.value, statement, action, argument, owner, context, undefined);
      }
      return;
    }
    case 'expression':
      for (const s of value.strings) pushStrings(out, s, statement, action, argument, owner, context, undefined);
      return;
    case 'list':
      for (const item of value.items) pushStrings(out, item, statement, action, argument, owner, context, whole);
      return;
    case 'object':
      for (const entry of value.entries) {
        pushStrings(out, entry.key, statement, action, argument, owner, context, whole);
        pushStrings(out, entry.value, statement, action, argument, keyName(entry.key) ?? owner, context, whole);
      }
      return;
    case 'datatable':
      for (const h of value.header) pushStrings(out, h, statement, action, argument, owner, context, whole);
      for (const row of value.rows) for (const cell of row) pushStrings(out, cell, statement, action, argument, owner, context, whole);
      return;
    default:
      return;
  }
}

/** The text of an object key written as a plain literal (`'Password'`), else undefined. */
export function keyName(key: Value): string | undefined {
  if (key.kind !== 'string') return undefined;
  const segs = key.segments;
  if (segs.length === 1) return segs[0].kind === 'text' ? segs[0].value : undefined;
  let s = '';
  for (const seg of key.segments) {
    if (seg.kind !== 'text') return undefined;
    s += seg.value;
  }
  return s;
}

/**
 * Every string literal of a script, in source order, with its owner: the same literals as
 * `forEachScriptValue` of the parser visits (a `%…%` value's literals sit inside their string's
 * range). Skips comments and the trailer.
 */
export function collectLiterals(script: Script): LiteralRef[] {
  const out: Collector = { refs: [], last: -1, sorted: true };
  const addArgs = (statement: Statement, args: readonly Argument[], context: string, action?: ActionStatement): void => {
    for (const argument of args) {
      if (argument.direction !== 'in' || !argument.value) continue;
      pushStrings(out, argument.value, statement, action, argument, argument.name, context, argument.value);
    }
  };
  // Header annotations (`@@ConnectionString: '…'` at the top of a stored definition) come first.
  for (const a of script.header) {
    pushStrings(out, a.value, headerStatement(a.range), undefined, undefined, a.key, '@@', a.value);
  }
  for (const statement of script.statements) {
    if (statement.annotations.length > 0) {
      for (const a of statement.annotations) pushStrings(out, a.value, statement, undefined, undefined, a.key, '@@', a.value);
    }
    switch (statement.kind) {
      case 'action':
        addArgs(statement, statement.args, statement.id, statement);
        break;
      case 'set': {
        // Most SETs hold no string (`SET i TO 0`, `SET a TO b`): no owner name to work out then.
        const v = statement.value;
        if (v.kind === 'number' || v.kind === 'boolean' || v.kind === 'enum' || (v.kind === 'expression' && v.strings.length === 0)) break;
        pushStrings(out, v, statement, undefined, undefined, setTargetName(statement.variable), 'SET', v);
        break;
      }
      case 'call':
        addArgs(statement, statement.args, 'CALL');
        break;
      case 'control': {
        const cond = statement.condition;
        if (cond && cond.kind === 'action') addArgs(statement, cond.args, cond.id, cond);
        else if (cond) pushStrings(out, cond, statement, undefined, undefined, statement.keyword, statement.keyword, cond);
        // `LOOP … FROM a TO b`, `CASE = x`, `WAIT 5`…: each operand stands whole.
        const operands = statement.operands;
        if (operands) for (const o of operands) pushStrings(out, o, statement, undefined, undefined, statement.keyword, statement.keyword, o);
        if (statement.args.length > 0) addArgs(statement, statement.args, statement.keyword);
        break;
      }
      case 'unrecognised': {
        const strings = statement.strings;
        if (strings) for (const literal of strings) pushStrings(out, literal, statement, undefined, undefined, '', 'statement', undefined);
        break;
      }
      case 'input':
      case 'output':
        pushStrings(out, statement.properties, statement, undefined, undefined, statement.name, statement.kind === 'input' ? '@INPUT' : '@OUTPUT', undefined);
        break;
      default:
        break;
    }
  }
  // Statements come in source order: sorting is rarely needed.
  const refs = out.refs;
  if (!out.sorted) refs.sort((x, y) => x.literal.range.start - y.literal.range.start);
  return refs;
}

/** The list being built, and whether it is still in source order (checked as literals come). */
interface Collector {
  readonly refs: LiteralRef[];
  last: number;
  sorted: boolean;
}

function headerStatement(range: Range): Statement {
  return { kind: 'comment', range, indent: '', depth: 0, annotations: [], block: false, text: '', textRange: range };
}

/** The part of a flat string that is a secret candidate: trimmed, and undefined when dynamic or a placeholder (`placeholders.ts`). */
export function candidate(text: string, start: number, end: number): { start: number; end: number } | undefined {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= start) return undefined;
  const v = text.slice(start, end);
  if (v.includes(HOLE)) return undefined;
  if (isPlaceholder(v)) return undefined;
  return { start, end };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * A "secret-shaped" value: one word (no spaces), 4 to 256 characters, with a letter and a digit
 * or symbol (`Zx81-secret`, `hunter2`, `P@ss`), not a placeholder. Used where only a weak signal
 * says the value is secret (a SET of a variable listed in @SENSITIVE): words such as `Started`
 * or `Success` are not secret-shaped.
 */
export function isSecretShaped(value: string): boolean {
  const v = value.trim();
  if (v.length < 4 || v.length > 256) return false;
  if (/\s/.test(v)) return false;
  if (v.includes(HOLE)) return false;
  if (!/\p{L}/u.test(v) || !/[\p{N}\p{P}\p{S}]/u.test(v)) return false;
  return !isPlaceholder(v);
}

/** The name a SET gives a value to: `x` for `x`, `Password` for `obj['Password']` or `obj.Password`. */
export function setTargetName(variable: string): string {
  if (variable.indexOf('[') < 0 && variable.indexOf('.') < 0) return variable.trim();
  const index = /\[\s*'((?:[^'\\]|\\.)*)'\s*\]\s*$/.exec(variable);
  if (index) return index[1].replace(/\\(.)/g, '$1');
  const prop = /\.\s*([A-Za-z_]\w*)\s*$/.exec(variable);
  if (prop) return prop[1];
  return variable.trim();
}
