/**
 * A direct-encrypted value `P'<base64>'` (pad-formats §2.1): PAD encrypted what was typed with a
 * key of that machine and user, and stored it in the flow. Not clear text, but still a password
 * kept in the flow: it works only there, and it cannot be rotated or shared. Any argument or SET
 * holding one is a sensitive input by definition, whatever its name. The blob is never decoded.
 */
import type { ActionStatement, Annotation, Argument, EncryptedValue, Statement, Value } from '../../robin/ast';
import type { LintRule, RuleContext } from '../rule';
import type { SecretPlacement } from '../types';

const TIED = 'it is tied to the machine where it was typed and cannot be rotated or shared. Use a Get credential action.';

interface Where {
  readonly where: string;
  readonly placement: SecretPlacement;
  readonly context?: string;
  readonly argument?: string;
}

/** Calls `fn` for every encrypted value in `v`, at any depth of lists, objects and data tables. */
function forEachEncrypted(v: Value | undefined, fn: (e: EncryptedValue) => void): void {
  if (!v) return;
  switch (v.kind) {
    case 'encrypted': fn(v); return;
    case 'list': for (const item of v.items) forEachEncrypted(item, fn); return;
    case 'object': for (const e of v.entries) { forEachEncrypted(e.key, fn); forEachEncrypted(e.value, fn); } return;
    case 'datatable':
      for (const h of v.header) forEachEncrypted(h, fn);
      for (const row of v.rows) for (const cell of row) forEachEncrypted(cell, fn);
      return;
    default: return;
  }
}

/** True when `v` is or may hold an encrypted value: most values are neither, and cost nothing then. */
function mayHold(v: Value | undefined): v is Value {
  if (!v) return false;
  const k = v.kind;
  return k === 'encrypted' || k === 'list' || k === 'object' || k === 'datatable';
}

function report(context: RuleContext, statement: Statement | undefined, v: Value | undefined, where: () => Where): void {
  if (!mayHold(v)) return;
  forEachEncrypted(v, (e) => {
    const d = where();
    context.report({
      range: e.range,
      literalRange: e.range,
      kind: 'password',
      placement: d.placement,
      message: `Password stored encrypted in the flow ${d.where}: ${TIED}`,
      context: d.context,
      argument: d.argument,
      statement,
    });
  });
}

function argLabel(a: Argument): string {
  return a.at ? `@${a.name}` : a.name;
}

function checkArgs(context: RuleContext, statement: Statement, args: readonly Argument[], owner: (name: string) => Where): void {
  for (const a of args) if (mayHold(a.value)) report(context, statement, a.value, () => owner(argLabel(a)));
}

function ofAction(action: ActionStatement): (name: string) => Where {
  return (name) => ({ where: `in argument '${name}' of ${action.id}`, placement: 'argument', context: action.id, argument: name });
}

function checkAnnotations(context: RuleContext, statement: Statement | undefined, annotations: readonly Annotation[]): void {
  for (const a of annotations) {
    if (a.value) report(context, statement, a.value, () => ({ where: `in annotation '@@${a.key}'`, placement: 'argument', context: '@@', argument: a.key }));
  }
}

function anyHeld(args: readonly Argument[]): boolean {
  for (const a of args) if (mayHold(a.value)) return true;
  return false;
}

/** Every value a statement holds, as `forEachValue` visits them, without a visit object per value. */
function checkStatement(context: RuleContext, s: Statement): void {
  if (s.annotations.length > 0) checkAnnotations(context, s, s.annotations);
  switch (s.kind) {
    case 'action':
      if (anyHeld(s.args)) checkArgs(context, s, s.args, ofAction(s));
      return;
    case 'call':
      if (!anyHeld(s.args)) return;
      checkArgs(context, s, s.args, (name) => ({ where: `in argument '${name}' of the call to subflow '${s.name}'`, placement: 'argument', context: 'CALL', argument: name }));
      return;
    case 'set':
      if (!mayHold(s.value)) return;
      report(context, s, s.value, () => ({ where: `assigned to variable '${s.variable}'`, placement: 'set', context: 'SET', argument: s.variable }));
      return;
    case 'control': {
      const c = s.condition;
      if (c && c.kind === 'action') {
        if (anyHeld(c.args)) checkArgs(context, s, c.args, ofAction(c));
      } else if (mayHold(c)) {
        report(context, s, c, () => ({ where: `in ${s.keyword}`, placement: 'argument', context: s.keyword }));
      }
      for (const o of s.operands ?? []) {
        if (mayHold(o)) report(context, s, o, () => ({ where: `in ${s.keyword}`, placement: 'argument', context: s.keyword }));
      }
      if (anyHeld(s.args)) {
        checkArgs(context, s, s.args, (name) => ({ where: `in argument '${name}' of ${s.keyword}`, placement: 'argument', context: s.keyword, argument: name }));
      }
      return;
    }
    case 'input':
    case 'output':
      report(context, s, s.properties, () => ({
        where: `in the declaration of '${s.name}'`, placement: 'input-default', context: s.kind === 'output' ? '@OUTPUT' : '@INPUT', argument: s.name,
      }));
      return;
    default:
      return;
  }
}

export const passwordStoredEncryptedInFlow: LintRule = {
  id: 'password-stored-encrypted-in-flow',
  description: "A password is stored encrypted in the flow (P'…'): tied to one machine, it cannot be rotated or shared.",
  docs: [
    "A value written `P'…'` is a \"direct encrypted input\": Power Automate for desktop encrypted what was typed with a key of the machine and user where it was typed, and stored it in the flow. It is not readable text, but it is still a password kept in the flow: the flow works only on that machine, and the password cannot be rotated or shared without editing every flow that holds it.",
    '',
    'Example:',
    '```',
    "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Password'] Text: P'AQAAANCMnd8BFdERjHoAwE…' Mode: WebAutomation.PopulateTextMode.Replace",
    '```',
    "Fix: add a **Get credential** action before the action and pass `Credential.Password` instead of the `P'…'` value; put the password in the vault from the machine where it is known. Reported in any argument, `SET`, `CALL` argument or declaration, whatever its name. The value is never decoded or shown.",
  ].join('\n'),
  defaultSeverity: 'warning',
  fixable: true,
  priority: 25,
  check(context: RuleContext): void {
    // Most flows hold none: nothing to look at then.
    if (context.text.indexOf("P'") < 0) return;
    checkAnnotations(context, undefined, context.script.header);
    for (const s of context.script.statements) checkStatement(context, s);
  },
};
