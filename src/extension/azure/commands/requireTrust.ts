/** Cloud commands wait for workspace trust. */
import * as vscode from 'vscode';

export async function requireTrust(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const answer = await vscode.window.showWarningMessage(
    'Flow Vault: Azure features are off in an untrusted workspace. Trust the workspace to sign in and browse Key Vault.',
    manage,
  );
  if (answer === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
