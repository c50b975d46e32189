/**
 * Arguments of actions, CALL and control statements: `Name: value`, `Name=> Var`, `@Name: value`,
 * and the raw value kept when a value cannot be read.
 */
import type { Argument, ExpressionValue, StringLiteral } from './ast';
import {
  AT, COLON, CR, EQ, GT, HASH, LBRACE, LBRACKET, LF, LPAREN, QUOTE, RBRACE, RBRACKET,
  RPAREN, identEnd,
} from './chars';
import { ArgumentNode, ExpressionNode, endOf } from './nodes';
import { NO_ARGS, NO_STRINGS, NO_VARIABLES, sameChars, plainText } from './tokenizer';
import { ExpressionParser } from './expressions';

export abstract class ArgumentParser extends ExpressionParser {
  /** True at `Name:`, `Name=>`, `@Name` or `@'name'`. */
  protected atArgStart(): boolean {
    const p = this.pos;
    const c = this.code(p);
    if (c === AT) return this.identStartAt(p + 1) || this.code(p + 1) === QUOTE;
    const e = identEnd(this.src, p, this.end);
    if (e === p) return false;
    const d = this.code(e);
    return d === COLON || (d === EQ && this.code(e + 1) === GT);
  }

  /** Arguments up to the end of the line (or `)`). `names` holds names seen before at each position. */
  protected parseArgs(untilParen: boolean, names?: string[]): readonly Argument[] {
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

  protected parseArg(untilParen: boolean, names: string[] | undefined, index: number): Argument | undefined {
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
    const nameEnd = this.pos;
    const c = this.code(this.pos);
    if (c === EQ && this.code(this.pos + 1) === GT) {
      this.pos += 2;
      this.skipHSpace();
      const v = this.parseVariableToken();
      if (!v) {
        this.msg(start, this.pos, 'Expected a variable after =>');
        return new ArgumentNode(start, this.trimEnd(start, this.pos), name, nameStart, nameEnd, at, 'out', undefined, '', -1, -1);
      }
      return new ArgumentNode(start, v.end, name, nameStart, nameEnd, at, 'out', undefined, this.tokName, v.start, v.end);
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
      return new ArgumentNode(start, colonEnd, name, nameStart, nameEnd, at, 'in', undefined, undefined, -1, -1);
    }
    const value = this.parseExpression() ?? this.rawValue(untilParen);
    if (!value) {
      this.msg(start, colonEnd, 'Missing value after the argument name');
      this.pos = colonEnd;
      return new ArgumentNode(start, colonEnd, name, nameStart, nameEnd, at, 'in', undefined, undefined, -1, -1);
    }
    return new ArgumentNode(start, endOf(value), name, nameStart, nameEnd, at, 'in', value, undefined, -1, -1);
  }

  /**
   * A value that does not parse: everything up to the next argument, the end of the line or (in a
   * condition) the closing parenthesis. Undefined when there is nothing.
   */
  protected rawValue(untilParen: boolean): ExpressionValue | undefined {
    const start = this.pos;
    const mark = this.sp;
    let depth = 0;
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c === LF || c === CR) break;
      if (this.takeStringAt(c)) continue;
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
    return new ExpressionNode(start, end, this.src.slice(start, end), strings, NO_VARIABLES);
  }
}
