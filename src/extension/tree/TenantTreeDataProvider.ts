/**
 * What the Key Vault and Credentials views share: the tenants of every signed-in account at the
 * root, each loading (or failing) on its own; coalesced change events; an empty state that
 * selects the view's welcome content through a context key; reload, cancel and find by id.
 * A view says what its tenant nodes are, when it cannot load at all, and which empty state holds.
 */
import * as vscode from 'vscode';
import type { AzureAccount } from '../../azure/auth/accounts';
import type { PagedListState } from '../../azure/pagedList';
import { describeProblemForLog } from '../../azure/errors';
import type { AccountTenants, AzureResourceService, TenantStatus } from '../../azure/resources';
import type { AzureSessionManager } from '../azure/sessionManager';
import type { AzureLog } from '../azure/log';
import { ErrorNode, InfoNode } from './statusNodes';
import type { TreeNode, TreeSpec } from './TreeNode';

/** What the provider needs of a tenant node. */
export interface TenantNodeLike {
  readonly status: TenantStatus;
  readonly list: { readonly state: PagedListState; readonly items: readonly unknown[] };
  ensureStarted(): void;
}

export interface TenantTreeOptions<E extends string> {
  readonly tree: TreeSpec;
  /** The context key that holds the empty state. */
  readonly emptyStateKey: string;
  /** The empty state of a view that shows something. */
  readonly notEmpty: E;
  readonly manager: AzureSessionManager;
  readonly resources: AzureResourceService;
  readonly log: AzureLog;
  /** The log line when listing the tenants fails outright. */
  readonly loadFailedMessage: string;
  /** Also log each tenant's own problem (not only each account's). */
  readonly logTenantProblems: boolean;
}

export abstract class TenantTreeDataProvider<K extends string, T extends TreeNode<K> & TenantNodeLike, E extends string>
  implements vscode.TreeDataProvider<TreeNode<K>>, vscode.Disposable
{
  private readonly emitter = new vscode.EventEmitter<TreeNode<K> | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  protected readonly manager: AzureSessionManager;
  protected loadState: 'idle' | 'loading' | 'loaded' = 'idle';
  private loading: Promise<void> | undefined;
  protected accountTenants: AccountTenants[] = [];
  protected tenantNodes: T[] = [];
  private tenantsController: AbortController | undefined;
  private emptyState: E;
  private pendingChanges = new Set<TreeNode<K> | undefined>();
  private flushTimer: NodeJS.Timeout | undefined;
  protected readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: TenantTreeOptions<E>) {
    this.manager = options.manager;
    this.emptyState = options.notEmpty;
    this.disposables.push(
      this.emitter,
      options.manager.onDidChangeAccounts(() => void this.reload()),
    );
  }

  /** The tenant node of one tenant of a signed-in account. */
  protected abstract tenantNode(status: TenantStatus, showAccount: boolean): T;

  /** The empty state that the loaded tenants call for. */
  protected abstract computeEmptyState(): E;

  /** Stops every load below the tenants. */
  protected abstract cancelBelowTenants(): void;

  /** Forgets what a reload replaces (the tenant list is already aborted). */
  protected abstract forgetLoaded(): void;

  /** True (having set the empty state) when the view cannot load at all, signed in and trusted as it is. */
  protected unavailable(): boolean {
    return false;
  }

  /** Whether a change to this node can change the empty state. */
  protected affectsEmptyState(_node: TreeNode<K>): boolean {
    return true;
  }

  /** Shows progress in the view while `p` runs. */
  protected showProgress(p: Promise<unknown>): void {
    void vscode.window.withProgress({ location: { viewId: this.options.tree.viewId } }, () => p.catch(() => undefined));
  }

  /** Coalesces change events (pages and results arrive quickly). */
  protected queueChange(node: TreeNode<K> | undefined): void {
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
      if ([...nodes].some((n) => n && this.affectsEmptyState(n)) && this.updateEmptyState()) {
        this.emitter.fire(undefined);
        return;
      }
      for (const n of nodes) this.emitter.fire(n);
    }, 15);
  }

  /** Loads everything again (refresh, sign-in changes). */
  reload(): Promise<void> {
    this.tenantsController?.abort();
    this.forgetLoaded();
    this.tenantNodes = [];
    this.accountTenants = [];
    this.loadState = 'idle';
    this.loading = undefined;
    this.emptyState = this.options.notEmpty;
    void vscode.commands.executeCommand('setContext', this.options.emptyStateKey, this.emptyState);
    this.emitter.fire(undefined);
    return this.ensureTenants();
  }

  /** Starts (or joins) loading the tenants. */
  ensureTenants(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.loadState === 'loaded') return Promise.resolve();
    if (!vscode.workspace.isTrusted || !this.manager.isSignedIn) return Promise.resolve();
    if (this.unavailable()) return Promise.resolve();
    const controller = new AbortController();
    this.tenantsController = controller;
    this.loadState = 'loading';
    const accounts: AzureAccount[] = [...this.manager.accounts];
    const { log } = this.options;
    const p = (async () => {
      const result = await this.options.resources.loadTenants(accounts, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.accountTenants = result;
      const showAccount = accounts.length > 1;
      this.tenantNodes = result.flatMap((a) => a.tenants.map((t) => this.tenantNode(t, showAccount)));
      for (const a of result) {
        if (a.problem) log.warn(`${a.account.label}: ${describeProblemForLog(a.problem)}`);
        if (this.options.logTenantProblems) for (const t of a.tenants) if (t.problem) log.warn(`${a.account.label}: ${describeProblemForLog(t.problem)}`);
      }
      // Start every usable tenant's list now: its rows appear as they arrive.
      for (const t of this.tenantNodes) if (!t.status.problem) t.ensureStarted();
      this.loadState = 'loaded';
      this.queueChange(undefined);
    })().catch((e) => {
      log.error(`${this.options.loadFailedMessage}: ${e instanceof Error ? e.name : 'error'}`);
      this.loadState = 'loaded';
      this.queueChange(undefined);
    });
    this.loading = p.finally(() => {
      if (this.tenantsController === controller) this.loading = undefined;
    });
    this.showProgress(this.loading);
    return this.loading;
  }

  /** Cancels loading everywhere. */
  cancelAll(): void {
    this.tenantsController?.abort();
    this.cancelBelowTenants();
  }

  protected setEmptyState(next: E): boolean {
    if (next === this.emptyState) return false;
    this.emptyState = next;
    void vscode.commands.executeCommand('setContext', this.options.emptyStateKey, next);
    return true;
  }

  /** True if the empty state changed. */
  private updateEmptyState(): boolean {
    return this.setEmptyState(this.computeEmptyState());
  }

  /** True when the tenants are listed, every account could list them, and every tenant's own list has settled. */
  protected tenantsSettled(): boolean {
    return (
      this.loadState === 'loaded' &&
      this.tenantNodes.length > 0 &&
      this.accountTenants.every((a) => !a.problem) &&
      this.tenantNodes.every((t) => !t.status.problem && t.list.state === 'done')
    );
  }

  get currentEmptyState(): E {
    return this.emptyState;
  }

  getTreeItem(node: TreeNode<K>): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: TreeNode<K>): TreeNode<K> | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode<K>): Promise<TreeNode<K>[]> {
    if (node) return node.getChildren();
    return this.rootChildren();
  }

  private rootChildren(): TreeNode<K>[] {
    if (!vscode.workspace.isTrusted || !this.manager.isSignedIn) return [];
    if (this.unavailable()) return [];
    const tree = this.options.tree;
    if (this.loadState !== 'loaded') {
      void this.ensureTenants();
      return [new InfoNode<K>(tree, `${tree.viewId}|loadingTenants`, 'Loading tenants…', { icon: 'loading~spin' })];
    }
    if (this.emptyState !== this.options.notEmpty) return [];
    const nodes: TreeNode<K>[] = [];
    for (const a of this.accountTenants) {
      if (a.problem) {
        nodes.push(
          new ErrorNode<K>(tree, `${a.account.id}|problem`, a.problem, {
            tenantRef: a.account.homeTenantId ? { accountId: a.account.id, tenantId: a.account.homeTenantId } : undefined,
            retry: () => this.reload(),
          }),
        );
      } else if (a.tenants.length === 0) {
        nodes.push(new InfoNode<K>(tree, `${a.account.id}|noTenants`, `${a.account.label}: no tenants`, { icon: 'circle-slash' }));
      }
    }
    nodes.push(...this.tenantNodes);
    return nodes;
  }

  get tenants(): readonly T[] {
    return this.tenantNodes;
  }

  /** Finds a node by id, walking (and, with `load`, waiting for) what is loaded along the path. */
  async findById(id: string, options: { load?: boolean } = {}): Promise<TreeNode<K> | undefined> {
    if (options.load) await this.ensureTenants();
    let level: TreeNode<K>[] = await this.getChildren();
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
