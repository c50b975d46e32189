/**
 * What Resource Manager says about the vault a secret reference names, and about its
 * subscription's `Microsoft.PowerPlatform` registration, as the facts of facts.ts. A vault whose
 * subscription lives in another tenant is recognised from ARM's challenge, which names that tenant.
 */
import type { AccessPolicyEntry, Vault } from '@azure/arm-keyvault';
import type { SubscriptionFacts, VaultFacts } from '../../core/credentials/facts';
import type { AzureAccount } from '../auth/accounts';
import { createKeyVaultManagementClient, createResourceManagementClient, type AzureClientOptions } from '../clients';
import { classifyAzureError, errorFacts, type AzureOperation, type ProblemContext } from '../errors';
import type { ParsedSecretArmPath } from '../keyVault/references';
import { powerPlatformDelegation } from './privateEndpoints';

/** The vault as ARM describes it, with its access policies (kept for the Dataverse check). */
export interface VaultLookup {
  readonly facts: VaultFacts;
  readonly accessPolicies?: readonly AccessPolicyEntry[];
}

/** The tenant named by ARM's `WWW-Authenticate` when a token is from another tenant than the subscription's. */
export function challengedTenant(err: unknown): string | undefined {
  const f = errorFacts(err);
  if (f.statusCode !== 401 || f.code !== 'InvalidAuthenticationTokenTenant') return undefined;
  const response = (err as { response?: { headers?: { get?(n: string): string | undefined } } }).response;
  const header = response?.headers?.get?.('www-authenticate') ?? '';
  return /authorization_uri="?https:\/\/[^/"\s]+\/([0-9a-fA-F-]{36})/.exec(header)?.[1]?.toLowerCase();
}

function reasonOf(err: unknown, ctx: ProblemContext): string {
  return classifyAzureError(err, ctx).message;
}

export function toVaultFacts(v: Vault): VaultFacts {
  const p = v.properties;
  const acls = p?.networkAcls;
  return {
    status: 'found',
    id: v.id,
    name: v.name,
    tenantId: p?.tenantId?.toLowerCase(),
    vaultUri: p?.vaultUri?.replace(/\/+$/, ''),
    location: v.location,
    enableRbacAuthorization: p?.enableRbacAuthorization,
    publicNetworkAccess: p?.publicNetworkAccess,
    networkAcls: acls
      ? {
          defaultAction: acls.defaultAction === 'Deny' ? 'Deny' : 'Allow',
          bypass: acls.bypass,
          ipRules: (acls.ipRules ?? []).map((r) => r.value).filter((x): x is string => !!x),
          virtualNetworkRules: (acls.virtualNetworkRules ?? []).map((r) => r.id).filter((x): x is string => !!x),
        }
      : undefined,
    privateEndpoints: (p?.privateEndpointConnections ?? []).map((c) => ({
      id: c.privateEndpoint?.id ?? c.id ?? '',
      status: c.privateLinkServiceConnectionState?.status,
    })),
  };
}

function ctxFor(operation: AzureOperation, account: AzureAccount, tenantId: string, ref: ParsedSecretArmPath): ProblemContext {
  return {
    operation,
    tenant: { id: tenantId },
    subscription: { id: ref.subscriptionId },
    vault: operation === 'readVault' ? { name: ref.vaultName } : undefined,
    identity: account.identity,
    accountKind: account.kind,
  };
}

/** Reads the vault through ARM in `tenantId`; never throws (a failure is a status with its reason). */
export async function lookUpVault(account: AzureAccount, tenantId: string, ref: ParsedSecretArmPath, options?: AzureClientOptions): Promise<VaultLookup> {
  const ctx = ctxFor('readVault', account, tenantId, ref);
  try {
    const client = createKeyVaultManagementClient(account, tenantId, ref.subscriptionId, options);
    const v = await client.vaults.get(ref.resourceGroup, ref.vaultName);
    const facts = toVaultFacts(v);
    const endpoints = facts.privateEndpoints ?? [];
    const delegated = await powerPlatformDelegation(account, tenantId, endpoints.map((e) => e.id), options);
    return {
      facts: { ...facts, privateEndpoints: endpoints.map((e, i) => ({ ...e, powerPlatformDelegated: delegated[i] })) },
      accessPolicies: v.properties?.accessPolicies,
    };
  } catch (e) {
    const other = challengedTenant(e);
    if (other && other !== tenantId.toLowerCase()) {
      return {
        facts: {
          status: 'no-access',
          name: ref.vaultName,
          tenantId: other,
          reason: `Vault ${ref.vaultName} is in subscription ${ref.subscriptionId} of tenant ${other}, not in the environment's tenant ${tenantId}.`,
        },
      };
    }
    const status = errorFacts(e).statusCode;
    const p = classifyAzureError(e, ctx);
    if (p.kind === 'cancelled') throw e;
    return {
      facts: {
        status: status === 404 ? 'not-found' : status === 403 ? 'no-access' : 'error',
        name: ref.vaultName,
        reason: p.message,
      },
    };
  }
}

/** The `Microsoft.PowerPlatform` registration of the vault's subscription; never throws. */
export async function lookUpSubscription(account: AzureAccount, tenantId: string, ref: ParsedSecretArmPath, options?: AzureClientOptions): Promise<SubscriptionFacts> {
  const ctx = ctxFor('readProvider', account, tenantId, ref);
  try {
    const client = createResourceManagementClient(account, tenantId, ref.subscriptionId, options);
    const provider = await client.providers.get('Microsoft.PowerPlatform');
    return { status: 'found', id: ref.subscriptionId, tenantId: tenantId.toLowerCase(), powerPlatformProvider: provider.registrationState ?? undefined };
  } catch (e) {
    const other = challengedTenant(e);
    if (other && other !== tenantId.toLowerCase()) {
      return { status: 'no-access', id: ref.subscriptionId, tenantId: other, reason: `Subscription ${ref.subscriptionId} belongs to tenant ${other}, not to the environment's tenant ${tenantId}.` };
    }
    const f = errorFacts(e);
    const p = classifyAzureError(e, ctx);
    if (p.kind === 'cancelled') throw e;
    const notFound = f.statusCode === 404 && f.code !== 'InvalidResourceNamespace';
    return { status: notFound ? 'not-found' : f.statusCode === 403 ? 'no-access' : 'error', id: ref.subscriptionId, reason: reasonOf(e, ctx) };
  }
}
