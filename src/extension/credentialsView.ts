/**
 * The "Credentials" view in the Flow Vault activity-bar container. Empty until the cloud issue
 * adds Key Vault and Power Automate credentials; meanwhile its welcome content (package.json
 * `viewsWelcome`) offers the workspace scan.
 */
import * as vscode from 'vscode';

export function registerCredentialsView(context: vscode.ExtensionContext): void {
  const provider: vscode.TreeDataProvider<never> = {
    getTreeItem: (e) => e,
    getChildren: () => [],
  };
  context.subscriptions.push(vscode.window.createTreeView('flowVault.credentials', { treeDataProvider: provider }));
}
