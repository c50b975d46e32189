/** Path helpers: display paths, `/`-separated, relative to a folder when inside it. */
import * as path from 'node:path';

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

const SEP = path.sep.charCodeAt(0);

/**
 * `path.relative(base, p)` for absolute, normalised paths: a slice when `p` is inside `base`
 * (the usual case, and thousands of times per run), else path.relative.
 */
export function relativePath(base: string, p: string): string {
  if (p.length > base.length + 1 && p.charCodeAt(base.length) === SEP && p.startsWith(base) && base.length > 1) {
    return p.slice(base.length + 1);
  }
  return path.relative(base, p);
}

/** `p` relative to `base` with `/` separators when it is inside `base`; otherwise absolute. */
export function relativeOrAbsolute(base: string, p: string): string {
  const rel = relativePath(base, p);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return toPosix(p);
  return toPosix(rel);
}

/** A short reason for a failed file operation: `ENOENT` → "no such file". */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'the file is too large to read';
    default:
      return err?.code ? `${err.code}` : String((err as Error)?.message ?? e);
  }
}
