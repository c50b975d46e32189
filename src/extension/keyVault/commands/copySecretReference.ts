/**
 * Flow Vault: Copy Power Platform Secret Reference: the ARM-style path a Power Platform
 * environment variable of type Secret holds,
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}`.
 */
import * as vscode from 'vscode';
import { secretArmPath } from '../../../azure/keyVault/references';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { SecretNode, VersionNode } from '../tree/resourceNodes';
import { resolveNode } from './resolveNode';

export async function copySecretReference(provider: KeyVaultTreeDataProvider, arg: unknown): Promise<string | undefined> {
  const node = await resolveNode<SecretNode | VersionNode>(provider, arg, ['secret', 'version']);
  if (!node) return undefined;
  const secret = node.kind === 'secret' ? node : node.secretNode;
  const vault = secret.vaultNode.vault;
  const path = secretArmPath({
    subscriptionId: vault.subscriptionId,
    resourceGroup: vault.resourceGroup,
    vaultName: vault.name,
    secretName: secret.name,
  });
  await vscode.env.clipboard.writeText(path);
  void vscode.window.setStatusBarMessage(`Copied the Power Platform reference of secret ${secret.name}`, 4000);
  return path;
}
