/**
 * What a name says: does an argument, variable, header, query parameter or UI element name
 * announce a secret? Pure string work, no allocation beyond the token list.
 *
 * A name is split into lower-case tokens at `_`, `-`, `.`, spaces and camelCase boundaries
 * (`APIKey` -> `api`, `key`; `Txt_Password` -> `txt`, `password`).
 */
import type { SecretKind } from './types';

const TOKEN_RE = /[A-Z]+(?![a-z])|[A-Z]?[a-z\u00DF-\u00FF]+|[0-9]+|[^\x00-\x7F]+/g;

/** Lower-case tokens of a name. */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(name)) !== null) out.push(m[0].toLowerCase());
  return out;
}

/** Words that are a password by themselves (any language we have seen in flows). */
const PASSWORD_TOKENS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pwds', 'pass', 'passcode', 'passwort', 'kennwort',
  'contraseña', 'contrasena', 'contrasenya', 'senha', 'wachtwoord', 'lösenord', 'losenord', 'passord',
  'salasana', 'hasło', 'haslo', 'heslo', 'jelszó', 'jelszo', 'parola', 'parool', 'пароль',
  'パスワード', '密码', '密碼', '비밀번호', 'pincode', 'mdp',
]);
/** Words that are a password only as the last word of a name (`DbPass`, `UserPin`, not `PassThrough`). */
const LAST_ONLY_PASSWORD_TOKENS = new Set(['pass', 'pin']);
/** Suffixes of one-word lower-case names that describe a secret rather than hold it (`secretname`). */
const JOINED_NON_SECRET_SUFFIXES = ['name', 'names', 'type', 'path', 'file', 'url', 'uri', 'id', 'ids', 'length', 'field', 'delimiter', 'header', 'expiry', 'policy', 'label', 'hint', 'vault'];
/** Substrings of an all-lower-case joined name that mean password (`dbpassword`, `motdepasse`). */
const PASSWORD_SUBSTRINGS = ['password', 'passwd', 'passwort', 'kennwort', 'motdepasse', 'contrase', 'pwd'];
const PASSPHRASE_SUBSTRINGS = ['passphrase', 'passphrases'];

/** Qualifiers that make a following `key` a secret key. */
const KEY_QUALIFIERS = new Map<string, SecretKind>([
  ['api', 'api-key'], ['apim', 'api-key'], ['subscription', 'api-key'], ['function', 'api-key'],
  ['functions', 'api-key'], ['host', 'api-key'], ['license', 'api-key'], ['auth', 'api-key'],
  ['access', 'api-key'], ['account', 'api-key'], ['storage', 'api-key'], ['sas', 'api-key'],
  ['client', 'client-secret'], ['app', 'client-secret'], ['shared', 'secret'], ['master', 'secret'],
  ['session', 'secret'], ['secret', 'secret'],
  ['private', 'private-key'], ['ssh', 'private-key'], ['rsa', 'private-key'], ['pgp', 'private-key'],
  ['gpg', 'private-key'],
  ['encryption', 'encryption-key'], ['decryption', 'encryption-key'], ['enc', 'encryption-key'],
  ['dec', 'encryption-key'], ['crypt', 'encryption-key'], ['crypto', 'encryption-key'],
  ['cipher', 'encryption-key'], ['aes', 'encryption-key'], ['hash', 'encryption-key'],
  ['hmac', 'encryption-key'], ['signing', 'encryption-key'], ['sign', 'encryption-key'],
]);
/** Joined forms (`apikey`, `Apikey`, `secretkey`) for names written as one word. */
const KEY_SUBSTRINGS: readonly (readonly [string, SecretKind])[] = [
  ['apikey', 'api-key'], ['subscriptionkey', 'api-key'], ['functionkey', 'api-key'], ['accesskey', 'api-key'],
  ['accountkey', 'api-key'], ['storagekey', 'api-key'], ['licensekey', 'api-key'], ['authkey', 'api-key'],
  ['secretkey', 'secret'], ['masterkey', 'secret'], ['sharedkey', 'secret'], ['clientkey', 'client-secret'],
  ['privatekey', 'private-key'], ['encryptionkey', 'encryption-key'], ['decryptionkey', 'encryption-key'],
  ['hashkey', 'encryption-key'], ['signingkey', 'encryption-key'], ['hmackey', 'encryption-key'],
  ['aeskey', 'encryption-key'],
];
/** Tokens before `token` that make it a paging/anti-forgery token, not a credential. */
const NON_SECRET_TOKEN_QUALIFIERS = new Set(['page', 'paging', 'continuation', 'next', 'sync', 'cancellation', 'csrf', 'xsrf', 'antiforgery', 'verification', 'delta', 'resume', 'skip']);

/**
 * Last tokens that turn a secret word into a description of something else: `PasswordDelimiter`,
 * `SecretName`, `TokenType`, `ApiKeyHeader`, `PrivateKeyFile`, `PasswordLength`, `KeyVaultUrl`.
 */
const NON_SECRET_SUFFIXES = new Set([
  'name', 'names', 'id', 'ids', 'uri', 'url', 'urls', 'path', 'paths', 'file', 'files', 'folder', 'dir',
  'directory', 'type', 'types', 'kind', 'length', 'len', 'delimiter', 'separator', 'field', 'fields', 'expiry',
  'expiration', 'expires', 'expired', 'policy', 'policies', 'prompt', 'label', 'hint', 'count', 'column', 'columns',
  'col', 'index', 'mode', 'format', 'version', 'date', 'time', 'timeout', 'enabled', 'required', 'exists',
  'header', 'headers', 'endpoint', 'provider', 'location', 'store', 'vault', 'reference', 'ref', 'changed',
  'age', 'strength', 'min', 'max', 'rule', 'rules', 'regex', 'pattern', 'template', 'question', 'algorithm',
  'size', 'bits', 'encoding', 'char', 'chars', 'position', 'selector', 'element', 'control', 'textbox',
  'box', 'button', 'btn', 'screen', 'window', 'tab', 'link', 'flag', 'status', 'state', 'result', 'results',
  'message', 'msg', 'error', 'errors', 'text', 'caption', 'title', 'description', 'desc', 'list', 'table',
  'vaults', 'set', 'used', 'valid', 'validation', 'check', 'visible', 'type', 'prefix', 'suffix', 'length',
  'identifier', 'thumbprint', 'alias', 'owner', 'user', 'username', 'login', 'account', 'secretname',
]);
/** First tokens that make the name a flag or an action about a secret (`IsPassword`, `ShowPassword`). */
const NON_SECRET_PREFIXES = new Set(['is', 'has', 'use', 'uses', 'show', 'hide', 'enable', 'disable', 'require', 'requires', 'forgot', 'no', 'num', 'number', 'count', 'min', 'max']);

export interface NameClassifier {
  /** The kind of secret a name announces, or undefined. */
  classify(name: string): SecretKind | undefined;
  /** True when a UI element (or window) name says it is a password/PIN box. */
  isPasswordField(name: string): boolean;
}

/** Build a classifier; `extraWords` come from the configuration (`secretWords`). */
export function createNameClassifier(extraWords: readonly string[] = []): NameClassifier {
  const extras = extraWords.map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')).filter((w) => w.length > 0);
  const cache = new Map<string, SecretKind | null>();
  const fieldCache = new Map<string, boolean>();

  function compute(name: string): SecretKind | undefined {
    const tokens = nameTokens(name);
    if (tokens.length === 0) return undefined;
    const last = tokens[tokens.length - 1];
    if (tokens.length > 1 && NON_SECRET_SUFFIXES.has(last)) return undefined;
    if (tokens.length > 1 && NON_SECRET_PREFIXES.has(tokens[0])) return undefined;
    const joined = tokens.join('');
    if (tokens.length === 1) {
      for (const suffix of JOINED_NON_SECRET_SUFFIXES) {
        if (joined.length > suffix.length + 2 && joined.endsWith(suffix)) return undefined;
      }
    }
    for (const w of extras) if (joined.includes(w)) return 'secret';
    for (const s of PASSPHRASE_SUBSTRINGS) if (joined.includes(s)) return 'passphrase';
    // A describing word after the secret word (`PasswordExpiryDays`, `ApiKeyHeaderName`) makes it metadata.
    const describedAfter = (i: number): boolean => {
      for (let j = i + 1; j < tokens.length; j++) if (NON_SECRET_SUFFIXES.has(tokens[j])) return true;
      return false;
    };
    const at = (kind: SecretKind | undefined, i: number): SecretKind | undefined => (kind && !describedAfter(i) ? kind : undefined);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (PASSWORD_TOKENS.has(t)) return at('password', i);
      if (LAST_ONLY_PASSWORD_TOKENS.has(t) && i === tokens.length - 1) return 'password';
      if (t === 'phrase' && i > 0 && tokens[i - 1] === 'pass') return at('passphrase', i);
      if (t === 'secret' || t === 'secrets') {
        const prev = i > 0 ? tokens[i - 1] : '';
        // `SecretAccessKey`, `Secret_Key`: the key decides below.
        if (tokens.slice(i + 1).includes('key')) continue;
        return at(prev === 'client' || prev === 'app' || prev === 'consumer' ? 'client-secret' : 'secret', i);
      }
      if (t === 'token' || t === 'tokens') {
        const prev = i > 0 ? tokens[i - 1] : '';
        if (NON_SECRET_TOKEN_QUALIFIERS.has(prev)) return undefined;
        return at('token', i);
      }
      if ((t === 'key' || t === 'keys') && i > 0) {
        // `Secret_Access_Key`: `secret` anywhere before wins over the nearest qualifier.
        if (tokens.slice(0, i).includes('secret')) return at('secret', i);
        const kind = KEY_QUALIFIERS.get(tokens[i - 1]);
        if (kind) return at(kind, i);
      }
    }
    for (const s of PASSWORD_SUBSTRINGS) if (joined.includes(s)) return 'password';
    for (const [s, kind] of KEY_SUBSTRINGS) if (joined.includes(s)) return kind;
    if (joined.includes('secret')) return 'secret';
    if (/(access|auth|bearer|refresh|api|sas|id|session)token/.test(joined)) return 'token';
    return undefined;
  }

  return {
    classify(name: string): SecretKind | undefined {
      const hit = cache.get(name);
      if (hit !== undefined) return hit ?? undefined;
      const kind = compute(name);
      if (cache.size > 10000) cache.clear();
      cache.set(name, kind ?? null);
      return kind;
    },
    isPasswordField(name: string): boolean {
      const hit = fieldCache.get(name);
      if (hit !== undefined) return hit;
      const result = computeField(name, extras);
      if (fieldCache.size > 10000) fieldCache.clear();
      fieldCache.set(name, result);
      return result;
    },
  };
}

/** Tokens that make a password-named element something other than the box itself. */
const NON_FIELD_TOKENS = new Set(['forgot', 'forgotten', 'show', 'hide', 'reveal', 'toggle', 'link', 'label', 'hint', 'strength', 'policy', 'requirements', 'reset', 'lbl', 'icon', 'eye', 'checkbox', 'chk', 'btn', 'button', 'error', 'message', 'msg', 'help', 'tooltip', 'remember']);

function computeField(name: string, extras: readonly string[]): boolean {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return false;
  for (const t of tokens) if (NON_FIELD_TOKENS.has(t)) return false;
  const joined = tokens.join('');
  for (const t of tokens) if (PASSWORD_TOKENS.has(t) || LAST_ONLY_PASSWORD_TOKENS.has(t)) return true;
  for (const s of PASSWORD_SUBSTRINGS) if (joined.includes(s)) return true;
  for (const s of PASSPHRASE_SUBSTRINGS) if (joined.includes(s)) return true;
  if (joined.includes('motdepasse') || /mot\s+de\s+passe/i.test(name)) return true;
  if (/type\s*=\s*["']?password/i.test(name)) return true;
  for (const w of extras) if (joined.includes(w)) return true;
  return false;
}

/** Words that name an account: the user name or address a password belongs to. */
const ACCOUNT_TOKENS = new Set(['user', 'users', 'username', 'usernames', 'userid', 'login', 'logon', 'email', 'emails', 'mail', 'upn', 'account', 'accounts']);
/** Last words that keep an account name an account name (`UserName`, `LoginId`, `EmailAddress`). */
const ACCOUNT_LAST_TOKENS = new Set(['name', 'id', 'address', 'addr', 'principal']);
/** One-word lower-case names (`username`, `useremail`, `loginid`, `emailaddress`). */
const JOINED_ACCOUNT_RE = /^(?:user|login|logon|e?mail|account|upn)(?:principal)?(?:name|id|e?mail|address|addr)?$/;

/**
 * True when a name says it holds an account rather than a secret: `Input_Username`, `Login`,
 * `E_Mail`, `UserEmail`, `AccountName`, `UserPrincipalName`. Callers ask this only of names that
 * `classify` does not call secret (`LoginPassword` and `AccountKey` stay secrets).
 */
export function saysAccount(name: string): boolean {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return false;
  const last = tokens[tokens.length - 1];
  if (JOINED_ACCOUNT_RE.test(last)) return true;
  if (!ACCOUNT_LAST_TOKENS.has(last) && !ACCOUNT_TOKENS.has(last)) return false;
  for (const t of tokens) if (ACCOUNT_TOKENS.has(t) || JOINED_ACCOUNT_RE.test(t)) return true;
  return false;
}

const KIND_LABELS: Record<SecretKind, string> = {
  'password': 'password',
  'username': 'user name',
  'passphrase': 'passphrase',
  'api-key': 'API key',
  'token': 'token',
  'private-key': 'private key',
  'connection-string-password': 'password in a connection string',
  'authorization-header': 'credential in an Authorization header',
  'url-key': 'key in a URL',
  'client-secret': 'client secret',
  'encryption-key': 'encryption key',
  'webhook-url': 'webhook URL',
  'secret': 'secret',
};

/** Human words for a kind, for messages. */
export function kindLabel(kind: SecretKind): string {
  return KIND_LABELS[kind];
}

const lowerCache = new Map<string, string>();

/** `s.toLowerCase()`, cached: action ids, module and argument names repeat thousands of times per file. */
export function lower(s: string): string {
  let l = lowerCache.get(s);
  if (l === undefined) {
    l = s.toLowerCase();
    if (lowerCache.size > 20000) lowerCache.clear();
    lowerCache.set(s, l);
  }
  return l;
}
