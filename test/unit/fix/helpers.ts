/** Helpers for fix tests: findings placed by hand (so these tests do not depend on rule details). */
import { parse } from '../../../src/core/robin';
import type { FixableFinding, RobinText } from '../../../src/core/fix';
import type { SecretKind, SecretPlacement } from '../../../src/core/lint/types';

export function unit(text: string): RobinText {
  return { text, script: parse(text) };
}

/**
 * A finding for the `occurrence`-th (0-based) `secret` in `text`. `literal` is the text of the
 * string literal that holds it (default `$'''<secret>'''`), located around the secret.
 */
export function findingAt(
  text: string,
  secret: string,
  placement: SecretPlacement,
  options: { kind?: SecretKind; ruleId?: string; occurrence?: number; literal?: string } = {},
): FixableFinding {
  let start = -1;
  for (let i = 0; i <= (options.occurrence ?? 0); i++) {
    start = text.indexOf(secret, start + 1);
    if (start < 0) throw new Error(`'${secret}' not in text`);
  }
  const end = start + secret.length;
  const literal = options.literal ?? `$'''${secret}'''`;
  let lit = -1;
  for (let i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + 1)) {
    if (i <= start && end <= i + literal.length) {
      lit = i;
      break;
    }
  }
  if (lit < 0) throw new Error(`literal ${literal} not around the secret`);
  return {
    ruleId: options.ruleId ?? 'secret-in-password-argument',
    range: { start, end },
    placement,
    kind: options.kind ?? 'password',
    literalRange: { start: lit, end: lit + literal.length },
    fingerprint: `fp-${start}`,
  };
}

export const TEMPLATE = "PowerAutomateSecretVariables.GetCredential Credential: '${credentialName}' Timeout: 0 Credential=> ${variable}";

/** Joins lines with `eol` (and a final one). */
export function lines(eol: string, ...l: string[]): string {
  return l.join(eol) + eol;
}
