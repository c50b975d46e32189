/**
 * The Credentials view: tenants of every signed-in account (each loading, or failing, on its
 * own), their Power Platform environments, each environment's credentials a page at a time, and
 * below a credential its variables, the vault secret, and what uses it. Empty states (signed
 * out, a cloud without Key Vault credentials, no environments, no credentials) return no children
 * and set `flowVault.credentials.emptyState`, which selects the welcome view.
 */
import * as vscode from 'vscode';
import type { AccountTenants, AzureResourceService } from '../../../azure/resources';
import { describeProblemForLog } from '../../../azure/errors';
import type { AzureSessionManager } from '../../azure/sessionManager';
import type { AzureLog } from '../../azure/log';
import type { CredentialsBackend } from '../backend';
import { HealthQueue } from '../healthQueue';
import type { SecretUsage } from '../secretUsage';
import { readCredentialsSettings } from '../settings';
import { WorkspaceUsage } from '../workspaceUsage';
import { CredNode, type CredServices } from './CredNode';
import { CredTenantNode, EnvironmentNode } from './environmentNodes';
import type { CredentialNode } from './credentialNodes';
import { CredErrorNode, CredInfoNode } from './statusNodes';

export const CREDENTIALS_VIEW_ID = 'flowVault.credentials';
export const CONTEXT_CREDENTIALS_EMPTY = 'flowVault.credentials.emptyState';

export type CredentialsEmptyState = 'none' | 'unsupportedCloud' | 'noEnvironments' | 'noCredentials';

export class CredentialsTreeDataProvider implements vscode.TreeDataProvider<CredNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<CredNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly services: CredServices;
  private loadState: 'idle' | 'loading' | 'loaded' = 'idle';
  private loading: Promise<void> | undefined;
  private accountTenants: AccountTenants[] = [];
  private tenantNodes: CredTenantNode[] = [];
  private tenantsController: AbortController | undefined;
  private emptyState: CredentialsEmptyState = 'none';
  private pendingChanges = new Set<CredNode | undefined>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly manager: AzureSessionManager,
    resources: AzureResourceService,
    backend: CredentialsBackend,
    usage: SecretUsage,
    log: AzureLog,
  ) {
    const self = this;
    this.services = {
      manager,
      resources,
      backend,
      log,
      usage,
      health: new HealthQueue(4),
      workspace: new WorkspaceUsage(),
      settings: readCredentialsSettings,
      changed: (node) => self.queueChange(node),
      reload: () => self.reload(),
      progress: (p) => {
        void vscode.window.withProgress({ location: { viewId: CREDENTIALS_VIEW_ID } }, () => p.catch(() => undefined));
      },
    };
    this.disposables.push(
      this.emitter,
      manager.onDidChangeAccounts(() => void this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('flowVault.credentials.pageSize')) void this.reload();
      }),
    );
  }

  /** Coalesces change events (pages and health results arrive quickly). */
  private queueChange(node: CredNode | undefined): void {
    this.pendingChanges.add(node);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const nodes = this.pendingChanges;
      this.pendingChanges = new Set();
      const emptyChanged = this.updateEmptyState();
      if (nodes.has(undefined) || emptyChanged) {
        this.emitter.fire(undefined);
        return;
      }
      for (const n of nodes) this.emitter.fire(n);
    }, 15);
  }

  /** Loads everything again (refresh, sign-in changes). */
  reload(): Promise<void> {
    this.cancelAll();
    this.tenantsController?.abort();
    this.tenantNodes = [];
    this.accountTenants = [];
    this.loadState = 'idle';
    this.loading = undefined;
    this.services.usage.clear();
    this.services.workspace.reset();
    this.services.backend.reset?.();
    this.setEmptyState('none');
    this.emitter.fire(undefined);
    return this.ensureTenants();
  }

  private get cloudSupported(): boolean {
    return this.manager.cloud.supportsPowerAutomateCredentials;
  }

  /** Starts (or joins) loading the tenants and their environments. */
  ensureTenants(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.loadState === 'loaded') return Promise.resolve();
    if (!vscode.workspace.isTrusted || !this.manager.isSignedIn) return Promise.resolve();
    if (!this.cloudSupported) {
      this.setEmptyState('unsupportedCloud');
      return Promise.resolve();
    }
    const controller = new AbortController();
    this.tenantsController = controller;
    this.loadState = 'loading';
    const accounts = [...this.manager.accounts];
    const p = (async () => {
      const result = await this.services.resources.loadTenants(accounts, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.accountTenants = result;
      const showAccount = accounts.length > 1;
      this.tenantNodes = result.flatMap((a) => a.tenants.map((t) => new CredTenantNode(t, this.services, showAccount)));
      for (const a of result) {
        if (a.problem) this.services.log.warn(`${a.account.label}: ${describeProblemForLog(a.problem)}`);
      }
      for (const t of this.tenantNodes) if (!t.status.problem) t.ensureStarted();
      this.loadState = 'loaded';
      this.queueChange(undefined);
    })().catch((e) => {
      this.services.log.error(`Loading tenants for the Credentials view failed: ${e instanceof Error ? e.name : 'error'}`);
      this.loadState = 'loaded';
      this.queueChange(undefined);
    });
    this.loading = p.finally(() => {
      if (this.tenantsController === controller) this.loading = undefined;
    });
    this.services.progress(this.loading);
    return this.loading;
  }

  /** Cancels loading everywhere: tenants, environments, credentials, health checks. */
  cancelAll(): void {
    this.tenantsController?.abort();
    for (const t of this.tenantNodes) t.cancelAll();
    this.services.health.cancel();
  }

  private setEmptyState(next: CredentialsEmptyState): boolean {
    if (next === this.emptyState) return false;
    this.emptyState = next;
    void vscode.commands.executeCommand('setContext', CONTEXT_CREDENTIALS_EMPTY, next);
    return true;
  }

  /** True if the empty state changed. */
  private updateEmptyState(): boolean {
    let next: CredentialsEmptyState = 'none';
    if (!this.cloudSupported && this.manager.isSignedIn) next = 'unsupportedCloud';
    else if (this.loadState === 'loaded' && this.tenantNodes.length > 0 && this.accountTenants.every((a) => !a.problem)) {
      const settled = this.tenantNodes.every((t) => !t.status.problem && t.list.state === 'done');
      if (settled) {
        const envs = this.tenantNodes.flatMap((t) => t.environmentNodes());
        if (envs.length === 0) next = 'noEnvironments';
        else if (envs.every((e) => e.list.state === 'done' && e.list.items.length === 0)) next = 'noCredentials';
      }
    }
    return this.setEmptyState(next);
  }

  get currentEmptyState(): CredentialsEmptyState {
    return this.emptyState;
  }

  getTreeItem(node: CredNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: CredNode): CredNode | undefined {
    return node.parent;
  }

  async getChildren(node?: CredNode): Promise<CredNode[]> {
    if (node) return node.getChildren();
    return this.rootChildren();
  }

  private rootChildren(): CredNode[] {
    if (!vscode.workspace.isTrusted || !this.manager.isSignedIn) return [];
    if (!this.cloudSupported) {
      this.setEmptyState('unsupportedCloud');
      return [];
    }
    if (this.loadState !== 'loaded') {
      void this.ensureTenants();
      return [new CredInfoNode(undefined, `${CREDENTIALS_VIEW_ID}|loadingTenants`, 'Loading tenants…', { icon: 'loading~spin' })];
    }
    if (this.emptyState !== 'none') return [];
    const nodes: CredNode[] = [];
    for (const a of this.accountTenants) {
      if (a.problem) {
        nodes.push(
          new CredErrorNode(undefined, `${a.account.id}|problem`, a.problem, {
            tenantRef: a.account.homeTenantId ? { accountId: a.account.id, tenantId: a.account.homeTenantId } : undefined,
            retry: () => this.reload(),
          }),
        );
      } else if (a.tenants.length === 0) {
        nodes.push(new CredInfoNode(undefined, `${a.account.id}|noTenants`, `${a.account.label}: no tenants`, { icon: 'circle-slash' }));
      }
    }
    nodes.push(...this.tenantNodes);
    return nodes;
  }

  // --- lookups for commands and tests -------------------------------------------------------

  get tenants(): readonly CredTenantNode[] {
    return this.tenantNodes;
  }

  environments(): EnvironmentNode[] {
    return this.tenantNodes.flatMap((t) => t.environmentNodes());
  }

  loadedCredentials(): CredentialNode[] {
    return this.environments().flatMap((e) => e.credentialNodes());
  }

  /** Resolves when every queued health check has finished. */
  whenHealthChecked(): Promise<void> {
    return this.services.health.whenIdle();
  }

  /** Finds a node by id, walking (and, with `load`, waiting for) what is loaded along the path. */
  async findById(id: string, options: { load?: boolean } = {}): Promise<CredNode | undefined> {
    if (options.load) await this.ensureTenants();
    let level: CredNode[] = await this.getChildren();
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
