/**
 * The move prompts' cloud, from the signed-in accounts: environments from each tenant's Global
 * Discovery Service, vaults from every subscription, whether a vault suits an environment (the
 * same checks as a credential's health), and the clients that write.
 */
import type { AzureClientOptions } from '../../azure/clients';
import { DataverseEnvironmentClient } from '../../azure/dataverse/environmentClient';
import { listEnvironments } from '../../azure/dataverse/discovery';
import { AzureProblemError } from '../../azure/errors';
import { mapLimit, tenantLabel, type AzureResourceService } from '../../azure/resources';
import type { VaultFacts } from '../../core/credentials/facts';
import { vaultSuitability } from '../../core/credentials/vaultSuitability';
import type { AzureSessionManager } from '../azure/sessionManager';
import type { EnvironmentEntry, MoveCloud, VaultFit } from './cloud';
import { listVaultCatalog, vaultClientFor, type VaultEntry } from './vaultCatalog';

export function sessionCloud(manager: AzureSessionManager, service: AzureResourceService, clientOptions: AzureClientOptions = {}): MoveCloud {
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
              environments.push({ info, client: () => (client ??= new DataverseEnvironmentClient(account, info, clientOptions)) });
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
      return listVaultCatalog(manager.accounts, service, signal);
    },

    async vaultFit(environment, vault): Promise<VaultFit> {
      return vaultFitFromListing(environment, vault);
    },

    vaultClient: (vault) => vaultClientFor(vault, clientOptions),
  };
}

/** What the vault listing already tells: its tenant and its network settings. */
function vaultFitFromListing(environment: EnvironmentEntry, entry: VaultEntry): VaultFit {
  const v = entry.vault;
  const facts: VaultFacts = {
    status: 'found',
    id: v.id,
    name: v.name,
    tenantId: v.tenantId ?? entry.tenant.tenantId,
    vaultUri: v.vaultUri,
    location: v.location,
    enableRbacAuthorization: v.rbac,
    publicNetworkAccess: v.publicNetworkAccess,
    // The listing says whether endpoints exist, not where: their delegation stays unknown.
    privateEndpoints: v.hasPrivateEndpoints ? [{ id: `${v.id}/privateEndpointConnections` }] : [],
  };
  const fit = vaultSuitability({ environmentTenantId: environment.info.tenantId, vault: facts });
  const reason = fit.reason && fit.fix ? `${fit.reason} ${fit.fix.title}` : fit.reason;
  if (fit.severity === 'ok') return { verdict: 'yes' };
  return { verdict: fit.severity === 'error' ? 'no' : 'unknown', reason };
}
