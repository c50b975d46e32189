/**
 * The Robin parser: one pass over the text, statement by statement, with a hand-written scanner.
 *
 * - Never throws: unknown text becomes an `unrecognised` statement, problems go to `messages`.
 * - Linear time: every character is looked at a bounded number of times. No regular expression
 *   runs over the input; a failed `%…%` or bracket is skipped forward, never rescanned.
 * - Bounded recursion: values nest at most `MAX_NEST` deep; deeper brackets are skipped without
 *   recursion and the value degrades to an expression, with a message.
 * - Messages never quote the source text (it may hold a secret).
 */
import type {
  ActionStatement, Annotation, Argument, CallStatement, CommentStatement, ControlStatement,
  DataTableValue, ElementReference, EncryptedValue, ExpressionValue, FunctionStatement, ImportStatement,
  InterpolationSegment, ListValue, ObjectValue, ParseMessage, Range, RegionStatement, Script,
  SensitiveStatement, SetStatement, Statement, StringLiteral, StringSegment, TextSegment,
  TrailerStatement, UnrecognisedStatement, Value, VariableDeclaration,
} from './ast';
import {
  AT, BACKSLASH, BANG, BOM, CARET, COLON, COMMA, CR, DOLLAR, DOT, DQUOTE, EQ, GT, HASH, LBRACE,
  LBRACKET, LF, LPAREN, LT, MINUS, PERCENT, PLUS, QUOTE, RBRACE, RBRACKET, RPAREN, SLASH, STAR, UPPER_P,
  identCharLength, identEnd, isDigit, isEol, isHSpace, isIdentStartAscii, wordAt,
} from './chars';
import { KNOWN_MODULES, RESERVED } from './modules';

/** How deep lists, objects, brackets and parentheses may nest before the parser stops descending. */
export const MAX_NEST = 64;
/** At most this many messages are kept; one more says that the rest were dropped. */
export const MAX_MESSAGES = 1000;

const TRAILER_MARK = '[controlrepository][powerautomatedesktop]';
/** `@@` keys that belong to the stored-definition header. */
const HEADER_KEYS = new Set(['connectionstring', 'type', 'desktoptype', 'displayname']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MStatement = Mutable<Statement>;
type ControlKeyword = ControlStatement['keyword'];

const NO_ANNOTATIONS: readonly Annotation[] = Object.freeze([]) as readonly Annotation[];
const NO_ARGS: readonly Argument[] = Object.freeze([]) as readonly Argument[];
const NO_VALUES: readonly Value[] = Object.freeze([]) as readonly Value[];
const NO_STRINGS: readonly StringLiteral[] = Object.freeze([]) as readonly StringLiteral[];
const NO_VARIABLES: readonly string[] = Object.freeze([]) as readonly string[];
/** The `map` of a text segment without escapes: 1:1 from `range.start`. */
const NO_MAP: TextSegment['map'] = Object.freeze([]) as TextSegment['map'];

/** The parts of an action id, kept per interned id, with the argument names last seen on it. */
interface ActionId {
  readonly module: string;
  readonly action: string;
  readonly selector: string | undefined;
  /** Argument names by position: an action is mostly written with the same arguments. */
  readonly names: string[];
}

type FrameKind = 'IF' | 'LOOP' | 'SWITCH' | 'BLOCK' | 'ON BLOCK ERROR' | 'ON ERROR' | 'FUNCTION';

interface Frame {
  readonly kind: FrameKind;
  /** Depth of the opening statement (and of its clauses and END). */
  readonly depth: number;
  readonly opener: MStatement;
  /** SWITCH: a CASE or DEFAULT was seen, so the body is one level deeper. */
  caseSeen: boolean;
  /** `ON ERROR REPEAT n TIMES WAIT m`: a block only if the next statement is not `ON ERROR`. */
  tentative: boolean;
}

/**
 * What a control statement holds besides its keyword, gathered while its line is read. One object
 * is reused (control statements do not nest); operands sit on the scratch stack from `opMark`.
 */
interface ControlExtra {
  condition: ActionStatement | Value | undefined;
  args: readonly Argument[] | undefined;
  opMark: number;
  operator: string | undefined;
  variable: string | undefined;
  variableRange: Range | undefined;
  name: string | undefined;
  nameRange: Range | undefined;
}

const STATEMENT_KEYWORDS = [
  'SET', 'IF', 'ELSE', 'END', 'LOOP', 'EXIT', 'NEXT', 'SWITCH', 'CASE', 'DEFAULT', 'BLOCK', 'ON',
  'THROW', 'REPEAT', 'ERROR', 'LABEL', 'GOTO', 'WAIT', 'FUNCTION', 'CALL', 'IMPORT',
];
/** Statement keywords by first letter (index 0 = 'A'). */
const KEYWORDS_BY_LETTER: (string[] | undefined)[] = (() => {
  const t: (string[] | undefined)[] = [];
  for (const k of STATEMENT_KEYWORDS) (t[k.charCodeAt(0) - 65] ??= []).push(k);
  return t;
})();

/** Reserved words plus TRUE, FALSE, GLOBAL by first letter. */
const RESERVED_BY_LETTER: (string[] | undefined)[] = (() => {
  const t: (string[] | undefined)[] = [];
  for (const k of [...RESERVED, 'TRUE', 'FALSE', 'GLOBAL']) (t[k.charCodeAt(0) - 65] ??= []).push(k);
  return t;
})();

/** `KNOWN_MODULES` by first letter (index 0 = 'a'), and their shortest and longest length. */
const MODULES_BY_LETTER: (string[] | undefined)[] = (() => {
  const t: (string[] | undefined)[] = [];
  for (const m of KNOWN_MODULES) (t[m.charCodeAt(0) - 97] ??= []).push(m);
  return t;
})();
const MODULE_MIN = Math.min(...Array.from(KNOWN_MODULES, (m) => m.length));
const MODULE_MAX = Math.max(...Array.from(KNOWN_MODULES, (m) => m.length));

/** Slots of the string caches (a power of two). */
const CACHE_SLOTS = 1024;

/**
 * The string caches, shared by every parse of this module instance: a hit is checked in full, so an
 * entry left by another text is as good as one of this text, and a lint run over thousands of files
 * neither allocates them per file nor starts each file cold. The id map is emptied when it grows
 * past `MAX_IDS` (a run over many distinct actions).
 */
const sharedCaches = {
  interned: new Array<string | undefined>(CACHE_SLOTS).fill(undefined),
  variables: new Array<readonly string[] | undefined>(CACHE_SLOTS).fill(undefined),
  ids: new Map<string, ActionId>(),
};
const MAX_IDS = 4096;

/** Indents of 0…64 spaces, shared. */
const SPACES: string[] = Array.from({ length: 65 }, (_, i) => ' '.repeat(i));

function range(start: number, end: number): Range {
  return { start, end };
}

/** `text` at `i` spells `word` (upper-case ASCII), ignoring the case of ASCII letters. */
function sameUpper(text: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** `text` at `i` holds `s`. */
function sameChars(text: string, i: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(i + k) !== s.charCodeAt(k)) return false;
  return true;
}

function isPlainString(v: Value | undefined): v is StringLiteral {
  return !!v && v.kind === 'string' && v.segments.every((s) => s.kind === 'text');
}

function plainText(v: StringLiteral): string {
  let s = '';
  for (const seg of v.segments) if (seg.kind === 'text') s += seg.value;
  return s;
}

export class Parser {
  private readonly src: string;
  private readonly len: number;
  /** Scanning limit: `len`, or the end of a `%…%` expression while that is parsed. */
  private end: number;
  private pos = 0;
  private nest = 0;
  /** Where the last failed bracket was skipped to: enclosing brackets failing there add no message. */
  private failedAt = -1;
  private droppedMessages = false;

  private readonly statements: Statement[] = [];
  private readonly header: Annotation[] = [];
  private readonly messages: ParseMessage[] = [];

  private frames: Frame[] = [];
  private regions: Mutable<RegionStatement>[] = [];
  private func: Mutable<FunctionStatement> | undefined;
  private pending: Annotation[] = [];
  /** Set by `depthFor` for `commit`: the frame the statement opens, and whether it ends the subflow. */
  private opens: FrameKind | undefined;
  private opensTentative = false;
  private leavesFunction = false;
  private seenBody = false;
  private lastDepth = 0;
  private lastEnd = 0;
  private readonly aliases = new Set<string>(['appmask']);
  /**
   * A scratch stack for building arrays: items are pushed at `sp`, and `take(mark)` copies
   * `[mark, sp)` into an array of exactly that size (an array grown by `push` keeps spare
   * capacity, which the tree would hold on to). `length` is never lowered, so the backing store
   * is allocated once.
   */
  private readonly stk: unknown[] = [];
  private sp = 0;
  private readonly cx: ControlExtra = {
    condition: undefined, args: undefined, opMark: 0, operator: undefined,
    variable: undefined, variableRange: undefined, name: undefined, nameRange: undefined,
  };
  /** The name read by the last successful `parseNameToken` / `parseVariableToken`. */
  private tokName = '';
  /** What the last tracked `parsePostfixChain` saw. */
  private pcDots = 0;
  private pcBrackets = 0;
  private pcCalls = 0;
  private pcNames: string[] | undefined;
  private pcStringIndexOnly = true;
  private pcRootCall = false;
  /**
   * Action ids (and their parts) and odd indents, shared across the tree: fewer objects survive.
   * Argument names are shared through `ActionId.names`, variable names through their `variables`
   * arrays; other text is sliced. Both caches are direct-mapped (`slotOf`).
   */
  private readonly interned = sharedCaches.interned;
  /** The parts of each action id met. */
  private readonly idCache = sharedCaches.ids;
  /** Frozen one-name `variables` arrays, shared by every plain reference to the same variable. */
  private readonly variablesCache = sharedCaches.variables;

  constructor(text: string) {
    this.src = text;
    this.len = text.length;
    this.end = text.length;
  }

  run(): Script {
    if (this.len > 0 && this.src.charCodeAt(0) === BOM) this.pos = 1;
    this.parseLines();
    this.closeAll('at the end of the text');
    this.flushPendingAnnotations();
    if (this.droppedMessages) {
      this.messages.push({ range: range(this.len, this.len), message: `More than ${MAX_MESSAGES} problems: the rest are not listed` });
    }
    return { statements: this.statements, header: this.header, messages: this.messages };
  }

  /** The line loop, on its own so that its optimised code never meets the end of `run`. */
  private parseLines(): void {
    while (this.pos < this.len) {
      const before = this.pos;
      this.parseLine();
      if (this.pos <= before) this.pos = before + 1; // cannot happen; guarantees progress
    }
  }

  // -------------------------------------------------------------------------------------------
  // Scratch stack

  private put(v: unknown): void {
    this.stk[this.sp++] = v;
  }

  /** A cleared `ControlExtra` whose operands start at the current top of the stack. */
  private extra(): ControlExtra {
    const x = this.cx;
    x.condition = undefined;
    x.args = undefined;
    x.opMark = this.sp;
    x.operator = undefined;
    x.variable = undefined;
    x.variableRange = undefined;
    x.name = undefined;
    x.nameRange = undefined;
    return x;
  }

  /** The items pushed since `mark`, as an exact-size array; pops them. */
  private take<T>(mark: number): T[] {
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

  // -------------------------------------------------------------------------------------------
  // Low-level scanning

  /** `src[start, end)`, shared with an earlier equal slice when short (fewer objects kept alive). */
  private sliceInterned(start: number, end: number, max = 32): string {
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
  private slotOf(start: number, end: number): number {
    const src = this.src;
    const n = end - start;
    const h = (n * 31 + src.charCodeAt(start)) * 31 + src.charCodeAt(end - 1) + src.charCodeAt(start + (n >> 1)) * 7;
    return h & (CACHE_SLOTS - 1);
  }

  private indentOf(start: number, end: number): string {
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
  private variablesAt(start: number, end: number): string[] {
    const slot = this.slotOf(start, end);
    const name = this.src.slice(start, end);
    const cached = this.variablesCache[slot];
    if (cached !== undefined && cached[0] === name) return cached as string[];
    const v = Object.freeze([name]);
    this.variablesCache[slot] = v;
    return v as string[];
  }

  private code(i: number): number {
    return i < this.end ? this.src.charCodeAt(i) : -1;
  }

  private skipHSpace(): void {
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

  private atEol(): boolean {
    return this.pos >= this.end || isEol(this.src.charCodeAt(this.pos));
  }

  private consumeEol(): void {
    const c = this.code(this.pos);
    if (c === CR) {
      this.pos++;
      if (this.code(this.pos) === LF) this.pos++;
    } else if (c === LF) {
      this.pos++;
    }
  }

  private eolFrom(i: number): number {
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
  private trimEnd(from: number, to: number): number {
    while (to > from && isHSpace(this.src.charCodeAt(to - 1))) to--;
    return to;
  }

  private word(w: string): boolean {
    return wordAt(this.src, this.pos, this.end, w);
  }

  /** Consumes `w` (upper-case ASCII keyword) and following spaces when it is there. */
  private eat(w: string): boolean {
    if (!wordAt(this.src, this.pos, this.end, w)) return false;
    this.pos += w.length;
    this.skipHSpace();
    return true;
  }

  /** A string literal starts at `i`: `'` or `$'''`. */
  private stringStartAt(i: number): boolean {
    const c = this.code(i);
    return c === QUOTE || (c === DOLLAR && this.code(i + 1) === QUOTE && this.code(i + 2) === QUOTE && this.code(i + 3) === QUOTE);
  }

  private identStartAt(i: number): boolean {
    if (i >= this.end) return false;
    const c = this.src.charCodeAt(i);
    if (c < 0x80) return isIdentStartAscii(c);
    return identCharLength(this.src, i, this.end, true) > 0;
  }

  private msg(start: number, end: number, message: string): void {
    if (this.messages.length >= MAX_MESSAGES) {
      this.droppedMessages = true;
      return;
    }
    this.messages.push({ range: range(start, Math.max(start, end)), message });
  }

  /** A bracket opened at `open` failed at `pos`: report (once per failure point) and skip to its end. */
  private failBracket(open: number, message: string, depth: number): void {
    if (this.pos !== this.failedAt) this.msg(open, open + 1, message);
    this.skipRest(depth);
    this.failedAt = this.pos;
  }

  /** Starts a nested construct; false (and no change) when too deep. */
  private enter(): boolean {
    if (this.nest >= MAX_NEST) return false;
    this.nest++;
    return true;
  }

  private leave(): void {
    this.nest--;
  }

  // -------------------------------------------------------------------------------------------
  // Lines and statements

  private parseLine(): void {
    const lineStart = this.pos;
    this.skipHSpace();
    if (this.atEol()) {
      this.consumeEol();
      return;
    }
    const indent = this.pos === lineStart ? '' : this.indentOf(lineStart, this.pos);
    if (this.isTrailerLine()) {
      this.parseTrailer(indent);
      return;
    }
    for (;;) {
      const blockComment = this.parseStatement(indent);
      this.skipHSpace();
      if (this.atEol()) break;
      const c = this.code(this.pos);
      if (c === HASH) {
        this.parseLineComment(indent);
        break;
      }
      if (blockComment || (c === SLASH && this.code(this.pos + 1) === HASH)) continue;
      this.parseUnrecognised(indent, this.pos, 'Unexpected text after the statement (one statement per line)');
      break;
    }
    this.consumeEol();
  }

  /** Parses one statement at `pos` (not blank). True when it was a block comment. */
  private parseStatement(indent: string): boolean {
    const start = this.pos;
    const c = this.code(start);
    if (c === HASH) {
      this.parseLineComment(indent);
      return false;
    }
    if (c === SLASH && this.code(start + 1) === HASH) {
      this.parseBlockComment(indent);
      return true;
    }
    if (c === STAR && this.code(start + 1) === STAR) {
      this.parseRegionLine(indent);
      return false;
    }
    if (c === AT) {
      if (this.code(start + 1) === AT) this.parseAnnotationLine(indent);
      else this.parseHeaderDeclaration(indent);
      return false;
    }
    if ((c === EQ || c === MINUS || c === GT) && this.isSeparatorLine()) {
      this.parseSeparator(indent);
      return false;
    }
    let disabled = false;
    if ((c | 32) === 100 && this.word('DISABLE')) {
      const after = start + 7;
      if (isHSpace(this.code(after))) {
        this.pos = after;
        this.skipHSpace();
        disabled = true;
      }
    }
    if (!this.parseKeywordOrAction(start, indent, disabled)) {
      this.parseUnrecognised(indent, start, 'Unrecognised statement');
    }
    return false;
  }

  /** Parses a keyword statement or an action at `pos`; false when neither applies (nothing consumed). */
  private parseKeywordOrAction(start: number, indent: string, disabled: boolean): boolean {
    const p = this.pos;
    const e = identEnd(this.src, p, this.end);
    if (e === p) return false;
    const kw = this.code(e) !== DOT ? this.keywordAt(p, e) : undefined;
    if (kw !== undefined) {
      const mark = this.messages.length;
      const sp = this.sp;
      const done = this.parseKeyword(kw, start, indent, disabled, e);
      if (done !== undefined) {
        if (done) return true;
        this.messages.length = mark;
        this.pos = p;
        this.sp = sp;
        return false;
      }
    }
    const mark = this.messages.length;
    const action = this.parseAction(start, disabled, false, indent, e);
    if (!action) {
      this.messages.length = mark;
      this.pos = p;
      return false;
    }
    return true;
  }

  /** The statement keyword spelled by `src[p, e)` (any case), or undefined. No allocation. */
  private keywordAt(p: number, e: number): string | undefined {
    return this.wordAt(KEYWORDS_BY_LETTER, p, e);
  }

  /** A reserved word (or TRUE / FALSE / GLOBAL) spelled by `src[p, e)`, upper case, or undefined. No allocation. */
  private reservedAt(p: number, e: number): string | undefined {
    return this.wordAt(RESERVED_BY_LETTER, p, e);
  }

  /** The word of `byLetter` (upper-case words grouped by first letter) that `src[p, e)` spells in any case. */
  private wordAt(byLetter: readonly (readonly string[] | undefined)[], p: number, e: number): string | undefined {
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

  /**
   * A keyword statement. Returns undefined when `kw` is no statement keyword, false when the
   * statement is malformed beyond use (the caller makes it unrecognised), true when placed.
   */
  private parseKeyword(kw: string, start: number, indent: string, disabled: boolean, kwEnd: number): boolean | undefined {
    switch (kw) {
      case 'SET': return this.parseSet(start, indent, disabled, kwEnd);
      case 'IF': return this.parseIf(start, indent, disabled, kwEnd, 'IF');
      case 'ELSE': {
        this.pos = kwEnd;
        this.skipHSpace();
        if (this.word('IF')) return this.parseIf(start, indent, disabled, this.pos + 2, 'ELSE IF');
        return this.finishSimple(start, indent, disabled, 'ELSE', this.pos);
      }
      case 'END': {
        this.pos = kwEnd;
        this.skipHSpace();
        if (this.word('FUNCTION')) return this.finishSimple(start, indent, disabled, 'END FUNCTION', this.pos + 8);
        return this.finishSimple(start, indent, disabled, 'END', kwEnd);
      }
      case 'LOOP': return this.parseLoop(start, indent, disabled, kwEnd);
      case 'EXIT': {
        this.pos = kwEnd;
        this.skipHSpace();
        if (this.word('LOOP')) return this.finishSimple(start, indent, disabled, 'EXIT LOOP', this.pos + 4);
        if (this.word('FUNCTION')) return this.finishSimple(start, indent, disabled, 'EXIT FUNCTION', this.pos + 8);
        const textStart = this.pos;
        const x = this.extra();
        x.args = this.parseArgs(false);
        return this.finishControl(start, indent, disabled, 'EXIT', textStart, x);
      }
      case 'NEXT': {
        this.pos = kwEnd;
        this.skipHSpace();
        if (!this.word('LOOP')) return false;
        return this.finishSimple(start, indent, disabled, 'NEXT LOOP', this.pos + 4);
      }
      case 'SWITCH': {
        this.pos = kwEnd;
        this.skipHSpace();
        const textStart = this.pos;
        const x = this.extra();
        x.condition = this.parseExpression();
        if (!x.condition) this.msg(start, kwEnd, 'SWITCH needs a value');
        return this.finishControl(start, indent, disabled, 'SWITCH', textStart, x);
      }
      case 'CASE': return this.parseCase(start, indent, disabled, kwEnd);
      case 'DEFAULT': return this.finishSimple(start, indent, disabled, 'DEFAULT', kwEnd);
      case 'BLOCK': {
        this.pos = kwEnd;
        this.skipHSpace();
        const textStart = this.pos;
        const x = this.extra();
        const nameRange = this.parseNameToken();
        if (nameRange) { x.name = this.tokName; x.nameRange = nameRange; }
        return this.finishControl(start, indent, disabled, 'BLOCK', textStart, x);
      }
      case 'ON': return this.parseOn(start, indent, disabled, kwEnd);
      case 'THROW': {
        this.pos = kwEnd;
        this.skipHSpace();
        if (!this.word('ERROR')) return false;
        this.pos += 5;
        this.skipHSpace();
        const textStart = this.pos;
        const x = this.extra();
        x.args = this.parseArgs(false);
        return this.finishControl(start, indent, disabled, 'THROW ERROR', textStart, x);
      }
      case 'REPEAT': {
        this.pos = kwEnd;
        this.skipHSpace();
        if (!this.word('BLOCK')) return false;
        return this.finishSimple(start, indent, disabled, 'REPEAT BLOCK', this.pos + 5);
      }
      case 'ERROR': return this.parseErrorRead(start, indent, disabled, kwEnd);
      case 'LABEL':
      case 'GOTO': {
        this.pos = kwEnd;
        this.skipHSpace();
        const textStart = this.pos;
        const nameRange = this.parseNameToken();
        if (!nameRange) return false;
        const x = this.extra();
        x.name = this.tokName;
        x.nameRange = nameRange;
        return this.finishControl(start, indent, disabled, kw, textStart, x);
      }
      case 'WAIT': return this.parseWait(start, indent, disabled, kwEnd);
      case 'FUNCTION': return this.parseFunction(start, indent, kwEnd);
      case 'CALL': return this.parseCall(start, indent, disabled, kwEnd);
      case 'IMPORT': return this.parseImport(start, indent, kwEnd);
      default: return undefined;
    }
  }

  // -- statement builders

  /** A keyword statement whose line ends after `kwEnd` (args allowed for EXIT-like ones). */
  private finishSimple(start: number, indent: string, disabled: boolean, keyword: ControlKeyword, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    return this.finishControl(start, indent, disabled, keyword, this.pos, this.extra());
  }

  private finishControl(start: number, indent: string, disabled: boolean, keyword: ControlKeyword, textStart: number, x: ControlExtra, repeat = false): boolean {
    const end = this.trimEnd(start, this.pos);
    const depth = this.depthFor('control', keyword, start, end, repeat, indent);
    const functionName = this.functionName();
    const annotations = this.annotationsFor('control', depth);
    const s: Mutable<ControlStatement> = {
      kind: 'control',
      range: range(start, end), indent, depth, annotations, functionName,
      keyword,
      text: textStart < end ? this.src.slice(textStart, end) : '',
      condition: x.condition,
      args: x.args ?? NO_ARGS,
      disabled,
      operands: this.sp > x.opMark ? this.take<Value>(x.opMark) : NO_VALUES,
    };
    if (x.operator !== undefined) s.operator = x.operator;
    if (x.variable !== undefined) { s.variable = x.variable; s.variableRange = x.variableRange; }
    if (x.name !== undefined) { s.name = x.name; s.nameRange = x.nameRange; }
    this.placeCondition(x.condition, depth, functionName, annotations);
    this.commit(s, depth);
    return true;
  }

  private parseSet(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    const tStart = this.pos;
    if (!this.identStartAt(tStart)) return false;
    const target = this.parsePath();
    if (!target) return false;
    const tEnd = this.pos;
    this.skipHSpace();
    if (!this.eat('TO')) return false;
    const value = this.parseExpression() ?? this.rawValue(false);
    if (!value) return false;
    const end = this.trimEnd(start, this.pos);
    const targetExpr: ExpressionValue = target.kind === 'expression'
      ? target
      : this.expressionOf(tStart, tEnd, this.sp, this.src.slice(tStart, identEnd(this.src, tStart, this.end)));
    const depth = this.depthFor('set', undefined, start, end, false);
    const functionName = this.functionName();
    const s: Mutable<SetStatement> = {
      kind: 'set',
      range: range(start, end), indent, depth, annotations: this.annotationsFor('set', depth), functionName,
      variable: targetExpr.text,
      variableRange: targetExpr.range,
      target: targetExpr,
      value,
      disabled,
    };
    this.commit(s, depth);
    return true;
  }

  private parseIf(start: number, indent: string, disabled: boolean, kwEnd: number, keyword: 'IF' | 'ELSE IF'): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    const textStart = this.pos;
    const condition = this.parseCondition('THEN');
    if (!condition) this.msg(start, kwEnd, `${keyword} needs a condition`);
    this.skipHSpace();
    if (this.word('THEN')) this.pos += 4;
    else this.msg(start, kwEnd, `${keyword} needs THEN at the end of the line`);
    const x = this.extra();
    x.condition = condition;
    return this.finishControl(start, indent, disabled, keyword, textStart, x);
  }

  private parseLoop(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    const textStart = this.pos;
    if (this.eat('FOREACH')) {
      const x = this.extra();
      const v = this.parseVariableToken();
      if (v) { x.variable = this.tokName; x.variableRange = v; }
      this.skipHSpace();
      if (v && this.eat('IN')) {
        const list = this.parseExpression();
        if (list) this.put(list);
        else this.msg(start, kwEnd, 'LOOP FOREACH needs a list after IN');
      } else {
        this.msg(start, kwEnd, 'Expected LOOP FOREACH item IN list');
      }
      return this.finishControl(start, indent, disabled, 'LOOP FOREACH', textStart, x);
    }
    if (this.eat('WHILE')) {
      const condition = this.parseCondition('EOL');
      if (!condition) this.msg(start, kwEnd, 'LOOP WHILE needs a condition');
      const x = this.extra();
      x.condition = condition;
      return this.finishControl(start, indent, disabled, 'LOOP WHILE', textStart, x);
    }
    const x = this.extra();
    if (!this.word('FROM')) {
      const v = this.parseVariableToken();
      if (v) { x.variable = this.tokName; x.variableRange = v; }
      this.skipHSpace();
    }
    let ok = this.eat('FROM');
    if (ok) {
      const a = this.parseExpression();
      if (a) this.put(a);
      this.skipHSpace();
      ok = !!a && this.eat('TO');
    }
    if (ok) {
      const b = this.parseExpression();
      if (b) this.put(b);
      ok = !!b;
      const save = this.pos;
      this.skipHSpace();
      if (ok && this.eat('STEP')) {
        const c = this.parseExpression();
        if (c) this.put(c);
        else ok = false;
      } else {
        this.pos = save;
      }
    }
    if (!ok) this.msg(start, kwEnd, 'Expected LOOP i FROM a TO b STEP c, LOOP FOREACH or LOOP WHILE');
    return this.finishControl(start, indent, disabled, 'LOOP', textStart, x);
  }

  private parseCase(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    const textStart = this.pos;
    let operator: string | undefined;
    const c = this.code(this.pos);
    const c2 = this.code(this.pos + 1);
    if (c === LT && (c2 === GT || c2 === EQ)) operator = c2 === GT ? '<>' : '<=';
    else if (c === GT && c2 === EQ) operator = '>=';
    else if (c === BANG && c2 === EQ) operator = '!=';
    else if (c === EQ || c === LT || c === GT) operator = String.fromCharCode(c);
    if (operator) {
      this.pos += operator.length;
      this.skipHSpace();
    } else {
      this.msg(start, kwEnd, 'CASE takes a comparison: CASE = value');
    }
    const x = this.extra();
    x.operator = operator;
    const v = this.parseExpression();
    if (v) this.put(v);
    else this.msg(start, kwEnd, 'CASE needs a value');
    return this.finishControl(start, indent, disabled, 'CASE', textStart, x);
  }

  private parseOn(start: number, indent: string, disabled: boolean, kwEnd: number): boolean | undefined {
    this.pos = kwEnd;
    this.skipHSpace();
    let keyword: ControlKeyword;
    if (this.word('BLOCK')) {
      this.pos += 5;
      this.skipHSpace();
      if (!this.word('ERROR')) return false;
      keyword = 'ON BLOCK ERROR';
    } else if (this.word('ERROR')) {
      keyword = 'ON ERROR';
    } else {
      return false;
    }
    this.pos += 5;
    this.skipHSpace();
    const textStart = this.pos;
    const x = this.extra();
    let repeat = false;
    if (keyword === 'ON ERROR' && this.word('REPEAT')) {
      repeat = true;
      this.pos += 6;
      this.skipHSpace();
      const times = this.parseExpression();
      if (times) this.put(times);
      this.skipHSpace();
      let ok = !!times && this.eat('TIMES') && this.eat('WAIT');
      if (ok) {
        const wait = this.parseExpression();
        if (wait) this.put(wait);
        else ok = false;
      }
      if (!ok) this.msg(start, kwEnd, 'Expected ON ERROR REPEAT n TIMES WAIT m');
    } else if (!this.atArgStart()) {
      const nameRange = this.parseNameToken();
      if (nameRange) { x.name = this.tokName; x.nameRange = nameRange; }
    }
    x.args = this.parseArgs(false);
    return this.finishControl(start, indent, disabled, keyword, textStart, x, repeat);
  }

  private parseErrorRead(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    const textStart = this.pos;
    const x = this.extra();
    if (this.code(this.pos) === EQ && this.code(this.pos + 1) === GT) {
      this.pos += 2;
      this.skipHSpace();
      const v = this.parseVariableToken();
      if (v) { x.variable = this.tokName; x.variableRange = v; }
      else this.msg(start, kwEnd, 'Expected a variable after ERROR =>');
    } else {
      return false;
    }
    x.args = this.parseArgs(false);
    return this.finishControl(start, indent, disabled, 'ERROR', textStart, x);
  }

  private parseWait(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    const textStart = this.pos;
    if (this.code(this.pos) === LPAREN) {
      const save = this.pos;
      const mark = this.messages.length;
      const action = this.tryConditionAction('FOR', disabled);
      if (action) {
        const x = this.extra();
        x.condition = action;
        this.skipHSpace();
        if (this.eat('FOR')) {
          const t = this.parseExpression();
          if (t) this.put(t);
          else this.msg(start, kwEnd, 'WAIT … FOR needs a duration');
        }
        return this.finishControl(start, indent, disabled, 'WAIT', textStart, x);
      }
      this.messages.length = mark;
      this.pos = save;
    }
    const x = this.extra();
    const v = this.parseExpression();
    if (v) this.put(v);
    else this.msg(start, kwEnd, 'WAIT needs a duration or a condition');
    return this.finishControl(start, indent, disabled, 'WAIT', textStart, x);
  }

  private parseFunction(start: number, indent: string, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    const nameRange = this.parseNameToken();
    if (!nameRange) return false;
    const name = this.tokName;
    this.skipHSpace();
    const global = this.eat('GLOBAL');
    const parameters: { name: string; range: Range; output: boolean }[] = [];
    for (;;) {
      this.skipHSpace();
      if (this.atEol() || this.code(this.pos) === HASH) break;
      if (parameters.length > 0) {
        if (this.code(this.pos) !== COMMA) break;
        this.pos++;
        this.skipHSpace();
      }
      let output = false;
      const save = this.pos;
      if (this.eat('OUTPUT') && !this.identStartAt(this.pos)) this.pos = save;
      else output = this.pos !== save;
      const p = this.pos;
      const e = identEnd(this.src, p, this.end);
      if (e === p) {
        this.pos = save;
        break;
      }
      parameters.push({ name: this.src.slice(p, e), range: range(p, e), output });
      this.pos = e;
    }
    const end = this.trimEnd(start, this.pos);
    const s: Mutable<FunctionStatement> = {
      kind: 'function',
      range: range(start, end), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
      name,
      nameRange,
      global,
      parameters,
      headerRange: range(start, end),
      closed: false,
    };
    this.place(s);
    return true;
  }

  private parseCall(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    const nameRange = this.parseNameToken();
    if (!nameRange) return false;
    const name = this.tokName;
    const args = this.parseArgs(false);
    const end = this.trimEnd(start, this.pos);
    const depth = this.depthFor('call', undefined, start, end, false);
    const functionName = this.functionName();
    const s: Mutable<CallStatement> = {
      kind: 'call',
      range: range(start, end), indent, depth, annotations: this.annotationsFor('call', depth), functionName,
      name,
      nameRange,
      args,
      disabled,
    };
    this.commit(s, depth);
    return true;
  }

  private parseImport(start: number, indent: string, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    if (!this.stringStartAt(this.pos)) return false;
    const fileLit = this.scanString();
    if (!fileLit.terminated) return false;
    this.skipHSpace();
    if (!this.eat('AS')) return false;
    const a = this.pos;
    const e = identEnd(this.src, a, this.end);
    if (e === a) return false;
    this.pos = e;
    const alias = this.src.slice(a, e);
    this.aliases.add(alias.toLowerCase());
    const s: Mutable<ImportStatement> = {
      kind: 'import',
      range: range(start, e), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
      file: plainText(fileLit),
      alias,
      fileRange: fileLit.range,
      aliasRange: range(a, e),
    };
    this.place(s);
    return true;
  }

  /**
   * `Module.Action[.Selector] args…`. Undefined (pos unchanged) when there is no action id here.
   * With `indent`, the action is a statement and is placed; `firstEnd` is the end of its first
   * identifier when the caller already knows it.
   */
  private parseAction(start: number, disabled: boolean, untilParen: boolean, indent?: string, firstEnd = -1): Mutable<ActionStatement> | undefined {
    const save = this.pos;
    const idStart = this.pos;
    // Up to three dot-separated identifiers: [idStart, e0), [s1, e1), [s2, e2).
    let e0 = 0;
    let s1 = 0;
    let e1 = 0;
    let s2 = 0;
    let e2 = 0;
    let count = 0;
    let p = idStart;
    for (;;) {
      const e = count === 0 && firstEnd >= 0 ? firstEnd : identEnd(this.src, p, this.end);
      if (e === p || count === 3) {
        this.pos = save;
        return undefined;
      }
      if (count === 0) e0 = e;
      else if (count === 1) { s1 = p; e1 = e; }
      else { s2 = p; e2 = e; }
      count++;
      p = e;
      if (this.code(p) === DOT && this.identStartAt(p + 1)) {
        p++;
        continue;
      }
      break;
    }
    if (count < 2) {
      this.pos = save;
      return undefined;
    }
    const next = this.code(p);
    if (!(next === -1 || isHSpace(next) || isEol(next) || next === HASH || (untilParen && next === RPAREN))) {
      this.pos = save;
      return undefined;
    }
    this.pos = p;
    const id = this.sliceInterned(idStart, p, 96);
    let parts = this.idCache.get(id);
    if (parts === undefined) {
      parts = {
        module: this.sliceInterned(idStart, e0),
        action: this.sliceInterned(s1, e1, 64),
        selector: count === 3 ? this.sliceInterned(s2, e2, 64) : undefined,
        names: [],
      };
      if (this.idCache.size >= MAX_IDS) this.idCache.clear();
      this.idCache.set(id, parts);
    }
    const args = this.parseArgs(untilParen, parts.names);
    const end = this.trimEnd(start, this.pos);
    if (indent !== undefined) {
      // A statement: placed here, built whole.
      const depth = this.depthFor('action', undefined, start, end, false);
      const functionName = this.functionName();
      const s: Mutable<ActionStatement> = {
        kind: 'action',
        range: range(start, end), indent, depth, annotations: this.annotationsFor('action', depth), functionName,
        id,
        idRange: range(idStart, p),
        module: parts.module,
        action: parts.action,
        selector: parts.selector,
        args,
        disabled,
      };
      this.commit(s, depth);
      return s;
    }
    return {
      kind: 'action',
      range: range(start, end), indent: '', depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
      id,
      idRange: range(idStart, p),
      module: parts.module,
      action: parts.action,
      selector: parts.selector,
      args,
      disabled,
    };
  }

  /**
   * A condition: `(Module.Action args…)` when followed by `follow`, else an expression.
   */
  private parseCondition(follow: 'THEN' | 'EOL'): ActionStatement | Value | undefined {
    if (this.code(this.pos) === LPAREN) {
      const save = this.pos;
      const mark = this.messages.length;
      const action = this.tryConditionAction(follow, false);
      if (action) return action;
      this.messages.length = mark;
      this.pos = save;
    }
    return this.parseExpression();
  }

  /** At `(`: an action in parentheses followed by THEN / FOR / end of line. Undefined when not. */
  private tryConditionAction(follow: 'THEN' | 'FOR' | 'EOL', disabled: boolean): Mutable<ActionStatement> | undefined {
    this.pos++;
    this.skipHSpace();
    const start = this.pos;
    const action = this.parseAction(start, disabled, true);
    if (!action) return undefined;
    this.skipHSpace();
    if (this.code(this.pos) !== RPAREN) return undefined;
    this.pos++;
    const after = this.pos;
    this.skipHSpace();
    const okFollow = follow === 'EOL'
      ? this.atEol() || this.code(this.pos) === HASH
      : this.word(follow) || (follow === 'FOR' && (this.atEol() || this.code(this.pos) === HASH));
    this.pos = after;
    if (!okFollow) return undefined;
    const looksLikeAction = action.args.length > 0 || action.selector !== undefined || KNOWN_MODULES.has(action.module.toLowerCase());
    if (!looksLikeAction) return undefined;
    return action;
  }

  // -- comments, regions, separators, annotations, header lines

  private isTrailerLine(): boolean {
    if (this.code(this.pos) !== HASH) return false;
    let p = this.pos + 1;
    while (isHSpace(this.code(p))) p++;
    if (p + TRAILER_MARK.length > this.end || this.src.charCodeAt(p) !== LBRACKET) return false;
    return this.src.slice(p, p + TRAILER_MARK.length).toLowerCase() === TRAILER_MARK;
  }

  /** `src[start, end)` names a module of `KNOWN_MODULES`, in any case. No allocation for ASCII names. */
  private isKnownModule(start: number, end: number): boolean {
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

  private parseLineComment(indent: string): void {
    const start = this.pos;
    const eol = this.eolFrom(start);
    const end = this.trimEnd(start, eol);
    const depth = this.depthFor('comment', undefined, start, end, false);
    const s: Mutable<CommentStatement> = {
      kind: 'comment',
      range: range(start, end), indent, depth, annotations: NO_ANNOTATIONS, functionName: this.functionName(),
      block: false,
      text: this.src.slice(start + 1, Math.max(start + 1, end)),
      textRange: range(start + 1, Math.max(start + 1, end)),
    };
    this.pos = eol;
    this.commit(s, depth);
  }

  private parseBlockComment(indent: string): void {
    const start = this.pos;
    const close = this.src.indexOf('#/', start + 2);
    let end: number;
    let textEnd: number;
    if (close < 0 || close >= this.end) {
      textEnd = this.end;
      end = this.end;
      this.msg(start, start + 2, 'Unterminated block comment: /# without #/');
    } else {
      textEnd = close;
      end = close + 2;
    }
    const s: Mutable<CommentStatement> = {
      kind: 'comment',
      range: range(start, end), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
      block: true,
      text: this.src.slice(start + 2, textEnd),
      textRange: range(start + 2, textEnd),
    };
    this.pos = end;
    this.place(s);
  }

  private isSeparatorLine(): boolean {
    let p = this.pos;
    const eol = this.eolFrom(p);
    for (; p < eol; p++) {
      const c = this.src.charCodeAt(p);
      if (c !== EQ && c !== MINUS && c !== GT && !isHSpace(c)) return false;
    }
    return true;
  }

  private parseSeparator(indent: string): void {
    const start = this.pos;
    const eol = this.eolFrom(start);
    const end = this.trimEnd(start, eol);
    const s: Mutable<CommentStatement> = {
      kind: 'comment',
      range: range(start, end), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
      block: false,
      text: this.src.slice(start, end),
      textRange: range(start, end),
      separator: true,
    };
    this.pos = eol;
    this.place(s);
  }

  private parseRegionLine(indent: string): void {
    const start = this.pos;
    this.pos += 2;
    if (this.word('ENDREGION')) {
      this.pos += 9;
      const end = this.trimEnd(start, this.pos);
      const r = this.regions.pop();
      if (r) {
        r.range = range(r.range.start, end);
        r.closed = true;
        r.endRange = range(start, end);
      } else {
        this.msg(start, end, '**ENDREGION without **REGION');
      }
      return;
    }
    if (this.word('REGION')) {
      this.pos += 6;
      const eol = this.eolFrom(this.pos);
      this.skipHSpace();
      const nameStart = this.pos;
      const end = this.trimEnd(start, eol);
      const s: Mutable<RegionStatement> = {
        kind: 'region',
        range: range(start, end), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
        name: nameStart < end ? this.src.slice(nameStart, end) : '',
        headerRange: range(start, end),
        closed: false,
      };
      this.pos = eol;
      this.place(s);
      this.regions.push(s);
      return;
    }
    this.pos = start;
    this.parseUnrecognised(indent, start, 'Unrecognised statement');
  }

  /** `@@key: value` or `@@'quoted key': value`: kept for the next statement. */
  private parseAnnotationLine(indent: string): void {
    const start = this.pos;
    this.pos += 2;
    let key: string;
    const keyStart = this.pos;
    if (this.code(this.pos) === QUOTE) {
      const lit = this.scanString();
      key = plainText(lit);
    } else {
      const e = identEnd(this.src, this.pos, this.end);
      if (e === this.pos) {
        this.pos = start;
        this.parseUnrecognised(indent, start, 'Unrecognised @@ annotation');
        return;
      }
      key = this.src.slice(this.pos, e);
      this.pos = e;
    }
    const keyRange = range(keyStart, this.pos);
    this.skipHSpace();
    let value: Value | undefined;
    if (this.code(this.pos) === COLON) {
      this.pos++;
      this.skipHSpace();
      if (!this.atEol()) value = this.parseExpression() ?? this.rawValue(false);
    } else {
      this.msg(start, this.pos, 'Expected : after the annotation key');
    }
    const end = this.trimEnd(start, this.pos);
    const a: Annotation = value ? { range: range(start, end), key, keyRange, value } : { range: range(start, end), key, keyRange };
    // The stored-definition header (`@@ConnectionString`, `@@Type`, …) goes to the script at once;
    // other annotations wait for their statement (or for IMPORT/@SENSITIVE/@INPUT, which makes
    // them header lines too).
    if (!this.seenBody && this.pending.length === 0 && HEADER_KEYS.has(key.toLowerCase())) this.header.push(a);
    else this.pending.push(a);
  }

  /** `@SENSITIVE: […]`, `@INPUT name : {…}`, `@OUTPUT name : {…}`. */
  private parseHeaderDeclaration(indent: string): void {
    const start = this.pos;
    this.pos++;
    if (this.word('SENSITIVE')) {
      this.pos += 9;
      this.skipHSpace();
      if (this.code(this.pos) === COLON) {
        this.pos++;
        this.skipHSpace();
      }
      const listStart = this.pos;
      if (this.code(listStart) === LBRACKET) {
        this.pos++;
        const variables: { name: string; range: Range }[] = [];
        let ok = false;
        for (;;) {
          this.skipHSpace();
          const c = this.code(this.pos);
          if (c === RBRACKET) { this.pos++; ok = true; break; }
          if (variables.length > 0) {
            if (c !== COMMA) break;
            this.pos++;
            this.skipHSpace();
          }
          const p = this.pos;
          const e = identEnd(this.src, p, this.end);
          if (e === p) break;
          variables.push({ name: this.src.slice(p, e), range: range(p, e) });
          this.pos = e;
        }
        if (ok) {
          const s: Mutable<SensitiveStatement> = {
            kind: 'sensitive',
            range: range(start, this.pos), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
            variables,
            listRange: range(listStart, this.pos),
          };
          this.place(s);
          return;
        }
      }
      this.pos = start;
      this.parseUnrecognised(indent, start, 'Expected @SENSITIVE: [name, …]');
      return;
    }
    const isInput = this.word('INPUT');
    if (isInput || this.word('OUTPUT')) {
      this.pos += isInput ? 5 : 6;
      this.skipHSpace();
      const nameRange = this.parseNameToken();
      if (nameRange) {
        const name = this.tokName;
        this.skipHSpace();
        let properties: ObjectValue | undefined;
        if (this.code(this.pos) === COLON) {
          this.pos++;
          this.skipHSpace();
          const v = this.parseExpression();
          if (v && v.kind === 'object') properties = v;
          else this.msg(start, nameRange.end, `Expected { … } after @${isInput ? 'INPUT' : 'OUTPUT'} name :`);
        }
        const end = this.trimEnd(start, this.pos);
        const s: Mutable<VariableDeclaration> = {
          kind: isInput ? 'input' : 'output',
          range: range(start, end), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
          name,
          nameRange,
        };
        if (properties) s.properties = properties;
        this.place(s);
        return;
      }
    }
    this.pos = start;
    this.parseUnrecognised(indent, start, 'Unrecognised @ line');
  }

  // -- trailer

  private parseTrailer(indent: string): void {
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
  private matchJson(i: number): number {
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

  // -- unrecognised text

  private parseUnrecognised(indent: string, start: number, message: string): void {
    this.pos = start;
    const sp = this.sp;
    const mark = this.messages.length;
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c === LF || c === CR) break;
      if ((c === QUOTE || c === DOLLAR) && this.stringStartAt(this.pos)) {
        this.put(this.scanString());
        continue;
      }
      this.pos++;
    }
    const strings = this.take<StringLiteral>(sp);
    this.messages.length = mark; // quotes in unknown text are guesses: no string messages
    const end = this.trimEnd(start, this.pos);
    const s: Mutable<UnrecognisedStatement> = {
      kind: 'unrecognised',
      range: range(start, end), indent: indent, depth: 0, annotations: NO_ANNOTATIONS, functionName: undefined,
      text: this.src.slice(start, end),
      message,
    };
    if (strings.length > 0) s.strings = strings;
    this.place(s);
  }

  // -------------------------------------------------------------------------------------------
  // Nesting

  private top(): Frame | undefined {
    return this.frames.length > 0 ? this.frames[this.frames.length - 1] : undefined;
  }

  private currentDepth(): number {
    const t = this.top();
    if (!t) return 0;
    return t.kind === 'SWITCH' && t.caseSeen ? t.depth + 2 : t.depth + 1;
  }

  /**
   * Nesting for a statement about to be built from `[start, end)`: closes and checks frames,
   * reports, and returns its depth. The frame it opens, if any, is left in `opens` for `commit`,
   * which pushes it once the statement exists. (Statements are built whole, with their final
   * depth, annotations and function name, so that each builder keeps one object shape.)
   */
  private depthFor(kind: Statement['kind'], keyword: ControlKeyword | undefined, start: number, end: number, repeat: boolean, indent = ''): number {
    const t0 = this.top();
    if (t0 && t0.tentative && kind !== 'comment') {
      if (keyword === 'ON ERROR' && !repeat) this.frames.pop();
      else t0.tentative = false;
    }
    let depth = this.currentDepth();
    this.opens = undefined;
    this.opensTentative = false;
    this.leavesFunction = false;
    if (keyword !== undefined) {
      const t = this.top();
      switch (keyword) {
        case 'IF': this.opens = 'IF'; break;
        case 'LOOP': case 'LOOP FOREACH': case 'LOOP WHILE': this.opens = 'LOOP'; break;
        case 'SWITCH': this.opens = 'SWITCH'; break;
        case 'BLOCK': this.opens = 'BLOCK'; break;
        case 'ELSE IF': case 'ELSE':
          if (t && t.kind === 'IF') depth = t.depth;
          else this.msg(start, end, `${keyword} without IF`);
          break;
        case 'CASE': case 'DEFAULT':
          if (t && t.kind === 'SWITCH') {
            depth = t.depth + 1;
            t.caseSeen = true;
          } else {
            this.msg(start, end, `${keyword} outside SWITCH`);
          }
          break;
        case 'ON BLOCK ERROR': {
          // Handlers follow each other and share one END: a new one ends the previous.
          let b = t;
          if (b && b.kind === 'ON BLOCK ERROR') {
            this.frames.pop();
            b = this.top();
          }
          if (b && b.kind === 'BLOCK') depth = b.depth;
          else this.msg(start, end, 'ON BLOCK ERROR outside BLOCK');
          this.opens = 'ON BLOCK ERROR';
          break;
        }
        case 'ON ERROR':
          if (!repeat && t && t.kind === 'ON ERROR' && !t.tentative && this.isNextClause(t, indent)) {
            // `ON ERROR a` then `ON ERROR`: clauses of one handler, sharing one END (pad-formats §6.2).
            this.frames.pop();
            depth = t.depth;
          } else {
            depth = Math.min(depth, this.lastDepth);
          }
          this.opens = 'ON ERROR';
          this.opensTentative = repeat;
          break;
        case 'END':
          if (t && t.kind !== 'FUNCTION') {
            this.frames.pop();
            depth = t.depth;
          } else {
            this.msg(start, end, 'END without an open block');
          }
          break;
        case 'END FUNCTION': {
          let i = this.frames.length - 1;
          while (i >= 0 && this.frames[i].kind !== 'FUNCTION') i--;
          if (i < 0 || !this.func) {
            this.msg(start, end, 'END FUNCTION without FUNCTION');
            break;
          }
          this.closeFrames(i + 1, 'before END FUNCTION');
          this.closeRegions('before END FUNCTION');
          this.frames.length = i;
          depth = 0;
          this.func.range = range(this.func.range.start, end);
          this.func.closed = true;
          this.leavesFunction = true;
          break;
        }
        default: break;
      }
    } else if (kind === 'function') {
      this.closeAll('before the next FUNCTION');
      depth = 0;
      this.opens = 'FUNCTION';
    }
    return depth;
  }

  /**
   * An `ON ERROR` while the `ON ERROR` of frame `t` is open starts its next clause (rather than
   * the handler of an action inside its body) when it follows that clause's line directly (only
   * comments between), or stands at the same indent.
   */
  private isNextClause(t: Frame, indent: string): boolean {
    if (t.opener.indent === indent) return true;
    for (let i = this.statements.length - 1; i >= 0; i--) {
      const s = this.statements[i];
      if (s === t.opener) return true;
      if (s.kind !== 'comment') return false;
    }
    return false;
  }

  /**
   * The annotations of a statement of `kind` at `depth` (after `depthFor`): the pending `@@` lines,
   * or none. Updates what the next statement needs to know.
   */
  private annotationsFor(kind: Statement['kind'], depth: number): readonly Annotation[] {
    if (kind === 'comment') return NO_ANNOTATIONS;
    let annotations = NO_ANNOTATIONS;
    const declaration = kind === 'import' || kind === 'sensitive' || kind === 'input' || kind === 'output';
    if (this.pending.length > 0) {
      if (!this.seenBody && declaration) {
        for (const a of this.pending) this.header.push(a);
      } else {
        annotations = this.pending.slice();
      }
      this.pending.length = 0;
    }
    this.lastDepth = depth;
    if (!declaration) this.seenBody = true;
    return annotations;
  }

  /** Adds a statement built after `depthFor` and `annotationsFor`. */
  private commit(s: MStatement, depth: number): void {
    const opens = this.opens;
    if (opens !== undefined) {
      this.frames.push({ kind: opens, depth, opener: s, caseSeen: false, tentative: this.opensTentative });
      if (opens === 'FUNCTION') this.func = s as Mutable<FunctionStatement>;
    }
    this.statements.push(s as Statement);
    this.lastEnd = s.range.end;
    if (this.leavesFunction) this.func = undefined;
  }

  /** `depthFor`, `annotationsFor` and `commit` for a statement built with placeholders. */
  private place(s: MStatement, repeat = false): void {
    const kind = s.kind;
    const depth = this.depthFor(kind, kind === 'control' ? s.keyword : undefined, s.range.start, s.range.end, repeat, s.indent);
    s.depth = depth;
    s.functionName = kind === 'function' ? s.name : this.func ? this.func.name : undefined;
    const annotations = this.annotationsFor(kind, depth);
    if (annotations !== NO_ANNOTATIONS) s.annotations = annotations;
    this.commit(s, depth);
  }

  /** The function name of a statement that is not a FUNCTION line (after `depthFor`). */
  private functionName(): string | undefined {
    return this.func ? this.func.name : undefined;
  }

  /** A condition action takes its statement's depth, function and annotations. */
  private placeCondition(c: ActionStatement | Value | undefined, depth: number, functionName: string | undefined, annotations: readonly Annotation[]): void {
    if (!c || c.kind !== 'action') return;
    const a = c as Mutable<ActionStatement>;
    a.depth = depth;
    a.functionName = functionName;
    if (annotations !== NO_ANNOTATIONS) a.annotations = annotations;
  }

  /** Reports and drops frames from index `from` up. */
  private closeFrames(from: number, where: string): void {
    for (let i = this.frames.length - 1; i >= from; i--) {
      const f = this.frames[i];
      if (f.tentative) continue;
      if (f.kind === 'FUNCTION') {
        this.msg(f.opener.range.start, f.opener.range.end, `FUNCTION without END FUNCTION ${where}`);
        const fs = f.opener as Mutable<FunctionStatement>;
        fs.range = range(fs.range.start, Math.max(fs.range.end, this.lastEnd));
        fs.closed = false;
      } else {
        this.msg(f.opener.range.start, f.opener.range.end, `${f.kind} without END ${where}`);
      }
    }
    this.frames.length = Math.min(this.frames.length, from);
  }

  private closeRegions(where: string): void {
    for (let i = this.regions.length - 1; i >= 0; i--) {
      const r = this.regions[i];
      this.msg(r.headerRange.start, r.headerRange.end, `**REGION without **ENDREGION ${where}`);
      r.range = range(r.range.start, Math.max(r.range.end, this.lastEnd));
    }
    this.regions = [];
  }

  private closeAll(where: string): void {
    this.closeFrames(0, where);
    this.closeRegions(where);
    this.func = undefined;
  }

  private flushPendingAnnotations(): void {
    if (this.pending.length === 0) return;
    const first = this.pending[0];
    if (this.seenBody) {
      this.msg(first.range.start, first.range.end, '@@ annotation not followed by a statement');
    }
    for (const a of this.pending) this.header.push(a);
    this.pending = [];
  }

  // -------------------------------------------------------------------------------------------
  // Arguments

  /** True at `Name:`, `Name=>`, `@Name` or `@'name'`. */
  private atArgStart(): boolean {
    const p = this.pos;
    const c = this.code(p);
    if (c === AT) return this.identStartAt(p + 1) || this.code(p + 1) === QUOTE;
    const e = identEnd(this.src, p, this.end);
    if (e === p) return false;
    const d = this.code(e);
    return d === COLON || (d === EQ && this.code(e + 1) === GT);
  }

  /** Arguments up to the end of the line (or `)`). `names` holds names seen before at each position. */
  private parseArgs(untilParen: boolean, names?: string[]): readonly Argument[] {
    const mark = this.sp;
    for (;;) {
      const save = this.pos;
      this.skipHSpace();
      if (this.atEol()) {
        this.pos = save;
        break;
      }
      const a = this.parseArg(untilParen, names, this.sp - mark);
      if (!a) {
        this.pos = save;
        break;
      }
      this.put(a);
    }
    return this.sp > mark ? this.take<Argument>(mark) : NO_ARGS;
  }

  private parseArg(untilParen: boolean, names: string[] | undefined, index: number): Argument | undefined {
    const start = this.pos;
    const mark = this.messages.length;
    let at = false;
    if (this.code(this.pos) === AT) {
      at = true;
      this.pos++;
    }
    const nameStart = this.pos;
    let name: string;
    if (at && this.code(this.pos) === QUOTE) {
      const lit = this.scanString();
      if (!lit.terminated || lit.quote !== "'") {
        this.messages.length = mark;
        this.pos = start;
        return undefined;
      }
      name = plainText(lit);
    } else {
      const p = this.pos;
      const e = identEnd(this.src, p, this.end);
      if (e === p) {
        this.pos = start;
        return undefined;
      }
      const seen = names !== undefined ? names[index] : undefined;
      if (seen !== undefined && seen.length === e - p && sameChars(this.src, p, seen)) {
        name = seen;
      } else {
        name = this.src.slice(p, e);
        if (names !== undefined && index <= names.length) names[index] = name;
      }
      this.pos = e;
    }
    const nameRange = range(nameStart, this.pos);
    const c = this.code(this.pos);
    if (c === EQ && this.code(this.pos + 1) === GT) {
      this.pos += 2;
      this.skipHSpace();
      const v = this.parseVariableToken();
      if (!v) {
        this.msg(start, this.pos, 'Expected a variable after =>');
        return { range: range(start, this.trimEnd(start, this.pos)), name, nameRange, at, direction: 'out', variable: '' };
      }
      return { range: range(start, v.end), name, nameRange, at, direction: 'out', variable: this.tokName, variableRange: v };
    }
    if (c !== COLON) {
      this.messages.length = mark;
      this.pos = start;
      return undefined;
    }
    this.pos++;
    const colonEnd = this.pos;
    this.skipHSpace();
    if (this.atEol() || (untilParen && this.code(this.pos) === RPAREN)) {
      this.msg(start, colonEnd, 'Missing value after the argument name');
      this.pos = colonEnd;
      return { range: range(start, colonEnd), name, nameRange, at, direction: 'in' };
    }
    const value = this.parseExpression() ?? this.rawValue(untilParen);
    if (!value) {
      this.msg(start, colonEnd, 'Missing value after the argument name');
      this.pos = colonEnd;
      return { range: range(start, colonEnd), name, nameRange, at, direction: 'in' };
    }
    return { range: range(start, value.range.end), name, nameRange, at, direction: 'in', value };
  }

  /**
   * An output variable: identifier with optional `.prop` / `[index]`. Returns its range and leaves
   * its text in `tokName`; undefined when there is none.
   */
  private parseVariableToken(): Range | undefined {
    const p = this.pos;
    const e = identEnd(this.src, p, this.end);
    if (e === p) return undefined;
    const next = this.code(e);
    if (next !== DOT && next !== LBRACKET && next !== LPAREN) {
      const w = this.reservedAt(p, e);
      if (w !== undefined && w !== 'TRUE' && w !== 'FALSE' && w !== 'GLOBAL') return undefined;
      this.pos = e;
      this.tokName = this.src.slice(p, e);
      return range(p, e);
    }
    const v = this.parsePath();
    if (!v) {
      this.pos = p;
      return undefined;
    }
    this.tokName = this.src.slice(p, this.pos);
    return range(p, this.pos);
  }

  /** A name: `Ident` or `'quoted name'` (decoded). Returns its range and leaves the name in `tokName`. */
  private parseNameToken(): Range | undefined {
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

  /**
   * A value that does not parse: everything up to the next argument, the end of the line or (in a
   * condition) the closing parenthesis. Undefined when there is nothing.
   */
  private rawValue(untilParen: boolean): ExpressionValue | undefined {
    const start = this.pos;
    const mark = this.sp;
    let depth = 0;
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c === LF || c === CR) break;
      if ((c === QUOTE || c === DOLLAR) && this.stringStartAt(this.pos)) {
        this.put(this.scanString());
        continue;
      }
      if (c === LPAREN || c === LBRACKET || c === LBRACE) depth++;
      else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        if (depth === 0 && untilParen && c === RPAREN) break;
        if (depth > 0) depth--;
      } else if (depth === 0 && (c === 32 || c === 9)) {
        const save = this.pos;
        this.skipHSpace();
        if (this.atEol() || this.atArgStart() || this.code(this.pos) === HASH) {
          this.pos = save;
          break;
        }
        continue; // past the spaces: each is looked at once
      }
      this.pos++;
    }
    const end = this.trimEnd(start, this.pos);
    if (end === start) {
      this.pos = start;
      this.sp = mark;
      return undefined;
    }
    this.pos = end;
    this.msg(start, end, 'Could not read this value');
    const strings = this.sp > mark ? this.take<StringLiteral>(mark) : NO_STRINGS;
    return { kind: 'expression', range: range(start, end), text: this.src.slice(start, end), strings, variables: NO_VARIABLES };
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  /**
   * An expression over `[start, end)` whose parts are the values on the stack from `mark` (popped):
   * their string literals and root variables, with `root` first, become `strings` and `variables`.
   */
  private expressionOf(start: number, end: number, mark: number, root: string | undefined): ExpressionValue {
    const partsEnd = this.sp;
    const stk = this.stk;
    for (let i = mark; i < partsEnd; i++) this.putStrings(stk[i] as Value);
    const strings = this.sp > partsEnd ? this.take<StringLiteral>(partsEnd) : NO_STRINGS;
    if (root !== undefined) this.put(root);
    for (let i = mark; i < partsEnd; i++) this.putVariables(stk[i] as Value);
    const variables = this.sp > partsEnd ? this.takeUnique(partsEnd) : NO_VARIABLES;
    this.sp = mark;
    return { kind: 'expression', range: range(start, end), text: this.src.slice(start, end), strings, variables };
  }

  /** Pushes every string literal inside `v` (not inside interpolations). */
  private putStrings(v: Value): void {
    switch (v.kind) {
      case 'string': this.put(v); return;
      case 'expression': for (let i = 0; i < v.strings.length; i++) this.put(v.strings[i]); return;
      case 'list': for (let i = 0; i < v.items.length; i++) this.putStrings(v.items[i]); return;
      case 'object': for (const e of v.entries) { this.putStrings(e.key); this.putStrings(e.value); } return;
      case 'datatable':
        for (const h of v.header) this.putStrings(h);
        for (const r of v.rows) for (const c of r) this.putStrings(c);
        return;
      default: return;
    }
  }

  /** Pushes the root variables of the expressions inside `v`. */
  private putVariables(v: Value): void {
    switch (v.kind) {
      case 'expression': for (let i = 0; i < v.variables.length; i++) this.put(v.variables[i]); return;
      case 'list': for (let i = 0; i < v.items.length; i++) this.putVariables(v.items[i]); return;
      case 'object': for (const e of v.entries) { this.putVariables(e.key); this.putVariables(e.value); } return;
      case 'datatable':
        for (const h of v.header) this.putVariables(h);
        for (const r of v.rows) for (const c of r) this.putVariables(c);
        return;
      default: return;
    }
  }

  /** Like `take`, keeping the first of equal strings. */
  private takeUnique(mark: number): string[] {
    const n = this.sp - mark;
    const stk = this.stk as string[];
    if (n === 1) {
      this.sp = mark;
      return [stk[mark]];
    }
    if (n > 16) {
      const out = Array.from(new Set(stk.slice(mark, this.sp)));
      this.sp = mark;
      return out;
    }
    // Few names: compact in place, then copy.
    let w = mark;
    for (let r = mark; r < this.sp; r++) {
      const s = stk[r];
      let k = mark;
      while (k < w && stk[k] !== s) k++;
      if (k === w) stk[w++] = s;
    }
    this.sp = w;
    return this.take<string>(mark);
  }

  /** Length of a binary operator at `pos`, or 0. */
  private binaryOpLength(): number {
    const p = this.pos;
    const c = this.code(p);
    switch (c) {
      case PLUS: case MINUS: case STAR: return 1;
      case SLASH: return this.code(p + 1) === HASH ? 0 : 1;
      case EQ: return this.code(p + 1) === GT ? 0 : 1;
      case LT: { const d = this.code(p + 1); return d === GT || d === EQ ? 2 : 1; }
      case GT: return this.code(p + 1) === EQ ? 2 : 1;
      case BANG: return this.code(p + 1) === EQ ? 2 : 0;
      default: break;
    }
    // Only A, O, M can start a word operator (AND, OR, MOD).
    const u = c >= 97 ? c - 32 : c;
    if (u !== 65 && u !== 79 && u !== 77) return 0;
    const n = this.word('AND') ? 3 : this.word('OR') ? 2 : this.word('MOD') ? 3 : 0;
    if (n === 0) return 0;
    // `And:` / `Or=>` would be an argument name.
    const d = this.code(p + n);
    if (d === COLON || (d === EQ && this.code(p + n + 1) === GT)) return 0;
    return n;
  }

  /** An expression: operands joined by binary operators. Undefined (pos unchanged) when none starts here. */
  private parseExpression(): Value | undefined {
    const start = this.pos;
    const first = this.parseOperand();
    if (!first) return undefined;
    let mark = -1;
    for (;;) {
      const save = this.pos;
      this.skipHSpace();
      const n = this.binaryOpLength();
      if (n === 0) {
        this.pos = save;
        break;
      }
      const opStart = this.pos;
      this.pos += n;
      this.skipHSpace();
      if (mark < 0) {
        mark = this.sp;
        this.put(first);
      }
      const rhs = this.parseOperand();
      if (!rhs) {
        this.msg(opStart, opStart + n, 'Expected a value after the operator');
        this.pos = opStart + n;
        break;
      }
      this.put(rhs);
    }
    if (mark < 0) return first;
    return this.expressionOf(start, this.trimEnd(start, this.pos), mark, undefined);
  }

  /** `parseUnary`, straight to `parsePostfix` when no prefix can start here. */
  private parseOperand(): Value | undefined {
    const c = this.code(this.pos);
    if (c === MINUS || c === PLUS || c === 78 || c === 110) return this.parseUnary();
    return this.parsePostfix();
  }

  /** Prefix `-`, `+`, `NOT` (iteratively), then an operand with its postfix. */
  private parseUnary(): Value | undefined {
    const start = this.pos;
    let prefixes = 0;
    let lastSignEnd = -1;
    for (;;) {
      const c = this.code(this.pos);
      if (c === MINUS || c === PLUS) {
        this.pos++;
        lastSignEnd = c === MINUS ? this.pos : -1;
        this.skipHSpace();
        prefixes++;
        continue;
      }
      if ((c === 78 || c === 110) && this.word('NOT')) {
        this.pos += 3;
        this.skipHSpace();
        prefixes++;
        lastSignEnd = -1;
        continue;
      }
      break;
    }
    const operand = this.parsePostfix();
    if (!operand) {
      this.pos = start;
      return undefined;
    }
    if (prefixes === 0) return operand;
    if (prefixes === 1 && operand.kind === 'number' && lastSignEnd === operand.range.start) {
      return { kind: 'number', range: range(start, operand.range.end), text: this.src.slice(start, operand.range.end) };
    }
    const mark = this.sp;
    this.put(operand);
    return this.expressionOf(start, operand.range.end, mark, undefined);
  }

  /** A primary value with `.name`, `[index]` and `(args)` after it. */
  private parsePostfix(): Value | undefined {
    const c = this.code(this.pos);
    if (c === UPPER_P && this.code(this.pos + 1) === QUOTE) return this.parseEncrypted();
    if (this.identStartAt(this.pos)) return this.parsePath();
    const start = this.pos;
    let prim: Value | undefined;
    if ((c === QUOTE || c === DOLLAR) && this.stringStartAt(this.pos)) {
      prim = this.scanString();
    } else if (isDigit(c)) {
      prim = this.parseNumber();
    } else if (c === LBRACKET) {
      prim = this.parseList();
    } else if (c === LBRACE) {
      prim = this.parseObject();
    } else if (c === LPAREN) {
      prim = this.parseParen();
    }
    if (!prim) return undefined;
    const d = this.code(this.pos);
    if (d === LBRACKET || (d === DOT && this.identStartAt(this.pos + 1))) {
      const mark = this.sp;
      this.put(prim);
      this.parsePostfixChain(false);
      return this.expressionOf(start, this.pos, mark, undefined);
    }
    return prim;
  }

  /**
   * `.name`, `[index]`, `(args)` repeated; the values inside are pushed on the stack. With `track`,
   * what was seen is left in the `pc…` fields (set last, after any nested chain).
   */
  private parsePostfixChain(track: boolean): void {
    let dots = 0;
    let brackets = 0;
    let calls = 0;
    let names: string[] | undefined;
    let stringIndexOnly = true;
    let rootCall = false;
    for (;;) {
      const c = this.code(this.pos);
      if (c === DOT) {
        const e = identEnd(this.src, this.pos + 1, this.end);
        if (e === this.pos + 1) break;
        this.pos = e;
        dots++;
        if (brackets > 0 || calls > 0) stringIndexOnly = false;
        continue;
      }
      if (c === LBRACKET) {
        const before = this.sp;
        this.parseBracketed(RBRACKET, 'index');
        brackets++;
        if (track) {
          const v = this.stk[before] as Value | undefined;
          if (this.sp - before === 1 && isPlainString(v) && dots === 0 && calls === 0) (names ??= []).push(plainText(v));
          else stringIndexOnly = false;
        }
        continue;
      }
      if (c === LPAREN) {
        if (dots === 0 && brackets === 0 && calls === 0) rootCall = true;
        calls++;
        stringIndexOnly = false;
        this.parseBracketed(RPAREN, 'call');
        continue;
      }
      break;
    }
    if (track) {
      this.pcDots = dots;
      this.pcBrackets = brackets;
      this.pcCalls = calls;
      this.pcNames = names;
      this.pcStringIndexOnly = stringIndexOnly;
      this.pcRootCall = rootCall;
    }
  }

  /**
   * `[expr]` or `(a, b, …)` after a value; its values are pushed on the stack. Never fails: on a
   * problem the rest of the bracket is skipped forward with a message.
   */
  private parseBracketed(close: number, what: 'index' | 'call'): void {
    const openPos = this.pos;
    if (!this.enter()) {
      this.skipTooDeep(openPos);
      return;
    }
    this.pos++;
    this.skipHSpace();
    let ok = false;
    if (this.code(this.pos) === close && what === 'call') {
      this.pos++;
      ok = true;
    } else {
      for (;;) {
        const v = this.parseExpression();
        if (!v) break;
        this.put(v);
        this.skipHSpace();
        const c = this.code(this.pos);
        if (c === close) {
          this.pos++;
          ok = true;
          break;
        }
        if (c === COMMA && what === 'call') {
          this.pos++;
          this.skipHSpace();
          continue;
        }
        break;
      }
    }
    if (!ok) this.failBracket(openPos, what === 'index' ? 'Could not read this index' : 'Could not read these arguments', 1);
    this.leave();
  }

  /**
   * Skips forward to the bracket that closes the current one (`depth` brackets are open) or to
   * the end of the line; string literals met on the way are pushed as one plain expression.
   * Linear: it only moves forward.
   */
  private skipRest(depth: number): void {
    const mark = this.sp;
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c === LF || c === CR) break;
      if ((c === QUOTE || c === DOLLAR) && this.stringStartAt(this.pos)) {
        this.put(this.scanString());
        continue;
      }
      this.pos++;
      if (c === LPAREN || c === LBRACKET || c === LBRACE) depth++;
      else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        depth--;
        if (depth <= 0) break;
      }
    }
    if (this.sp > mark) {
      const strings = this.take<StringLiteral>(mark);
      this.put({ kind: 'expression', range: range(start, this.pos), text: this.src.slice(start, this.pos), strings, variables: NO_VARIABLES });
    }
  }

  /** A bracket that would nest too deep: skipped without recursion, with a message. */
  private skipTooDeep(openPos: number): void {
    this.msg(openPos, openPos + 1, `Nesting deeper than ${MAX_NEST} levels: not read`);
    this.pos = openPos;
    this.skipRest(0);
    this.failedAt = this.pos;
  }

  /** Value from an identifier: variable, property path, enum, element reference, `True`/`False`, call. */
  private parsePath(): Value | undefined {
    const start = this.pos;
    const e = identEnd(this.src, start, this.end);
    if (e === start) return undefined;
    const word = this.reservedAt(start, e);
    if (word !== undefined && word !== 'TRUE' && word !== 'FALSE' && word !== 'GLOBAL') return undefined;
    const next = this.code(e);
    if ((word === 'TRUE' || word === 'FALSE') && next !== DOT && next !== LBRACKET && next !== LPAREN) {
      this.pos = e;
      return { kind: 'boolean', range: range(start, e), value: word === 'TRUE' };
    }
    this.pos = e;
    if (next !== DOT && next !== LBRACKET && next !== LPAREN) {
      // The shared `variables` array also gives the shared text.
      const variables = this.variablesAt(start, e);
      return { kind: 'expression', range: range(start, e), text: variables[0], strings: NO_STRINGS, variables };
    }
    const root = this.src.slice(start, e);
    const mark = this.sp;
    let rootVar: string = root;
    if (word === 'GLOBAL' && next === DOT) {
      // GLOBAL.x: the variable is x.
      const e2 = identEnd(this.src, e + 1, this.end);
      if (e2 > e + 1) {
        rootVar = this.src.slice(e + 1, e2);
        this.pos = e2;
      }
    }
    this.parsePostfixChain(true);
    const end = this.pos;
    if (this.pcBrackets === 0 && this.pcCalls === 0) {
      // Only `.name` parts: nothing was pushed.
      if (this.pcDots === 2 && rootVar === root && this.isKnownModule(start, e)) {
        return { kind: 'enum', range: range(start, end), text: this.src.slice(start, end) };
      }
      const variables = rootVar === root ? this.variablesAt(start, e) : this.variablesAt(e + 1, e + 1 + rootVar.length);
      return { kind: 'expression', range: range(start, end), text: this.src.slice(start, end), strings: NO_STRINGS, variables };
    }
    const names = this.pcNames;
    if (this.pcStringIndexOnly && this.pcDots === 0 && this.pcCalls === 0 && names !== undefined && this.aliases.has(root.toLowerCase())) {
      this.sp = mark;
      const el: ElementReference = { kind: 'element', range: range(start, end), repository: root, names: names.slice() };
      return el;
    }
    return this.expressionOf(start, end, mark, this.pcRootCall ? undefined : rootVar);
  }

  /**
   * `P'<base64>'` at `pos`: one value, to the closing quote (or the end of the line, with a
   * message). Nothing of the blob is kept but where it is.
   */
  private parseEncrypted(): EncryptedValue {
    const src = this.src;
    const end = this.end;
    const start = this.pos;
    const contentStart = start + 2;
    let i = contentStart;
    let contentEnd = -1;
    while (i < end) {
      const c = src.charCodeAt(i);
      if (c === QUOTE) {
        contentEnd = i;
        break;
      }
      if (c === LF || c === CR) break;
      i += c === BACKSLASH && i + 1 < end && !isEol(src.charCodeAt(i + 1)) ? 2 : 1;
    }
    if (i > end) i = end;
    if (contentEnd < 0) {
      this.msg(start, contentStart, "Unterminated encrypted value: P' without closing '");
      this.pos = i;
      return { kind: 'encrypted', range: range(start, i), contentRange: range(contentStart, i) };
    }
    this.pos = contentEnd + 1;
    return { kind: 'encrypted', range: range(start, contentEnd + 1), contentRange: range(contentStart, contentEnd) };
  }

  private parseNumber(): Value {
    const start = this.pos;
    let p = start;
    while (isDigit(this.code(p))) p++;
    if (this.code(p) === DOT && isDigit(this.code(p + 1))) {
      p++;
      while (isDigit(this.code(p))) p++;
    }
    this.pos = p;
    return { kind: 'number', range: range(start, p), text: this.src.slice(start, p) };
  }

  private parseParen(): Value {
    const start = this.pos;
    const mark = this.sp;
    if (!this.enter()) {
      this.skipTooDeep(start);
      return this.expressionOf(start, this.pos, mark, undefined);
    }
    this.pos++;
    this.skipHSpace();
    const v = this.parseExpression();
    if (v) this.put(v);
    this.skipHSpace();
    if (v && this.code(this.pos) === RPAREN) {
      this.pos++;
    } else {
      this.failBracket(start, 'Unbalanced parenthesis', 1);
    }
    this.leave();
    return this.expressionOf(start, this.pos, mark, undefined);
  }

  private parseList(): Value {
    const start = this.pos;
    const mark = this.sp;
    if (!this.enter()) {
      this.skipTooDeep(start);
      return this.expressionOf(start, this.pos, mark, undefined);
    }
    this.pos++;
    this.skipHSpace();
    let ok = false;
    if (this.code(this.pos) === RBRACKET) {
      this.pos++;
      ok = true;
    } else {
      for (;;) {
        const v = this.parseExpression();
        if (!v) break;
        this.put(v);
        this.skipHSpace();
        const c = this.code(this.pos);
        if (c === RBRACKET) { this.pos++; ok = true; break; }
        if (c !== COMMA) break;
        this.pos++;
        this.skipHSpace();
      }
    }
    this.leave();
    if (ok) {
      const list: ListValue = { kind: 'list', range: range(start, this.pos), items: this.take<Value>(mark) };
      return list;
    }
    this.failBracket(start, 'Could not read this list', 1);
    return this.expressionOf(start, this.pos, mark, undefined);
  }

  /** `{ 'k': v, … }`, `{{ }}`, `{ ^[…], […], … }` (data table). */
  private parseObject(): Value {
    const start = this.pos;
    const mark = this.sp;
    if (!this.enter()) {
      this.skipTooDeep(start);
      return this.expressionOf(start, this.pos, mark, undefined);
    }
    this.pos++;
    this.skipHSpace();
    let double = false;
    if (this.code(this.pos) === LBRACE) {
      double = true;
      this.pos++;
      this.skipHSpace();
    }
    let result: Value | undefined;
    let openDepth = double ? 2 : 1;
    const c0 = this.code(this.pos);
    if (!double && (c0 === CARET || c0 === LBRACKET)) {
      result = this.parseDataTableBody(start, mark);
    } else {
      // Keys and values go on the stack in turn.
      let count = 0;
      let ok = false;
      for (;;) {
        this.skipHSpace();
        if (this.code(this.pos) === RBRACE) {
          this.pos++;
          openDepth--;
          ok = true;
          break;
        }
        if (count > 0) {
          if (this.code(this.pos) !== COMMA) break;
          this.pos++;
          this.skipHSpace();
        }
        const key = this.parseExpression();
        if (!key) break;
        this.put(key);
        this.skipHSpace();
        if (this.code(this.pos) !== COLON) break;
        this.pos++;
        this.skipHSpace();
        const value = this.parseExpression();
        if (!value) break;
        this.put(value);
        count++;
      }
      if (ok && double) {
        this.skipHSpace();
        if (this.code(this.pos) === RBRACE) {
          this.pos++;
          openDepth--;
        } else {
          ok = false;
        }
      }
      if (ok) {
        const pairsEnd = this.sp;
        const stk = this.stk as Value[];
        for (let i = mark; i < pairsEnd; i += 2) this.put({ key: stk[i], value: stk[i + 1] });
        const entries = this.take<{ key: Value; value: Value }>(pairsEnd);
        this.sp = mark;
        const obj: ObjectValue = { kind: 'object', range: range(start, this.pos), entries };
        result = obj;
      }
    }
    this.leave();
    if (result) return result;
    this.failBracket(start, 'Could not read this object', openDepth);
    return this.expressionOf(start, this.pos, mark, undefined);
  }

  /** The rows of a data table; its lists are pushed on the stack from `mark` (popped when it is one). */
  private parseDataTableBody(start: number, mark: number): DataTableValue | undefined {
    let header: readonly Value[] = [];
    const rows: (readonly Value[])[] = [];
    let first = true;
    for (;;) {
      this.skipHSpace();
      const c = this.code(this.pos);
      if (c === RBRACE && !first) {
        this.pos++;
        this.sp = mark;
        return { kind: 'datatable', range: range(start, this.pos), header, rows };
      }
      if (!first) {
        if (c !== COMMA) return undefined;
        this.pos++;
        this.skipHSpace();
      }
      let isHeader = false;
      if (this.code(this.pos) === CARET) {
        if (!first) return undefined;
        isHeader = true;
        this.pos++;
      }
      if (this.code(this.pos) !== LBRACKET) return undefined;
      const v = this.parseList();
      this.put(v);
      if (v.kind !== 'list') return undefined;
      if (isHeader) header = v.items;
      else rows.push(v.items);
      first = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Strings

  /** A string literal at `pos` (`$'''`, `'''` or `'`). Always returns one; sets `pos` after it. */
  private scanString(): StringLiteral {
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
              this.put(this.textSegment(range(segStart, i), value + src.slice(chunk, i), map));
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
    const contentRange = range(contentStart, contentEnd);
    let segments: StringSegment[];
    if (contentEnd > segStart) {
      const map = mapMark < 0 ? NO_MAP : this.take<readonly [number, number]>(mapMark);
      // A segment that is the whole content shares the content's range object.
      const seg = this.textSegment(segStart === contentStart ? contentRange : range(segStart, contentEnd), value + src.slice(chunk, contentEnd), map);
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
    return { kind: 'string', range: range(start, closeEnd), quote, segments, contentRange, terminated };
  }

  private textSegment(r: Range, value: string, map: TextSegment['map']): TextSegment {
    return { kind: 'text', range: r, value, map };
  }

  /**
   * At `%` inside `$'''…'''`: the index after the closing `%`, or minus the index where the
   * search stopped (line break, closing `'''`, end) when there is none.
   */
  private scanInterpolation(p: number): number {
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

  private interpolation(start: number, end: number): InterpolationSegment {
    const exprStart = start + 1;
    const exprEnd = end - 1;
    const seg: Mutable<InterpolationSegment> = {
      kind: 'interpolation',
      range: range(start, end),
      expression: this.src.slice(exprStart, exprEnd),
      expressionRange: range(exprStart, exprEnd),
    };
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
    if (v) seg.value = v;
    return seg;
  }
}
