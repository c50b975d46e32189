/**
 * The base of every node of the Key Vault and Credentials views. A node knows its view (a
 * `TreeSpec`: the view id and the commands of its status rows), taken from its parent, or given
 * at the root; commands use it to tell the nodes of one view from another's.
 */
import * as vscode from 'vscode';

/** What differs between the views that share this framework. */
export interface TreeSpec {
  readonly viewId: string;
  /** The commands behind the Load more…, Loading… and error rows. */
  readonly commands: { readonly loadMore: string; readonly cancelLoading: string; readonly retry: string };
  /** True: an error row whose problem asks for sign-in shows the sign-in icon even where it cannot offer sign-in. */
  readonly signInIconWithoutTenant: boolean;
}

/** The kinds of the rows that every view has: Loading…, Load more…, error and info. */
export type StatusKind = 'loading' | 'loadMore' | 'error' | 'info';

/** A plain description of a node: what the tree shows, for tests and other features. */
export interface TreeNodeSnapshot<K extends string = string> {
  readonly id: string;
  readonly kind: K;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly contextValue?: string;
  readonly icon?: string;
  readonly iconColor?: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command?: string;
  /** Present on error nodes. */
  readonly problemKind?: string;
  /** Present on credential nodes: `pending`, `checking`, `failed`, or the health level and state (`error:secret-expired`). */
  readonly health?: string;
}

export abstract class TreeNode<K extends string = string> {
  abstract readonly id: string;
  abstract readonly kind: K | StatusKind;
  readonly parent: TreeNode<K> | undefined;
  readonly tree: TreeSpec;

  /** `at`: the parent node, or the view's spec for a root node. */
  constructor(at: TreeNode<K> | TreeSpec) {
    if (at instanceof TreeNode) {
      this.parent = at;
      this.tree = at.tree;
    } else {
      this.parent = undefined;
      this.tree = at;
    }
  }

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): TreeNode<K>[] | Promise<TreeNode<K>[]> {
    return [];
  }

  /** Waits until this node's own loading (if any) settles; used by tests, find and commands. */
  async whenLoaded(): Promise<void> {}

  snapshot(): TreeNodeSnapshot<K | StatusKind> {
    const item = this.getTreeItem();
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    const tooltip = item.tooltip === undefined ? undefined : typeof item.tooltip === 'string' ? item.tooltip : item.tooltip.value;
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
    return {
      id: this.id,
      kind: this.kind,
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip,
      contextValue: item.contextValue,
      icon: icon?.id,
      iconColor: (icon?.color as unknown as { id?: string } | undefined)?.id,
      collapsible:
        item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded
          ? 'expanded'
          : item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed
            ? 'collapsed'
            : 'none',
      command: item.command?.command,
    };
  }
}

export function themeIcon(id: string, color?: string): vscode.ThemeIcon {
  return color ? new vscode.ThemeIcon(id, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(id);
}
