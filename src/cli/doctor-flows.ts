/**
 * The credentials that flows name in their Get credential actions: the files and folders on the
 * command line are read as `flow-vault lint` reads them (Robin, customizations.xml, Workflows
 * JSON, solution zips), and each credential name is kept with the files that use it.
 */
import * as fs from 'node:fs';
import { credentialUsesInFile } from '../core/credentials/usedBy';
import { joinEntryPath } from '../core/lint/entryPath';
import { decodeText, readZip } from '../core/solution';
import type { CredentialRequest } from '../azure/doctor';
import { discover } from './discover';
import { describeFsError, relativeOrAbsolute, toPosix } from './paths';

export interface FlowCredentials {
  readonly credentials: CredentialRequest[];
  readonly filesRead: number;
  /** Paths that matched nothing, and files that could not be read (with why). */
  readonly problems: string[];
}

function usesIn(path: string, bytes: Uint8Array): { name: string; where: string }[] {
  const out: { name: string; where: string }[] = [];
  const add = (where: string, text: string): void => {
    for (const file of credentialUsesInFile(where, text)) {
      for (const u of file.uses) if (u.name !== undefined && !u.disabled) out.push({ name: u.name, where: file.flowName ? `${where} (${file.flowName})` : where });
    }
  };
  if (path.toLowerCase().endsWith('.zip')) {
    for (const entry of readZip(bytes).entries) {
      const decoded = decodeText(entry.bytes);
      if (!('binary' in decoded)) add(joinEntryPath(path, entry.path), decoded.text);
    }
    return out;
  }
  const decoded = decodeText(bytes);
  if (!('binary' in decoded)) add(path, decoded.text);
  return out;
}

export function credentialsOfFlows(paths: readonly string[], cwd: string): FlowCredentials {
  const found = discover(paths, cwd);
  const problems = [...found.missing.map((p) => `${p}: no such file, folder or glob match`), ...found.unreadable.map((u) => `${u.path}: ${u.message}`)];
  const byName = new Map<string, { name: string; usedIn: Set<string> }>();
  let filesRead = 0;
  for (const f of found.files) {
    const shown = toPosix(relativeOrAbsolute(cwd, f.absolutePath));
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(f.absolutePath);
    } catch (e) {
      problems.push(`${shown}: ${describeFsError(e)}`);
      continue;
    }
    filesRead++;
    for (const u of usesIn(shown, bytes)) {
      const key = u.name.toLowerCase();
      const entry = byName.get(key) ?? { name: u.name, usedIn: new Set<string>() };
      entry.usedIn.add(u.where);
      byName.set(key, entry);
    }
  }
  return { credentials: [...byName.values()].map((e) => ({ name: e.name, usedIn: [...e.usedIn] })), filesRead, problems };
}
