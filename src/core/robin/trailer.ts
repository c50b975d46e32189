/**
 * The clipboard trailer: `# [ControlRepository][PowerAutomateDesktop]` and the JSON after it.
 */
import type { TrailerStatement } from './ast';
import { BACKSLASH, DQUOTE, HASH, LBRACE, LBRACKET, RBRACE, RBRACKET, isHSpace } from './chars';
import { type Mutable, NO_ANNOTATIONS, range } from './tokenizer';
import { HeaderParser } from './header';

const TRAILER_MARK = '[controlrepository][powerautomatedesktop]';

export abstract class TrailerParser extends HeaderParser {
  protected isTrailerLine(): boolean {
    if (this.code(this.pos) !== HASH) return false;
    let p = this.pos + 1;
    while (isHSpace(this.code(p))) p++;
    if (p + TRAILER_MARK.length > this.end || this.src.charCodeAt(p) !== LBRACKET) return false;
    return this.src.slice(p, p + TRAILER_MARK.length).toLowerCase() === TRAILER_MARK;
  }

  protected parseTrailer(indent: string): void {
    const start = this.pos;
    const eol = this.eolFrom(start);
    const lineEnd = this.trimEnd(start, eol);
    this.closeAll('before the ControlRepository trailer');
    this.flushPendingAnnotations();
    this.pos = eol;
    this.consumeEol();
    // Skip whitespace (line breaks too) to the JSON.
    let j = this.pos;
    while (j < this.len) {
      const c = this.src.charCodeAt(j);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      j++;
    }
    let json: unknown;
    let message: string | undefined;
    let jsonEnd = j;
    let resume = this.len;
    if (j >= this.len) {
      message = 'No JSON after the ControlRepository trailer line';
    } else {
      const e = this.matchJson(j);
      let parsed = false;
      if (e > 0) {
        try {
          json = JSON.parse(this.src.slice(j, e));
          parsed = true;
          jsonEnd = e;
          resume = e;
        } catch {
          parsed = false;
        }
      }
      if (!parsed) {
        let k = this.len;
        while (k > j && /\s/.test(this.src[k - 1])) k--;
        jsonEnd = k;
        resume = this.len;
        try {
          json = JSON.parse(this.src.slice(j, k));
        } catch {
          json = undefined;
          message = 'The text after the ControlRepository trailer line is not valid JSON';
        }
      }
    }
    const s: Mutable<TrailerStatement> = {
      kind: 'trailer',
      range: range(start, Math.max(lineEnd, jsonEnd)), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
      jsonRange: range(j, Math.max(j, jsonEnd)),
    };
    if (json !== undefined) s.json = json;
    if (message) {
      s.message = message;
      this.msg(start, lineEnd, message);
    }
    this.statements.push(s);
    this.lastEnd = s.range.end;
    this.pos = resume;
    // A copy-paste dump may hold several copies, each with its own trailer.
    this.seenBody = true;
  }

  /** End (exclusive) of the JSON object or array starting at `i`, or -1 when unbalanced. Linear. */
  protected matchJson(i: number): number {
    const src = this.src;
    const c0 = src.charCodeAt(i);
    if (c0 !== LBRACE && c0 !== LBRACKET) return -1;
    let depth = 0;
    for (let p = i; p < this.len; p++) {
      const c = src.charCodeAt(p);
      if (c === DQUOTE) {
        // To the closing quote: the next `"` not escaped (an even run of backslashes before it).
        // `indexOf` jumps over the long strings (screenshots, nested JSON) natively.
        let q = p + 1;
        for (;;) {
          q = src.indexOf('"', q);
          if (q < 0 || q >= this.len) return -1;
          let k = q - 1;
          while (src.charCodeAt(k) === BACKSLASH) k--;
          if (((q - 1 - k) & 1) === 0) break;
          q++;
        }
        p = q;
      } else if (c === LBRACE || c === LBRACKET) {
        depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        depth--;
        if (depth === 0) return p + 1;
      }
    }
    return -1;
  }
}
