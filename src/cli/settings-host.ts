/**
 * The settings rule's host for the CLI: files read with `node:fs`. The folders the file search
 * listed are not asked again: whether they hold a `.flowvaultrc.json` or a
 * `.flowvault-baseline.json` is known from the listing (a large tree has thousands of folders).
 */
import * as fs from 'node:fs';
import { BASELINE_FILE, CONFIG_FILE, type SettingsHost } from '../core/lint/settings';
import { toPosix } from './paths';

/** What the file search saw: its folders, and the settings files in them (`/`-separated). */
export class FolderListing {
  private readonly folders = new Set<string>();
  private readonly settingsFiles = new Set<string>();
  private last = '';

  /** Called for every file of a listed folder. */
  see(name: string, absolutePath: string): void {
    const dir = absolutePath.slice(0, absolutePath.length - name.length - 1);
    if (dir !== this.last) {
      this.last = dir;
      this.folders.add(toPosix(dir));
    }
    if (name === CONFIG_FILE || name === BASELINE_FILE) this.settingsFiles.add(toPosix(absolutePath));
  }

  /** True or false when the listing knows whether `file` is there; undefined when it does not. */
  has(file: string): boolean | undefined {
    const cut = file.lastIndexOf('/');
    const name = file.slice(cut + 1);
    // Only the two names are recorded (a configuration may name a baseline of any name).
    if (name !== CONFIG_FILE && name !== BASELINE_FILE) return undefined;
    return this.folders.has(file.slice(0, cut)) ? this.settingsFiles.has(file) : undefined;
  }
}

export function createSettingsHost(listing?: FolderListing): SettingsHost {
  return {
    async readText(file) {
      if (listing?.has(file) === false) return undefined;
      try {
        // Mostly absent: a stat that does not throw is cheaper than a failed read.
        if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
        return fs.readFileSync(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw e;
      }
    },
  };
}
