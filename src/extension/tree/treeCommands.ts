/** Registering the commands that every tree view of Flow Vault has. */
import * as vscode from 'vscode';
import { listCommands, type ListCommandsHost } from './listCommands';
import type { TreeSpec } from './TreeNode';

/** Registers a command for the lifetime of the extension. */
export function commandRegistrar(context: vscode.ExtensionContext): (id: string, fn: (...args: any[]) => unknown) => void {
  return (id, fn) => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
}

/** Registers Load More, Cancel Loading and Retry (the ids in `tree.commands`) for a view whose nodes of kinds `owners` own paged lists. */
export function registerListCommands<K extends string>(context: vscode.ExtensionContext, tree: TreeSpec, provider: ListCommandsHost<K>, owners: readonly K[]): void {
  const commands = listCommands(tree, provider, owners);
  const reg = commandRegistrar(context);
  reg(tree.commands.loadMore, (node: unknown) => commands.loadMore(node));
  reg(tree.commands.cancelLoading, (node?: unknown) => commands.cancelLoading(node));
  reg(tree.commands.retry, (node: unknown) => commands.retry(node));
}
