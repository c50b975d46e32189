/**
 * Visiting every value of a statement or script, with what each value belongs to.
 */
import type { ActionStatement, Annotation, Argument, Script, Statement, Value } from './ast';

/** Where a value stands. */
export type ValueRole =
  /** The value of an argument (of an action, a condition action, `CALL`, `EXIT`, `ON ERROR`, …). */
  | 'argument'
  /** The value of `SET x TO value`. */
  | 'set'
  /** An expression condition (`IF`, `ELSE IF`, `LOOP WHILE`, `SWITCH`). */
  | 'condition'
  /** Other values on a control line (`LOOP` bounds, `CASE` value, `WAIT` duration, …). */
  | 'operand'
  /** The value of an `@@key: value` annotation (of the statement, or of the script header). */
  | 'annotation'
  /** The `{ … }` of `@INPUT` / `@OUTPUT`. */
  | 'declaration'
  /** A string literal found in text the parser could not read. */
  | 'unrecognised';

export interface ValueVisit {
  /** The statement walked; undefined for the script header's annotations. */
  readonly statement: Statement | undefined;
  readonly role: ValueRole;
  /** The argument the value belongs to, at any depth inside it. */
  readonly argument?: Argument;
  /** The action that owns `argument`: the statement itself or its condition action. */
  readonly action?: ActionStatement;
  /** The annotation the value belongs to. */
  readonly annotation?: Annotation;
  /** The value directly around this one (list, object, data table, expression, or the string of a `%…%`). */
  readonly parent?: Value;
  /** For the value of an object entry: the entry's key. */
  readonly key?: Value;
  /** 0 for a top value (the whole argument value, …), +1 per level inside it. */
  readonly depth: number;
}

/** Return `false` to skip the values inside this one. */
export type ValueVisitor = (value: Value, visit: ValueVisit) => void | boolean;

interface Ctx {
  readonly statement: Statement | undefined;
  readonly role: ValueRole;
  readonly argument?: Argument;
  readonly action?: ActionStatement;
  readonly annotation?: Annotation;
}

function visit(value: Value, ctx: Ctx, fn: ValueVisitor, depth: number, parent?: Value, key?: Value): void {
  const v: ValueVisit = { ...ctx, depth, parent, key };
  if (fn(value, v) === false) return;
  const d = depth + 1;
  switch (value.kind) {
    case 'list':
      for (const item of value.items) visit(item, ctx, fn, d, value);
      return;
    case 'object':
      for (const e of value.entries) {
        visit(e.key, ctx, fn, d, value);
        visit(e.value, ctx, fn, d, value, e.key);
      }
      return;
    case 'datatable':
      for (const h of value.header) visit(h, ctx, fn, d, value);
      for (const row of value.rows) for (const cell of row) visit(cell, ctx, fn, d, value);
      return;
    case 'expression':
      for (const s of value.strings) visit(s, ctx, fn, d, value);
      return;
    case 'string':
      for (const seg of value.segments) {
        if (seg.kind === 'interpolation' && seg.value) visit(seg.value, ctx, fn, d, value);
      }
      return;
    default:
      return;
  }
}

function visitArgs(args: readonly Argument[], statement: Statement, action: ActionStatement | undefined, fn: ValueVisitor): void {
  for (const argument of args) {
    if (argument.value) visit(argument.value, { statement, role: 'argument', argument, action }, fn, 0);
  }
}

/**
 * Calls `fn` for every value of a statement, depth first, in source order within each part:
 * annotations, then the statement's own values (arguments, `SET` value, condition (an action's
 * arguments, or an expression), operands, declaration properties), recursing into lists,
 * objects, data tables, the string literals of expressions and the parsed `%…%` of strings.
 * Output arguments (`Name=> var`) have no value and are not visited.
 */
export function forEachValue(statement: Statement, fn: ValueVisitor): void {
  for (const annotation of statement.annotations) {
    if (annotation.value) visit(annotation.value, { statement, role: 'annotation', annotation }, fn, 0);
  }
  switch (statement.kind) {
    case 'action':
      visitArgs(statement.args, statement, statement, fn);
      return;
    case 'call':
      visitArgs(statement.args, statement, undefined, fn);
      return;
    case 'set':
      visit(statement.value, { statement, role: 'set' }, fn, 0);
      return;
    case 'control': {
      const c = statement.condition;
      if (c) {
        if (c.kind === 'action') visitArgs(c.args, statement, c, fn);
        else visit(c, { statement, role: 'condition' }, fn, 0);
      }
      for (const o of statement.operands ?? []) visit(o, { statement, role: 'operand' }, fn, 0);
      visitArgs(statement.args, statement, undefined, fn);
      return;
    }
    case 'input':
    case 'output':
      if (statement.properties) visit(statement.properties, { statement, role: 'declaration' }, fn, 0);
      return;
    case 'unrecognised':
      for (const s of statement.strings ?? []) visit(s, { statement, role: 'unrecognised' }, fn, 0);
      return;
    default:
      return;
  }
}

/** `forEachValue` over the script header's annotations, then every statement. */
export function forEachScriptValue(script: Script, fn: ValueVisitor): void {
  for (const annotation of script.header) {
    if (annotation.value) visit(annotation.value, { statement: undefined, role: 'annotation', annotation }, fn, 0);
  }
  for (const s of script.statements) forEachValue(s, fn);
}
