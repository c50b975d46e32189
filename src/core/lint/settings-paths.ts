/**
 * Absolute, `/`-separated paths as the settings rule sees them: `/home/a/flows`,
 * `C:/Users/a/flows` (a Windows drive), `/c:/Users/a/flows` (a VS Code URI path). Pure string
 * work: no file system, no `node:path`, the same in the CLI and the editor.
 */

/** A backslash, a doubled `/`, or a `.` or `..` part. */
const NOT_NORMAL = /\\|\/\/|\/\.\.?(?:\/|$)/;

/** True when `p` is already what normalizeAbsolute would make of it. */
function isNormal(p: string): boolean {
  const rooted = p.charCodeAt(0) === 47 || /^[A-Za-z]:\//.test(p);
  if (!rooted || NOT_NORMAL.test(p)) return false;
  return !p.endsWith('/') || p === '/' || /^[A-Za-z]:\/$/.test(p);
}

/** `/` separators, no `.` or `..` parts, no trailing `/` (except on a root: `/`, `C:/`). */
export function normalizeAbsolute(p: string): string {
  // Already normal (what the CLI and VS Code give, once per file): as it is.
  if (isNormal(p)) return p;
  const slashed = p.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:(?=\/|$)/.exec(slashed)?.[0];
  const prefix = drive ? `${drive}/` : '/';
  const rest = slashed.slice(drive ? drive.length : 0);
  const parts: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return prefix + parts.join('/');
}

/** True for `/x`, `C:/x` and `C:\x`. */
export function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

/** The folder that holds `p`; undefined for a root. */
export function parentOf(p: string): string | undefined {
  const cut = p.lastIndexOf('/');
  if (cut < 0 || cut === p.length - 1) return undefined;
  const parent = p.slice(0, cut);
  return parent === '' || /^[A-Za-z]:$/.test(parent) ? `${parent}/` : parent;
}

/** `rel` from the folder `dir` (an absolute `rel` stands for itself). */
export function resolveFrom(dir: string, rel: string): string {
  return normalizeAbsolute(isAbsolute(rel) ? rel : `${dir}/${rel}`);
}

/** `p` relative to the folder `dir` when it is inside it; otherwise undefined. */
export function relativeInside(dir: string, p: string): string | undefined {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return p.length > prefix.length && p.startsWith(prefix) ? p.slice(prefix.length) : undefined;
}

/** True when `p` is the folder `dir` or inside it. */
export function isWithin(dir: string, p: string): boolean {
  return p === dir || relativeInside(dir, p) !== undefined;
}
