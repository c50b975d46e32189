/**
 * Small helpers the rules share.
 */
import type { Range, Value } from '../robin/ast';
import { candidate, type FlatLiteral, HOLE } from './literals';
import type { SecretKind } from './types';
import type { RuleContext } from './rule';

export interface ValueSecret {
  readonly range: Range;
  readonly literalRange?: Range;
}

/**
 * Where the secret is when a whole value is one: the trimmed content of a plain literal (no
 * `%…%`, not a placeholder), a bare number when `allowNumber`, or each such item of a list.
 * Variables, expressions, interpolations, enums and booleans give nothing.
 */
export function literalSecrets(context: RuleContext, value: Value | undefined, allowNumber: boolean): ValueSecret[] {
  if (!value) return [];
  switch (value.kind) {
    case 'string': {
      const flat = context.flat(value);
      if (flat.dynamic) return [];
      const c = candidate(flat.text, 0, flat.text.length);
      if (!c) return [];
      return [{ range: flat.rangeOf(c.start, c.end), literalRange: value.range }];
    }
    case 'number':
      return allowNumber ? [{ range: value.range, literalRange: value.range }] : [];
    case 'list': {
      const out: ValueSecret[] = [];
      for (const item of value.items) out.push(...literalSecrets(context, item, allowNumber));
      return out;
    }
    default:
      return [];
  }
}

const JSON_PAIR = /(["'])([^"'\r\n]{1,80})\1\s*:\s*(["'])((?:\\.|(?!\3)[^\\\r\n])*)\3/g;
const FORM_PAIR = /(?:^|&)([A-Za-z0-9_.\-[\]]+)=([^&\r\n]*)/g;
const XML_PAIR = /<([A-Za-z_][\w:.-]*)(?:\s[^<>]*)?>([^<]*)<\/\1>/g;

export interface StructuredSecret {
  readonly start: number;
  readonly end: number;
  readonly kind: SecretKind;
  /** The field name (a name, never the value). */
  readonly name: string;
}

/**
 * Secret-named fields holding literals in structured text: JSON (`"password": "…"`), form
 * encoding (`password=…&`, only when `form` is set and the text is not JSON/XML) and XML
 * (`<password>…</password>`). Offsets are in the flat text.
 */
export function structuredSecrets(context: RuleContext, flat: FlatLiteral, form: boolean): StructuredSecret[] {
  const text = flat.text;
  const out: StructuredSecret[] = [];
  const seen = new Set<number>();
  const consider = (name: string, start: number, end: number): void => {
    if (name.includes(HOLE)) return;
    const kind = context.names.classify(name);
    if (!kind) return;
    const c = candidate(text, start, end);
    if (!c || seen.has(c.start)) return;
    seen.add(c.start);
    out.push({ start: c.start, end: c.end, kind, name });
  };
  let m: RegExpExecArray | null;
  if (text.includes(':')) {
    JSON_PAIR.lastIndex = 0;
    while ((m = JSON_PAIR.exec(text)) !== null) {
      const valueStart = m.index + m[0].length - 1 - m[4].length;
      consider(m[2], valueStart, valueStart + m[4].length);
    }
  }
  const trimmed = text.trimStart();
  if (form && text.includes('=') && !trimmed.startsWith('{') && !trimmed.startsWith('<') && !trimmed.startsWith('[')) {
    FORM_PAIR.lastIndex = 0;
    while ((m = FORM_PAIR.exec(text)) !== null) {
      const valueStart = m.index + m[0].length - m[2].length;
      consider(decodeURIComponentSafe(m[1]), valueStart, valueStart + m[2].length);
    }
  }
  if (text.includes('</')) {
    XML_PAIR.lastIndex = 0;
    while ((m = XML_PAIR.exec(text)) !== null) {
      const valueStart = m.index + m[0].indexOf('>') + 1;
      const local = m[1].includes(':') ? m[1].slice(m[1].indexOf(':') + 1) : m[1];
      consider(local, valueStart, valueStart + m[2].length);
    }
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
