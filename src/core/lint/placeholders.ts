/**
 * Values that stand in for a secret rather than being one: what a template, a sample or a
 * half-finished flow holds where the real password will go. Every rule asks this one function
 * (through `candidate` in `literals.ts`), and a placeholder is never reported: there is nothing to
 * move into a vault, and a finding on every sample flow would teach users to ignore the linter.
 *
 * Real weak passwords are NOT placeholders and stay reported: `demo`, `1234`, `example`,
 * `P@ssw0rd`, `changeme123!`, `Summer2024!`. Only the whole (trimmed) value is compared.
 */

/** Masks: `********`, `xxxx`, `••••`, `---`, `?`. */
const MASK_RE = /^[*xX•●·#?_.\-]+$/;
/** Templates: `<password>`, `{{password}}`, `${PASSWORD}`, `{password}`, `[password]`, `$(pwd)`, `%VAR%`; empty quotes. */
const TEMPLATE_RE = /^(?:<[^<>]*>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|\{[^{}]*\}|\[[^[\]]*\]|\$\([^()]*\)|%[^%\s]+%|''|""|``)$/;

/** What a form asks for: the secret, or the account it belongs to. */
const FIELD = String.raw`(?:password|passwd|pwd|pass|passcode|passphrase|pin|secret|token|api[\s_-]*key|key|user[\s_-]*name|user|login|e-?mail(?:[\s_-]*address)?|account)`;
const SEP = String.raw`[\s_-]*`;
const PLACEHOLDER_WORDS_RE = new RegExp('^(?:' + [
  // `Your Password`, `your_api_key_here`, `YOUR USERNAME`
  `your${SEP}${FIELD}(?:${SEP}here)?`,
  // `password here`, `token_here`
  `${FIELD}${SEP}here`,
  // `Enter password here`, `enter your e-mail`, `type the password`
  `(?:enter|type|insert|put|paste|fill${SEP}in)${SEP}(?:(?:your|the|a)${SEP})?${FIELD}(?:${SEP}here)?`,
  // The name of what belongs there, alone: `password`, `Secret`, `API key`, `username`.
  String.raw`password|passwd|pwd|secret|token|api${SEP}key|user${SEP}name`,
  // Defaults that ask to be replaced.
  `change${SEP}(?:me|it)|replace${SEP}me`,
  String.raw`placeholder|redacted|masked|hidden|removed|none|null|nil|undefined|n\/a|tbd|todo|fixme|dummy|not${SEP}set|\*+[\s\w]*\*+`,
].join('|') + ')$', 'i');
/** Addresses at the domains reserved for examples (RFC 2606): `user@example.com`, `*@example.org`. */
const EXAMPLE_EMAIL_RE = /^[^\s@]+@(?:[a-z0-9-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i;

/** True when `value` (trimmed) is a placeholder, an example address or empty. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (MASK_RE.test(v)) return true;
  if (TEMPLATE_RE.test(v)) return true;
  if (PLACEHOLDER_WORDS_RE.test(v)) return true;
  if (v.indexOf('@') > 0 && EXAMPLE_EMAIL_RE.test(v)) return true;
  return false;
}
