/**
 * The Key Vault view: tenants of every signed-in account, each loading on its own (a tenant that
 * fails shows why and what to do; the others are unaffected), then subscriptions → vaults →
 * secrets → versions. Empty states (signed out, no subscriptions, all filtered out, untrusted)
 * return no children and set context keys that select the matching welcome view.
 */
import * as vscode from 'vscode';
import type { AzureAccount } from '../../../azure/auth/accounts';
import type { AzureResourceService, TenantInfo, TenantStatus, VaultInfo } from '../../../azure/resources';
import { VaultClient } from '../../../azure/keyVault/vaultClient';
import type { AzureClientOptions } from '../../../azure/clients';
import type { AzureSessionManager } from '../../azure/sessionManager';
import type { AzureLog } from '../../azure/log';
import { TenantTreeDataProvider } from '../../tree/TenantTreeDataProvider';
import { readKeyVaultSettings, type KeyVaultSettings } from '../settings';
import type { SubscriptionFilter } from '../subscriptionFilter';
import { KEY_VAULT_TREE, type KvNode, type NodeKind, type TreeServices } from './KvNode';
import { SecretNode, SubscriptionNode, TenantNode, VaultNode } from './resourceNodes';

export const VIEW_ID = KEY_VAULT_TREE.viewId;
export const CONTEXT_EMPTY = 'flowVault.keyVault.emptyState';

export type EmptyState = 'none' | 'noSubscriptions' | 'filteredOut';

export class KeyVaultTreeDataProvider extends TenantTreeDataProvider<NodeKind, TenantNode, EmptyState> {
  readonly services: TreeServices;
  private readonly vaultClients = new Map<string, VaultClient>();

  constructor(
    manager: AzureSessionManager,
    service: AzureResourceService,
    filter: SubscriptionFilter,
    log: AzureLog,
    private readonly clientOptions: AzureClientOptions = {},
  ) {
    super({
      tree: KEY_VAULT_TREE,
      emptyStateKey: CONTEXT_EMPTY,
      notEmpty: 'none',
      manager,
      resources: service,
      log,
      loadFailedMessage: 'Loading tenants failed',
      logTenantProblems: true,
    });
    const self = this;
    this.services = {
      manager,
      service,
      filter,
      log,
      settings: (): KeyVaultSettings => readKeyVaultSettings(),
      changed: (node) => self.queueChange(node),
      reload: () => self.reload(),
      progress: (p) => self.showProgress(p),
      vaultClient: (account, tenant, vault) => self.vaultClient(account, tenant, vault),
      now: () => new Date(),
    };
    this.disposables.push(
      filter.onDidChange(() => this.queueChange(undefined)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('flowVault.keyVault')) this.queueChange(undefined);
      }),
    );
  }

  private vaultClient(account: AzureAccount, tenant: TenantInfo, vault: VaultInfo): VaultClient {
    const key = `${account.id}|${tenant.tenantId}|${vault.vaultUri}`;
    let c = this.vaultClients.get(key);
    if (!c) {
      c = new VaultClient(account, tenant, vault, this.clientOptions);
      this.vaultClients.set(key, c);
    }
    return c;
  }

  protected tenantNode(status: TenantStatus, showAccount: boolean): TenantNode {
    return new TenantNode(undefined, status, this.services, showAccount);
  }

  /** A tenant's subscriptions decide the view's empty state. */
  protected override affectsEmptyState(node: KvNode): boolean {
    return node instanceof TenantNode;
  }

  protected forgetLoaded(): void {
    for (const t of this.tenantNodes) t.cancelLoading();
    this.vaultClients.clear();
  }

  /** Cancels loading subscriptions and vaults everywhere. */
  protected cancelBelowTenants(): void {
    for (const t of this.tenantNodes) {
      t.cancelLoading();
      for (const s of t.subscriptionNodes()) {
        s.cancelLoading();
        for (const v of s.vaultNodes()) v.cancelLoading();
      }
    }
  }

  protected computeEmptyState(): EmptyState {
    if (!this.tenantsSettled()) return 'none';
    const total = this.tenantNodes.reduce((n, t) => n + t.list.items.length, 0);
    const visible = this.tenantNodes.reduce((n, t) => n + t.visibleSubscriptions().length, 0);
    if (total === 0) return 'noSubscriptions';
    if (visible === 0) return 'filteredOut';
    return 'none';
  }

  /** Shows which Power Platform credentials use each secret (a description and a badge). */
  showCredentialUsers(
    users: NonNullable<TreeServices['credentialUsers']>,
    uri: NonNullable<TreeServices['credentialUseUri']>,
    onDidChange: (listener: () => void) => { dispose(): void },
  ): void {
    const services = this.services as { -readonly [K in keyof TreeServices]: TreeServices[K] };
    services.credentialUsers = users;
    services.credentialUseUri = uri;
    this.disposables.push(onDidChange(() => this.queueChange(undefined)));
  }

  // --- lookups for commands and tests -------------------------------------------------------

  /** Vault nodes whose subscriptions were expanded (or loaded). */
  loadedVaults(): VaultNode[] {
    return this.tenantNodes.flatMap((t) => t.subscriptionNodes().flatMap((s) => s.vaultNodes()));
  }

  loadedSecrets(): SecretNode[] {
    return this.loadedVaults().flatMap((v) => v.secretNodes());
  }

  subscriptionNodes(): SubscriptionNode[] {
    return this.tenantNodes.flatMap((t) => t.subscriptionNodes());
  }
}
