/**
 * The move prompts' cloud, from the signed-in accounts: environments from each tenant's Global
 * Discovery Service, vaults from every subscription, whether a vault suits an environment (the
 * same facts and checks as a credential's health), and the clients that write.
 */
import type { AzureClientOptions } from '../../azure/clients';
import { DataverseEnvironmentClient } from '../../azure/dataverse/environmentClient';
import { listEnvironments } from '../../azure/dataverse/discovery';
import type { ParsedSecretArmPath } from '../../azure/keyVault/references';
import { AzureProblemError } from '../../azure/errors';
import { mapLimit, tenantLabel, type AzureResourceService } from '../../azure/resources';
import { lookUpDataverseAccess } from '../../azure/credentials/dataverseAccess';
import { FactsCache, raceAbort } from '../../azure/credentials/factsCache';
import { lookUpSubscription, lookUpVault } from '../../azure/credentials/vaultFacts';
import { vaultSuitability } from '../../core/credentials/vaultSuitability';
import type { AzureSessionManager } from '../azure/sessionManager';
import type { EnvironmentEntry, MoveCloud, VaultFit } from './cloud';
import { listVaultCatalog, vaultClientFor, type VaultEntry } from './vaultCatalog';

export function sessionCloud(manager: AzureSessionManager, service: AzureResourceService, clientOptions: AzureClientOptions = {}): MoveCloud {
  const facts = new FactsCache();
  return {
    async listEnvironments(signal) {
      await manager.whenRestored();
      const problems: string[] = [];
      const environments: EnvironmentEntry[] = [];
      const seen = new Set<string>();
      for (const { account, tenants, problem } of await service.loadTenants(manager.accounts, { signal })) {
        if (problem) problems.push(`${account.label}: ${problem.title}`);
        await mapLimit(tenants, 4, async ({ tenant, problem: tenantProblem }) => {
          if (tenantProblem) {
            problems.push(`Tenant ${tenantLabel(tenant)}: ${tenantProblem.title}`);
            return;
          }
          try {
            for (const info of await listEnvironments(account, tenant.tenantId, { abortSignal: signal, clientOptions })) {
              if (seen.has(info.organizationId)) continue;
              seen.add(info.organizationId);
              let client: DataverseEnvironmentClient | undefined;
              environments.push({ info, account, client: () => (client ??= new DataverseEnvironmentClient(account, info, clientOptions)) });
            }
          } catch (e) {
            problems.push(`Tenant ${tenantLabel(tenant)}: ${e instanceof AzureProblemError ? e.problem.title : 'environments could not be listed'}`);
          }
        });
      }
      signal.throwIfAborted();
      environments.sort((a, b) => a.info.friendlyName.localeCompare(b.info.friendlyName));
      return { environments, problems };
    },

    async listVaults(signal) {
      await manager.whenRestored();
      facts.clear(); // a new prompt reads the vaults afresh
      return listVaultCatalog(manager.accounts, service, signal);
    },

    vaultFit: (environment, vault, signal) => vaultFit(environment, vault, facts, clientOptions, signal),

    vaultClient: (vault) => vaultClientFor(vault, clientOptions),
  };
}

/**
 * Whether a vault suits the environment, read as a credential's health reads it: the vault and
 * its subscription through ARM, the Dataverse service principal's role on the vault, in the
 * environment's tenant with the account that sees the environment. A new secret has no
 * assignment of its own yet, so only roles on the vault (or above) count.
 */
async function vaultFit(environment: EnvironmentEntry, entry: VaultEntry, cache: FactsCache, clientOptions: AzureClientOptions, signal: AbortSignal): Promise<VaultFit> {
  const { account } = environment;
  const tenantId = environment.info.tenantId;
  const v = entry.vault;
  const ref: ParsedSecretArmPath = { subscriptionId: v.subscriptionId, resourceGroup: v.resourceGroup, vaultName: v.name, secretName: 'new-secret', version: undefined };
  const vaultKey = `move|${account.id}|${tenantId}|vault|${v.id}`.toLowerCase();
  const subKey = `move|${account.id}|${tenantId}|subscription|${v.subscriptionId}`.toLowerCase();
  const [vault, subscription] = await Promise.all([
    raceAbort(cache.get(vaultKey, () => lookUpVault(account, tenantId, ref, clientOptions)), signal),
    raceAbort(cache.get(subKey, () => lookUpSubscription(account, tenantId, ref, clientOptions)), signal),
  ]);
  const dataverseAccess =
    vault.facts.status === 'found'
      ? await raceAbort(
          lookUpDataverseAccess({ account, tenantId: vault.facts.tenantId ?? tenantId, ref, rbac: vault.facts.enableRbacAuthorization, accessPolicies: vault.accessPolicies, cache, clientOptions }),
          signal,
        )
      : undefined;
  const fit = vaultSuitability({ environmentTenantId: tenantId, vault: vault.facts, subscription, dataverseAccess });
  const reason = fit.reason && fit.fix ? `${fit.reason} ${fit.fix.title}` : fit.reason;
  if (fit.severity === 'ok') return { verdict: 'yes' };
  return { verdict: fit.severity === 'error' ? 'no' : 'unknown', reason };
}
