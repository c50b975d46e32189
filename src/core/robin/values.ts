/**
 * Values: numbers, lists, objects, data tables, parentheses, direct-encrypted `P'…'` values, and
 * the expression a value degrades to when it cannot be read (with its strings and variables).
 */
import type {
  DataTableValue, EncryptedValue, ExpressionValue, StringLiteral, Value,
} from './ast';
import {
  BACKSLASH, CARET, COLON, COMMA, CR, DOT, LBRACE, LBRACKET, LF, LPAREN, QUOTE, RBRACE,
  RBRACKET, RPAREN, isDigit, isEol,
} from './chars';
import { DataTableNode, EncryptedNode, ExpressionNode, ListNode, NumberNode, ObjectNode } from './nodes';
import { Tokenizer, MAX_NEST, NO_STRINGS, NO_VARIABLES } from './tokenizer';

export abstract class ValueParser extends Tokenizer {
  /** A bracket opened at `open` failed at `pos`: report (once per failure point) and skip to its end. */
  protected failBracket(open: number, message: string, depth: number): void {
    if (this.pos !== this.failedAt) this.msg(open, open + 1, message);
    this.skipRest(depth);
    this.failedAt = this.pos;
  }

  /**
   * Skips forward to the bracket that closes the current one (`depth` brackets are open) or to
   * the end of the line; string literals met on the way are pushed as one plain expression.
   * Linear: it only moves forward.
   */
  protected skipRest(depth: number): void {
    const mark = this.sp;
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c === LF || c === CR) break;
      if (this.takeStringAt(c)) continue;
      this.pos++;
      if (c === LPAREN || c === LBRACKET || c === LBRACE) depth++;
      else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        depth--;
        if (depth <= 0) break;
      }
    }
    if (this.sp > mark) {
      const strings = this.take<StringLiteral>(mark);
      this.put(new ExpressionNode(start, this.pos, this.src.slice(start, this.pos), strings, NO_VARIABLES));
    }
  }

  /** A bracket that would nest too deep: skipped without recursion, with a message. */
  protected skipTooDeep(openPos: number): void {
    this.msg(openPos, openPos + 1, `Nesting deeper than ${MAX_NEST} levels: not read`);
    this.pos = openPos;
    this.skipRest(0);
    this.failedAt = this.pos;
  }

  /** The bracket at `start` nests too deep: skipped, and read as a plain expression of the values on the stack from `mark`. */
  protected tooDeep(start: number, mark: number): ExpressionValue {
    this.skipTooDeep(start);
    return this.expressionOf(start, this.pos, mark, undefined);
  }

  /**
   * An expression over `[start, end)` whose parts are the values on the stack from `mark` (popped):
   * their string literals and root variables, with `root` first, become `strings` and `variables`.
   */
  protected expressionOf(start: number, end: number, mark: number, root: string | undefined): ExpressionValue {
    const partsEnd = this.sp;
    const stk = this.stk;
    for (let i = mark; i < partsEnd; i++) this.putStrings(stk[i] as Value);
    const strings = this.sp > partsEnd ? this.take<StringLiteral>(partsEnd) : NO_STRINGS;
    if (root !== undefined) this.put(root);
    for (let i = mark; i < partsEnd; i++) this.putVariables(stk[i] as Value);
    const variables = this.sp > partsEnd ? this.takeUnique(partsEnd) : NO_VARIABLES;
    this.sp = mark;
    return new ExpressionNode(start, end, this.src.slice(start, end), strings, variables);
  }

  /** Pushes every string literal inside `v` (not inside interpolations). */
  protected putStrings(v: Value): void {
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
  protected putVariables(v: Value): void {
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
  protected takeUnique(mark: number): string[] {
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

  /**
   * `P'<base64>'` at `pos`: one value, to the closing quote (or the end of the line, with a
   * message). Nothing of the blob is kept but where it is.
   */
  protected parseEncrypted(): EncryptedValue {
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
      return new EncryptedNode(start, i, contentStart, i);
    }
    this.pos = contentEnd + 1;
    return new EncryptedNode(start, contentEnd + 1, contentStart, contentEnd);
  }

  protected parseNumber(): Value {
    const start = this.pos;
    let p = start;
    while (isDigit(this.code(p))) p++;
    if (this.code(p) === DOT && isDigit(this.code(p + 1))) {
      p++;
      while (isDigit(this.code(p))) p++;
    }
    this.pos = p;
    return new NumberNode(start, p, this.src.slice(start, p));
  }

  protected parseParen(): Value {
    const start = this.pos;
    const mark = this.sp;
    if (!this.enter()) return this.tooDeep(start, mark);
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

  /**
   * From an opening bracket at `pos`: the expressions up to `close`, pushed on the stack, separated
   * by commas when `commas` (else just one), and none at all when `allowEmpty`. True when `close`
   * was reached and consumed; false leaves `pos` where reading stopped.
   */
  protected parseExpressionsUntil(close: number, commas: boolean, allowEmpty: boolean): boolean {
    this.pos++;
    this.skipHSpace();
    if (allowEmpty && this.code(this.pos) === close) {
      this.pos++;
      return true;
    }
    for (;;) {
      const v = this.parseExpression();
      if (!v) return false;
      this.put(v);
      this.skipHSpace();
      const c = this.code(this.pos);
      if (c === close) {
        this.pos++;
        return true;
      }
      if (c !== COMMA || !commas) return false;
      this.pos++;
      this.skipHSpace();
    }
  }

  protected parseList(): Value {
    const start = this.pos;
    const mark = this.sp;
    if (!this.enter()) return this.tooDeep(start, mark);
    const ok = this.parseExpressionsUntil(RBRACKET, true, true);
    this.leave();
    if (ok) {
      return new ListNode(start, this.pos, this.take<Value>(mark));
    }
    this.failBracket(start, 'Could not read this list', 1);
    return this.expressionOf(start, this.pos, mark, undefined);
  }

  /** `{ 'k': v, … }`, `{{ }}`, `{ ^[…], […], … }` (data table). */
  protected parseObject(): Value {
    const start = this.pos;
    const mark = this.sp;
    if (!this.enter()) return this.tooDeep(start, mark);
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
        result = new ObjectNode(start, this.pos, entries);
      }
    }
    this.leave();
    if (result) return result;
    this.failBracket(start, 'Could not read this object', openDepth);
    return this.expressionOf(start, this.pos, mark, undefined);
  }

  /** The rows of a data table; its lists are pushed on the stack from `mark` (popped when it is one). */
  protected parseDataTableBody(start: number, mark: number): DataTableValue | undefined {
    let header: readonly Value[] = [];
    const rows: (readonly Value[])[] = [];
    let first = true;
    for (;;) {
      this.skipHSpace();
      const c = this.code(this.pos);
      if (c === RBRACE && !first) {
        this.pos++;
        this.sp = mark;
        return new DataTableNode(start, this.pos, header, rows);
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
}
