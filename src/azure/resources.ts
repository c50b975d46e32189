/**
 * Tenants, subscriptions and key vaults of an account, a page at a time, cancellable, with every
 * failure classified (errors.ts) and kept to its own tenant/subscription.
 */
import type { Vault } from '@azure/arm-keyvault';
import { getContinuationToken, type Subscription, type TenantIdDescription } from '@azure/arm-resources-subscriptions';
import type { AzureAccount } from './auth/accounts';
import { createKeyVaultManagementClient, createSubscriptionClient, type AzureClientOptions } from './clients';
import { AzureProblemError, classified, classifyAzureError, type AzureProblem, type ProblemContext } from './errors';
import { takePage, throwIfAborted, type Page, type PageOptions } from './paging';

export interface TenantInfo {
  readonly tenantId: string;
  readonly displayName?: string;
  readonly defaultDomain?: string;
}

export interface SubscriptionInfo {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly tenantId: string;
  /** Enabled, Disabled, Warned, PastDue, Deleted. */
  readonly state?: string;
}

export interface VaultInfo {
  /** ARM id: /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}. */
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location?: string;
  /** `https://{name}.vault.azure.net` without a trailing slash. */
  readonly vaultUri: string;
  readonly tenantId?: string;
  readonly rbac?: boolean;
  readonly publicNetworkAccess?: string;
  readonly firewallDefaultAction?: string;
  readonly hasPrivateEndpoints: boolean;
  readonly softDelete?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The result of looking at one tenant: usable, or why not. */
export interface TenantStatus {
  readonly account: AzureAccount;
  readonly tenant: TenantInfo;
  readonly problem?: AzureProblem;
}

export interface AccountTenants {
  readonly account: AzureAccount;
  readonly tenants: TenantStatus[];
  /** Set when the account could not list its tenants at all. */
  readonly problem?: AzureProblem;
}

/** The ARM path of a vault secret, as Power Platform secret environment variables hold it. */
export function parseVaultId(id: string): { subscriptionId: string; resourceGroup: string; name: string } | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)$/i.exec(id.replace(/\/+$/, ''));
  return m ? { subscriptionId: m[1], resourceGroup: m[2], name: m[3] } : undefined;
}

export function toVaultInfo(v: Vault, subscriptionId: string): VaultInfo | undefined {
  if (!v.id || !v.name) return undefined;
  const parsed = parseVaultId(v.id);
  const p = v.properties;
  const vaultUri = (p?.vaultUri ?? '').replace(/\/+$/, '');
  if (!vaultUri) return undefined;
  return {
    id: v.id,
    name: v.name,
    subscriptionId: parsed?.subscriptionId ?? subscriptionId,
    resourceGroup: parsed?.resourceGroup ?? '',
    location: v.location,
    vaultUri,
    tenantId: p?.tenantId,
    rbac: p?.enableRbacAuthorization,
    publicNetworkAccess: p?.publicNetworkAccess,
    firewallDefaultAction: p?.networkAcls?.defaultAction,
    hasPrivateEndpoints: (p?.privateEndpointConnections?.length ?? 0) > 0,
    softDelete: p?.enableSoftDelete,
    tags: v.tags,
  };
}

function toTenantInfo(t: TenantIdDescription): TenantInfo | undefined {
  if (!t.tenantId) return undefined;
  return { tenantId: t.tenantId, displayName: t.displayName, defaultDomain: t.defaultDomain };
}

function toSubscriptionInfo(s: Subscription, tenantId: string): SubscriptionInfo | undefined {
  if (!s.subscriptionId) return undefined;
  return {
    subscriptionId: s.subscriptionId,
    displayName: s.displayName ?? s.subscriptionId,
    tenantId: s.tenantId ?? tenantId,
    state: s.state,
  };
}

export function tenantLabel(t: TenantInfo): string {
  return t.displayName ?? t.defaultDomain ?? t.tenantId;
}


/** Runs `tasks` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

export class AzureResourceService {
  constructor(private readonly clientOptions: AzureClientOptions = {}) {}

  /** Every tenant the account can see (ARM `GET /tenants`, all pages). */
  async listTenants(account: AzureAccount, signal?: AbortSignal): Promise<TenantInfo[]> {
    const ctx: ProblemContext = {
      operation: 'listTenants',
      identity: account.identity,
      accountKind: account.kind,
      tenant: account.homeTenantId ? { id: account.homeTenantId } : undefined,
    };
    return classified(ctx, async () => {
      const client = createSubscriptionClient(account, account.homeTenantId, this.clientOptions);
      const out: TenantInfo[] = [];
      for await (const page of client.tenants.list({ abortSignal: signal }).byPage()) {
        throwIfAborted(signal);
        for (const t of page) {
          const info = toTenantInfo(t);
          if (info && !out.some((o) => o.tenantId === info.tenantId)) out.push(info);
        }
      }
      if (account.homeTenantId && !account.multiTenant) {
        const home = out.find((t) => t.tenantId.toLowerCase() === account.homeTenantId!.toLowerCase());
        return [home ?? { tenantId: account.homeTenantId }];
      }
      return out;
    });
  }

  /** Whether a token for the tenant can be had (MFA, locked, guest … show up here). */
  async probeTenant(account: AzureAccount, tenant: TenantInfo, signal?: AbortSignal): Promise<AzureProblem | undefined> {
    try {
      throwIfAborted(signal);
      const token = await account.credential(tenant.tenantId).getToken(account.cloud.resourceManagerScope, {
        tenantId: tenant.tenantId,
        abortSignal: signal,
      });
      if (!token) throw new Error('No token');
      return undefined;
    } catch (e) {
      return classifyAzureError(e, {
        operation: 'signIn',
        tenant: { id: tenant.tenantId, name: tenantLabel(tenant) },
        identity: account.identity,
      accountKind: account.kind,
      });
    }
  }

  /**
   * Tenants of every account, each probed for a token. A tenant that fails (MFA, locked, guest)
   * comes back with its problem; the others are unaffected. An account that cannot even list its
   * tenants comes back with a problem and no tenants.
   */
  async loadTenants(accounts: readonly AzureAccount[], options: { signal?: AbortSignal; concurrency?: number } = {}): Promise<AccountTenants[]> {
    return Promise.all(
      accounts.map(async (account): Promise<AccountTenants> => {
        let tenants: TenantInfo[];
        try {
          tenants = await this.listTenants(account, options.signal);
        } catch (e) {
          const problem = e instanceof AzureProblemError ? e.problem : classifyAzureError(e, { operation: 'listTenants', identity: account.identity, accountKind: account.kind });
          if (account.homeTenantId) {
            // A single-tenant account: show its tenant, with the problem.
            return { account, tenants: [{ account, tenant: { tenantId: account.homeTenantId }, problem }] };
          }
          return { account, tenants: [], problem };
        }
        const statuses = await mapLimit(tenants, options.concurrency ?? 4, async (tenant) => ({
          account,
          tenant,
          problem: await this.probeTenant(account, tenant, options.signal),
        }));
        return { account, tenants: statuses };
      }),
    );
  }

  async listSubscriptionsPage(account: AzureAccount, tenant: TenantInfo, options: PageOptions = {}): Promise<Page<SubscriptionInfo>> {
    const ctx: ProblemContext = {
      operation: 'listSubscriptions',
      tenant: { id: tenant.tenantId, name: tenantLabel(tenant) },
      identity: account.identity,
      accountKind: account.kind,
    };
    return classified(ctx, async () => {
      const client = createSubscriptionClient(account, tenant.tenantId, this.clientOptions);
      return takePage(
        client.subscriptions.list({ abortSignal: options.signal }),
        { continuationToken: options.continuationToken, signal: options.signal },
        (s) => toSubscriptionInfo(s, tenant.tenantId),
        (page) => getContinuationToken(page),
      );
    });
  }

  async listVaultsPage(
    account: AzureAccount,
    tenant: TenantInfo,
    subscription: SubscriptionInfo,
    options: PageOptions = {},
  ): Promise<Page<VaultInfo>> {
    const ctx: ProblemContext = {
      operation: 'listVaults',
      tenant: { id: tenant.tenantId, name: tenantLabel(tenant) },
      subscription: { id: subscription.subscriptionId, name: subscription.displayName },
      identity: account.identity,
      accountKind: account.kind,
    };
    return classified(ctx, async () => {
      const client = createKeyVaultManagementClient(account, tenant.tenantId, subscription.subscriptionId, this.clientOptions);
      return takePage(
        client.vaults.listBySubscription({ abortSignal: options.signal, top: options.pageSize }),
        { continuationToken: options.continuationToken, signal: options.signal },
        (v) => toVaultInfo(v, subscription.subscriptionId),
      );
    });
  }
}
