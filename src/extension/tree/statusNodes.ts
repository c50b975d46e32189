/** Loading…, Load more…, error and info rows, and the rows after a paged list's items. */
import * as vscode from 'vscode';
import type { AzureProblem } from '../../azure/errors';
import type { PagedListState } from '../../azure/pagedList';
import { TreeNode, themeIcon, type StatusKind, type TreeNodeSnapshot, type TreeSpec } from './TreeNode';

/** A node whose children come from a paged list. */
export interface ListOwner<K extends string = string> extends TreeNode<K> {
  readonly list: { readonly items: readonly unknown[]; readonly state: PagedListState; readonly problem?: AzureProblem };
  /** "secrets", "credentials", … */
  readonly noun: string;
  loadMore(): Promise<void>;
  cancelLoading(): void;
  retry(): Promise<void>;
}

export class LoadingNode<K extends string> extends TreeNode<K> {
  readonly kind = 'loading' as const;
  readonly id: string;
  constructor(readonly owner: ListOwner<K>) {
    super(owner);
    this.id = `${owner.id}|loading`;
  }
  getTreeItem(): vscode.TreeItem {
    const n = this.owner.list.items.length;
    const item = new vscode.TreeItem(`Loading ${this.owner.noun}…`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = n > 0 ? `${n} so far · click to cancel` : 'click to cancel';
    item.iconPath = themeIcon('loading~spin');
    item.contextValue = 'flowVault.loading';
    item.command = { command: this.tree.commands.cancelLoading, title: 'Cancel Loading', arguments: [this] };
    item.tooltip = `Loading ${this.owner.noun}. Click (or use the Cancel button) to stop; what was loaded stays.`;
    return item;
  }
}

export class LoadMoreNode<K extends string> extends TreeNode<K> {
  readonly kind = 'loadMore' as const;
  readonly id: string;
  constructor(readonly owner: ListOwner<K>) {
    super(owner);
    this.id = `${owner.id}|loadMore`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${this.owner.list.items.length} ${this.owner.noun} loaded`;
    item.iconPath = themeIcon('fold-down');
    item.contextValue = 'flowVault.loadMore';
    item.command = { command: this.tree.commands.loadMore, title: 'Load More', arguments: [this] };
    item.tooltip = `Load the next page of ${this.owner.noun}.`;
    return item;
  }
}

export interface ErrorNodeTargets {
  /** Retry runs this. */
  readonly retry?: () => Promise<void>;
  /** For "sign in": the account and tenant. */
  readonly tenantRef?: { accountId: string; tenantId: string; tenantLabel?: string };
  /** For portal actions: where to go. */
  readonly portalUrl?: string;
  readonly accessUrl?: string;
}

/** What went wrong and what to do, with the matching actions (click: sign in, or retry). */
export class ErrorNode<K extends string> extends TreeNode<K> {
  readonly kind = 'error' as const;
  constructor(
    at: TreeNode<K> | TreeSpec,
    readonly id: string,
    readonly problem: AzureProblem,
    readonly targets: ErrorNodeTargets,
  ) {
    super(at);
  }

  /** The part of the message after the title: what to do. */
  private advice(): string {
    const { title, message } = this.problem;
    if (message.startsWith(title)) return message.slice(title.length).replace(/^[\s:.(]+/, '').replace(/^\)\s*:?\s*/, '');
    return message;
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.problem;
    const cancelled = p.kind === 'cancelled';
    const item = new vscode.TreeItem(cancelled ? 'Loading cancelled' : p.title, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = cancelled ? 'click to resume' : this.advice();
    const tip = new vscode.MarkdownString();
    tip.appendText(p.message);
    if (p.code || p.statusCode) tip.appendMarkdown(`\n\n*${[p.statusCode ? `HTTP ${p.statusCode}` : '', p.code ?? ''].filter(Boolean).join(' · ')}*`);
    item.tooltip = tip;
    const actions = new Set(p.actions);
    const signIn = !!this.targets.tenantRef && actions.has('signIn');
    item.iconPath = cancelled
      ? themeIcon('debug-pause')
      : signIn || (this.tree.signInIconWithoutTenant && actions.has('signIn'))
        ? themeIcon('sign-in', 'problemsWarningIcon.foreground')
        : p.kind === 'throttled'
          ? themeIcon('watch', 'problemsWarningIcon.foreground')
          : themeIcon('error', 'problemsErrorIcon.foreground');
    const tokens = ['flowVault.error', p.kind];
    if (this.targets.retry && actions.has('retry')) tokens.push('retry');
    if (signIn) tokens.push('signIn');
    if (this.targets.portalUrl && actions.has('openPortal')) tokens.push('portal');
    if (this.targets.accessUrl && actions.has('openAccessSettings')) tokens.push('access');
    item.contextValue = tokens.join(';');
    if (signIn) {
      item.command = { command: 'flowVault.azure.signInToTenant', title: 'Sign In', arguments: [this.targets.tenantRef] };
    } else if (this.targets.retry) {
      item.command = { command: this.tree.commands.retry, title: 'Retry', arguments: [this] };
    }
    return item;
  }

  override snapshot(): TreeNodeSnapshot<K | StatusKind> {
    return { ...super.snapshot(), tooltip: this.problem.message, problemKind: this.problem.kind };
  }
}

export interface InfoNodeOptions {
  readonly description?: string;
  readonly icon?: string;
  readonly command?: vscode.Command;
  readonly tooltip?: string;
  readonly contextValue?: string;
}

export class InfoNode<K extends string> extends TreeNode<K> {
  readonly kind = 'info' as const;
  constructor(
    at: TreeNode<K> | TreeSpec,
    readonly id: string,
    private readonly label: string,
    private readonly options: InfoNodeOptions = {},
  ) {
    super(at);
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.options.description;
    item.iconPath = themeIcon(this.options.icon ?? 'info');
    item.contextValue = this.options.contextValue ?? 'flowVault.info';
    item.command = this.options.command;
    item.tooltip = this.options.tooltip;
    return item;
  }
}

/** The rows after a list's items: loading, load more, error (with retry), or "none" (a label, or a row of its own). */
export function listTail<K extends string>(owner: ListOwner<K>, targets: Omit<ErrorNodeTargets, 'retry'>, empty: TreeNode<K> | string): TreeNode<K>[] {
  const list = owner.list;
  switch (list.state) {
    case 'loading':
      return [new LoadingNode(owner)];
    case 'more':
      return [new LoadMoreNode(owner)];
    case 'error':
      return list.problem ? [new ErrorNode(owner, `${owner.id}|error`, list.problem, { ...targets, retry: () => owner.retry() })] : [];
    case 'done':
      if (list.items.length > 0) return [];
      return [typeof empty === 'string' ? new InfoNode(owner, `${owner.id}|empty`, empty, { icon: 'circle-slash' }) : empty];
    default:
      return [];
  }
}
