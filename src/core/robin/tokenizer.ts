/**
 * The scanner under the Robin parser: the text and the position, characters and words, string
 * literals (with their `%…%` parts), names, messages, the scratch stack and the string caches.
 * The parser's layers build on it: values, expressions, arguments, nesting, statements, header,
 * trailer (see `parser.ts`).
 */
import type {
  Annotation, Argument, ControlStatement, InterpolationSegment, ParseMessage, Range, Statement,
  StringLiteral, StringSegment, TextSegment, Value,
} from './ast';
import {
  BACKSLASH, CR, DOLLAR, DQUOTE, LF, PERCENT, QUOTE, identCharLength, identEnd, isEol, isHSpace,
  isIdentStartAscii, wordAt,
} from './chars';
import { InterpolationNode, StringNode, TextNode } from './nodes';
import { KNOWN_MODULES, RESERVED } from './modules';

/** How deep lists, objects, brackets and parentheses may nest before the parser stops descending. */
export const MAX_NEST = 64;
/** At most this many messages are kept; one more says that the rest were dropped. */
export const MAX_MESSAGES = 1000;

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type MStatement = Mutable<Statement>;
export type ControlKeyword = ControlStatement['keyword'];

export const NO_ANNOTATIONS: readonly Annotation[] = Object.freeze([]) as readonly Annotation[];
export const NO_ARGS: readonly Argument[] = Object.freeze([]) as readonly Argument[];
export const NO_VALUES: readonly Value[] = Object.freeze([]) as readonly Value[];
export const NO_STRINGS: readonly StringLiteral[] = Object.freeze([]) as readonly StringLiteral[];
export const NO_VARIABLES: readonly string[] = Object.freeze([]) as readonly string[];
/** The `map` of a text segment without escapes: 1:1 from `range.start`. */
export const NO_MAP: TextSegment['map'] = Object.freeze([]) as TextSegment['map'];

/** The parts of an action id, kept per interned id, with the argument names last seen on it. */
export interface ActionId {
  readonly module: string;
  readonly action: string;
  readonly selector: string | undefined;
  /** Argument names by position: an action is mostly written with the same arguments. */
  readonly names: string[];
}

/** Reserved words plus TRUE, FALSE, GLOBAL by first letter. */
export const RESERVED_BY_LETTER: (string[] | undefined)[] = (() => {
  const t: (string[] | undefined)[] = [];
  for (const k of [...RESERVED, 'TRUE', 'FALSE', 'GLOBAL']) (t[k.charCodeAt(0) - 65] ??= []).push(k);
  return t;
})();

/** `KNOWN_MODULES` by first letter (index 0 = 'a'), and their shortest and longest length. */
export const MODULES_BY_LETTER: (string[] | undefined)[] = (() => {
  const t: (string[] | undefined)[] = [];
  for (const m of KNOWN_MODULES) (t[m.charCodeAt(0) - 97] ??= []).push(m);
  return t;
})();
export const MODULE_MIN = Math.min(...Array.from(KNOWN_MODULES, (m) => m.length));
export const MODULE_MAX = Math.max(...Array.from(KNOWN_MODULES, (m) => m.length));

/** Slots of the string caches (a power of two). */
export const CACHE_SLOTS = 1024;

/**
 * The string caches, shared by every parse of this module instance: a hit is checked in full, so an
 * entry left by another text is as good as one of this text, and a lint run over thousands of files
 * neither allocates them per file nor starts each file cold. The id map is emptied when it grows
 * past `MAX_IDS` (a run over many distinct actions).
 */
export const sharedCaches = {
  interned: new Array<string | undefined>(CACHE_SLOTS).fill(undefined),
  variables: new Array<readonly string[] | undefined>(CACHE_SLOTS).fill(undefined),
  ids: new Map<string, ActionId>(),
};
export const MAX_IDS = 4096;

/** Indents of 0…64 spaces, shared. */
export const SPACES: string[] = Array.from({ length: 65 }, (_, i) => ' '.repeat(i));

export function range(start: number, end: number): Range {
  return { start, end };
}

/** `text` at `i` spells `word` (upper-case ASCII), ignoring the case of ASCII letters. */
export function sameUpper(text: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** `text` at `i` holds `s`. */
export function sameChars(text: string, i: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(i + k) !== s.charCodeAt(k)) return false;
  return true;
}

export function isPlainString(v: Value | undefined): v is StringLiteral {
  return !!v && v.kind === 'string' && v.segments.every((s) => s.kind === 'text');
}

export function plainText(v: StringLiteral): string {
  let s = '';
  for (const seg of v.segments) if (seg.kind === 'text') s += seg.value;
  return s;
}

export abstract class Tokenizer {
  /** An expression at `pos` (see `expressions.ts`): the strings' `%…%` parts are read with it. */
  protected abstract parseExpression(): Value | undefined;

  protected readonly src: string;

  protected readonly len: number;

  /** Scanning limit: `len`, or the end of a `%…%` expression while that is parsed. */
  protected end: number;

  protected pos = 0;

  protected nest = 0;

  /** Where the last failed bracket was skipped to: enclosing brackets failing there add no message. */
  protected failedAt = -1;

  protected droppedMessages = false;

  protected readonly messages: ParseMessage[] = [];

  /**
   * A scratch stack for building arrays: items are pushed at `sp`, and `take(mark)` copies
   * `[mark, sp)` into an array of exactly that size (an array grown by `push` keeps spare
   * capacity, which the tree would hold on to). `length` is never lowered, so the backing store
   * is allocated once.
   */
  protected readonly stk: unknown[] = [];

  protected sp = 0;

  /** The name read by the last successful `parseNameToken` / `parseVariableToken`. */
  protected tokName = '';

  /**
   * Action ids (and their parts) and odd indents, shared across the tree: fewer objects survive.
   * Argument names are shared through `ActionId.names`, variable names through their `variables`
   * arrays; other text is sliced. Both caches are direct-mapped (`slotOf`).
   */
  protected readonly interned = sharedCaches.interned;

  /** Frozen one-name `variables` arrays, shared by every plain reference to the same variable. */
  protected readonly variablesCache = sharedCaches.variables;

  constructor(text: string) {
    this.src = text;
    this.len = text.length;
    this.end = text.length;
  }

  protected put(v: unknown): void {
    this.stk[this.sp++] = v;
  }

  /** The items pushed since `mark`, as an exact-size array; pops them. */
  protected take<T>(mark: number): T[] {
    const stk = this.stk;
    const n = this.sp - mark;
    this.sp = mark;
    // Short arrays as literals: no call, exactly sized.
    switch (n) {
      case 1: return [stk[mark]] as T[];
      case 2: return [stk[mark], stk[mark + 1]] as T[];
      case 3: return [stk[mark], stk[mark + 1], stk[mark + 2]] as T[];
      default: return stk.slice(mark, mark + n) as T[];
    }
  }

  /** `src[start, end)`, shared with an earlier equal slice when short (fewer objects kept alive). */
  protected sliceInterned(start: number, end: number, max = 32): string {
    const s = this.src.slice(start, end);
    if (end - start > max || end <= start) return s;
    const slot = this.slotOf(start, end);
    const cached = this.interned[slot];
    if (cached !== undefined && cached === s) return cached;
    this.interned[slot] = s;
    return s;
  }

  /**
   * A cache slot for the non-empty `src[start, end)`, from its length and three of its characters:
   * cheap, and a collision only costs a miss, as a hit is checked in full (`===`, in the engine).
   */
  protected slotOf(start: number, end: number): number {
    const src = this.src;
    const n = end - start;
    const h = (n * 31 + src.charCodeAt(start)) * 31 + src.charCodeAt(end - 1) + src.charCodeAt(start + (n >> 1)) * 7;
    return h & (CACHE_SLOTS - 1);
  }

  protected indentOf(start: number, end: number): string {
    const n = end - start;
    if (n < SPACES.length) {
      let spaces = true;
      for (let i = start; i < end; i++) {
        if (this.src.charCodeAt(i) !== 32) {
          spaces = false;
          break;
        }
      }
      if (spaces) return SPACES[n];
    }
    return this.sliceInterned(start, end);
  }

  /** `[src[start, end)]` (not empty), frozen and shared by references to the same variable. */
  protected variablesAt(start: number, end: number): string[] {
    const slot = this.slotOf(start, end);
    const name = this.src.slice(start, end);
    const cached = this.variablesCache[slot];
    if (cached !== undefined && cached[0] === name) return cached as string[];
    const v = Object.freeze([name]);
    this.variablesCache[slot] = v;
    return v as string[];
  }

  protected code(i: number): number {
    return i < this.end ? this.src.charCodeAt(i) : -1;
  }

  protected skipHSpace(): void {
    const src = this.src;
    const end = this.end;
    let p = this.pos;
    while (p < end) {
      const c = src.charCodeAt(p);
      if (c !== 32 && c !== 9) break;
      p++;
    }
    this.pos = p;
  }

  protected atEol(): boolean {
    return this.pos >= this.end || isEol(this.src.charCodeAt(this.pos));
  }

  protected consumeEol(): void {
    const c = this.code(this.pos);
    if (c === CR) {
      this.pos++;
      if (this.code(this.pos) === LF) this.pos++;
    } else if (c === LF) {
      this.pos++;
    }
  }

  protected eolFrom(i: number): number {
    const src = this.src;
    const end = this.end;
    while (i < end) {
      const c = src.charCodeAt(i);
      if (c === LF || c === CR) return i;
      i++;
    }
    return end;
  }

  /** Moves `to` back over spaces and tabs, not before `from`. */
  protected trimEnd(from: number, to: number): number {
    while (to > from && isHSpace(this.src.charCodeAt(to - 1))) to--;
    return to;
  }

  protected word(w: string): boolean {
    return wordAt(this.src, this.pos, this.end, w);
  }

  /** Consumes `w` (upper-case ASCII keyword) and following spaces when it is there. */
  protected eat(w: string): boolean {
    if (!wordAt(this.src, this.pos, this.end, w)) return false;
    this.pos += w.length;
    this.skipHSpace();
    return true;
  }

  /** A string literal starts at `i`: `'` or `$'''`. */
  protected stringStartAt(i: number): boolean {
    const c = this.code(i);
    return c === QUOTE || (c === DOLLAR && this.code(i + 1) === QUOTE && this.code(i + 2) === QUOTE && this.code(i + 3) === QUOTE);
  }

  /** When a string literal starts at `pos` (whose character is `c`): scans it onto the stack and says so. */
  protected takeStringAt(c: number): boolean {
    if ((c !== QUOTE && c !== DOLLAR) || !this.stringStartAt(this.pos)) return false;
    this.put(this.scanString());
    return true;
  }

  protected identStartAt(i: number): boolean {
    if (i >= this.end) return false;
    const c = this.src.charCodeAt(i);
    if (c < 0x80) return isIdentStartAscii(c);
    return identCharLength(this.src, i, this.end, true) > 0;
  }

  protected msg(start: number, end: number, message: string): void {
    if (this.messages.length >= MAX_MESSAGES) {
      this.droppedMessages = true;
      return;
    }
    this.messages.push({ range: range(start, Math.max(start, end)), message });
  }

  /** Starts a nested construct; false (and no change) when too deep. */
  protected enter(): boolean {
    if (this.nest >= MAX_NEST) return false;
    this.nest++;
    return true;
  }

  protected leave(): void {
    this.nest--;
  }

  /** A reserved word (or TRUE / FALSE / GLOBAL) spelled by `src[p, e)`, upper case, or undefined. No allocation. */
  protected reservedAt(p: number, e: number): string | undefined {
    return this.wordAt(RESERVED_BY_LETTER, p, e);
  }

  /** The word of `byLetter` (upper-case words grouped by first letter) that `src[p, e)` spells in any case. */
  protected wordAt(byLetter: readonly (readonly string[] | undefined)[], p: number, e: number): string | undefined {
    const n = e - p;
    if (n < 2 || n > 8) return undefined;
    let c = this.src.charCodeAt(p);
    if (c >= 97) c -= 32;
    const candidates = byLetter[c - 65];
    if (!candidates) return undefined;
    for (const k of candidates) {
      if (k.length === n && sameUpper(this.src, p, k)) return k;
    }
    return undefined;
  }

  /** `src[start, end)` names a module of `KNOWN_MODULES`, in any case. No allocation for ASCII names. */
  protected isKnownModule(start: number, end: number): boolean {
    const n = end - start;
    if (n < MODULE_MIN || n > MODULE_MAX) return false;
    const src = this.src;
    const candidates = MODULES_BY_LETTER[(src.charCodeAt(start) | 32) - 97];
    if (candidates === undefined) return false;
    for (let i = start; i < end; i++) {
      // `toLowerCase` maps a few non-ASCII letters to ASCII ones (the Kelvin sign to k).
      if (src.charCodeAt(i) >= 0x80) return KNOWN_MODULES.has(src.slice(start, end).toLowerCase());
    }
    for (const m of candidates) {
      if (m.length !== n) continue;
      let k = 1;
      while (k < n) {
        let c = src.charCodeAt(start + k);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== m.charCodeAt(k)) break;
        k++;
      }
      if (k === n) return true;
    }
    return false;
  }

  /** A name: `Ident` or `'quoted name'` (decoded). Returns its range and leaves the name in `tokName`. */
  protected parseNameToken(): Range | undefined {
    const p = this.pos;
    if (this.stringStartAt(p)) {
      const lit = this.scanString();
      this.tokName = plainText(lit);
      return lit.range;
    }
    const e = identEnd(this.src, p, this.end);
    if (e === p) return undefined;
    this.pos = e;
    this.tokName = this.src.slice(p, e);
    return range(p, e);
  }

  /** A string literal at `pos` (`$'''`, `'''` or `'`). Always returns one; sets `pos` after it. */
  protected scanString(): StringLiteral {
    const src = this.src;
    const end = this.end;
    const start = this.pos;
    let quote: StringLiteral['quote'];
    let i: number;
    if (src.charCodeAt(start) === DOLLAR) {
      quote = "$'''";
      i = start + 4;
    } else if (this.code(start + 1) === QUOTE && this.code(start + 2) === QUOTE) {
      quote = "'''";
      i = start + 3;
    } else {
      quote = "'";
      i = start + 1;
    }
    if (i > end) i = end;
    const interp = quote === "$'''";
    const triple = quote !== "'";
    const contentStart = i;
    const mark = this.sp;
    let segStart = i;
    let chunk = i;
    let value = '';
    // The map pairs of the current segment sit on the stack from `mapMark` (-1: none yet).
    let mapMark = -1;
    let noInterpBefore = -1;
    let terminated = false;
    let contentEnd = end;
    let closeEnd = end;
    while (i < end) {
      const c = src.charCodeAt(i);
      // Most characters are none of the special ones (all of which are below `'`, or `\`).
      if (c > QUOTE && c !== BACKSLASH) {
        i++;
        continue;
      }
      if (c === BACKSLASH) {
        const n = i + 1 < end ? src.charCodeAt(i + 1) : -1;
        if (n === QUOTE || n === BACKSLASH || n === DQUOTE || (interp && n === PERCENT)) {
          // The decoded character is the escaped one: it starts the next chunk.
          value += src.slice(chunk, i);
          if (mapMark < 0) {
            mapMark = this.sp;
            this.put([0, segStart]);
          }
          this.put([value.length + 1, i + 2]);
          chunk = i + 1;
          i += 2;
          continue;
        }
        i++;
        continue;
      }
      if (c === QUOTE) {
        if (!triple) {
          contentEnd = i;
          closeEnd = i + 1;
          terminated = true;
          break;
        }
        if (i + 2 < end && src.charCodeAt(i + 1) === QUOTE && src.charCodeAt(i + 2) === QUOTE) {
          contentEnd = i;
          closeEnd = i + 3;
          terminated = true;
          break;
        }
        i++;
        continue;
      }
      if (!triple && (c === LF || c === CR)) {
        contentEnd = i;
        closeEnd = i;
        break;
      }
      if (interp && c === PERCENT) {
        if (i + 1 < end && src.charCodeAt(i + 1) === PERCENT) {
          // `%%`: the second `%` starts the next chunk.
          value += src.slice(chunk, i);
          if (mapMark < 0) {
            mapMark = this.sp;
            this.put([0, segStart]);
          }
          this.put([value.length + 1, i + 2]);
          chunk = i + 1;
          i += 2;
          continue;
        }
        if (i >= noInterpBefore) {
          const r = this.scanInterpolation(i);
          if (r > 0) {
            if (i > segStart) {
              const map = mapMark < 0 ? NO_MAP : this.take<readonly [number, number]>(mapMark);
              this.put(new TextNode(segStart, i, value + src.slice(chunk, i), map));
            }
            this.put(this.interpolation(i, r));
            i = r;
            segStart = i;
            chunk = i;
            value = '';
            mapMark = -1;
            continue;
          }
          noInterpBefore = -r;
          this.msg(i, i + 1, 'Unmatched % in a string (a literal percent sign is written %%)');
        }
      }
      i++;
    }
    if (!terminated && !triple && closeEnd === end) contentEnd = end;
    let segments: StringSegment[];
    if (contentEnd > segStart) {
      const map = mapMark < 0 ? NO_MAP : this.take<readonly [number, number]>(mapMark);
      const seg = new TextNode(segStart, contentEnd, value + src.slice(chunk, contentEnd), map);
      if (this.sp === mark) {
        segments = [seg];
      } else {
        this.put(seg);
        segments = this.take(mark);
      }
    } else {
      segments = this.sp === mark ? [] : this.take(mark);
    }
    if (!terminated) {
      this.msg(start, contentStart, triple ? `Unterminated string: ${quote} without closing '''` : "Unterminated string: ' without closing '");
    }
    this.pos = closeEnd;
    return new StringNode(start, closeEnd, quote, segments, contentStart, contentEnd, terminated);
  }

  /**
   * At `%` inside `$'''…'''`: the index after the closing `%`, or minus the index where the
   * search stopped (line break, closing `'''`, end) when there is none.
   */
  protected scanInterpolation(p: number): number {
    const src = this.src;
    const end = this.end;
    let j = p + 1;
    while (j < end) {
      const c = src.charCodeAt(j);
      if (c === LF || c === CR) return -j;
      if (c === PERCENT) return j + 1;
      if (c === QUOTE) {
        if (j + 2 < end && src.charCodeAt(j + 1) === QUOTE && src.charCodeAt(j + 2) === QUOTE) return -j;
        j++;
        while (j < end) {
          const d = src.charCodeAt(j);
          if (d === LF || d === CR) return -j;
          if (d === BACKSLASH && j + 1 < end && !isEol(src.charCodeAt(j + 1))) {
            j += 2;
            continue;
          }
          j++;
          if (d === QUOTE) break;
        }
        continue;
      }
      j++;
    }
    return -end;
  }

  protected interpolation(start: number, end: number): InterpolationSegment {
    const exprStart = start + 1;
    const exprEnd = end - 1;
    const savePos = this.pos;
    const saveEnd = this.end;
    this.end = exprEnd;
    this.pos = exprStart;
    this.skipHSpace();
    let v: Value | undefined;
    if (this.pos < exprEnd) {
      v = this.parseExpression();
      this.skipHSpace();
      if (!v || this.pos !== exprEnd) {
        v = undefined;
        this.msg(start, end, 'Could not read the expression between % signs');
      }
    } else {
      this.msg(start, end, 'Empty expression between % signs');
    }
    this.pos = savePos;
    this.end = saveEnd;
    return new InterpolationNode(start, end, this.src.slice(exprStart, exprEnd), v);
  }
}
