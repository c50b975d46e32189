/** Flow Vault: Copy Credential Name: what a Get credential action names. */
import * as vscode from 'vscode';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';
import type { CredentialNode } from '../tree/credentialNodes';
import { resolveCredNode } from './resolveNode';

export async function copyCredentialName(provider: CredentialsTreeDataProvider, arg: unknown): Promise<string | undefined> {
  const node = await resolveCredNode<CredentialNode>(provider, arg, ['credential']);
  if (!node) return undefined;
  await vscode.env.clipboard.writeText(node.name);
  void vscode.window.setStatusBarMessage(`Copied the credential name ${node.name}`, 4000);
  return node.name;
}
