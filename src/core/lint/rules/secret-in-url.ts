/**
 * Credentials in URLs: `scheme://user:password@host`, keys in query strings (`?api_key=…`,
 * `&token=…`, `sig=…` of a SAS URL, `code=…` of an Azure Functions URL) and keys in the path
 * (`/v6/<key>/latest`, `/key/<key>`: `url-path-keys.ts`).
 */
import { candidate, HOLE } from '../literals';
import { isPlaceholder } from '../placeholders';
import { type PathKey, pathKeys } from '../url-path-keys';
import type { LiteralRef } from '../literals';
import type { LintRule, RuleContext } from '../rule';
import type { SecretKind } from '../types';

const USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/?#'"]+):([^\s@/?#'"]*)@/gi;
/** A URL's authority and path (group 1), up to `?`, `#`, a space or a quote. */
const URL_PATH = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#'"<>]*([^\s?#'"<>]*)/gi;
const QUERY = /[?&;/]([A-Za-z0-9_.\-[\]]+)=([^&#\s'"<>;]*)/g;
/** Query parameter names that are keys even though the name alone does not say so. */
const KEY_PARAMS: Readonly<Record<string, SecretKind>> = {
  key: 'api-key',
  sig: 'url-key',
  signature: 'url-key',
  'x-amz-signature': 'url-key',
  'x-goog-signature': 'url-key',
  code: 'url-key',
  auth: 'token',
  access_token: 'token',
  apikey: 'api-key',
  subscription_key: 'api-key',
  'subscription-key': 'api-key',
  client_secret: 'client-secret',
};
const URL_OWNER = /url|uri|endpoint|address|link|href|query|webhook|site/i;

export const secretInUrl: LintRule = {
  id: 'secret-in-url',
  description: 'A URL carries a credential: user:password@host, a key/token/signature in its query string, or an API key in its path.',
  docs: [
    'A URL written in the flow carries a credential: a password in `https://user:password@host/`, a key, token or signature in its query string (`?api_key=…`, `&access_token=…`, the `sig=` of an Azure SAS URL, the `code=` of an Azure Functions URL), or an API key in its path: a key-shaped segment right after `/key/`, `/apikey/`, `/token/`, or right after a version or `/api/` (`https://v6.exchangerate-api.com/v6/<24 hex digits>/latest/USD`). Resource ids, GUIDs, git and content hashes, dates, versions and slugs elsewhere in a path are not reported.',
    '',
    'Example:',
    '```',
    "Web.InvokeWebService.InvokeWebService Url: $'''https://contoso.azurewebsites.net/api/orders?code=4f2…''' Method: Web.Method.Get …",
    '```',
    'Fix: keep the key in a credential (or Key Vault) and interpolate it: `?code=%Credential.Password%`, or send it in a header built from the credential. Interpolated values (`?code=%FunctionKey%`) are not reported.',
  ].join('\n'),
  defaultSeverity: 'error',
  fixable: true,
  priority: 45,
  check(context: RuleContext): void {
    for (const ref of candidates(context)) {
      const flat = context.flat(ref.literal);
      const text = flat.text;
      const hasScheme = text.includes('://');
      const where = `${ref.context === '@@' ? 'annotation' : ref.context === 'SET' ? 'variable' : 'argument'} '${ref.owner}' of ${ref.context}`;
      if (hasScheme) {
        USERINFO.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = USERINFO.exec(text)) !== null) {
          const user = m[1];
          if (user.includes(HOLE)) continue;
          const pwStart = m.index + m[0].length - 1 - m[2].length;
          const c = candidate(text, pwStart, pwStart + m[2].length);
          if (!c) continue;
          context.report({
            range: flat.rangeOf(c.start, c.end),
            literalRange: ref.literal.range,
            kind: 'password',
            placement: 'embedded',
            message: `Hard-coded password in the user:password@ part of a URL (${where}). Use a Get credential action and %Credential.Password%.`,
            context: ref.context,
            argument: ref.owner,
            statement: ref.statement,
          });
        }
      }
      if (!hasScheme && !URL_OWNER.test(ref.owner) && !/^[?/]/.test(text)) continue;
      for (const key of keysInPaths(text, hasScheme)) {
        context.report({
          range: flat.rangeOf(key.start, key.end),
          literalRange: ref.literal.range,
          kind: 'api-key',
          placement: 'embedded',
          message: `Hard-coded key in the path of a URL, after '/${key.after}/' (${where}). Keep it in a credential and interpolate it.`,
          context: ref.context,
          argument: ref.owner,
          statement: ref.statement,
        });
      }
      const azureFunction = /azurewebsites\.net|\/api\//i.test(text);
      QUERY.lastIndex = 0;
      let q: RegExpExecArray | null;
      while ((q = QUERY.exec(text)) !== null) {
        const name = q[1];
        if (name.includes(HOLE)) continue;
        const lower = name.toLowerCase();
        let kind: SecretKind | undefined = KEY_PARAMS[lower];
        if (lower === 'code' && !azureFunction) kind = undefined;
        if (!kind) {
          const named = context.names.classify(name);
          if (named) kind = named === 'api-key' ? 'api-key' : named === 'password' ? 'password' : 'url-key';
        }
        if (!kind) continue;
        const valueStart = q.index + q[0].length - q[2].length;
        // A `name=value` path segment (`/apikey=…/latest`) ends at the next `/` or `?`.
        const inPath = q[0].charCodeAt(0) === 47;
        const valueLength = inPath ? q[2].search(/[/?]|$/) : q[2].length;
        const c = candidate(text, valueStart, valueStart + valueLength);
        if (!c) continue;
        if (KEY_PARAMS[lower] && kind !== 'password' && c.end - c.start < 6) continue;
        context.report({
          range: flat.rangeOf(c.start, c.end),
          literalRange: ref.literal.range,
          kind,
          placement: 'embedded',
          message: `Hard-coded ${kind === 'password' ? 'password' : 'key'} in ${inPath ? 'path' : 'query'} parameter '${name}' of a URL (${where}). Keep it in a credential and interpolate it.`,
          context: ref.context,
          argument: ref.owner,
          statement: ref.statement,
        });
      }
    }
  },
};

/** Key segments in the path of every URL of `text` (or of the text itself, a URL without a scheme). */
function keysInPaths(text: string, hasScheme: boolean): PathKey[] {
  const out: PathKey[] = [];
  const add = (start: number, end: number): void => {
    for (const key of pathKeys(text, start, end)) if (!isPlaceholder(text.slice(key.start, key.end))) out.push(key);
  };
  if (!hasScheme) {
    const end = text.search(/[\s?#]/);
    add(0, end < 0 ? text.length : end);
    return out;
  }
  URL_PATH.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_PATH.exec(text)) !== null) {
    if (m[1].length > 1) add(m.index + m[0].length - m[1].length + 1, m.index + m[0].length);
  }
  return out;
}

const urlOwnerCache = new Map<string, boolean>();

/** Literals holding `://`, and those holding `?` given to a URL-ish argument or variable (a bare `…?key=…`). */
function candidates(context: RuleContext): readonly LiteralRef[] {
  const withScheme = context.literalsContaining('://');
  const withQuery = context.literalsContaining('?');
  if (withQuery.length === 0) return withScheme;
  const seen = new Set(withScheme);
  const out = [...withScheme];
  for (const ref of withQuery) {
    if (seen.has(ref)) continue;
    let isUrl = urlOwnerCache.get(ref.owner);
    if (isUrl === undefined) {
      isUrl = URL_OWNER.test(ref.owner);
      if (urlOwnerCache.size > 5000) urlOwnerCache.clear();
      urlOwnerCache.set(ref.owner, isUrl);
    }
    if (isUrl) out.push(ref);
  }
  return out;
}
