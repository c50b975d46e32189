/**
 * Everything the health of a credential depends on (`CredentialHealthInput`, facts.ts), gathered
 * with the signed-in identity: the password variable's Key Vault reference, the vault and its
 * subscription through ARM, the Dataverse service principal's access, and the secret's attributes.
 * Each part fails on its own (a 403 on ARM gives `no-access` with the reason; the others still
 * run), the independent parts run concurrently, every wait is cancellable, and lookups that do not
 * depend on the secret (vault, subscription, role assignments, the service principal) come from a
 * cache shared by the credentials of one refresh.
 */
import type { CredentialHealthInput, CredentialRecordFacts } from '../../core/credentials/facts';
import type { AzureAccount } from '../auth/accounts';
import type { AzureClientOptions } from '../clients';
import { parseSecretArmPath, type ParsedSecretArmPath } from '../keyVault/references';
import { throwIfAborted } from '../paging';
import { mapLimit } from '../resources';
import type { EnvironmentClient, Page, PageOptions } from '../dataverse/types';
import { lookUpDataverseAccess } from './dataverseAccess';
import { FactsCache, raceAbort } from './factsCache';
import { lookUpSecret } from './secretFacts';
import { lookUpSubscription, lookUpVault } from './vaultFacts';

export interface GatherOptions {
  readonly account: AzureAccount;
  /** Tenant of the Power Platform environment; ARM, Graph and Key Vault are asked in it. */
  readonly environmentTenantId: string;
  /** Shared by the credentials of one refresh (default: a new one per call). */
  readonly cache?: FactsCache;
  readonly clientOptions?: AzureClientOptions;
  readonly abortSignal?: AbortSignal;
  /** The clock of `now` in the result. */
  readonly now?: () => number;
}

/** The Key Vault reference a password variable holds: its current value, else its default. */
export function passwordReference(credential: CredentialRecordFacts): string | undefined {
  const p = credential.password;
  if (!p) return undefined;
  return p.currentValue?.trim() || p.defaultValue?.trim() || undefined;
}

function key(account: AzureAccount, tenantId: string, ...parts: string[]): string {
  return [account.id, tenantId, ...parts].join('|').toLowerCase();
}

/** The facts of one credential. Throws only when cancelled. */
export async function gatherCredentialFacts(credential: CredentialRecordFacts, options: GatherOptions): Promise<CredentialHealthInput> {
  const { account, abortSignal } = options;
  const tenantId = options.environmentTenantId.toLowerCase();
  const now = (options.now ?? Date.now)();
  const base: CredentialHealthInput = { credential, environmentTenantId: tenantId, now };
  throwIfAborted(abortSignal);

  const reference = passwordReference(credential);
  const ref: ParsedSecretArmPath | undefined = reference ? parseSecretArmPath(reference) : undefined;
  if (!ref) return base; // no or malformed reference: nothing to read

  const cache = options.cache ?? new FactsCache();
  const opts = options.clientOptions;
  const vaultKey = key(account, tenantId, 'vault', ref.subscriptionId, ref.resourceGroup, ref.vaultName);
  const vaultP = cache.get(vaultKey, () => lookUpVault(account, tenantId, ref, opts));
  const subscriptionP = cache.get(key(account, tenantId, 'subscription', ref.subscriptionId), () => lookUpSubscription(account, tenantId, ref, opts));
  // The Dataverse check and the secret read wait for the vault (cached: one ARM call per vault), for
  // its tenant, permission model and URI; the provider registration does not.
  const vault = await raceAbort(vaultP, abortSignal);
  const vaultTenant = vault.facts.tenantId ?? tenantId;
  const accessP =
    vault.facts.status === 'found' || vault.facts.status === 'no-access'
      ? lookUpDataverseAccess({
          account,
          tenantId: vaultTenant,
          ref,
          rbac: vault.facts.enableRbacAuthorization,
          accessPolicies: vault.accessPolicies,
          cache,
          clientOptions: opts,
        })
      : Promise.resolve(undefined);
  // A vault ARM does not know at that path has no secret to read (its host may not even resolve).
  const secretP =
    vault.facts.status === 'not-found'
      ? Promise.resolve(undefined)
      : lookUpSecret({ account, tenantId: vaultTenant, ref, vaultUri: vault.facts.vaultUri, clientOptions: opts, abortSignal, cache });
  const [subscription, dataverseAccess, secret] = await Promise.all([raceAbort(subscriptionP, abortSignal), raceAbort(accessP, abortSignal), secretP]);
  return { ...base, vault: vault.facts, subscription, dataverseAccess, secret };
}

export interface EnvironmentCredentialsOptions extends PageOptions, Omit<GatherOptions, 'environmentTenantId' | 'abortSignal'> {
  /** Credentials gathered at once (default 8). */
  readonly concurrency?: number;
}

/** A page of the environment's credentials, each with its facts (for the Credentials view). */
export async function gatherEnvironmentCredentials(client: EnvironmentClient, options: EnvironmentCredentialsOptions): Promise<Page<CredentialHealthInput>> {
  const page = await client.listCredentials({ pageSize: options.pageSize, nextLink: options.nextLink, abortSignal: options.abortSignal });
  const cache = options.cache ?? new FactsCache();
  const items = await mapLimit(page.items, options.concurrency ?? 8, (credential) =>
    gatherCredentialFacts(credential, { ...options, cache, environmentTenantId: client.environment.tenantId }),
  );
  return { items, nextLink: page.nextLink };
}
