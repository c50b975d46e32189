/**
 * The nodes of the Key Vault view and what they share. Node ids carry account, tenant and
 * resource, so the same subscription seen by two accounts gives two distinct nodes.
 */
import * as vscode from 'vscode';
import type { AzureSessionManager } from '../../azure/sessionManager';
import type { AzureLog } from '../../azure/log';
import type { AzureAccount } from '../../../azure/auth/accounts';
import type { AzureResourceService, TenantInfo, VaultInfo } from '../../../azure/resources';
import type { VaultClient } from '../../../azure/keyVault/vaultClient';
import type { KeyVaultSettings } from '../settings';
import type { SubscriptionFilter } from '../subscriptionFilter';

export type NodeKind =
  | 'account'
  | 'tenant'
  | 'subscription'
  | 'vault'
  | 'secret'
  | 'version'
  | 'loading'
  | 'loadMore'
  | 'error'
  | 'info';

/** A plain description of a node: what the tree shows, for tests and other features. */
export interface NodeSnapshot {
  readonly id: string;
  readonly kind: NodeKind;
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
}

export interface TreeServices {
  readonly manager: AzureSessionManager;
  readonly service: AzureResourceService;
  readonly filter: SubscriptionFilter;
  readonly log: AzureLog;
  settings(): KeyVaultSettings;
  /** Re-renders a node (the root when undefined). */
  changed(node: KvNode | undefined): void;
  /** Lists and probes the tenants again (retry of a tenant problem, refresh). */
  reload(): Promise<void>;
  /** Shows progress in the view while `p` runs. */
  progress(p: Promise<unknown>): void;
  vaultClient(account: AzureAccount, tenant: TenantInfo, vault: VaultInfo): VaultClient;
  /** The clock (tests may shift it). */
  now(): Date;
  /** Power Automate credentials whose password is this secret (from the Credentials view), when known. */
  credentialUsers?(vault: VaultInfo, secretName: string): readonly { readonly credentialName: string; readonly environmentName: string }[];
  /** The URI a used secret's row carries, so that a decoration provider can badge it. */
  credentialUseUri?(vault: VaultInfo, secretName: string): vscode.Uri;
}

export abstract class KvNode {
  abstract readonly id: string;
  abstract readonly kind: NodeKind;

  constructor(readonly parent: KvNode | undefined) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): KvNode[] | Promise<KvNode[]> {
    return [];
  }

  /** Waits until this node's own loading (if any) settles; used by tests and find. */
  async whenLoaded(): Promise<void> {}

  snapshot(): NodeSnapshot {
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

/** Markdown-escapes text taken from Azure (names, tags). */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
