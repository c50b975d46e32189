/**
 * Tenant → environment nodes. A tenant lists its environments from the Global Discovery Service
 * (one request); an environment lists its credentials a page at a time with "Load more…", records
 * them for the Key Vault view's "used by" badge, and queues their health checks behind the rows.
 * Its desktop flows (with their definitions) load only when a "Used by" row is expanded.
 */
import * as vscode from 'vscode';
import type { AzureAccount } from '../../../azure/auth/accounts';
import { PagedList } from '../../../azure/pagedList';
import { tenantLabel, type TenantStatus } from '../../../azure/resources';
import type { DataverseEnvironmentInfo, DesktopFlowRecord, EnvironmentClient } from '../../../azure/dataverse/types';
import type { CredentialRecordFacts } from '../../../core/credentials/facts';
import { makerPortalUrl } from '../makerPortal';
import { ListNode } from '../../tree/ListNode';
import { md } from '../../tree/markdown';
import { TenantListNode } from '../../tree/TenantListNode';
import { InfoNode, listTail } from '../../tree/statusNodes';
import { CREDENTIALS_TREE, icon, type CredNode, type CredNodeKind, type CredServices } from './CredNode';
import { CredentialNode } from './credentialNodes';

// ---------------------------------------------------------------------------------------------

export class CredTenantNode extends TenantListNode<DataverseEnvironmentInfo, CredNodeKind> {
  readonly kind = 'tenant' as const;
  readonly noun = 'environments';
  protected readonly contextValueBase = 'flowVault.credTenant';
  readonly list: PagedList<DataverseEnvironmentInfo>;
  private readonly children = new Map<string, EnvironmentNode>();

  constructor(
    status: TenantStatus,
    protected readonly services: CredServices,
    showAccount: boolean,
  ) {
    super(CREDENTIALS_TREE, status, showAccount);
    const { account, tenant } = status;
    this.list = new PagedList<DataverseEnvironmentInfo>({
      fetchPage: async (o) => ({ items: [...(await services.backend.listEnvironments(account, tenant, o.signal))] }),
      onDidChange: () => services.changed(this),
      keyOf: (e) => e.environmentId,
      problemContext: { operation: 'listEnvironments', tenant: { id: tenant.tenantId, name: tenantLabel(tenant) }, identity: account.identity, accountKind: account.kind },
    });
  }

  protected listSummary(): string | undefined {
    if (this.list.state !== 'done') return undefined;
    return `${this.list.items.length} environment${this.list.items.length === 1 ? '' : 's'}`;
  }

  override getChildren(): CredNode[] {
    const problem = this.problemRow();
    if (problem) return [problem];
    this.ensureStarted();
    const nodes: CredNode[] = this.environmentNodes();
    nodes.push(...listTail(this, { tenantRef: this.tenantRef }, 'No Power Platform environments with Dataverse in this tenant'));
    return nodes;
  }

  environmentNodes(): EnvironmentNode[] {
    return this.list.items.map((e) => {
      let node = this.children.get(e.environmentId);
      if (!node) {
        node = new EnvironmentNode(this, e, this.services);
        this.children.set(e.environmentId, node);
      }
      return node;
    });
  }

  /** Stops loading here and in every environment. */
  cancelAll(): void {
    this.list.cancel();
    for (const e of this.children.values()) e.cancelAll();
  }
}

// ---------------------------------------------------------------------------------------------

export class EnvironmentNode extends ListNode<CredentialRecordFacts, CredNodeKind> {
  readonly kind = 'environment' as const;
  readonly id: string;
  readonly noun = 'credentials';
  readonly list: PagedList<CredentialRecordFacts>;
  /** Desktop flows with their definitions: loaded (every page) when a "Used by" row needs them. */
  readonly flows: PagedList<DesktopFlowRecord>;
  private readonly children = new Map<string, CredentialNode>();
  private clientInstance: EnvironmentClient | undefined;
  private flowIndex: Map<string, DesktopFlowRecord[]> | undefined;
  private indexedFlows = 0;
  private seen = 0;

  constructor(
    readonly tenantNode: CredTenantNode,
    readonly environment: DataverseEnvironmentInfo,
    protected readonly services: CredServices,
  ) {
    super(tenantNode);
    this.id = `${tenantNode.id}|${environment.environmentId}`;
    const account = tenantNode.account;
    const problemContext = {
      tenant: { id: environment.tenantId },
      environment: { name: environment.friendlyName, url: environment.url },
      identity: account.identity,
      accountKind: account.kind,
    };
    this.list = new PagedList<CredentialRecordFacts>({
      fetchPage: async (o) => {
        const page = await this.client().listCredentials({ pageSize: o.pageSize ?? services.settings().pageSize, nextLink: o.continuationToken, abortSignal: o.signal });
        return { items: [...page.items], continuationToken: page.nextLink };
      },
      onDidChange: () => this.listChanged(),
      keyOf: (c) => c.id,
      pageSize: services.settings().pageSize,
      problemContext: { ...problemContext, operation: 'listCredentials' },
    });
    this.flows = new PagedList<DesktopFlowRecord>({
      fetchPage: async (o) => {
        const page = await this.client().listDesktopFlows({ withDefinition: true, nextLink: o.continuationToken, abortSignal: o.signal });
        return { items: [...page.items], continuationToken: page.nextLink };
      },
      onDidChange: () => {
        for (const c of this.children.values()) c.usedByChanged();
      },
      autoContinue: true,
      keyOf: (f) => f.id,
      problemContext: { ...problemContext, operation: 'listDesktopFlows' },
    });
  }

  get account(): AzureAccount {
    return this.tenantNode.account;
  }

  client(): EnvironmentClient {
    return (this.clientInstance ??= this.services.backend.environmentClient(this.account, this.environment));
  }

  /** New rows: remember which secrets they use, queue their health, and show them. */
  private listChanged(): void {
    const items = this.list.items;
    if (items.length > this.seen) {
      const fresh = items.slice(this.seen);
      this.seen = items.length;
      this.services.usage.addCredentials(this.id, this.environment.friendlyName, fresh);
      this.services.health.add(fresh.map((c) => this.credentialNode(c)));
    }
    this.services.changed(this);
  }

  makerPortalUrl(): string {
    return makerPortalUrl(this.environment.cloud, this.environment.environmentId);
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.environment;
    const item = new vscode.TreeItem(e.friendlyName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const bits = [e.urlName];
    const n = this.list.items.length;
    if (this.list.state === 'done') bits.push(`${n} credential${n === 1 ? '' : 's'}`);
    else if (n > 0) bits.push(`${n}+ credentials`);
    item.description = bits.join(' · ');
    item.iconPath = icon({ id: 'server-environment' });
    item.contextValue = 'flowVault.environment';
    item.tooltip = new vscode.MarkdownString(
      `**${md(e.friendlyName)}** (Power Platform environment)\n\n| | |\n|---|---|\n| URL | ${md(e.url)} |\n| Environment id | \`${e.environmentId}\` |\n| Organization id | \`${e.organizationId}\` |\n| Tenant | \`${e.tenantId}\` |`,
    );
    return item;
  }

  override getChildren(): CredNode[] {
    this.ensureStarted();
    const nodes: CredNode[] = this.list.items.map((c) => this.credentialNode(c));
    nodes.push(
      ...listTail(
        this,
        { tenantRef: this.tenantNode.tenantRef },
        new InfoNode(this, `${this.id}|empty`, 'No credentials in this environment', {
          description: 'create one from a Key Vault secret',
          icon: 'circle-slash',
          command: { command: 'flowVault.credentials.createFromSecret', title: 'Create Credential from Secret…', arguments: [{ environmentId: this.environment.environmentId }] },
          tooltip: 'Right-click a secret in the Key Vault view and choose "Create Power Automate Credential…", or click here to pick one.',
        }),
      ),
    );
    return nodes;
  }

  credentialNode(c: CredentialRecordFacts): CredentialNode {
    let node = this.children.get(c.id);
    if (!node) {
      node = new CredentialNode(this, c, this.services);
      this.children.set(c.id, node);
    }
    return node;
  }

  credentialNodes(): CredentialNode[] {
    return this.list.items.map((c) => this.credentialNode(c));
  }

  /** The environment's desktop flows that read `credentialName`, once the flows are loaded. */
  flowsUsing(credentialName: string): readonly DesktopFlowRecord[] {
    if (!this.flowIndex || this.indexedFlows !== this.flows.items.length) {
      const index = new Map<string, DesktopFlowRecord[]>();
      for (const f of this.flows.items) {
        if (!f.clientData) continue;
        let names: readonly string[];
        try {
          names = this.services.backend.credentialsReadBy(f.clientData);
        } catch {
          continue;
        }
        for (const n of new Set(names.map((x) => x.toLowerCase()))) {
          let list = index.get(n);
          if (!list) index.set(n, (list = []));
          list.push(f);
        }
      }
      this.flowIndex = index;
      this.indexedFlows = this.flows.items.length;
    }
    return this.flowIndex.get(credentialName.toLowerCase()) ?? [];
  }

  ensureFlows(): Promise<void> {
    if (this.flows.state === 'idle') return this.track(this.flows.loadMore());
    return this.flows.whenIdle();
  }

  cancelAll(): void {
    this.list.cancel();
    this.flows.cancel();
  }
}
