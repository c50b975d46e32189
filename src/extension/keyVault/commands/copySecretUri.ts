/** Flow Vault: Copy Secret URI (`https://{vault}.vault.azure.net/secrets/{name}[/{version}]`). */
import * as vscode from 'vscode';
import { secretUri } from '../../../azure/keyVault/references';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { SecretNode, VersionNode } from '../tree/resourceNodes';
import { resolveNode } from './resolveNode';

export async function copySecretUri(provider: KeyVaultTreeDataProvider, arg: unknown): Promise<string | undefined> {
  const node = await resolveNode<SecretNode | VersionNode>(provider, arg, ['secret', 'version']);
  if (!node) return undefined;
  const secret = node.kind === 'secret' ? node : node.secretNode;
  const uri = secretUri({
    vaultUri: secret.vaultNode.vault.vaultUri,
    secretName: secret.name,
    version: node.kind === 'version' ? node.version : undefined,
  });
  await vscode.env.clipboard.writeText(uri);
  void vscode.window.setStatusBarMessage(`Copied the URI of secret ${secret.name}`, 4000);
  return uri;
}
