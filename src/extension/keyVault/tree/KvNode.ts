/**
 * The nodes of the Key Vault view and what they share (the node class is ../../tree/TreeNode).
 * Node ids carry account, tenant and resource, so the same subscription seen by two accounts
 * gives two distinct nodes.
 */
import * as vscode from 'vscode';
import type { AzureSessionManager } from '../../azure/sessionManager';
import type { AzureLog } from '../../azure/log';
import type { AzureAccount } from '../../../azure/auth/accounts';
import type { AzureResourceService, TenantInfo, VaultInfo } from '../../../azure/resources';
import type { VaultClient } from '../../../azure/keyVault/vaultClient';
import type { KeyVaultSettings } from '../settings';
import type { SubscriptionFilter } from '../subscriptionFilter';
import type { StatusKind, TreeNode, TreeNodeSnapshot, TreeSpec } from '../../tree/TreeNode';

export type NodeKind =
  | 'account'
  | 'tenant'
  | 'subscription'
  | 'vault'
  | 'secret'
  | 'version'
  | StatusKind;

/** A plain description of a node: what the tree shows, for tests and other features. */
export type NodeSnapshot = TreeNodeSnapshot<NodeKind>;

/** A node of the Key Vault view. */
export type KvNode = TreeNode<NodeKind>;

export const KEY_VAULT_TREE: TreeSpec = {
  viewId: 'flowVault.keyVault',
  commands: { loadMore: 'flowVault.keyVault.loadMore', cancelLoading: 'flowVault.keyVault.cancelLoading', retry: 'flowVault.keyVault.retry' },
  signInIconWithoutTenant: true,
};

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
