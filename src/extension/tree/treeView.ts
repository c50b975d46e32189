/** Showing a tree provider in its view. */
import * as vscode from 'vscode';

export interface MountedView<P, N> {
  readonly provider: P;
  readonly view: vscode.TreeView<N>;
}

/** Shows the provider in the view: a tree view of its own, or one the extension created before the provider's code loaded. */
export type MountView<P, N> = (provider: P) => vscode.TreeView<N>;

/** A tree view of its own for the provider. */
export function createTreeView<N>(viewId: string, provider: vscode.TreeDataProvider<N>): vscode.TreeView<N> {
  return vscode.window.createTreeView(viewId, { treeDataProvider: provider, showCollapseAll: true });
}
