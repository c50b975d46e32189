/**
 * Flow Vault: Find Secret… A quick pick over the secrets of every vault loaded in the view,
 * matched by name (and vault, content type). Picking one reveals it in the tree. With
 * `{ name }` it returns the ids of the secrets of that name without prompting.
 */
import * as vscode from 'vscode';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { KvNode } from '../tree/KvNode';
import type { SecretNode } from '../tree/resourceNodes';
import { stateOf } from '../tree/secretPresentation';
import { optionsArg } from '../../tree/resolveNode';

export async function findSecret(
  provider: KeyVaultTreeDataProvider,
  view: vscode.TreeView<KvNode> | undefined,
  ...args: unknown[]
): Promise<string[] | string | undefined> {
  const o = optionsArg<{ name?: string }>(args);
  // Make sure every loaded vault's node exists (children are built when listed).
  for (const v of provider.loadedVaults()) await v.getChildren();
  const secrets = provider.loadedSecrets();
  if (typeof o.name === 'string') {
    const wanted = o.name.toLowerCase();
    return secrets.filter((s) => s.name.toLowerCase() === wanted).map((s) => s.id);
  }
  const vaults = provider.loadedVaults();
  if (vaults.length === 0) {
    void vscode.window.showInformationMessage('Flow Vault: no vault is loaded yet. Expand a subscription in the Key Vault view first.');
    return undefined;
  }
  const partial = vaults.filter((v) => v.list.state !== 'done').length;
  const settings = provider.services.settings();
  type Item = vscode.QuickPickItem & { node: SecretNode };
  const items: Item[] = secrets.map((s) => {
    const state = stateOf(s.info, provider.services.now(), settings.expiringWithinDays);
    return {
      label: s.name,
      description: `${s.vaultNode.vault.name} · ${s.vaultNode.subscriptionNode.subscription.displayName}`,
      detail: [state.summary, s.info.contentType].filter(Boolean).join(' · ') || undefined,
      node: s,
    };
  });
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Find a secret in the loaded vaults',
    placeHolder:
      `${secrets.length} secrets in ${vaults.length} vaults` + (partial ? ` (${partial} vaults have more pages: use "Load more…" to search them too)` : ''),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  await view?.reveal(pick.node, { select: true, focus: true, expand: false });
  return pick.node.id;
}
