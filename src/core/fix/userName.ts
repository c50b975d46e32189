/**
 * The user name that goes with a hard-coded password, to prefill the credential's user name:
 * a user-name argument of the same action (`Username: 'robot@example.com'`), the `User ID=` of
 * the same connection string, or the text the flow typed into a user-name field just before.
 * User names are not secrets; a user-name finding's own value is never offered.
 */
import type { ActionStatement, StringLiteral, Value } from '../robin/ast';
import { stringLiteralText } from '../robin';
import type { FixableFinding, RobinText } from './getCredential';
import { statementIndexOf } from './locate';

const USER_ARGUMENT = /^(user ?name|user|userid|login|loginname|account|accountname|email|emailaddress)$/i;
const USER_FIELD = /(user|login|e-?mail|account|benutzer|usuario|utilisateur)/i;
const CONNECTION_USER = /(?:^|;)\s*(?:user id|userid|uid|user|username)\s*=\s*([^;]+)/i;
/** How far back to look for a field typed before the password. */
const LOOK_BACK = 5;

export function userNameFor(unit: RobinText, finding: FixableFinding): string | undefined {
  if (finding.kind === 'username') return undefined;
  const statements = unit.script.statements;
  const index = statementIndexOf(unit.script, finding);
  if (index < 0) return undefined;
  const statement = statements[index];
  if (statement.kind !== 'action') return undefined;

  for (const arg of statement.args) {
    if (arg.direction === 'in' && USER_ARGUMENT.test(arg.name)) {
      const text = plainText(arg.value);
      if (text) return text;
    }
  }
  if (finding.placement === 'embedded') {
    for (const arg of statement.args) {
      if (!arg.value || arg.value.kind !== 'string' || !within(arg.value, finding)) continue;
      const m = CONNECTION_USER.exec(stringLiteralText(arg.value).text);
      if (m && !m[1].includes('%')) return m[1].trim();
    }
  }
  for (let i = index - 1; i >= 0 && i >= index - LOOK_BACK; i--) {
    const s = statements[i];
    if (s.kind !== 'action') continue;
    const typed = typedIntoUserField(s);
    if (typed) return typed;
  }
  return undefined;
}

/** `PopulateTextField` (web or UI) into an element whose name says user name: the literal typed. */
function typedIntoUserField(action: ActionStatement): string | undefined {
  if (action.action.toLowerCase() !== 'populatetextfield') return undefined;
  const target = action.args.find((a) => a.direction === 'in' && a.value?.kind === 'element');
  const element = target?.value?.kind === 'element' ? target.value.names[target.value.names.length - 1] : undefined;
  if (!element || !USER_FIELD.test(element) || /pass|pwd|pin/i.test(element)) return undefined;
  const text = action.args.find((a) => a.direction === 'in' && a.name.toLowerCase() === 'text');
  return plainText(text?.value);
}

function plainText(value: Value | undefined): string | undefined {
  if (!value || value.kind !== 'string') return undefined;
  const t = stringLiteralText(value);
  return t.literal && t.text.trim() ? t.text.trim() : undefined;
}

function within(literal: StringLiteral, finding: FixableFinding): boolean {
  return literal.range.start <= finding.range.start && finding.range.end <= literal.range.end;
}
