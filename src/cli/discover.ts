/**
 * Turns the paths on the command line into the files to lint: files as named, folders searched
 * recursively, globs expanded. Symbolic links to folders are not followed (no loops).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Tinyglobby from 'tinyglobby';

export interface Candidate {
  readonly absolutePath: string;
  /**
   * True when the user named the file itself: it is linted whatever its name. Files found in a
   * folder or by a glob are linted only when they look like flows (a `.txt` must hold Robin).
   */
  readonly explicit: boolean;
}

export interface Discovery {
  readonly files: Candidate[];
  /** Paths that are neither a file, a folder nor a glob that matched anything. */
  readonly missing: string[];
  /** Folders that could not be listed. */
  readonly unreadable: { path: string; message: string }[];
}

export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * Which files a folder walk keeps, by name (and, for `Workflows/*.json`, the folder's). `.txt`
 * files are kept here and checked by content; so are Workflows JSON files (most hold no flow).
 */
export function isFlowFileName(name: string, folder = ''): boolean {
  const lower = name.toLowerCase();
  return (
    lower.endsWith('.robin') ||
    lower.endsWith('.powerautomate') ||
    lower.endsWith('.flow') ||
    lower.endsWith('.pad') ||
    lower.endsWith('.txt') ||
    lower.endsWith('.zip') ||
    lower === 'customizations.xml' ||
    (lower.endsWith('.json') && folder.toLowerCase() === 'workflows')
  );
}

/** Which files a folder walk keeps: by name and folder name, or by the whole path. */
export type KeepFile = (name: string, folder: string, absolutePath: string) => boolean;

const byName: KeepFile = (name, folder) => isFlowFileName(name, folder);

function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p) || /(^|[^\\])!\(/.test(p);
}

function walk(dir: string, out: Candidate[], unreadable: Discovery['unreadable'], keep: KeepFile): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    unreadable.push({ path: dir, message: (e as NodeJS.ErrnoException).code ?? String(e) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // `dir` is absolute and normal: joining by hand gives what path.join would, for less.
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const folder = path.basename(dir);
  for (const entry of entries) {
    const full = prefix + entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(full, out, unreadable, keep);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (!keep(entry.name, folder, full)) continue;
      if (entry.isSymbolicLink()) {
        // A link to a file is linted; a link to a folder is not followed.
        try {
          if (!fs.statSync(full).isFile()) continue;
        } catch {
          continue;
        }
      }
      out.push({ absolutePath: full, explicit: false });
    }
  }
}

/**
 * The files to lint. `keep` chooses the files of folders (by default: the names of flow files);
 * files named on the command line and glob matches are kept whatever their name.
 */
export function discover(inputs: readonly string[], cwd: string, keep: KeepFile = byName): Discovery {
  const files: Candidate[] = [];
  const missing: string[] = [];
  const unreadable: Discovery['unreadable'] = [];
  for (const input of inputs.length > 0 ? inputs : ['.']) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      walk(abs, files, unreadable, keep);
    } else if (stat) {
      files.push({ absolutePath: abs, explicit: true });
    } else if (isGlob(input)) {
      // Loaded only for globs.
      const { globSync } = require('tinyglobby') as typeof Tinyglobby;
      const matches = globSync(input.split(path.sep).join('/'), {
        cwd,
        absolute: true,
        dot: false,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: ['**/node_modules/**', '**/.git/**'],
        expandDirectories: false,
      }).sort();
      if (matches.length === 0) missing.push(input);
      for (const m of matches) files.push({ absolutePath: path.resolve(m), explicit: false });
    } else {
      missing.push(input);
    }
  }
  // The same file named twice (a folder and a glob) is linted once; an explicit mention wins.
  const seen = new Map<string, Candidate>();
  for (const f of files) {
    const prior = seen.get(f.absolutePath);
    if (!prior || (f.explicit && !prior.explicit)) seen.set(f.absolutePath, f);
  }
  return { files: [...seen.values()], missing, unreadable };
}
