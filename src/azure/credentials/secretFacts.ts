/**
 * The secret a reference names, read with the signed-in identity's own data-plane access: its
 * attributes only. Versions are listed (no value is read); only when listing is not allowed (an
 * access policy with `get` but not `list`) is the secret fetched, and its value is dropped at once.
 * A secret that is gone is looked for among the deleted secrets.
 */
import type { SecretClient } from '@azure/keyvault-secrets';
import type { SecretFacts } from '../../core/credentials/facts';
import type { AzureAccount } from '../auth/accounts';
import { createSecretClient, type AzureClientOptions } from '../clients';
import { keyVaultUrl } from '../clouds';
import { AzureProblemError, classifyAzureError, type AzureProblem, type ProblemContext } from '../errors';
import type { ParsedSecretArmPath } from '../keyVault/references';
import { newestVersion, VaultClient, type SecretInfo } from '../keyVault/vaultClient';
import type { FactsCache } from './factsCache';

function attributes(s: Pick<SecretInfo, 'enabled' | 'expiresOn' | 'notBefore' | 'updatedOn'>): Omit<SecretFacts, 'status'> {
  return {
    enabled: s.enabled,
    expiresOn: s.expiresOn?.getTime(),
    notBefore: s.notBefore?.getTime(),
    updatedOn: s.updatedOn?.getTime(),
  };
}

function problemOf(e: unknown, ctx: ProblemContext): AzureProblem {
  return e instanceof AzureProblemError ? e.problem : classifyAzureError(e, ctx);
}

function fromProblem(p: AzureProblem): SecretFacts {
  switch (p.kind) {
    case 'cancelled':
      throw new AzureProblemError(p);
    case 'firewall':
    case 'privateNetwork':
      return { status: 'unreachable', reason: p.message };
    case 'permissionDenied':
      return { status: 'no-access', reason: p.message };
    case 'notFound':
      return { status: 'not-found', reason: p.message };
    default:
      return { status: 'error', reason: p.message };
  }
}

export interface SecretLookupInput {
  readonly account: AzureAccount;
  readonly tenantId: string;
  readonly ref: ParsedSecretArmPath;
  /** From ARM when known; else the vault's name in the account's cloud. */
  readonly vaultUri?: string;
  readonly clientOptions?: AzureClientOptions;
  readonly abortSignal?: AbortSignal;
  /** Keeps the vault's clients for the credentials of one refresh. */
  readonly cache?: FactsCache;
}

/** The secret's attributes (never its value); never throws but for cancellation. */
export async function lookUpSecret(input: SecretLookupInput): Promise<SecretFacts> {
  const { account, tenantId, ref, abortSignal } = input;
  const vaultUri = (input.vaultUri ?? keyVaultUrl(ref.vaultName, account.cloud)).replace(/\/+$/, '');
  const ctx: ProblemContext = {
    operation: 'getSecret',
    tenant: { id: tenantId },
    vault: { name: ref.vaultName },
    secretName: ref.secretName,
    identity: account.identity,
    accountKind: account.kind,
  };
  let clients: { vault: VaultClient; secrets: SecretClient };
  try {
    // One pair of clients per vault: each new client would answer Key Vault's challenge again.
    const make = async () => ({
      vault: new VaultClient(
        account,
        { tenantId },
        {
          id: `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.KeyVault/vaults/${ref.vaultName}`,
          name: ref.vaultName,
          subscriptionId: ref.subscriptionId,
          resourceGroup: ref.resourceGroup,
          vaultUri,
          hasPrivateEndpoints: false,
        },
        input.clientOptions,
      ),
      secrets: createSecretClient(account, tenantId, vaultUri, input.clientOptions),
    });
    clients = await (input.cache ? input.cache.get(`kv-clients|${account.id}|${tenantId}|${vaultUri}`.toLowerCase(), make) : make());
  } catch (e) {
    return { status: 'error', reason: problemOf(e, ctx).message };
  }
  const vault = clients.vault;

  let listProblem: AzureProblem | undefined;
  try {
    const versions = await vault.listAllVersions(ref.secretName, abortSignal);
    const current = ref.version ? versions.find((v) => v.version === ref.version) : newestVersion(versions);
    if (current) return { status: 'found', ...attributes(current) };
  } catch (e) {
    listProblem = problemOf(e, { ...ctx, operation: 'listVersions' });
    if (listProblem.kind !== 'permissionDenied' && listProblem.kind !== 'notFound') return fromProblem(listProblem);
  }

  if (listProblem?.kind === 'permissionDenied') {
    // Listing needs `list`; an access policy may give `get` only. Fetch, keep the attributes, drop the value.
    try {
      const { properties } = await clients.secrets.getSecret(ref.secretName, { version: ref.version, abortSignal });
      return { status: 'found', ...attributes(properties) };
    } catch (e) {
      const p = problemOf(e, ctx);
      if (p.kind !== 'notFound') return fromProblem(p.kind === 'permissionDenied' ? p : listProblem);
    }
  }

  // Not there: deleted (recoverable), or never existed / purged.
  try {
    const deleted = await clients.secrets.getDeletedSecret(ref.secretName, { abortSignal });
    return { status: 'deleted', reason: `Secret ${ref.secretName} was deleted from vault ${ref.vaultName}${deleted.properties.deletedOn ? ` on ${deleted.properties.deletedOn.toISOString().slice(0, 10)}` : ''} and can still be recovered.`, ...attributes(deleted.properties) };
  } catch (e) {
    const p = problemOf(e, { ...ctx, operation: 'listSecrets' });
    if (p.kind === 'cancelled') throw new AzureProblemError(p);
    const why = p.kind === 'notFound' ? '' : ' (whether it was deleted could not be checked)';
    return { status: 'not-found', reason: `Vault ${ref.vaultName} has no secret named ${ref.secretName}${why}.` };
  }
}
