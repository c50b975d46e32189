/**
 * Which Power Automate credential a Get credential fix reads. Credential names come from
 * `CredentialSource`s (the Credentials view adds one backed by Dataverse when the Azure half
 * loads) and from names typed earlier in this workspace. Names are not secrets.
 */
import * as vscode from 'vscode';
import { credentialNameProblem } from '../core/fix';

export interface CredentialSource {
  /** Shown beside each name, e.g. the environment. */
  readonly label: string;
  /** Credential names usable in desktop flows. May be empty; must not prompt. */
  listCredentialNames(token?: vscode.CancellationToken): Promise<readonly string[]>;
}

/** Before the Azure half loads, the extension knows no credentials. */
export const noCredentials: CredentialSource = {
  label: 'none',
  listCredentialNames: async () => [],
};

const RECENT_KEY = 'flowVault.recentCredentialNames';
const TYPE_A_NAME = '$(edit) Type a credential name…';

export class CredentialPicker {
  private readonly sources: CredentialSource[] = [];

  constructor(private readonly memento: vscode.Memento) {}

  addSource(source: CredentialSource): vscode.Disposable {
    this.sources.push(source);
    return new vscode.Disposable(() => {
      const i = this.sources.indexOf(source);
      if (i >= 0) this.sources.splice(i, 1);
    });
  }

  /** Remembers a name used in a fix, so that the next fix offers it first. */
  async remember(name: string): Promise<void> {
    const recent = this.recent().filter((n) => n !== name);
    await this.memento.update(RECENT_KEY, [name, ...recent].slice(0, 10));
  }

  recent(): string[] {
    const v = this.memento.get<unknown>(RECENT_KEY);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && !credentialNameProblem(x)) : [];
  }

  /** QuickPick of known names plus "Type a credential name…"; undefined when cancelled. */
  async pick(title: string): Promise<string | undefined> {
    const items: (vscode.QuickPickItem & { name?: string })[] = [];
    const seen = new Set<string>();
    for (const source of this.sources) {
      let names: readonly string[] = [];
      try {
        names = await source.listCredentialNames();
      } catch {
        names = [];
      }
      for (const name of names) {
        if (seen.has(name) || credentialNameProblem(name)) continue;
        seen.add(name);
        items.push({ label: name, description: source.label, name });
      }
    }
    const recent = this.recent().filter((n) => !seen.has(n));
    if (recent.length > 0) {
      items.push({ label: 'Recently used', kind: vscode.QuickPickItemKind.Separator });
      for (const name of recent) items.push({ label: name, description: 'used before in this workspace', name });
    }
    if (items.length === 0) return this.typeName(title);
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: TYPE_A_NAME, alwaysShow: true });
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: 'Choose the Power Automate credential that holds this secret',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    return picked.name ?? this.typeName(title);
  }

  private typeName(title: string): Promise<string | undefined> {
    return Promise.resolve(
      vscode.window.showInputBox({
        title,
        prompt: 'Name of the Power Automate credential (Get credential reads it at run time). The secret itself stays out of the flow.',
        placeHolder: 'e.g. SAP service account',
        ignoreFocusOut: true,
        validateInput: (v) => credentialNameProblem(v) ?? null,
      }),
    );
  }
}
