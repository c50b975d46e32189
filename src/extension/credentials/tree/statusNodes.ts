/** Loading…, Load more…, error and info rows of the Credentials view. */
import * as vscode from 'vscode';
import type { AzureProblem } from '../../../azure/errors';
import type { PagedListState } from '../../../azure/pagedList';
import { CredNode, icon, type CredNodeSnapshot } from './CredNode';

/** A node whose children come from a paged list. */
export interface CredListOwner extends CredNode {
  readonly list: { readonly items: readonly unknown[]; readonly state: PagedListState; readonly problem?: AzureProblem };
  /** "credentials", "environments", … */
  readonly noun: string;
  loadMore(): Promise<void>;
  cancelLoading(): void;
  retry(): Promise<void>;
}

export class LoadingNode extends CredNode {
  readonly kind = 'loading' as const;
  readonly id: string;
  constructor(readonly owner: CredListOwner) {
    super(owner);
    this.id = `${owner.id}|loading`;
  }
  getTreeItem(): vscode.TreeItem {
    const n = this.owner.list.items.length;
    const item = new vscode.TreeItem(`Loading ${this.owner.noun}…`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = n > 0 ? `${n} so far · click to cancel` : 'click to cancel';
    item.iconPath = icon({ id: 'loading~spin' });
    item.contextValue = 'flowVault.loading';
    item.command = { command: 'flowVault.credentials.cancelLoading', title: 'Cancel Loading', arguments: [this] };
    item.tooltip = `Loading ${this.owner.noun}. Click (or use the Cancel button) to stop; what was loaded stays.`;
    return item;
  }
}

export class LoadMoreNode extends CredNode {
  readonly kind = 'loadMore' as const;
  readonly id: string;
  constructor(readonly owner: CredListOwner) {
    super(owner);
    this.id = `${owner.id}|loadMore`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${this.owner.list.items.length} ${this.owner.noun} loaded`;
    item.iconPath = icon({ id: 'fold-down' });
    item.contextValue = 'flowVault.loadMore';
    item.command = { command: 'flowVault.credentials.loadMore', title: 'Load More', arguments: [this] };
    item.tooltip = `Load the next page of ${this.owner.noun}.`;
    return item;
  }
}

export interface CredErrorTargets {
  readonly retry?: () => Promise<void>;
  /** For "sign in": the account and tenant. */
  readonly tenantRef?: { accountId: string; tenantId: string; tenantLabel?: string };
}

/** What went wrong and what to do (click: sign in, or retry). */
export class CredErrorNode extends CredNode {
  readonly kind = 'error' as const;
  constructor(
    parent: CredNode | undefined,
    readonly id: string,
    readonly problem: AzureProblem,
    readonly targets: CredErrorTargets,
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.problem;
    const cancelled = p.kind === 'cancelled';
    const item = new vscode.TreeItem(cancelled ? 'Loading cancelled' : p.title, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const advice = p.message.startsWith(p.title) ? p.message.slice(p.title.length).replace(/^[\s:.(]+/, '').replace(/^\)\s*:?\s*/, '') : p.message;
    item.description = cancelled ? 'click to resume' : advice;
    const tip = new vscode.MarkdownString();
    tip.appendText(p.message);
    if (p.code || p.statusCode) tip.appendMarkdown(`\n\n*${[p.statusCode ? `HTTP ${p.statusCode}` : '', p.code ?? ''].filter(Boolean).join(' · ')}*`);
    item.tooltip = tip;
    const signIn = !!this.targets.tenantRef && p.actions.includes('signIn');
    item.iconPath = cancelled
      ? icon({ id: 'debug-pause' })
      : signIn
        ? icon({ id: 'sign-in', color: 'problemsWarningIcon.foreground' })
        : p.kind === 'throttled'
          ? icon({ id: 'watch', color: 'problemsWarningIcon.foreground' })
          : icon({ id: 'error', color: 'problemsErrorIcon.foreground' });
    const tokens = ['flowVault.error', p.kind];
    if (this.targets.retry && p.actions.includes('retry')) tokens.push('retry');
    if (signIn) tokens.push('signIn');
    item.contextValue = tokens.join(';');
    if (signIn) item.command = { command: 'flowVault.azure.signInToTenant', title: 'Sign In', arguments: [this.targets.tenantRef] };
    else if (this.targets.retry) item.command = { command: 'flowVault.credentials.retry', title: 'Retry', arguments: [this] };
    return item;
  }

  override snapshot(): CredNodeSnapshot {
    return { ...super.snapshot(), tooltip: this.problem.message, problemKind: this.problem.kind };
  }
}

export class CredInfoNode extends CredNode {
  readonly kind = 'info' as const;
  constructor(
    parent: CredNode | undefined,
    readonly id: string,
    private readonly label: string,
    private readonly options: { description?: string; icon?: string; command?: vscode.Command; tooltip?: string; contextValue?: string } = {},
  ) {
    super(parent);
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.options.description;
    item.iconPath = icon({ id: this.options.icon ?? 'info' });
    item.contextValue = this.options.contextValue ?? 'flowVault.info';
    item.command = this.options.command;
    item.tooltip = this.options.tooltip;
    return item;
  }
}

/** The rows after a list's items: loading, load more, error (with retry), or "none". */
export function listTail(owner: CredListOwner, targets: Omit<CredErrorTargets, 'retry'>, empty: CredNode | string): CredNode[] {
  const list = owner.list;
  switch (list.state) {
    case 'loading':
      return [new LoadingNode(owner)];
    case 'more':
      return [new LoadMoreNode(owner)];
    case 'error':
      return list.problem ? [new CredErrorNode(owner, `${owner.id}|error`, list.problem, { ...targets, retry: () => owner.retry() })] : [];
    case 'done':
      if (list.items.length > 0) return [];
      return [typeof empty === 'string' ? new CredInfoNode(owner, `${owner.id}|empty`, empty, { icon: 'circle-slash' }) : empty];
    default:
      return [];
  }
}
