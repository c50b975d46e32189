/**
 * The workspace files that read a credential with Get credential: flow files found as the
 * workspace scan finds them (Robin files, `.txt`, `customizations.xml` with its embedded
 * definitions, `Workflows/*.json`), read once and indexed by credential name until the view is
 * refreshed. What a file reads is decided by the core (`credentialUsesInFile`).
 */
import * as vscode from 'vscode';
import { credentialNames, credentialUsesInFile } from '../../core/credentials';
import { decodeText } from '../../core/solution';
import { FLOW_GLOBS } from '../flowGlobs';
import { readSettings } from '../settings';

export class WorkspaceUsage {
  private index: Promise<Map<string, vscode.Uri[]>> | undefined;


  /** Files whose flows read the credential (case-insensitive, as Power Automate matches names). */
  async filesUsing(credentialName: string): Promise<readonly vscode.Uri[]> {
    const index = await (this.index ??= this.build());
    return index.get(credentialName.toLowerCase()) ?? [];
  }

  reset(): void {
    this.index = undefined;
  }

  private async build(): Promise<Map<string, vscode.Uri[]>> {
    const index = new Map<string, vscode.Uri[]>();
    if (!vscode.workspace.workspaceFolders?.length) return index;
    const settings = readSettings();
    const exclude = settings.scanExclude.length > 0 ? `{${settings.scanExclude.join(',')}}` : undefined;
    const maxBytes = settings.scanMaxFileSizeMB * 1024 * 1024;
    const found = new Map<string, vscode.Uri>();
    for (const glob of FLOW_GLOBS) {
      try {
        for (const u of await vscode.workspace.findFiles(glob, exclude)) found.set(u.toString(), u);
      } catch {
        return index; // no search provider (virtual workspace)
      }
    }
    for (const uri of [...found.values()].sort((a, b) => a.path.localeCompare(b.path))) {
      let names: readonly string[];
      try {
        names = await this.namesIn(uri, maxBytes);
      } catch {
        continue;
      }
      for (const name of new Set(names.map((n) => n.toLowerCase()))) {
        let list = index.get(name);
        if (!list) index.set(name, (list = []));
        list.push(uri);
      }
    }
    return index;
  }

  private async namesIn(uri: vscode.Uri, maxBytes: number): Promise<readonly string[]> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      if ((await vscode.workspace.fs.stat(uri)).size > maxBytes) return [];
      const decoded = decodeText(await vscode.workspace.fs.readFile(uri));
      if ('binary' in decoded) return [];
      text = decoded.text;
    }
    const template = readSettings(uri).getCredentialTemplate;
    return credentialNames(credentialUsesInFile(vscode.workspace.asRelativePath(uri), text, { template }).flatMap((f) => f.uses));
  }
}
