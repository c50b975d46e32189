/**
 * Statements: actions, keyword statements (SET, IF, LOOP, SWITCH, ON ERROR, WAIT, FUNCTION, CALL,
 * IMPORT, …), conditions, comments, regions, separators and unrecognised text.
 */
import type {
  ActionStatement, Argument, CallStatement, CommentStatement, ControlStatement, ExpressionValue,
  FunctionStatement, ImportStatement, Range, RegionStatement, SetStatement,
  StringLiteral, UnrecognisedStatement, Value,
} from './ast';
import {
  BANG, COMMA, CR, DOT, EQ, GT, HASH, LF, LPAREN, LT, MINUS, RPAREN, identEnd,
  isEol, isHSpace,
} from './chars';
import { KNOWN_MODULES } from './modules';
import {
  type Mutable, type ControlKeyword, NO_ANNOTATIONS, NO_ARGS, NO_VALUES, sharedCaches, MAX_IDS,
  range, plainText,
} from './tokenizer';
import { NestingParser } from './nesting';

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

export abstract class StatementParser extends NestingParser {
  protected readonly cx: ControlExtra = {
    condition: undefined, args: undefined, opMark: 0, operator: undefined,
    variable: undefined, variableRange: undefined, name: undefined, nameRange: undefined,
  };

  /** The parts of each action id met. */
  protected readonly idCache = sharedCaches.ids;

  /** A cleared `ControlExtra` whose operands start at the current top of the stack. */
  protected extra(): ControlExtra {
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

  /** Parses a keyword statement or an action at `pos`; false when neither applies (nothing consumed). */
  protected parseKeywordOrAction(start: number, indent: string, disabled: boolean): boolean {
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
  protected keywordAt(p: number, e: number): string | undefined {
    return this.wordAt(KEYWORDS_BY_LETTER, p, e);
  }

  /**
   * A keyword statement. Returns undefined when `kw` is no statement keyword, false when the
   * statement is malformed beyond use (the caller makes it unrecognised), true when placed.
   */
  protected parseKeyword(kw: string, start: number, indent: string, disabled: boolean, kwEnd: number): boolean | undefined {
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
        return this.finishWithArgs(start, indent, disabled, 'EXIT');
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
        return this.finishWithArgs(start, indent, disabled, 'THROW ERROR');
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

  /** A keyword statement whose line ends after `kwEnd` (args allowed for EXIT-like ones). */
  protected finishSimple(start: number, indent: string, disabled: boolean, keyword: ControlKeyword, kwEnd: number): boolean {
    this.pos = kwEnd;
    this.skipHSpace();
    return this.finishControl(start, indent, disabled, keyword, this.pos, this.extra());
  }

  /** A control statement whose arguments start at `pos`: `EXIT Code: 1`, `THROW ERROR ErrorMessage: …`. */
  protected finishWithArgs(start: number, indent: string, disabled: boolean, keyword: ControlKeyword): boolean {
    const textStart = this.pos;
    const x = this.extra();
    x.args = this.parseArgs(false);
    return this.finishControl(start, indent, disabled, keyword, textStart, x);
  }

  protected finishControl(start: number, indent: string, disabled: boolean, keyword: ControlKeyword, textStart: number, x: ControlExtra, repeat = false): boolean {
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

  protected parseSet(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
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

  protected parseIf(start: number, indent: string, disabled: boolean, kwEnd: number, keyword: 'IF' | 'ELSE IF'): boolean {
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

  protected parseLoop(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
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

  protected parseCase(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
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

  protected parseOn(start: number, indent: string, disabled: boolean, kwEnd: number): boolean | undefined {
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

  protected parseErrorRead(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
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

  protected parseWait(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
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

  protected parseFunction(start: number, indent: string, kwEnd: number): boolean {
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

  protected parseCall(start: number, indent: string, disabled: boolean, kwEnd: number): boolean {
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

  protected parseImport(start: number, indent: string, kwEnd: number): boolean {
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
  protected parseAction(start: number, disabled: boolean, untilParen: boolean, indent?: string, firstEnd = -1): Mutable<ActionStatement> | undefined {
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
  protected parseCondition(follow: 'THEN' | 'EOL'): ActionStatement | Value | undefined {
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
  protected tryConditionAction(follow: 'THEN' | 'FOR' | 'EOL', disabled: boolean): Mutable<ActionStatement> | undefined {
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

  protected parseLineComment(indent: string): void {
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

  protected parseBlockComment(indent: string): void {
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

  protected isSeparatorLine(): boolean {
    let p = this.pos;
    const eol = this.eolFrom(p);
    for (; p < eol; p++) {
      const c = this.src.charCodeAt(p);
      if (c !== EQ && c !== MINUS && c !== GT && !isHSpace(c)) return false;
    }
    return true;
  }

  protected parseSeparator(indent: string): void {
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

  protected parseRegionLine(indent: string): void {
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

  protected parseUnrecognised(indent: string, start: number, message: string): void {
    this.pos = start;
    const sp = this.sp;
    const mark = this.messages.length;
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c === LF || c === CR) break;
      if (this.takeStringAt(c)) continue;
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
}
