/**
 * Tenant → subscription → vault → secret → version nodes. Each container owns a PagedList (pure
 * state in src/azure/pagedList.ts); nodes only render it. Subscriptions keep loading page after
 * page by themselves and appear as they arrive; vaults, secrets and versions load a page at a time
 * with "Load more…".
 */
import * as vscode from 'vscode';
import type { AzureAccount } from '../../../azure/auth/accounts';
import { PagedList } from '../../../azure/pagedList';
import { secretPortalUrl, vaultAccessPortalUrl, vaultPortalUrl } from '../../../azure/keyVault/references';
import { newestVersion, vaultFacts, type SecretInfo, type VaultClient } from '../../../azure/keyVault/vaultClient';
import { tenantLabel, type SubscriptionInfo, type TenantStatus, type VaultInfo } from '../../../azure/resources';
import { AzureProblemError, classifyAzureError } from '../../../azure/errors';
import type { Page, PageOptions } from '../../../azure/paging';
import { ListNode } from '../../tree/ListNode';
import { md } from '../../tree/markdown';
import { TenantListNode } from '../../tree/TenantListNode';
import { InfoNode, listTail } from '../../tree/statusNodes';
import { TreeNode, themeIcon } from '../../tree/TreeNode';
import { KEY_VAULT_TREE, type KvNode, type NodeKind, type TreeServices } from './KvNode';
import { secretDescription, secretTooltip, stateIcon, stateOf } from './secretPresentation';

// ---------------------------------------------------------------------------------------------

export class TenantNode extends TenantListNode<SubscriptionInfo, NodeKind> {
  readonly kind = 'tenant' as const;
  readonly noun = 'subscriptions';
  protected readonly contextValueBase = 'flowVault.tenant';
  readonly list: PagedList<SubscriptionInfo>;
  private readonly children = new Map<string, SubscriptionNode>();

  constructor(
    parent: KvNode | undefined,
    status: TenantStatus,
    protected readonly services: TreeServices,
    showAccount: boolean,
  ) {
    super(parent ?? KEY_VAULT_TREE, status, showAccount);
    const account = status.account;
    const tenant = status.tenant;
    this.list = new PagedList<SubscriptionInfo>({
      fetchPage: (o) => services.service.listSubscriptionsPage(account, tenant, o),
      onDidChange: () => services.changed(this),
      autoContinue: true,
      keyOf: (s) => s.subscriptionId,
      problemContext: { operation: 'listSubscriptions', tenant: { id: tenant.tenantId, name: tenantLabel(tenant) }, identity: account.identity, accountKind: account.kind },
    });
  }

  /** Subscriptions after the filter. */
  visibleSubscriptions(): SubscriptionInfo[] {
    const f = this.services.filter;
    return this.list.items.filter((s) => f.includes(this.account.id, this.status.tenant.tenantId, s.subscriptionId));
  }

  protected listSummary(): string | undefined {
    if (this.list.state !== 'done' && this.list.state !== 'loading') return undefined;
    const visible = this.visibleSubscriptions().length;
    const total = this.list.items.length;
    if (total === 0) return undefined;
    return visible === total ? `${total} subscription${total === 1 ? '' : 's'}` : `${visible} of ${total} subscriptions (filtered)`;
  }

  protected override tooltipDetails(): string {
    const d = this.status.tenant.defaultDomain;
    return d ? `\n\nDomain ${md(d)}` : '';
  }

  override getChildren(): KvNode[] {
    const problem = this.problemRow();
    if (problem) return [problem];
    this.ensureStarted();
    const nodes: KvNode[] = [];
    for (const s of this.visibleSubscriptions()) {
      let node = this.children.get(s.subscriptionId);
      if (!node) {
        node = new SubscriptionNode(this, s, this.services);
        this.children.set(s.subscriptionId, node);
      }
      nodes.push(node);
    }
    const hidden = this.list.items.length - nodes.length;
    if (this.list.state === 'done' && this.list.items.length > 0 && nodes.length === 0) {
      nodes.push(
        new InfoNode(this, `${this.id}|filtered`, `No subscriptions match the filter`, {
          description: `${hidden} hidden · click to edit the filter`,
          icon: 'filter',
          command: { command: 'flowVault.keyVault.filterSubscriptions', title: 'Filter Subscriptions' },
        }),
      );
      return nodes;
    }
    nodes.push(...listTail(this, {}, this.noSubscriptionsRow()));
    return nodes;
  }

  /** Azure lists only the subscriptions the account has a role on: say so, and what is enough. */
  private noSubscriptionsRow(): InfoNode<NodeKind> {
    return new InfoNode(this, `${this.id}|empty`, 'No subscriptions in this tenant', {
      icon: 'circle-slash',
      description: 'this account has no role on any subscription',
      tooltip:
        'Azure lists only the subscriptions that the signed-in account has a role on. To see key vaults here, ' +
        'give it the Reader role on a subscription (or on the resource groups that hold the vaults).',
    });
  }

  subscriptionNodes(): SubscriptionNode[] {
    return [...this.children.values()];
  }

  override reset(): void {
    this.children.clear();
    super.reset();
  }
}

// ---------------------------------------------------------------------------------------------

export class SubscriptionNode extends ListNode<VaultInfo, NodeKind> {
  readonly kind = 'subscription' as const;
  readonly id: string;
  readonly noun = 'key vaults';
  readonly list: PagedList<VaultInfo>;
  private readonly children = new Map<string, VaultNode>();

  constructor(
    readonly tenantNode: TenantNode,
    readonly subscription: SubscriptionInfo,
    protected readonly services: TreeServices,
  ) {
    super(tenantNode);
    this.id = `${tenantNode.id}|${subscription.subscriptionId}`;
    const account = tenantNode.account;
    const tenant = tenantNode.status.tenant;
    this.list = new PagedList<VaultInfo>({
      fetchPage: (o) => services.service.listVaultsPage(account, tenant, subscription, o),
      onDidChange: () => services.changed(this),
      keyOf: (v) => v.id.toLowerCase(),
      problemContext: {
        operation: 'listVaults',
        tenant: { id: tenant.tenantId, name: tenantLabel(tenant) },
        subscription: { id: subscription.subscriptionId, name: subscription.displayName },
        identity: account.identity,
        accountKind: account.kind,
      },
    });
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.subscription;
    const item = new vscode.TreeItem(s.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const bits: string[] = [];
    if (s.state && s.state !== 'Enabled') bits.push(s.state.toLowerCase());
    if (this.list.state === 'done') bits.push(`${this.list.items.length} vault${this.list.items.length === 1 ? '' : 's'}`);
    item.description = bits.join(' · ');
    item.iconPath = themeIcon('azure', s.state && s.state !== 'Enabled' ? 'disabledForeground' : undefined);
    item.contextValue = 'flowVault.subscription';
    item.tooltip = new vscode.MarkdownString(`**${md(s.displayName)}**\n\nSubscription id \`${s.subscriptionId}\`\n\nState ${md(s.state ?? 'unknown')}`);
    return item;
  }

  override getChildren(): KvNode[] {
    this.ensureStarted();
    const nodes: KvNode[] = [];
    for (const v of this.list.items) {
      let node = this.children.get(v.id.toLowerCase());
      if (!node) {
        node = new VaultNode(this, v, this.services);
        this.children.set(v.id.toLowerCase(), node);
      }
      nodes.push(node);
    }
    const cloud = this.tenantNode.account.cloud;
    nodes.push(
      ...listTail(
        this,
        {
          tenantRef: this.tenantNode.tenantRef,
          accessUrl: `${cloud.portalUrl}/#@${this.tenantNode.status.tenant.tenantId}/resource/subscriptions/${this.subscription.subscriptionId}/users`,
        },
        'No key vaults in this subscription',
      ),
    );
    return nodes;
  }

  vaultNodes(): VaultNode[] {
    return [...this.children.values()];
  }

  override reset(): void {
    this.children.clear();
    super.reset();
  }
}

// ---------------------------------------------------------------------------------------------

export class VaultNode extends ListNode<SecretInfo, NodeKind> {
  readonly kind = 'vault' as const;
  readonly id: string;
  readonly noun = 'secrets';
  readonly list: PagedList<SecretInfo>;
  private readonly children = new Map<string, SecretNode>();
  private clientInstance: VaultClient | undefined;

  constructor(
    readonly subscriptionNode: SubscriptionNode,
    readonly vault: VaultInfo,
    protected readonly services: TreeServices,
  ) {
    super(subscriptionNode);
    this.id = `${subscriptionNode.id}|${vault.name.toLowerCase()}`;
    this.list = new PagedList<SecretInfo>({
      fetchPage: (o) => this.fetchSecrets(o),
      onDidChange: () => services.changed(this),
      keyOf: (s) => s.name.toLowerCase(),
      pageSize: services.settings().pageSize,
      problemContext: {
        operation: 'listSecrets',
        tenant: { id: this.tenantNode.status.tenant.tenantId, name: tenantLabel(this.tenantNode.status.tenant) },
        vault: vaultFacts(vault),
        identity: this.account.identity,
        accountKind: this.account.kind,
      },
    });
  }

  get tenantNode(): TenantNode {
    return this.subscriptionNode.tenantNode;
  }

  get account(): AzureAccount {
    return this.tenantNode.account;
  }

  get tenantId(): string {
    return this.tenantNode.status.tenant.tenantId;
  }

  /** The data-plane client (one per vault, so the Key Vault challenge is answered once). */
  client(): VaultClient {
    if (!this.clientInstance) {
      try {
        this.clientInstance = this.services.vaultClient(this.account, this.tenantNode.status.tenant, this.vault);
      } catch (e) {
        throw new AzureProblemError(classifyAzureError(e, { operation: 'listSecrets', vault: vaultFacts(this.vault), identity: this.account.identity, accountKind: this.account.kind }));
      }
    }
    return this.clientInstance;
  }

  private fetchSecrets(o: PageOptions): Promise<Page<SecretInfo>> {
    return this.client().listSecretsPage({ ...o, pageSize: this.services.settings().pageSize });
  }

  portalUrl(): string {
    return vaultPortalUrl(this.account.cloud, this.tenantId, this.vault.id);
  }

  getTreeItem(): vscode.TreeItem {
    const v = this.vault;
    const item = new vscode.TreeItem(v.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const bits = [v.resourceGroup, v.location].filter(Boolean) as string[];
    if (v.publicNetworkAccess?.toLowerCase() === 'disabled') bits.push('private endpoint only');
    else if (v.firewallDefaultAction === 'Deny') bits.push('firewall');
    item.description = bits.join(' · ');
    item.iconPath = themeIcon('lock');
    item.contextValue = 'flowVault.vault';
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${md(v.name)}** (Key Vault)\n\n| | |\n|---|---|\n`);
    tip.appendMarkdown(`| URI | ${md(v.vaultUri)} |\n| Resource group | ${md(v.resourceGroup)} |\n`);
    if (v.location) tip.appendMarkdown(`| Location | ${md(v.location)} |\n`);
    tip.appendMarkdown(`| Permission model | ${v.rbac === false ? 'vault access policies' : v.rbac ? 'Azure RBAC' : 'unknown'} |\n`);
    tip.appendMarkdown(`| Public network access | ${md(v.publicNetworkAccess ?? 'Enabled')}${v.firewallDefaultAction === 'Deny' ? ' (selected networks)' : ''} |\n`);
    if (v.hasPrivateEndpoints) tip.appendMarkdown('| Private endpoints | yes |\n');
    const tags = Object.entries(v.tags ?? {});
    if (tags.length) {
      tip.appendMarkdown('\n**Tags**\n\n| Tag | Value |\n|---|---|\n');
      for (const [k, val] of tags) tip.appendMarkdown(`| ${md(k)} | ${md(val)} |\n`);
    }
    item.tooltip = tip;
    return item;
  }

  override getChildren(): KvNode[] {
    this.ensureStarted();
    const nodes: KvNode[] = [];
    for (const s of this.list.items) {
      const key = s.name.toLowerCase();
      let node = this.children.get(key);
      if (!node) {
        node = new SecretNode(this, s, this.services);
        this.children.set(key, node);
      } else {
        node.info = s;
      }
      nodes.push(node);
    }
    const cloud = this.account.cloud;
    nodes.push(
      ...listTail(
        this,
        {
          tenantRef: this.tenantNode.tenantRef,
          portalUrl: `${this.portalUrl()}/networking`,
          accessUrl: vaultAccessPortalUrl(cloud, this.tenantId, this.vault.id, this.vault.rbac),
        },
        'No secrets in this vault',
      ),
    );
    return nodes;
  }

  secretNodes(): SecretNode[] {
    return this.list.items.map((s) => this.children.get(s.name.toLowerCase())).filter((n): n is SecretNode => !!n);
  }

  /** Finds or makes the node of a loaded secret. */
  secretNode(name: string): SecretNode | undefined {
    const info = this.list.items.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!info) return undefined;
    let node = this.children.get(info.name.toLowerCase());
    if (!node) {
      node = new SecretNode(this, info, this.services);
      this.children.set(info.name.toLowerCase(), node);
    }
    return node;
  }

  override reset(): void {
    this.children.clear();
    super.reset();
  }
}

// ---------------------------------------------------------------------------------------------

export class SecretNode extends ListNode<SecretInfo, NodeKind> {
  readonly kind = 'secret' as const;
  readonly id: string;
  readonly noun = 'versions';
  readonly list: PagedList<SecretInfo>;

  constructor(
    readonly vaultNode: VaultNode,
    public info: SecretInfo,
    protected readonly services: TreeServices,
  ) {
    super(vaultNode);
    this.id = `${vaultNode.id}|${info.name.toLowerCase()}`;
    this.list = new PagedList<SecretInfo>({
      fetchPage: (o) => vaultNode.client().listVersionsPage(info.name, { ...o, pageSize: services.settings().pageSize }),
      onDidChange: () => services.changed(this),
      keyOf: (s) => s.version ?? s.id,
      pageSize: services.settings().pageSize,
      problemContext: {
        operation: 'listVersions',
        vault: vaultFacts(vaultNode.vault),
        secretName: info.name,
        identity: vaultNode.account.identity,
        accountKind: vaultNode.account.kind,
      },
    });
  }

  get name(): string {
    return this.info.name;
  }

  portalUrl(version?: string): string {
    const id = `${this.vaultNode.vault.vaultUri}/secrets/${this.info.name}${version ? `/${version}` : ''}`;
    return secretPortalUrl(this.vaultNode.account.cloud, this.vaultNode.tenantId, id);
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.info;
    const settings = this.services.settings();
    const state = stateOf(s, this.services.now(), settings.expiringWithinDays);
    const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = secretDescription(s, state);
    item.iconPath = stateIcon(state, 'key');
    item.tooltip = secretTooltip(s, state, this.vaultNode.vault.name, s.name);
    item.contextValue = `flowVault.secret;${s.enabled === false ? 'disabled' : 'enabled'};${state.kind}${s.managed ? ';managed' : ''}`;
    const users = this.services.credentialUsers?.(this.vaultNode.vault, s.name) ?? [];
    if (users.length > 0) {
      const used = users.length === 1 ? `used by credential ${users[0].credentialName}` : `used by ${users.length} credentials`;
      item.description = [item.description, used].filter(Boolean).join(' · ');
      item.tooltip.appendMarkdown(
        `\n\n**Power Automate credentials using it:** ${users.map((u) => `${md(u.credentialName)} (${md(u.environmentName)})`).join(', ')}`,
      );
      item.resourceUri = this.services.credentialUseUri?.(this.vaultNode.vault, s.name);
      item.contextValue += ';usedByCredential';
    }
    return item;
  }

  override getChildren(): KvNode[] {
    this.ensureStarted();
    const newest = newestVersion(this.list.items);
    const versions = [...this.list.items].sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
    const nodes: KvNode[] = versions.map((v) => new VersionNode(this, v, v === newest && this.list.state === 'done', this.services));
    nodes.push(...listTail(this, { tenantRef: this.vaultNode.tenantNode.tenantRef }, 'No versions'));
    return nodes;
  }
}

// ---------------------------------------------------------------------------------------------

export class VersionNode extends TreeNode<NodeKind> {
  readonly kind = 'version' as const;
  readonly id: string;

  constructor(
    readonly secretNode: SecretNode,
    readonly info: SecretInfo,
    readonly isCurrent: boolean,
    private readonly services: TreeServices,
  ) {
    super(secretNode);
    this.id = `${secretNode.id}|${info.version ?? info.id}`;
  }

  get version(): string | undefined {
    return this.info.version;
  }

  getTreeItem(): vscode.TreeItem {
    const v = this.info;
    const state = stateOf(v, this.services.now(), this.services.settings().expiringWithinDays);
    const created = v.createdOn ? v.createdOn.toISOString().slice(0, 16).replace('T', ' ') : (v.version ?? '').slice(0, 8);
    const item = new vscode.TreeItem(created, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const bits: string[] = [];
    if (this.isCurrent) bits.push('current');
    bits.push((v.version ?? '').slice(0, 8));
    const desc = secretDescription(v, state);
    if (desc) bits.push(desc);
    item.description = bits.join(' · ');
    item.iconPath = stateIcon(state, 'git-commit');
    item.tooltip = secretTooltip(v, state, this.secretNode.vaultNode.vault.name, `${v.name} (version)`);
    item.contextValue = `flowVault.secretVersion;${v.enabled === false ? 'disabled' : 'enabled'};${state.kind}`;
    return item;
  }
}
