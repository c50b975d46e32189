/**
 * Last line of defence for "a secret value never reaches a diagnostic or a notification": the
 * engine's messages never hold values, and the host checks that again before showing one.
 * Pure: no `vscode`.
 */

/** `message`, unless it contains the secret's text; then `fallback`. */
export function safeMessage(message: string, secretText: string, fallback: string): string {
  const secret = secretText.trim();
  if (secret.length >= 3 && message.includes(secret)) return fallback;
  return message;
}

/** A short count phrase: `1 finding`, `3 findings`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
