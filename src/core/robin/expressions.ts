/**
 * Expressions: operands joined by operators, prefixes, `.name` / `[index]` / `(args)` chains,
 * variables, enums, element references and `True` / `False`.
 */
import type { Range, Value } from './ast';
import {
  BANG, COLON, DOLLAR, DOT, EQ, GT, HASH, LBRACE, LBRACKET, LPAREN, LT, MINUS, PLUS, QUOTE,
  RBRACKET, RPAREN, SLASH, STAR, UPPER_P, identEnd, isDigit,
} from './chars';
import { BooleanNode, ElementNode, EnumNode, ExpressionNode, NumberNode, endOf } from './nodes';
import { NO_STRINGS, range, isPlainString, plainText } from './tokenizer';
import { ValueParser } from './values';

export abstract class ExpressionParser extends ValueParser {
  protected readonly aliases = new Set<string>(['appmask']);

  /** What the last tracked `parsePostfixChain` saw. */
  protected pcDots = 0;

  protected pcBrackets = 0;

  protected pcCalls = 0;

  protected pcNames: string[] | undefined;

  protected pcStringIndexOnly = true;

  protected pcRootCall = false;

  /** Length of a binary operator at `pos`, or 0. */
  protected binaryOpLength(): number {
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
  protected override parseExpression(): Value | undefined {
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
  protected parseOperand(): Value | undefined {
    const c = this.code(this.pos);
    if (c === MINUS || c === PLUS || c === 78 || c === 110) return this.parseUnary();
    return this.parsePostfix();
  }

  /** Prefix `-`, `+`, `NOT` (iteratively), then an operand with its postfix. */
  protected parseUnary(): Value | undefined {
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
    const operandEnd = endOf(operand);
    if (prefixes === 1 && operand.kind === 'number' && lastSignEnd === (operand as NumberNode).start) {
      return new NumberNode(start, operandEnd, this.src.slice(start, operandEnd));
    }
    const mark = this.sp;
    this.put(operand);
    return this.expressionOf(start, operandEnd, mark, undefined);
  }

  /** A primary value with `.name`, `[index]` and `(args)` after it. */
  protected parsePostfix(): Value | undefined {
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
  protected parsePostfixChain(track: boolean): void {
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
  protected parseBracketed(close: number, what: 'index' | 'call'): void {
    const openPos = this.pos;
    if (!this.enter()) {
      this.skipTooDeep(openPos);
      return;
    }
    const ok = this.parseExpressionsUntil(close, what === 'call', what === 'call');
    if (!ok) this.failBracket(openPos, what === 'index' ? 'Could not read this index' : 'Could not read these arguments', 1);
    this.leave();
  }

  /** Value from an identifier: variable, property path, enum, element reference, `True`/`False`, call. */
  protected parsePath(): Value | undefined {
    const start = this.pos;
    const e = identEnd(this.src, start, this.end);
    if (e === start) return undefined;
    const word = this.reservedAt(start, e);
    if (word !== undefined && word !== 'TRUE' && word !== 'FALSE' && word !== 'GLOBAL') return undefined;
    const next = this.code(e);
    if ((word === 'TRUE' || word === 'FALSE') && next !== DOT && next !== LBRACKET && next !== LPAREN) {
      this.pos = e;
      return new BooleanNode(start, e, word === 'TRUE');
    }
    this.pos = e;
    if (next !== DOT && next !== LBRACKET && next !== LPAREN) {
      // The shared `variables` array also gives the shared text.
      const variables = this.variablesAt(start, e);
      return new ExpressionNode(start, e, variables[0], NO_STRINGS, variables);
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
        return new EnumNode(start, end, this.src.slice(start, end));
      }
      const variables = rootVar === root ? this.variablesAt(start, e) : this.variablesAt(e + 1, e + 1 + rootVar.length);
      return new ExpressionNode(start, end, this.src.slice(start, end), NO_STRINGS, variables);
    }
    const names = this.pcNames;
    if (this.pcStringIndexOnly && this.pcDots === 0 && this.pcCalls === 0 && names !== undefined && this.aliases.has(root.toLowerCase())) {
      this.sp = mark;
      return new ElementNode(start, end, root, names.slice());
    }
    return this.expressionOf(start, end, mark, this.pcRootCall ? undefined : rootVar);
  }

  /**
   * An output variable: identifier with optional `.prop` / `[index]`. Returns its range and leaves
   * its text in `tokName`; undefined when there is none.
   */
  protected parseVariableToken(): Range | undefined {
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
}
