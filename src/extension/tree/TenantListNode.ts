/**
 * A tenant of a signed-in account at the root of a view: its row (name, what its list holds,
 * the account when several are signed in, or why it cannot be used) and, for a tenant that
 * cannot be used, the error row with sign-in and retry. What it lists is the view's.
 */
import * as vscode from 'vscode';
import type { AzureAccount } from '../../azure/auth/accounts';
import { tenantLabel, type TenantStatus } from '../../azure/resources';
import { ListNode, type ShowsProgress } from './ListNode';
import { md } from './markdown';
import { ErrorNode } from './statusNodes';
import { themeIcon, type TreeNode, type TreeSpec } from './TreeNode';

export interface TenantServices extends ShowsProgress {
  /** Loads the view again (retry of a tenant problem). */
  reload(): Promise<void>;
}

export abstract class TenantListNode<T, K extends string> extends ListNode<T, K> {
  readonly id: string;
  protected abstract override readonly services: TenantServices;
  /** The row's context value; a tenant that cannot be used adds `;problem`. */
  protected abstract readonly contextValueBase: string;

  constructor(
    at: TreeNode<K> | TreeSpec,
    readonly status: TenantStatus,
    private readonly showAccount: boolean,
  ) {
    super(at);
    this.id = `${status.account.id}|${status.tenant.tenantId}`;
  }

  get account(): AzureAccount {
    return this.status.account;
  }

  get tenantRef() {
    return { accountId: this.account.id, tenantId: this.status.tenant.tenantId, tenantLabel: tenantLabel(this.status.tenant) };
  }

  /** What the row says of the list ("3 environments"), when it can say. */
  protected abstract listSummary(): string | undefined;

  /** Lines of the tooltip after the tenant id (Markdown). */
  protected tooltipDetails(): string {
    return '';
  }

  getTreeItem(): vscode.TreeItem {
    const t = this.status.tenant;
    const item = new vscode.TreeItem(tenantLabel(t), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const p = this.status.problem;
    const bits: string[] = [];
    if (p) bits.push(p.title.replace(/^Sign in to tenant .*? \((.*)\)$/, 'sign-in needed: $1'));
    else {
      const summary = this.listSummary();
      if (summary) bits.push(summary);
    }
    if (this.showAccount) bits.push(this.account.label);
    item.description = bits.join(' · ');
    item.iconPath = p ? themeIcon(p.actions.includes('signIn') ? 'warning' : 'error', 'problemsWarningIcon.foreground') : themeIcon('organization');
    item.contextValue = p ? `${this.contextValueBase};problem` : this.contextValueBase;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${md(tenantLabel(t))}**\n\nTenant id \`${t.tenantId}\`${this.tooltipDetails()}\n\nSigned in as ${md(this.account.label)} (${md(this.account.cloud.displayName)})`);
    if (p) tip.appendMarkdown('\n\n').appendText(p.message);
    item.tooltip = tip;
    return item;
  }

  /** The error row of a tenant that cannot be used (sign in, or retry by reloading the view); undefined for a usable one. */
  protected problemRow(): ErrorNode<K> | undefined {
    const p = this.status.problem;
    return p ? new ErrorNode<K>(this, `${this.id}|problem`, p, { tenantRef: this.tenantRef, retry: () => this.services.reload() }) : undefined;
  }
}
