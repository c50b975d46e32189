/**
 * The Key Vault view: tenants of every signed-in account, each loading on its own (a tenant that
 * fails shows why and what to do; the others are unaffected), then subscriptions → vaults →
 * secrets → versions. Empty states (signed out, no subscriptions, all filtered out, untrusted)
 * return no children and set context keys that select the matching welcome view.
 */
import * as vscode from 'vscode';
import type { AzureAccount } from '../../../azure/auth/accounts';
import type { AccountTenants, AzureResourceService, TenantInfo, VaultInfo } from '../../../azure/resources';
import { VaultClient } from '../../../azure/keyVault/vaultClient';
import type { AzureClientOptions } from '../../../azure/clients';
import { describeProblemForLog } from '../../../azure/errors';
import type { AzureSessionManager } from '../../azure/sessionManager';
import type { AzureLog } from '../../azure/log';
import { readKeyVaultSettings, type KeyVaultSettings } from '../settings';
import type { SubscriptionFilter } from '../subscriptionFilter';
import { KvNode, type TreeServices } from './KvNode';
import { SecretNode, SubscriptionNode, TenantNode, VaultNode } from './resourceNodes';
import { ErrorNode, InfoNode } from './statusNodes';

export const VIEW_ID = 'flowVault.keyVault';
export const CONTEXT_EMPTY = 'flowVault.keyVault.emptyState';

export type EmptyState = 'none' | 'noSubscriptions' | 'filteredOut';

export class KeyVaultTreeDataProvider implements vscode.TreeDataProvider<KvNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<KvNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly services: TreeServices;
  private loadState: 'idle' | 'loading' | 'loaded' = 'idle';
  private loading: Promise<void> | undefined;
  private accountTenants: AccountTenants[] = [];
  private tenantNodes: TenantNode[] = [];
  private tenantsController: AbortController | undefined;
  private emptyState: EmptyState = 'none';
  private readonly vaultClients = new Map<string, VaultClient>();
  private pendingChanges = new Set<KvNode | undefined>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly manager: AzureSessionManager,
    service: AzureResourceService,
    filter: SubscriptionFilter,
    log: AzureLog,
    private readonly clientOptions: AzureClientOptions = {},
  ) {
    const self = this;
    this.services = {
      manager,
      service,
      filter,
      log,
      settings: (): KeyVaultSettings => readKeyVaultSettings(),
      changed: (node) => self.queueChange(node),
      reload: () => self.reload(),
      progress: (p) => {
        void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => p.catch(() => undefined));
      },
      vaultClient: (account, tenant, vault) => self.vaultClient(account, tenant, vault),
      now: () => new Date(),
    };
    this.disposables.push(
      this.emitter,
      manager.onDidChangeAccounts(() => void this.reload()),
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

  /** Coalesces change events (pages of a big tenant arrive quickly). */
  private queueChange(node: KvNode | undefined): void {
    this.pendingChanges.add(node);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const nodes = this.pendingChanges;
      this.pendingChanges = new Set();
      if (nodes.has(undefined)) {
        this.updateEmptyState();
        this.emitter.fire(undefined);
        return;
      }
      for (const n of nodes) this.emitter.fire(n);
      // A tenant's subscriptions decide the view's empty state.
      if ([...nodes].some((n) => n instanceof TenantNode)) {
        if (this.updateEmptyState()) this.emitter.fire(undefined);
      }
    }, 15);
  }

  /** Lists tenants of every account again (refresh, sign-in changes). */
  reload(): Promise<void> {
    this.tenantsController?.abort();
    for (const t of this.tenantNodes) t.cancelLoading();
    this.tenantNodes = [];
    this.accountTenants = [];
    this.vaultClients.clear();
    this.loadState = 'idle';
    this.loading = undefined;
    this.emptyState = 'none';
    void vscode.commands.executeCommand('setContext', CONTEXT_EMPTY, 'none');
    this.emitter.fire(undefined);
    return this.ensureTenants();
  }

  /** Starts (or joins) loading the tenants. */
  ensureTenants(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.loadState === 'loaded') return Promise.resolve();
    if (!vscode.workspace.isTrusted || !this.manager.isSignedIn) return Promise.resolve();
    const controller = new AbortController();
    this.tenantsController = controller;
    this.loadState = 'loading';
    const accounts = [...this.manager.accounts];
    const p = (async () => {
      const result = await this.services.service.loadTenants(accounts, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.accountTenants = result;
      const showAccount = accounts.length > 1;
      this.tenantNodes = result.flatMap((a) => a.tenants.map((t) => new TenantNode(undefined, t, this.services, showAccount)));
      for (const a of result) {
        if (a.problem) this.services.log.warn(`${a.account.label}: ${describeProblemForLog(a.problem)}`);
        for (const t of a.tenants) if (t.problem) this.services.log.warn(`${a.account.label}: ${describeProblemForLog(t.problem)}`);
      }
      // Start every usable tenant's subscriptions now: they appear as they arrive.
      for (const t of this.tenantNodes) if (!t.status.problem) t.ensureStarted();
      this.loadState = 'loaded';
      this.queueChange(undefined);
    })().catch((e) => {
      this.services.log.error(`Loading tenants failed: ${e instanceof Error ? e.name : 'error'}`);
      this.loadState = 'loaded';
      this.queueChange(undefined);
    });
    this.loading = p.finally(() => {
      if (this.tenantsController === controller) this.loading = undefined;
    });
    this.services.progress(this.loading);
    return this.loading;
  }

  /** Cancels loading tenants and subscriptions everywhere. */
  cancelAll(): void {
    this.tenantsController?.abort();
    for (const t of this.tenantNodes) {
      t.cancelLoading();
      for (const s of t.subscriptionNodes()) {
        s.cancelLoading();
        for (const v of s.vaultNodes()) v.cancelLoading();
      }
    }
  }

  /** True if the empty state changed. */
  private updateEmptyState(): boolean {
    let next: EmptyState = 'none';
    if (this.loadState === 'loaded' && this.tenantNodes.length > 0 && this.accountTenants.every((a) => !a.problem)) {
      const allSettled = this.tenantNodes.every((t) => !t.status.problem && t.list.state === 'done');
      if (allSettled) {
        const total = this.tenantNodes.reduce((n, t) => n + t.list.items.length, 0);
        const visible = this.tenantNodes.reduce((n, t) => n + t.visibleSubscriptions().length, 0);
        if (total === 0) next = 'noSubscriptions';
        else if (visible === 0) next = 'filteredOut';
      }
    }
    if (next === this.emptyState) return false;
    this.emptyState = next;
    void vscode.commands.executeCommand('setContext', CONTEXT_EMPTY, next);
    return true;
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

  get currentEmptyState(): EmptyState {
    return this.emptyState;
  }

  getTreeItem(node: KvNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: KvNode): KvNode | undefined {
    return node.parent;
  }

  async getChildren(node?: KvNode): Promise<KvNode[]> {
    if (node) return node.getChildren();
    return this.rootChildren();
  }

  private rootChildren(): KvNode[] {
    if (!vscode.workspace.isTrusted || !this.manager.isSignedIn) return [];
    if (this.loadState !== 'loaded') {
      void this.ensureTenants();
      return [new InfoNode(undefined, 'flowVault.keyVault|loadingTenants', 'Loading tenants…', { icon: 'loading~spin' })];
    }
    if (this.emptyState !== 'none') return [];
    const nodes: KvNode[] = [];
    for (const a of this.accountTenants) {
      if (a.problem) {
        nodes.push(
          new ErrorNode(undefined, `${a.account.id}|problem`, a.problem, {
            tenantRef: a.account.homeTenantId ? { accountId: a.account.id, tenantId: a.account.homeTenantId } : undefined,
            retry: () => this.reload(),
          }),
        );
      } else if (a.tenants.length === 0) {
        nodes.push(new InfoNode(undefined, `${a.account.id}|noTenants`, `${a.account.label}: no tenants`, { icon: 'circle-slash' }));
      }
    }
    nodes.push(...this.tenantNodes);
    return nodes;
  }

  // --- lookups for commands and tests -------------------------------------------------------

  get tenants(): readonly TenantNode[] {
    return this.tenantNodes;
  }

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

  /** Finds a node by id, walking (and waiting for) what is loaded along the path. */
  async findById(id: string, options: { load?: boolean } = {}): Promise<KvNode | undefined> {
    if (options.load) await this.ensureTenants();
    let level: KvNode[] = await this.getChildren();
    for (;;) {
      const exact = level.find((n) => n.id === id);
      if (exact) return exact;
      const next = level.find((n) => id.startsWith(`${n.id}|`));
      if (!next) return undefined;
      if (options.load) await next.whenLoaded();
      level = await next.getChildren();
      if (options.load && level.some((n) => n.kind === 'loading')) {
        await next.whenLoaded();
        level = await next.getChildren();
      }
    }
  }

  dispose(): void {
    this.cancelAll();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const d of this.disposables) d.dispose();
  }
}
