/** Flow Vault: Sign out of Azure (forget an account Flow Vault signed in with). */
import * as vscode from 'vscode';
import type { AzureSessionManager } from '../sessionManager';

export async function signOut(manager: AzureSessionManager, accountId?: string): Promise<boolean> {
  let id = accountId;
  if (!id) {
    const accounts = manager.accounts;
    if (accounts.length === 0) {
      void vscode.window.showInformationMessage('Flow Vault is not signed in to Azure.');
      return false;
    }
    const pick = await vscode.window.showQuickPick(
      accounts.map((a) => ({ label: a.label, description: a.cloud.displayName, id: a.id })),
      { title: 'Sign out of which account?' },
    );
    id = pick?.id;
  }
  if (!id) return false;
  const account = manager.accounts.find((a) => a.id === id);
  await manager.signOut(id);
  if (account?.kind === 'microsoft') {
    void vscode.window.showInformationMessage(
      `Flow Vault no longer uses ${account.label}. To sign out of VS Code itself, use the Accounts menu.`,
    );
  }
  return true;
}
