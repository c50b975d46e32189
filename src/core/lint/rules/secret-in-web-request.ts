/**
 * Credentials in web service calls (`Web.InvokeWebService.*`): `Authorization:` headers with a
 * literal credential, API-key headers (`x-api-key`, `api-key`, `Ocp-Apim-Subscription-Key`…),
 * and passwords/keys in request bodies (JSON, form-encoded, XML).
 */
import type { ActionStatement } from '../../robin/ast';
import { candidate, type FlatLiteral, type LiteralRef } from '../literals';
import { lower } from '../names';
import type { LintRule, RuleContext } from '../rule';
import { structuredSecrets } from '../rule-helpers';
import type { SecretKind } from '../types';

const HEADER_LINE = /^[ \t]*([A-Za-z0-9][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*?)[ \t]*$/gmd;
const AUTH_SCHEME = /^(basic|bearer|digest|token|negotiate|ntlm|apikey|api-key|sharedaccesssignature|sharedkey|ssws|key|oauth|hmac|aws4-hmac-sha256)\s+/i;
const KNOWN_KEY_HEADERS: Readonly<Record<string, SecretKind>> = {
  'x-api-key': 'api-key',
  'api-key': 'api-key',
  apikey: 'api-key',
  'x-apikey': 'api-key',
  'ocp-apim-subscription-key': 'api-key',
  'x-functions-key': 'api-key',
  'x-auth-token': 'token',
  'x-access-token': 'token',
  'private-token': 'token',
  'x-vault-token': 'token',
  'x-goog-api-key': 'api-key',
  'x-amz-security-token': 'token',
  'x-ms-client-secret': 'client-secret',
  'authentication': 'token',
};

export const secretInWebRequest: LintRule = {
  id: 'secret-in-web-request',
  description: 'A web service call sends a literal credential in a header or in its request body.',
  docs: [
    'A `Web.InvokeWebService` action sends a credential written in the flow: an `Authorization:` header with a literal credential (`Basic …`, `Bearer …` or raw), an API-key header (`x-api-key`, `api-key`, `Ocp-Apim-Subscription-Key`, `x-functions-key`…), or a password/secret/token field in the request body (`{"password": "…"}`, `password=…&`, `<password>…</password>`).',
    '',
    'Example:',
    '```',
    "Web.InvokeWebService.InvokeWebService Url: $'''https://api.contoso.com/orders''' Method: Web.Method.Get CustomHeaders: $'''Authorization: Bearer eyJhbGciOi…''' …",
    '```',
    'Fix: fetch the key with a **Get credential** action and interpolate it: `Authorization: Bearer %Credential.Password%`. Headers built from variables (`Authorization: %TokenType% %AccessToken%`) are not reported.',
  ].join('\n'),
  defaultSeverity: 'error',
  fixable: true,
  priority: 40,
  check(context: RuleContext): void {
    for (const ref of context.literals()) {
      const action = ref.action;
      if (!action || !isWebCall(action)) continue;
      const owner = ref.argument ? lower(ref.argument.name) : '';
      if (owner === 'customheaders' || owner === 'headers') checkHeaders(context, ref, action);
      else if (owner === 'requestbody' || owner === 'body') checkBody(context, ref, action);
    }
  },
};

function isWebCall(action: ActionStatement): boolean {
  const m = lower(action.module);
  return m === 'web' || m === 'http';
}

function checkHeaders(context: RuleContext, ref: LiteralRef, action: ActionStatement): void {
  const flat = context.flat(ref.literal);
  const text = flat.text;
  HEADER_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HEADER_LINE.exec(text)) !== null) {
    const name = m[1];
    const lower = name.toLowerCase();
    const span = m.indices?.[2];
    if (!span) continue;
    let start = span[0];
    const end = span[1];
    let kind: SecretKind | undefined;
    let label = '';
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const scheme = AUTH_SCHEME.exec(text.slice(start, end));
      if (scheme) start += scheme[0].length;
      kind = 'authorization-header';
      label = `a literal credential in the '${name}' header`;
    } else {
      kind = KNOWN_KEY_HEADERS[lower] ?? context.names.classify(name);
      if (kind === 'password') label = `a literal password in the '${name}' header`;
      else if (kind) label = `a literal key in the '${name}' header`;
    }
    if (!kind) continue;
    const c = candidate(text, start, end);
    if (!c) continue;
    report(context, ref, flat, c, kind, `Web call ${action.id} sends ${label}. Use a Get credential action and %Credential.Password%.`);
  }
}

function checkBody(context: RuleContext, ref: LiteralRef, action: ActionStatement): void {
  const flat = context.flat(ref.literal);
  for (const h of structuredSecrets(context, flat, true)) {
    report(context, ref, flat, h, h.kind, `Web call ${action.id} sends a literal ${h.kind === 'password' ? 'password' : 'secret'} in request body field '${h.name}'. Use a Get credential action and %Credential.Password%.`);
  }
}

function report(context: RuleContext, ref: LiteralRef, flat: FlatLiteral, c: { start: number; end: number }, kind: SecretKind, message: string): void {
  context.report({
    range: flat.rangeOf(c.start, c.end),
    literalRange: ref.literal.range,
    kind,
    placement: 'embedded',
    message,
    context: ref.context,
    argument: ref.owner,
    statement: ref.statement,
  });
}
