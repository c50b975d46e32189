/** Flow Vault: Sign in to Azure… (pick how). */
import * as vscode from 'vscode';
import type { AzureSessionManager } from '../sessionManager';
import { requireTrust } from './requireTrust';
import { signInWithAzureCli } from './signInWithAzureCli';
import { signInWithMicrosoft } from './signInWithMicrosoft';
import { signInWithServicePrincipal } from './signInWithServicePrincipal';

export async function signIn(manager: AzureSessionManager): Promise<boolean> {
  if (!(await requireTrust())) return false;
  const cloud = manager.cloud;
  type Item = vscode.QuickPickItem & { run?: () => Promise<boolean> };
  const items: Item[] = [
    { label: '$(account) Microsoft account', detail: "VS Code's built-in Microsoft sign-in; all your tenants", run: () => signInWithMicrosoft(manager) },
    { label: '$(terminal) Azure CLI', detail: 'The account you signed in with `az login`', run: () => signInWithAzureCli(manager) },
    { label: '$(key) Service principal with a client secret', detail: 'Secret kept in SecretStorage', run: () => signInWithServicePrincipal(manager, { kind: 'secret' }) },
    { label: '$(file-binary) Service principal with a certificate', detail: 'PEM file path kept in SecretStorage', run: () => signInWithServicePrincipal(manager, { kind: 'certificate' }) },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(globe) Cloud: ${cloud.displayName}`, detail: 'Change the cloud (user setting flowVault.azure.cloud)', run: async () => (await vscode.commands.executeCommand<boolean>('flowVault.azure.selectCloud')) ?? false },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: `Sign in to ${cloud.displayName}`, placeHolder: 'How do you want to sign in?' });
  return pick?.run ? pick.run() : false;
}
