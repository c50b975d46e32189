/**
 * Masking: the second line of defence for "a secret value never reaches a message". The engine's
 * messages never quote values; before anything is shown (the CLI's reports, the editor's
 * diagnostics), every message, flow name, problem and ignore-comment reason is masked again
 * with the secrets of its file.
 */
import type { Range } from '../robin/ast';

/** Secrets shorter than this are not masked (a single character would mask every word). */
export const MIN_MASKED_LENGTH = 2;

/** The longest run of asterisks that stands for a secret (its length stays unknown beyond it). */
const MAX_STARS = 8;

/**
 * The secrets of a file: the text of each finding's range in `text` (trimmed), of at least
 * `MIN_MASKED_LENGTH` characters, longest first, so that a secret holding another is masked whole.
 */
export function secretsOf(text: string, findings: Iterable<{ readonly range: Range }>): string[] {
  const set = new Set<string>();
  for (const f of findings) {
    const s = text.slice(f.range.start, f.range.end).trim();
    if (s.length >= MIN_MASKED_LENGTH) set.add(s);
  }
  return [...set].sort((a, b) => b.length - a.length);
}

/** `message` with each occurrence of each secret (as `secretsOf` gives them) replaced by asterisks. */
export function maskSecrets(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) {
    if (s.length === 0) continue;
    if (out.includes(s)) out = out.split(s).join('*'.repeat(Math.min(s.length, MAX_STARS)));
  }
  return out;
}
