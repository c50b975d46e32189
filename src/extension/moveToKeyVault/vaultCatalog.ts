/**
 * Every key vault of the signed-in accounts' subscriptions (all pages), for the vault prompt.
 * A tenant or subscription that fails is reported by name and the others still list.
 */
import type { AzureAccount } from '../../azure/auth/accounts';
import type { AzureClientOptions } from '../../azure/clients';
import { AzureProblemError } from '../../azure/errors';
import { VaultClient } from '../../azure/keyVault/vaultClient';
import { mapLimit, tenantLabel, type AzureResourceService, type SubscriptionInfo, type TenantInfo, type VaultInfo } from '../../azure/resources';

export interface VaultEntry {
  readonly vault: VaultInfo;
  readonly subscription: SubscriptionInfo;
  readonly tenant: TenantInfo;
  readonly account: AzureAccount;
}

export interface VaultCatalog {
  readonly vaults: readonly VaultEntry[];
  /** "Tenant Fabrikam: Sign in to tenant …", one per place that failed. */
  readonly problems: readonly string[];
}

async function allPages<T>(fetch: (token?: string) => Promise<{ items: T[]; continuationToken?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return out;
}

const titleOf = (e: unknown): string => (e instanceof AzureProblemError ? e.problem.title : 'could not be listed');

export async function listVaultCatalog(
  accounts: readonly AzureAccount[],
  service: AzureResourceService,
  signal?: AbortSignal,
): Promise<VaultCatalog> {
  const problems: string[] = [];
  const seen = new Set<string>();
  const vaults: VaultEntry[] = [];
  const loaded = await service.loadTenants(accounts, { signal });
  for (const { account, tenants, problem } of loaded) {
    if (problem) problems.push(`${account.label}: ${problem.title}`);
    const usable = tenants.filter((t) => {
      if (t.problem) problems.push(`Tenant ${tenantLabel(t.tenant)}: ${t.problem.title}`);
      return !t.problem;
    });
    await mapLimit(usable, 4, async ({ tenant }) => {
      let subscriptions: SubscriptionInfo[] = [];
      try {
        subscriptions = await allPages((token) => service.listSubscriptionsPage(account, tenant, { continuationToken: token, signal }));
      } catch (e) {
        problems.push(`Tenant ${tenantLabel(tenant)}: ${titleOf(e)}`);
      }
      await mapLimit(subscriptions, 4, async (subscription) => {
        try {
          const list = await allPages((token) => service.listVaultsPage(account, tenant, subscription, { continuationToken: token, signal }));
          for (const vault of list) {
            const key = vault.id.toLowerCase();
            if (seen.has(key)) continue;
            seen.add(key);
            vaults.push({ vault, subscription, tenant, account });
          }
        } catch (e) {
          problems.push(`Subscription ${subscription.displayName}: ${titleOf(e)}`);
        }
      });
    });
  }
  signal?.throwIfAborted();
  vaults.sort((a, b) => a.vault.name.localeCompare(b.vault.name));
  return { vaults, problems };
}

export function vaultClientFor(entry: VaultEntry, clientOptions: AzureClientOptions = {}): VaultClient {
  return new VaultClient(entry.account, entry.tenant, entry.vault, clientOptions);
}
