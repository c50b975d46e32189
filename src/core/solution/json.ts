/**
 * A small JSON parser that keeps the range of every value, for locating properties of the
 * `<Inputs>`/`<Outputs>` schemas in the file. Strict JSON (RFC 8259); iterative bounds on depth.
 */
import type { Range } from '../robin/ast';

export type JsonNode =
  | { readonly kind: 'object'; readonly range: Range; readonly entries: readonly JsonEntry[] }
  | { readonly kind: 'array'; readonly range: Range; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly range: Range; readonly value: string }
  | { readonly kind: 'number'; readonly range: Range; readonly value: number }
  | { readonly kind: 'boolean'; readonly range: Range; readonly value: boolean }
  | { readonly kind: 'null'; readonly range: Range; readonly value: null };

export interface JsonEntry {
  readonly key: string;
  /** The key token, with its quotes. */
  readonly keyRange: Range;
  readonly value: JsonNode;
}

export class JsonError extends Error {
  /** The message never holds the text being parsed. */
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const MAX_DEPTH = 512;

/** `true`, `false`, `null` or a number, at `lastIndex` (sticky). */
const LITERAL = /(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/y;

export function parseJsonWithRanges(text: string): JsonNode {
  let pos = 0;

  function space(): void {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else break;
    }
  }

  function str(): { value: string; range: Range } {
    const start = pos;
    pos++; // opening quote
    let simple = true;
    for (;;) {
      if (pos >= text.length) throw new JsonError('unterminated string', start);
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c < 0x20) throw new JsonError('control character in a string', pos);
      if (c === 92) {
        simple = false;
        const e = text.charCodeAt(pos + 1);
        if (e === 117) {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(pos + 2, pos + 6))) throw new JsonError('invalid \\u escape', pos);
          pos += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
          pos += 2;
        } else {
          throw new JsonError('invalid escape', pos);
        }
      } else {
        pos++;
      }
    }
    pos++; // closing quote
    return { value: simple ? text.slice(start + 1, pos - 1) : (JSON.parse(text.slice(start, pos)) as string), range: { start, end: pos } };
  }

  function value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonError('nested too deeply', pos);
    space();
    if (pos >= text.length) throw new JsonError('unexpected end', pos);
    const start = pos;
    const c = text.charCodeAt(pos);
    if (c === 123 /* { */) {
      pos++;
      const entries: JsonEntry[] = [];
      space();
      if (text.charCodeAt(pos) === 125) {
        pos++;
        return { kind: 'object', range: { start, end: pos }, entries };
      }
      for (;;) {
        space();
        if (text.charCodeAt(pos) !== 34) throw new JsonError('expected a property name', pos);
        const key = str();
        space();
        if (text.charCodeAt(pos) !== 58) throw new JsonError("expected ':'", pos);
        pos++;
        entries.push({ key: key.value, keyRange: key.range, value: value(depth + 1) });
        space();
        const d = text.charCodeAt(pos);
        if (d === 44) { pos++; continue; }
        if (d === 125) { pos++; break; }
        throw new JsonError("expected ',' or '}'", pos);
      }
      return { kind: 'object', range: { start, end: pos }, entries };
    }
    if (c === 91 /* [ */) {
      pos++;
      const items: JsonNode[] = [];
      space();
      if (text.charCodeAt(pos) === 93) {
        pos++;
        return { kind: 'array', range: { start, end: pos }, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        const d = text.charCodeAt(pos);
        if (d === 44) { pos++; continue; }
        if (d === 93) { pos++; break; }
        throw new JsonError("expected ',' or ']'", pos);
      }
      return { kind: 'array', range: { start, end: pos }, items };
    }
    if (c === 34) {
      const s = str();
      return { kind: 'string', range: s.range, value: s.value };
    }
    LITERAL.lastIndex = pos;
    const m = LITERAL.exec(text);
    if (!m) throw new JsonError('unexpected character', pos);
    pos += m[0].length;
    const range = { start, end: pos };
    if (m[0] === 'true' || m[0] === 'false') return { kind: 'boolean', range, value: m[0] === 'true' };
    if (m[0] === 'null') return { kind: 'null', range, value: null };
    return { kind: 'number', range, value: Number(m[0]) };
  }

  const root = value(0);
  space();
  if (pos < text.length) throw new JsonError('text after the JSON value', pos);
  return root;
}

/** The plain JavaScript value of a node. */
export function toValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) {
        // Like JSON.parse: a later duplicate wins; `__proto__` is an own property.
        Object.defineProperty(o, e.key, { value: toValue(e.value), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    case 'array':
      return node.items.map(toValue);
    default:
      return node.value;
  }
}

export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.kind !== 'object') return undefined;
  let found: JsonNode | undefined;
  for (const e of node.entries) if (e.key === key) found = e.value;
  return found;
}
