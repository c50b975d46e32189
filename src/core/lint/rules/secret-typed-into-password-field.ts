/**
 * Typing a literal into a password box: `WebAutomation.PopulateTextField.*` /
 * `UIAutomation.PopulateTextField.*` into an element whose name says password (or PIN, in several
 * languages), and `MouseAndKeyboard.SendKeys.*` into such an element or right after focusing one.
 */
import type { ActionStatement, Statement, Value } from '../../robin/ast';
import { candidate } from '../literals';
import { lower } from '../names';
import type { LintRule, RuleContext } from '../rule';

/** Arguments that name the target element or window. */
const TARGET_ARGS = new Set(['control', 'textfield', 'element', 'uielement', 'window', 'windowtitle', 'title', 'textbox', 'field']);
/** Arguments that hold the typed text. */
const TEXT_ARGS = new Set(['text', 'texttosend', 'texttofill', 'value']);

export const secretTypedIntoPasswordField: LintRule = {
  id: 'secret-typed-into-password-field',
  description: 'A literal is typed into a password field (PopulateTextField or SendKeys).',
  docs: [
    'The flow types a literal into a UI element whose name says it is a password box (`Txt_Password`, `pwd`, `Passwort`, `Contraseña`, `Mot de passe`, `PIN`…), with *Populate text field* (web or desktop) or *Send keys*.',
    '',
    'Example:',
    '```',
    "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: $'''demo''' …",
    '```',
    'Fix: add a **Get credential** action and type `Credential.Password` instead. Text typed into ordinary fields, variables and masks are not reported.',
  ].join('\n'),
  defaultSeverity: 'error',
  fixable: true,
  priority: 10,
  check(context: RuleContext): void {
    for (const statement of context.statementsOf('action')) checkAction(context, statement, statement);
    for (const statement of context.statementsOf('control')) {
      if (statement.condition && statement.condition.kind === 'action') checkAction(context, statement, statement.condition);
    }
  },
};

function checkAction(context: RuleContext, statement: Statement, action: ActionStatement): void {
  // Length first: most actions are neither, and this avoids a lower-casing lookup for them.
  const len = action.action.length;
  const act = len === 17 || len === 8 ? lower(action.action) : '';
  if (act === 'populatetextfield' && isOneOf(action.module, 'webautomation', 'uiautomation')) {
    const target = passwordTarget(context, action);
    if (target) checkText(context, statement, action, target, false);
  } else if (act === 'sendkeys' && isOneOf(action.module, 'mouseandkeyboard')) {
    const into = passwordTarget(context, action) ?? previousTarget(context, statement);
    if (into) checkText(context, statement, action, into, true);
  }
}

/**
 * The password box a Click or Focus right before `statement` left focused, if any: the action of
 * the statement before it, with only comments and `ON ERROR` / `END` lines in between, all in the
 * same function.
 */
function previousTarget(context: RuleContext, statement: Statement): string | undefined {
  const statements = context.script.statements;
  const at = indexOfStatement(statements, statement);
  for (let i = at - 1; i >= 0; i--) {
    const s = statements[i];
    if (s.kind === 'comment') continue;
    if (s.functionName !== statement.functionName) return undefined;
    const previous = actionOf(s);
    if (previous) return passwordTarget(context, previous);
    if (s.kind !== 'control' || (s.keyword !== 'ON ERROR' && s.keyword !== 'END')) return undefined;
  }
  return undefined;
}

/** Where `statement` is in `statements` (in source order, so by start). */
function indexOfStatement(statements: readonly Statement[], statement: Statement): number {
  const start = statement.range.start;
  let lo = 0;
  let hi = statements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = statements[mid];
    if (s === statement) return mid;
    if (s.range.start < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return statements.indexOf(statement);
}

function isOneOf(name: string, ...lowerNames: string[]): boolean {
  const l = lower(name);
  return lowerNames.includes(l);
}

function actionOf(statement: Statement): ActionStatement | undefined {
  if (statement.kind === 'action') return statement;
  if (statement.kind === 'control' && statement.condition && statement.condition.kind === 'action') return statement.condition;
  return undefined;
}

/** The name of a password element this action targets, or undefined. */
function passwordTarget(context: RuleContext, action: ActionStatement): string | undefined {
  for (const arg of action.args) {
    if (arg.direction !== 'in' || !arg.value) continue;
    const v = arg.value;
    if (v.kind === 'element') {
      const name = v.names[v.names.length - 1];
      if (name !== undefined && context.names.isPasswordField(name)) return name;
      continue;
    }
    if (v.kind === 'string' && TARGET_ARGS.has(lower(arg.name))) {
      const flat = context.flat(v);
      if (context.names.isPasswordField(flat.text) || /type\s*=\s*["']?password/i.test(flat.text)) return arg.name;
    }
  }
  return undefined;
}

function checkText(context: RuleContext, statement: Statement, action: ActionStatement, target: string, keys: boolean): void {
  for (const arg of action.args) {
    if (arg.direction !== 'in' || !arg.value || !TEXT_ARGS.has(lower(arg.name))) continue;
    const spans = keys ? keyTextSpans(context, arg.value) : wholeText(context, arg.value);
    for (const range of spans) {
      context.report({
        range,
        literalRange: arg.value.range,
        kind: 'password',
        placement: 'argument',
        message: `Hard-coded password typed into password field '${target}' by ${action.id} (argument '${arg.name}'). Use a Get credential action and type Credential.Password.`,
        context: action.id,
        argument: arg.name,
        statement,
      });
    }
  }
}

function wholeText(context: RuleContext, value: Value): { start: number; end: number }[] {
  if (value.kind === 'number') return [value.range];
  if (value.kind !== 'string') return [];
  const flat = context.flat(value);
  if (flat.dynamic) return [];
  const c = candidate(flat.text, 0, flat.text.length);
  return c ? [flat.rangeOf(c.start, c.end)] : [];
}

/** The first run of plain characters of a SendKeys text, outside `{Key}` groups (`demo{Enter}` -> `demo`). */
function keyTextSpans(context: RuleContext, value: Value): { start: number; end: number }[] {
  if (value.kind !== 'string') return [];
  const flat = context.flat(value);
  if (flat.dynamic) return [];
  const text = flat.text;
  let i = 0;
  while (i < text.length) {
    if (text[i] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) break;
      i = close + 1;
      continue;
    }
    if (text[i] === '(' || text[i] === ')') { i++; continue; }
    let j = i;
    while (j < text.length && text[j] !== '{' && text[j] !== '(' && text[j] !== ')') j++;
    const c = candidate(text, i, j);
    if (c) return [flat.rangeOf(c.start, c.end)];
    i = j;
  }
  return [];
}
