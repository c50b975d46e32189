/**
 * Reading XML character data unit by unit, with the file span of each unit: the five predefined
 * entities, numeric character references, CDATA sections, comments and processing instructions
 * (skipped), and XML line-end normalisation (`\r\n` and lone `\r` read as `\n`).
 *
 * Only the content of one element is read here (the structure comes from the XML parser). No
 * other entity is ever expanded.
 */
import { OffsetMap, OffsetMapBuilder } from './offsetMap';

export class XmlTextError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const NAMED: Record<string, number> = { lt: 60, gt: 62, amp: 38, quot: 34, apos: 39 };

/** How the content was written, so that an edit can be written the same way. */
export interface XmlTextStyle {
  /** Entities seen, by name (`gt`, `quot`…; `#` for numeric references). */
  readonly entities: Set<string>;
}

/**
 * A cursor over `[start, end)` of `xml`. `next()` reads one UTF-16 unit of character data and
 * sets `unit`, `unitStart` and `unitEnd` (its file span). The fast path of callers reads plain
 * text directly from `xml` while `plainAt()` says the cursor is on ordinary text.
 */
export class XmlTextReader {
  pos: number;
  unit = 0;
  unitStart = 0;
  unitEnd = 0;
  private inCdata = false;
  private pendingLow = -1;
  private pendingStart = 0;
  private pendingEnd = 0;
  readonly style: XmlTextStyle = { entities: new Set() };
  /** The CDATA sections met, markers included, in file offsets. */
  readonly cdata: { start: number; end: number }[] = [];

  constructor(readonly xml: string, start: number, readonly end: number) {
    this.pos = start;
  }

  /** True when the next unit, if any, is a raw character outside CDATA (no pending state). */
  plainAt(): boolean {
    return !this.inCdata && this.pendingLow < 0;
  }

  /** Reads the next unit; false at the end of the content. Throws `XmlTextError`. */
  next(): boolean {
    const xml = this.xml;
    if (this.pendingLow >= 0) {
      this.unit = this.pendingLow;
      this.unitStart = this.pendingStart;
      this.unitEnd = this.pendingEnd;
      this.pendingLow = -1;
      return true;
    }
    for (;;) {
      const p = this.pos;
      if (p >= this.end) {
        if (this.inCdata) throw new XmlTextError('unterminated CDATA section', p);
        return false;
      }
      const c = xml.charCodeAt(p);
      if (this.inCdata) {
        if (c === 93 /* ] */ && xml.startsWith(']]>', p)) {
          this.inCdata = false;
          this.pos = p + 3;
          continue;
        }
        return this.take(c, p, p + 1);
      }
      if (c === 38 /* & */) return this.entity(p);
      if (c === 60 /* < */) {
        if (xml.startsWith('<![CDATA[', p)) {
          const close = xml.indexOf(']]>', p + 9);
          if (close < 0 || close + 3 > this.end) throw new XmlTextError('unterminated CDATA section', p);
          this.cdata.push({ start: p, end: close + 3 });
          this.inCdata = true;
          this.pos = p + 9;
          continue;
        }
        if (xml.startsWith('<!--', p)) {
          const close = xml.indexOf('-->', p + 4);
          if (close < 0 || close + 3 > this.end) throw new XmlTextError('unterminated comment', p);
          this.pos = close + 3;
          continue;
        }
        if (xml.startsWith('<?', p)) {
          const close = xml.indexOf('?>', p + 2);
          if (close < 0 || close + 2 > this.end) throw new XmlTextError('unterminated processing instruction', p);
          this.pos = close + 2;
          continue;
        }
        throw new XmlTextError('unexpected element inside the text', p);
      }
      if (c === 13 /* \r */) {
        const end = p + 1 < this.end && xml.charCodeAt(p + 1) === 10 ? p + 2 : p + 1;
        this.pos = end;
        return this.take(10, p, end);
      }
      return this.take(c, p, p + 1);
    }
  }

  private take(unit: number, start: number, end: number): true {
    this.unit = unit;
    this.unitStart = start;
    this.unitEnd = end;
    if (end > this.pos) this.pos = end;
    return true;
  }

  private entity(p: number): true {
    const xml = this.xml;
    const semi = xml.indexOf(';', p + 1);
    if (semi < 0 || semi >= this.end || semi - p > 12) throw new XmlTextError('unterminated entity reference', p);
    const name = xml.slice(p + 1, semi);
    const end = semi + 1;
    this.pos = end;
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120 /* x */;
      const digits = name.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) throw new XmlTextError('invalid character reference', p);
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) throw new XmlTextError('character reference to a character not allowed in XML', p);
      this.style.entities.add('#');
      if (cp > 0xffff) {
        const v = cp - 0x10000;
        this.pendingLow = 0xdc00 + (v & 0x3ff);
        this.pendingStart = p;
        this.pendingEnd = end;
        return this.take(0xd800 + (v >> 10), p, end);
      }
      return this.take(cp, p, end);
    }
    const unit = NAMED[name];
    if (unit === undefined) throw new XmlTextError('unknown entity reference (only the five XML entities are allowed)', p);
    this.style.entities.add(name);
    return this.take(unit, p, end);
  }
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Plain characters: not `&`, `<`, `\r`. */
function isPlainXml(c: number): boolean {
  return c !== 38 && c !== 60 && c !== 13;
}

/**
 * Decodes the character data of `[start, end)` (one element's content) with an offset map from
 * the decoded text back to the file.
 */
export function decodeXmlText(xml: string, start: number, end: number): { text: string; map: OffsetMap; style: XmlTextStyle } {
  const raw = xml.slice(start, end);
  if (raw.indexOf('&') < 0 && raw.indexOf('<') < 0 && raw.indexOf('\r') < 0) {
    // Plain text: the content itself, one run.
    const plain = new OffsetMapBuilder();
    plain.plain(start, end - start);
    return { text: raw, map: plain.finish(end), style: { entities: new Set() } };
  }
  const reader = new XmlTextReader(xml, start, end);
  const builder = new OffsetMapBuilder();
  const parts: string[] = [];
  for (;;) {
    if (reader.plainAt()) {
      let j = reader.pos;
      while (j < end) {
        const c = xml.charCodeAt(j);
        if (!isPlainXml(c)) break;
        j++;
      }
      if (j > reader.pos) {
        parts.push(xml.slice(reader.pos, j));
        builder.plain(reader.pos, j - reader.pos);
        reader.pos = j;
      }
    }
    if (!reader.next()) break;
    parts.push(String.fromCharCode(reader.unit));
    builder.unit(reader.unitStart, reader.unitEnd);
  }
  return { text: parts.join(''), map: builder.finish(reader.pos), style: reader.style };
}

/**
 * Escapes text for XML character data: `&`, `<`, `>` (as Dataverse exports do) and `\r` always,
 * `"` and `'` when `style` says so.
 */
export function escapeXmlText(text: string, style?: { quot?: boolean; apos?: boolean }): string {
  const re = style?.quot ? (style.apos ? /[&<>\r"']/g : /[&<>\r"]/g) : style?.apos ? /[&<>\r']/g : /[&<>\r]/g;
  return text.replace(re, (c) => XML_ESCAPES[c]);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;', '"': '&quot;', "'": '&apos;' };
