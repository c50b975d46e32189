/**
 * The Credentials view's backend over the Dataverse client: environments from the Global
 * Discovery Service, one Web API client per account and environment, health decided by the core
 * (`credentialHealth`) from the facts gathered for the credential, and the names a stored
 * desktop flow reads with Get credential (`credentialUsesInClientData`).
 */
import type { AzureAccount } from '../../azure/auth/accounts';
import type { AzureClientOptions } from '../../azure/clients';
import { listEnvironments } from '../../azure/dataverse/discovery';
import { DataverseEnvironmentClient } from '../../azure/dataverse/environmentClient';
import type { DataverseEnvironmentInfo, EnvironmentClient } from '../../azure/dataverse/types';
import type { TenantInfo } from '../../azure/resources';
import { FactsCache } from '../../azure/credentials/factsCache';
import { gatherCredentialFacts } from '../../azure/credentials/gatherCredentialFacts';
import { credentialHealth, credentialNames, credentialUsesInClientData, type CredentialHealthInput, type CredentialRecordFacts } from '../../core/credentials';
import type { CredentialsBackend, HealthView } from './backend';

/** Reads what one credential's health depends on (vault, subscription, secret, Dataverse's access). */
export type GatherHealthFacts = (
  account: AzureAccount,
  environment: DataverseEnvironmentInfo,
  credential: CredentialRecordFacts,
  signal?: AbortSignal,
) => Promise<CredentialHealthInput>;

export interface DataverseBackendOptions {
  readonly clientOptions?: AzureClientOptions;
  /** Default: `gatherCredentialFacts` with the signed-in identity (ARM, Graph, Key Vault). */
  readonly gather?: GatherHealthFacts;
  readonly expiringWithinDays?: () => number;
  readonly template?: () => string;
}

export class DataverseCredentialsBackend implements CredentialsBackend {
  private readonly clients = new Map<string, EnvironmentClient>();
  /** Vault, subscription and role lookups shared by the credentials of one refresh. */
  private cache = new FactsCache();
  private readonly gather: GatherHealthFacts;

  constructor(private readonly options: DataverseBackendOptions = {}) {
    this.gather =
      options.gather ??
      ((account, environment, credential, signal) =>
        gatherCredentialFacts(credential, { account, environmentTenantId: environment.tenantId, cache: this.cache, clientOptions: options.clientOptions, abortSignal: signal }));
  }

  reset(): void {
    this.cache = new FactsCache();
    this.clients.clear();
  }

  listEnvironments(account: AzureAccount, tenant: TenantInfo, signal?: AbortSignal): Promise<readonly DataverseEnvironmentInfo[]> {
    return listEnvironments(account, tenant.tenantId, { abortSignal: signal, clientOptions: this.options.clientOptions });
  }

  environmentClient(account: AzureAccount, environment: DataverseEnvironmentInfo): EnvironmentClient {
    const key = `${account.id}|${environment.organizationId}`;
    let c = this.clients.get(key);
    if (!c) {
      c = new DataverseEnvironmentClient(account, environment, this.options.clientOptions);
      this.clients.set(key, c);
    }
    return c;
  }

  async checkHealth(account: AzureAccount, environment: DataverseEnvironmentInfo, credential: CredentialRecordFacts, signal?: AbortSignal): Promise<HealthView> {
    const input = await this.gather(account, environment, credential, signal);
    const h = credentialHealth(input, { expiringWithinDays: this.options.expiringWithinDays?.(), signedInAs: account.identity });
    return { level: h.severity, state: h.state, summary: h.summary, detail: h.detail };
  }

  credentialsReadBy(clientData: string): readonly string[] {
    const read = credentialUsesInClientData(clientData, { template: this.options.template?.() });
    return read.ok ? credentialNames(read.uses) : [];
  }
}
