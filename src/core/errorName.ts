/**
 * How an unexpected error is named wherever it is shown or logged: by its kind (and its code,
 * when it has one), never by its message, which may quote file content.
 */

/** `TypeError`; `Error (ENOENT)`; the type of a thrown value that is not an Error. */
export function errorName(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const name = e.name || 'Error';
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(code) && !name.includes(code) ? `${name} (${code})` : name;
}
