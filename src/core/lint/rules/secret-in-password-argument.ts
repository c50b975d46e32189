/**
 * A literal value in an argument that carries a secret: the arguments PAD itself treats as
 * sensitive (pad-formats §2.2) and any argument whose name says password, passphrase, secret,
 * token or (API/secret/encryption…) key.
 */
import type { ActionStatement, Argument, Statement } from '../../robin/ast';
import { kindLabel, lower } from '../names';
import type { LintRule, RuleContext } from '../rule';
import { literalSecrets } from '../rule-helpers';
import type { SecretKind } from '../types';

interface KnownArgs {
  /** Lower-case module. */
  readonly module: string;
  /** Lower-case argument name -> kind. */
  readonly args: Readonly<Record<string, SecretKind>>;
}

/** pad-formats §2.2: arguments that hold a secret whatever their name says. */
const KNOWN: readonly KnownArgs[] = [
  { module: 'email', args: { password: 'password' } },
  { module: 'exchange', args: { password: 'password' } },
  { module: 'outlook', args: { password: 'password' } },
  { module: 'ftp', args: { password: 'password', privatekeypassphrase: 'passphrase', passphrase: 'passphrase' } },
  { module: 'access', args: { password: 'password' } },
  { module: 'cryptography', args: { encryptionkey: 'encryption-key', decryptionkey: 'encryption-key', hashkey: 'encryption-key', key: 'encryption-key', password: 'password' } },
  { module: 'cyberark', args: { certificatefilepassword: 'password' } },
  { module: 'excel', args: { password: 'password', writepassword: 'password', readpassword: 'password' } },
  { module: 'word', args: { password: 'password', writepassword: 'password', readpassword: 'password' } },
  { module: 'pdf', args: { password: 'password', passwords: 'password', userpassword: 'password', ownerpassword: 'password' } },
  { module: 'compression', args: { password: 'password' } },
  { module: 'sap', args: { password: 'password' } },
  { module: 'activedirectory', args: { password: 'password' } },
  { module: 'aws', args: { secret: 'client-secret', secretkey: 'client-secret', secretaccesskey: 'client-secret', awssecretaccesskey: 'client-secret', sessiontoken: 'token' } },
  { module: 'azure', args: { clientsecret: 'client-secret', secret: 'client-secret', password: 'password', certificatepassword: 'password' } },
  { module: 'googlecognitive', args: { apikey: 'api-key', key: 'api-key' } },
  { module: 'ibmcognitive', args: { apikey: 'api-key', key: 'api-key', password: 'password' } },
  { module: 'microsoftcognitive', args: { apikey: 'api-key', key: 'api-key', subscriptionkey: 'api-key' } },
  { module: 'cognitive', args: { apikey: 'api-key', key: 'api-key', subscriptionkey: 'api-key' } },
  { module: 'pgp', args: { passphrase: 'passphrase', password: 'password' } },
  { module: 'terminalemulation', args: { password: 'password' } },
];

/** Arguments other rules own, or that are never a secret even though the name suggests one. */
const OWNED_ELSEWHERE = new Set(['connectionstring', 'text', 'texttosend', 'script', 'customheaders', 'requestbody']);

const KNOWN_BY_MODULE = new Map<string, Readonly<Record<string, SecretKind>>>(KNOWN.map((k) => [k.module, k.args] as const));

function knownKind(knownArgs: Readonly<Record<string, SecretKind>> | undefined, argName: string): SecretKind | undefined {
  if (!knownArgs) return undefined;
  const kind = knownArgs[lower(argName)];
  return typeof kind === 'string' ? kind : undefined;
}

/** `@'name:x'` (RunDotNetScript) -> `x`; `@'type:x'` / `@'direction:x'` are not values. */
function parameterName(arg: Argument): string | undefined {
  const n = arg.name;
  const colon = n.indexOf(':');
  if (!arg.at || colon < 0) return n;
  const prefix = lower(n.slice(0, colon));
  if (prefix === 'name' || prefix === 'value') return n.slice(colon + 1);
  return undefined;
}

function isKeyVaultConnector(action: ActionStatement): boolean {
  if (action.args.length < 2 || lower(action.id) !== 'external.invokecloudconnector') return false;
  for (const a of action.args) {
    if (lower(a.name) === 'connectorid' && a.value && a.value.kind === 'string') {
      const seg = a.value.segments.map((s) => (s.kind === 'text' ? s.value : '')).join('');
      if (/shared_keyvault|shared_azurekeyvault/i.test(seg)) return true;
    }
  }
  return false;
}

export const secretInPasswordArgument: LintRule = {
  id: 'secret-in-password-argument',
  description: 'A password, key or token is written as a literal in an argument that carries a secret.',
  docs: [
    'An action argument that carries a secret (a `Password:`, `PrivateKeyPassPhrase:`, `EncryptionKey:`, `ClientSecret:`, `APIKey:`…, or any argument whose name says password, passphrase, secret, token or API key) holds a literal value. Anyone who can read the flow, its solution export or its history can read the secret.',
    '',
    'Example:',
    '```',
    "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.contoso.com''' Username: $'''robot''' Password: $'''Summer2024!''' …",
    '```',
    'Fix: add a **Get credential** action (Power Automate secret variables) before the action and pass `Credential.Password` instead of the literal. Values that are variables (`Input_SMTPObject[\'Password\']`), interpolations (`%Credential.Password%`), masks (`********`) and empty strings are not reported.',
  ].join('\n'),
  defaultSeverity: 'error',
  fixable: true,
  priority: 20,
  check(context: RuleContext): void {
    for (const statement of context.statementsOf('action')) checkArgs(context, statement, statement.args, statement);
    for (const statement of context.statementsOf('control')) {
      if (statement.condition && statement.condition.kind === 'action') {
        checkArgs(context, statement, statement.condition.args, statement.condition);
      }
    }
    for (const statement of context.statementsOf('call')) checkArgs(context, statement, statement.args, undefined, statement.name);
  },
};

function checkArgs(context: RuleContext, statement: Statement, args: readonly Argument[], action: ActionStatement | undefined, callee?: string): void {
  if (action && isKeyVaultConnector(action)) return;
  const knownArgs = action ? KNOWN_BY_MODULE.get(lower(action.module)) : undefined;
  for (const arg of args) {
    if (arg.direction !== 'in' || !arg.value) continue;
    const name = parameterName(arg);
    if (name === undefined) continue;
    const named = context.names.classify(name);
    const known = knownArgs ? knownKind(knownArgs, name) : undefined;
    const kind = known ?? named;
    if (!kind) continue;
    if (!arg.at && OWNED_ELSEWHERE.has(lower(name))) continue;
    const allowNumber = known !== undefined || kind === 'password';
    const where = action ? `of ${action.id}` : `of the call to subflow '${callee ?? ''}'`;
    const argLabel = arg.at ? `@${name}` : name;
    for (const secret of literalSecrets(context, arg.value, allowNumber)) {
      context.report({
        range: secret.range,
        literalRange: secret.literalRange,
        kind,
        placement: 'argument',
        message: `Hard-coded ${kindLabel(kind)} in argument '${argLabel}' ${where}. Use a Get credential action.`,
        context: action ? action.id : 'CALL',
        argument: argLabel,
        statement,
      });
    }
  }
}
