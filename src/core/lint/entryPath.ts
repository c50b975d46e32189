/**
 * Paths of files inside files: `archive.zip!/inner/path` for a zip entry, and one level deeper
 * for the `script.robin` packed in a Workflows JSON (`a.zip!/Workflows/x.json!/script.robin`,
 * or `Workflows/x.json!/script.robin` outside a zip). The engine writes these paths, and reports,
 * baselines, configuration globs and the editor read them back with `splitEntryPath`.
 */

/** Between a file and the path of an entry inside it. */
export const ENTRY_SEPARATOR = '!/';

export interface EntryPath {
  /** The file on disk: the archive for `a.zip!/x`, the path itself for a plain file. */
  readonly file: string;
  /** The path inside `file` (nested levels kept: `Workflows/x.json!/script.robin`); undefined for a plain file. */
  readonly entry?: string;
}

/** `file!/entry`. */
export function joinEntryPath(file: string, entry: string): string {
  return `${file}${ENTRY_SEPARATOR}${entry}`;
}

/**
 * Splits a path into the file on disk and the entry inside it. The split is at the first `!/`,
 * or, when the caller knows the file's own path (`file`, which may itself hold `!/`), right
 * after it. Leading slashes of the entry are dropped.
 */
export function splitEntryPath(path: string, file?: string): EntryPath {
  let at: number;
  if (file !== undefined && path.length > file.length && path.startsWith(joinEntryPath(file, ''))) at = file.length;
  else if (file !== undefined && path === file) return { file };
  else at = path.indexOf(ENTRY_SEPARATOR);
  if (at < 0) return { file: path };
  let start = at + ENTRY_SEPARATOR.length;
  while (path.charCodeAt(start) === 47) start++;
  return { file: path.slice(0, at), entry: path.slice(start) };
}

/** The levels of an entry, outermost first: `['Workflows/x.json', 'script.robin']`. */
export function entryLevels(entry: string): string[] {
  return entry.split(ENTRY_SEPARATOR).map((level) => level.replace(/^\/+/, ''));
}

/** The innermost level of a path's entry (`script.robin`), or undefined for a plain file. */
export function innermostEntry(path: string): string | undefined {
  const { entry } = splitEntryPath(path);
  if (entry === undefined) return undefined;
  const levels = entryLevels(entry);
  return levels[levels.length - 1];
}
