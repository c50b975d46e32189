/**
 * The `<Definition>` of a desktop flow: a JSON string literal holding the Robin script, written
 * as XML character data. Decoding both layers in one pass gives an exact offset map; encoding
 * is its inverse, for edits made on the decoded Robin text.
 */
import type { Range } from '../robin/ast';
import { OffsetMap, OffsetMapBuilder } from './offsetMap';
import type { EmbeddedDefinition, EncodingStyle, SolutionFlow, TextEdit } from './types';
import { XmlTextError, XmlTextReader, escapeXmlText } from './xmlText';

/** How Dataverse exports write definitions: `&gt;`, `&lt;`, `&amp;`; quotes and non-ASCII as is. */
export const DEFAULT_STYLE: EncodingStyle = Object.freeze({ xmlQuot: false, xmlApos: false, jsonAsciiOnly: false });

export class DefinitionError extends Error {
  /** `offset`: where in the file the problem is. The message never holds file content. */
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

class DecodedDefinition implements EmbeddedDefinition {
  private builtMap: OffsetMap | undefined;
  private buildMap: (() => OffsetMap) | undefined;
  private builtStyle: EncodingStyle | undefined;
  private buildStyle: (() => EncodingStyle) | undefined;

  constructor(
    readonly text: string,
    readonly range: Range,
    readonly stringRange: Range,
    /** The style, or how to work it out on first use. */
    style: EncodingStyle | (() => EncodingStyle),
    /** The offset map, or how to build it on first use. */
    map: OffsetMap | (() => OffsetMap),
    /** CDATA sections inside the definition, in file offsets (markers included). */
    readonly cdata: readonly Range[],
  ) {
    if (typeof style === 'function') this.buildStyle = style;
    else this.builtStyle = style;
    if (typeof map === 'function') this.buildMap = map;
    else this.builtMap = map;
  }

  get style(): EncodingStyle {
    if (!this.builtStyle) {
      this.builtStyle = (this.buildStyle as () => EncodingStyle)();
      this.buildStyle = undefined;
    }
    return this.builtStyle;
  }

  private get map(): OffsetMap {
    if (!this.builtMap) {
      this.builtMap = (this.buildMap as () => OffsetMap)();
      this.buildMap = undefined;
    }
    return this.builtMap;
  }

  toFileOffset(offset: number): number {
    return this.map.toFileOffset(offset);
  }

  fromFileOffset(fileOffset: number, round: 'down' | 'up' = 'down'): number {
    return this.map.fromFileOffset(fileOffset, round);
  }
}

/** Characters that stop the fast path: `&`, `<`, `\`, `"`, and controls (including `\r`). */
function isPlainJson(c: number): boolean {
  return c >= 0x20 && c !== 38 && c !== 60 && c !== 92 && c !== 34;
}

function isJsonSpace(u: number): boolean {
  return u === 0x20 || u === 0x09 || u === 0x0a || u === 0x0d;
}

function hasRawChar(xml: string, c: number, start: number, end: number): boolean {
  const i = xml.indexOf(String.fromCharCode(c), start);
  return i >= 0 && i < end;
}

function hexValue(u: number): number {
  if (u >= 48 && u <= 57) return u - 48;
  if (u >= 65 && u <= 70) return u - 55;
  if (u >= 97 && u <= 102) return u - 87;
  return -1;
}

/**
 * Decodes the content `[start, end)` of a `<Definition>` element of `xml` (XML character data
 * holding one JSON string). Throws `DefinitionError` with a file offset.
 *
 * The common form (no markup inside, only the five named entities, raw quotes around the string)
 * is decoded by the runtime's own `JSON.parse`; the exact offset map and the encoding style are
 * then worked out only when first asked for (most definitions never need them). Anything else,
 * and every error, goes through the exact decoder, which gives the same text.
 */
export function decodeDefinition(xml: string, start: number, end: number): EmbeddedDefinition {
  return decodePlainDefinition(xml, start, end) ?? decodeDefinitionExactly(xml, start, end).definition;
}

/** The content with the five named entities decoded; undefined when it holds any other reference. */
function unescapeNamed(content: string): string | undefined {
  let amp = content.indexOf('&');
  if (amp < 0) return content;
  const parts: string[] = [];
  let from = 0;
  while (amp >= 0) {
    let value: string;
    let length: number;
    const c = content.charCodeAt(amp + 1);
    if ((c === 108 || c === 103) && content.charCodeAt(amp + 2) === 116 && content.charCodeAt(amp + 3) === 59) {
      value = c === 108 ? '<' : '>';
      length = 4;
    } else if (content.startsWith('amp;', amp + 1)) {
      value = '&';
      length = 5;
    } else if (content.startsWith('quot;', amp + 1)) {
      value = '"';
      length = 6;
    } else if (content.startsWith('apos;', amp + 1)) {
      value = "'";
      length = 6;
    } else {
      return undefined;
    }
    parts.push(content.slice(from, amp), value);
    from = amp + length;
    amp = content.indexOf('&', from);
  }
  parts.push(content.slice(from));
  return parts.join('');
}

const NON_ASCII = /[\u007f-\uffff]/;

function decodePlainDefinition(xml: string, start: number, end: number): EmbeddedDefinition | undefined {
  const lt = xml.indexOf('<', start);
  if (lt >= 0 && lt < end) return undefined;
  const content = xml.slice(start, end);
  const json = unescapeNamed(content);
  if (json === undefined) return undefined;
  let text: unknown;
  try {
    text = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof text !== 'string') return undefined;
  let open = start;
  while (open < end && isJsonSpace(xml.charCodeAt(open))) open++;
  let close = end - 1;
  while (close > open && isJsonSpace(xml.charCodeAt(close))) close--;
  // Quotes written as `&quot;`: the exact decoder.
  if (close <= open || xml.charCodeAt(open) !== 34 || xml.charCodeAt(close) !== 34) return undefined;
  const style = (): EncodingStyle => ({
    // A raw quote opens the string.
    xmlQuot: false,
    xmlApos: content.indexOf('&apos;') >= 0 && content.indexOf("'") < 0,
    // Only named entities (all ASCII): a non-ASCII character of the text came from a `\uXXXX`
    // escape unless the content holds one raw.
    jsonAsciiOnly: NON_ASCII.test(text) && !NON_ASCII.test(content),
  });
  const map = (): OffsetMap => {
    const exact = decodeDefinitionExactly(xml, start, end);
    if (exact.definition.text !== text) throw new Error('internal error: the two decodings of a Definition differ');
    return exact.map;
  };
  return new DecodedDefinition(text, { start, end }, { start: open + 1, end: close }, style, map, []);
}

/** Decodes a `<Definition>` content in one linear pass, building its offset map as it goes. */
function decodeDefinitionExactly(xml: string, start: number, end: number): { definition: DecodedDefinition; map: OffsetMap } {
  const reader = new XmlTextReader(xml, start, end);
  const builder = new OffsetMapBuilder();
  // The decoded text is never longer than the encoded one.
  const out = new Uint16Array(Math.max(0, end - start));
  let w = 0;
  let rawNonAscii = false;
  let escapedNonAscii = false;
  try {
    // Leading whitespace, then the opening quote.
    let open = -1;
    while (reader.next()) {
      if (isJsonSpace(reader.unit)) continue;
      if (reader.unit !== 34) throw new DefinitionError('the Definition is not a JSON string', reader.unitStart);
      open = reader.unitEnd;
      break;
    }
    if (open < 0) throw new DefinitionError('the Definition is empty', start);

    let close = -1;
    while (close < 0) {
      if (reader.plainAt()) {
        const from = reader.pos;
        let j = from;
        while (j < end) {
          const c = xml.charCodeAt(j);
          if (!isPlainJson(c)) break;
          if (c >= 0x7f) rawNonAscii = true;
          out[w++] = c;
          j++;
        }
        if (j > from) {
          builder.plain(from, j - from);
          reader.pos = j;
        }
      }
      if (!reader.next()) throw new DefinitionError('the JSON string of the Definition is not terminated', end);
      const u = reader.unit;
      const us = reader.unitStart;
      if (u === 34) {
        close = us;
      } else if (u === 92) {
        if (!reader.next()) throw new DefinitionError('the JSON string of the Definition ends inside an escape', us);
        let value: number;
        switch (reader.unit) {
          case 34: value = 34; break;
          case 92: value = 92; break;
          case 47: value = 47; break;
          case 98: value = 8; break;
          case 102: value = 12; break;
          case 110: value = 10; break;
          case 114: value = 13; break;
          case 116: value = 9; break;
          case 117: {
            value = 0;
            for (let k = 0; k < 4; k++) {
              const h = reader.next() ? hexValue(reader.unit) : -1;
              if (h < 0) throw new DefinitionError('invalid \\u escape in the JSON string of the Definition', us);
              value = value * 16 + h;
            }
            if (value >= 0x7f) escapedNonAscii = true;
            break;
          }
          default:
            throw new DefinitionError('invalid escape in the JSON string of the Definition', us);
        }
        out[w++] = value;
        builder.unit(us, reader.unitEnd);
      } else if (u < 0x20) {
        throw new DefinitionError('control character not escaped in the JSON string of the Definition', us);
      } else {
        if (u >= 0x7f) rawNonAscii = true;
        out[w++] = u;
        builder.unit(us, reader.unitEnd);
      }
    }
    while (reader.next()) {
      if (!isJsonSpace(reader.unit)) throw new DefinitionError('text after the JSON string of the Definition', reader.unitStart);
    }
    const { entities } = reader.style;
    const style: EncodingStyle = {
      xmlQuot: entities.has('quot') && !hasRawChar(xml, 34, start, end),
      xmlApos: entities.has('apos') && !hasRawChar(xml, 39, start, end),
      jsonAsciiOnly: escapedNonAscii && !rawNonAscii,
    };
    const map = builder.finish(close);
    return { definition: new DecodedDefinition(unitsToString(out, w), { start, end }, { start: open, end: close }, style, map, reader.cdata), map };
  } catch (e) {
    if (e instanceof XmlTextError) throw new DefinitionError(`${e.message} in the Definition`, e.offset);
    throw e;
  }
}

/**
 * Escapes text as the inside of a JSON string the way PAD writes it (and `JSON.stringify`):
 * `\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx`, lone surrogates as `\udxxx`; everything else
 * as itself, or with `asciiOnly` every non-ASCII unit as `\uXXXX`.
 */
export function escapeJsonString(text: string, asciiOnly = false): string {
  let s = JSON.stringify(text);
  s = s.slice(1, s.length - 1);
  if (asciiOnly) s = s.replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  return s;
}

/**
 * Encodes a piece of Robin text into the form stored inside `<Definition>`: JSON string escapes,
 * then XML escapes (`&amp;`, `&lt;`, `&gt;`) as Dataverse exports write them, plus what `style` adds.
 */
export function encodeForDefinition(robinText: string, style: EncodingStyle = DEFAULT_STYLE): string {
  return escapeXmlText(escapeJsonString(robinText, style.jsonAsciiOnly), {
    quot: style.xmlQuot,
    apos: style.xmlApos,
  });
}

const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** The first `length` UTF-16 units of `units` as a string (lone surrogates kept). */
function unitsToString(units: Uint16Array, length: number): string {
  const view = units.subarray(0, length);
  // Fast and exact unless a lone surrogate was replaced by U+FFFD: then unit by unit.
  const fast = UTF16.decode(view);
  let exact = true;
  for (let i = fast.indexOf('\ufffd'); i >= 0 && exact; i = fast.indexOf('\ufffd', i + 1)) exact = view[i] === 0xfffd;
  if (exact) return fast;
  const parts: string[] = [];
  for (let i = 0; i < length; i += 16384) {
    parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(i + 16384, length)) as unknown as number[]));
  }
  return parts.join('');
}

function isHigh(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

function isLow(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

/**
 * Turns an edit of a flow's decoded Robin text into an edit of the XML file. Applying the result
 * to the file and decoding the flow again gives the Robin text with the edit applied; nothing
 * outside the mapped range changes. Throws if the flow has no decoded definition.
 */
export function mapDefinitionEdit(flow: SolutionFlow, edit: TextEdit): TextEdit {
  const def = flow.definition;
  if (!def) throw new Error(`desktop flow '${flow.name}' has no decoded Definition to edit`);
  const text = def.text;
  const start = Math.max(0, Math.min(edit.range.start, text.length));
  const end = Math.max(start, Math.min(edit.range.end, text.length));
  let newText = edit.newText;
  // A boundary inside a surrogate pair cannot be expressed in the file when the pair is one
  // numeric entity, and would leave a lone surrogate in the file when it is written raw: widen
  // the edit to the whole character.
  const splits = (i: number): boolean =>
    i > 0 && i < text.length && ((isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i))) || def.toFileOffset(i - 1) === def.toFileOffset(i));
  // An edit that starts or ends inside a CDATA section takes in the whole section (which is then
  // written with escapes), so that no marker is left alone.
  const cdata = def instanceof DecodedDefinition ? def.cdata : [];
  let s = start;
  let e = end;
  let fileStart: number;
  let fileEnd: number;
  for (;;) {
    while (splits(s)) s--;
    while (splits(e)) e++;
    fileStart = def.toFileOffset(s);
    fileEnd = def.toFileOffset(e);
    let widened = false;
    for (const c of cdata) {
      if (!(c.start < fileEnd && c.end > fileStart)) continue;
      if (c.start < fileStart) {
        fileStart = c.start;
        const first = def.fromFileOffset(c.start + 9);
        if (first < s) { s = first; widened = true; }
      }
      if (c.end > fileEnd) {
        fileEnd = c.end;
        const after = def.fromFileOffset(c.end - 3);
        if (after > e) { e = after; widened = true; }
      }
    }
    if (!widened) break;
  }
  if (fileStart < def.stringRange.start || fileEnd > def.stringRange.end) {
    throw new Error(`the edit cannot be mapped into desktop flow '${flow.name}': a CDATA section crosses the quotes of its Definition`);
  }
  newText = text.slice(s, start) + newText + text.slice(end, e);
  return {
    range: { start: fileStart, end: fileEnd },
    newText: encodeForDefinition(newText, def.style),
  };
}
