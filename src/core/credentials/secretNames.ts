/**
 * Names to suggest when a hard-coded password moves to Key Vault: the secret's name (from the
 * flow and the field, valid under Key Vault's rules, not taken), the credential's name, and the
 * user name the flow types before the password, to prefill the credential's user name.
 */
import type { ActionStatement, Argument, Range, Script, Statement, StringLiteral } from '../robin/ast';
import { parse, stringLiteralText } from '../robin';
import { nameTokens } from '../lint/names';
import { credentialNameProblem } from '../fix/template';
import type { Finding, SecretKind } from '../lint/types';
import { validateSecretName } from './secretReference';

/** Words of a field or element name that say what kind of control it is, not what it holds. */
const CONTROL_WORDS = new Set(['txt', 'tb', 'tbx', 'edt', 'edit', 'fld', 'field', 'input', 'inp', 'in', 'obj', 'str', 'var', 'lbl', 'el', 'element', 'textbox', 'text', 'box', 'the']);
const MAX_SECRET_NAME = 127;
/** `credential.name` is a 100-character string (azure-apis.md §1.2). */
export const MAX_CREDENTIAL_NAME = 100;

/** Arguments that hold free text: their name says nothing about the secret inside. */
const GENERIC_ARGUMENTS = new Set(['text', 'texttosend', 'texttofill', 'value', 'script', 'vbscriptcode', 'connectionstring', 'customheaders', 'requestbody', 'url', 'commandlinearguments', 'statement', 'body']);
const KIND_WORDS: Record<SecretKind, string> = {
  password: 'password',
  username: 'username',
  passphrase: 'passphrase',
  'api-key': 'api-key',
  token: 'token',
  'private-key': 'private-key',
  'connection-string-password': 'password',
  'authorization-header': 'token',
  'url-key': 'key',
  'client-secret': 'client-secret',
  'encryption-key': 'encryption-key',
  'webhook-url': 'webhook-url',
  secret: 'secret',
};

/**
 * The field a finding's secret belongs to, for naming: the argument or variable (`SMTPPassword`,
 * `DecryptionKey`), or the kind of secret when the argument is free text (`Text`, `Script`,
 * `ConnectionString`) or the secret is embedded in a longer string.
 */
export function findingField(finding: Pick<Finding, 'argument' | 'kind' | 'placement'>): string {
  const arg = finding.argument?.trim();
  if (arg && finding.placement !== 'embedded' && !GENERIC_ARGUMENTS.has(arg.toLowerCase())) return arg;
  return KIND_WORDS[finding.kind] ?? 'secret';
}

/** Lower-case ASCII words of a name: accents dropped, anything else a separator. */
function words(name: string | undefined): string[] {
  if (!name) return [];
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return nameTokens(ascii)
    .flatMap((t) => t.split(/[^a-z0-9]+/))
    .filter((t) => t.length > 0);
}

function fieldWords(field: string | undefined): string[] {
  const w = words(field).filter((t) => !CONTROL_WORDS.has(t));
  return w.length ? w : ['password'];
}

/** The flow's words, then the field's unless the flow's name already ends with them; repeated neighbours dropped. */
function joinWords(flowName: string | undefined, field: string | undefined): string[] {
  const flow = words(flowName);
  const f = fieldWords(field);
  const endsWithField = f.length <= flow.length && f.every((t, i) => flow[flow.length - f.length + i] === t);
  const all = endsWithField ? flow : [...flow, ...f];
  return all.filter((t, i) => t !== all[i - 1]);
}

function taken(existing: Iterable<string>): Set<string> {
  const s = new Set<string>();
  for (const e of existing) s.add(e.trim().toLowerCase());
  return s;
}

/**
 * A Key Vault secret name from the flow's name and the field, e.g. `sap-login-password`: 1-127
 * letters, digits and dashes, not one of `existing` (Key Vault names ignore case; pass deleted,
 * recoverable names too, since they block a new secret of the same name).
 */
export function suggestSecretName(flowName: string | undefined, field: string | undefined, existing: Iterable<string> = []): string {
  const used = taken(existing);
  const base = joinWords(flowName, field).join('-').slice(0, MAX_SECRET_NAME).replace(/-+$/, '') || 'password';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const name = base.slice(0, MAX_SECRET_NAME - suffix.length).replace(/-+$/, '') + suffix;
    if (!used.has(name.toLowerCase()) && validateSecretName(name) === undefined) return name;
  }
}

/**
 * A credential name from the flow's name and the field, e.g. `SAP Login password`: at most 100
 * characters, not one of `existing` (compared without case).
 */
export function suggestCredentialName(flowName: string | undefined, field: string | undefined, existing: Iterable<string> = []): string {
  const used = taken(existing);
  const flow = (flowName ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  const f = fieldWords(field);
  const flowWords = words(flow);
  const endsWithField = flow !== '' && f.every((t, i) => flowWords[flowWords.length - f.length + i] === t);
  const base = (endsWithField ? flow : `${flow} ${f.join(' ')}`).trim();
  const start = base ? base[0].toUpperCase() + base.slice(1) : 'Password';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = start.slice(0, MAX_CREDENTIAL_NAME - suffix.length).trimEnd() + suffix;
    if (!used.has(name.toLowerCase()) && credentialNameProblem(name) === undefined) return name;
  }
}

export interface UserNameHint {
  /** The user name as the flow types it (not a secret: it prefills the credential's user name). */
  readonly value: string;
  /** Where it is written, in offsets of the text given. */
  readonly range: Range;
  /** `argument`: a user-name argument of the same action; `keys`: typed before `{Tab}` in the same keys; `previous-field`: typed into a user-name field by the action before. */
  readonly source: 'argument' | 'keys' | 'previous-field';
}

const USER_ARGUMENTS = new Set(['username', 'user', 'userid', 'login', 'loginname', 'email', 'emailaddress', 'account', 'accountname']);
const USER_FIELD = /user|login|e-?mail|account|benutzer|nutzer|anmelde|usuario|utilisateur|identifiant|utente|gebruiker/i;
const PASSWORD_FIELD = /pass|pwd|kennwort|contrase|senha|mot.?de.?passe|wachtwoord|\bpin\b/i;
const TEXT_ARGUMENTS = new Set(['text', 'texttosend', 'texttofill', 'value']);

/**
 * The user name a flow types before the password at `passwordRange` (offsets in `text`), for
 * prefilling: a literal user-name argument of the same action (`Username: $'''robot'''`), the
 * text typed before `{Tab}` in the same keys (`robot{Tab}…`), or the literal typed by the
 * action just before into a user-name field (`Populate text field` into `Txt_Username`, or
 * `Send keys`). Undefined when there is none, or when it is not fixed text.
 */
export function findUserName(text: string, passwordRange: Range, script: Script = parse(text)): UserNameHint | undefined {
  const statements = script.statements;
  const index = statementAt(statements, passwordRange.start);
  if (index < 0) return undefined;
  const action = actionOf(statements[index]);
  if (!action) return undefined;

  for (const arg of action.args) {
    if (arg.direction !== 'in' || !USER_ARGUMENTS.has(arg.name.toLowerCase())) continue;
    const hint = literalHint(arg.value, 'argument');
    if (hint) return hint;
  }
  const keys = action.args.find((a) => a.direction === 'in' && a.value?.kind === 'string' && within(a.value.range, passwordRange));
  if (keys && /sendkeys/i.test(action.action)) {
    const hint = beforeTab(text, keys.value as StringLiteral, passwordRange.start);
    if (hint) return hint;
  }

  // The action before, in the same subflow, with only comments in between.
  for (let i = index - 1; i >= 0; i--) {
    const s = statements[i];
    if (s.kind === 'comment') continue;
    if (s.functionName !== statements[index].functionName) return undefined;
    const previous = actionOf(s);
    if (!previous) return undefined;
    if (!/populatetextfield|sendkeys/i.test(previous.action) || !typesIntoUserField(previous)) return undefined;
    for (const arg of previous.args) {
      if (arg.direction !== 'in' || !TEXT_ARGUMENTS.has(arg.name.toLowerCase())) continue;
      const hint = literalHint(arg.value, 'previous-field');
      if (hint) return { ...hint, value: hint.value.replace(/\{tab\}\s*$/i, '') };
    }
    return undefined;
  }
  return undefined;
}

/** The innermost statement holding `offset` (functions and regions hold whole blocks). */
function statementAt(statements: readonly Statement[], offset: number): number {
  let found = -1;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.range.start > offset) break;
    if (s.kind === 'function' || s.kind === 'region') continue;
    if (offset < s.range.end) found = i;
  }
  return found;
}

function actionOf(s: Statement): ActionStatement | undefined {
  if (s.kind === 'action') return s;
  if (s.kind === 'control' && s.condition?.kind === 'action') return s.condition;
  return undefined;
}

function within(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Whether the action targets an element or window whose name says user name (and not password). */
function typesIntoUserField(a: ActionStatement): boolean {
  return a.args.some((arg: Argument) => {
    if (arg.direction !== 'in' || !arg.value) return false;
    let name: string | undefined;
    if (arg.value.kind === 'element') name = arg.value.names[arg.value.names.length - 1];
    else if (arg.value.kind === 'string' && /^(control|textfield|element|uielement|field|textbox)$/i.test(arg.name)) name = stringLiteralText(arg.value).text;
    return name !== undefined && USER_FIELD.test(name) && !PASSWORD_FIELD.test(name);
  });
}

function literalHint(value: Argument['value'], source: UserNameHint['source']): UserNameHint | undefined {
  if (!value || value.kind !== 'string') return undefined;
  const lit = stringLiteralText(value);
  const v = lit.text.trim();
  if (!lit.literal || v === '' || v.length > 256 || /[\r\n]/.test(v)) return undefined;
  return { value: v, range: value.range, source };
}

/** In keys `robot{Tab}<password>`: the text between the previous `}` (or the start) and `{Tab}`. */
function beforeTab(text: string, lit: StringLiteral, passwordStart: number): UserNameHint | undefined {
  const from = lit.contentRange.start;
  const before = text.slice(from, passwordStart);
  if (before.includes('%')) return undefined;
  const m = /(^|\})([^{}]+)\{tab\}\s*$/i.exec(before);
  if (!m) return undefined;
  const start = from + m.index + m[1].length;
  const value = m[2].replace(/\\(['"\\])/g, '$1').trim();
  if (!value || /[\r\n]/.test(value)) return undefined;
  return { value, range: { start, end: start + m[2].length }, source: 'keys' };
}
