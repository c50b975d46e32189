/**
 * An account is one way of getting tokens (a Microsoft account through VS Code, the Azure CLI,
 * a service principal) in one cloud. It can reach one or several tenants.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { AzureCloud } from '../clouds';
import {
  azureCliCredential,
  credentialFromCallback,
  servicePrincipalCredential,
  withDefaultTenant,
  type ServicePrincipalCredentialSecret,
  type TokenCallback,
  type TransportOptions,
} from './credentials';

export type AccountKind = 'microsoft' | 'azureCli' | 'servicePrincipal';

export interface AzureAccount {
  /** Stable id: kind, cloud and principal. Part of every tree id below it. */
  readonly id: string;
  readonly kind: AccountKind;
  /** For people: "ana@contoso.com", "Azure CLI", "Service principal flow-vault-demo". */
  readonly label: string;
  readonly cloud: AzureCloud;
  /** Set when the account lives in one tenant (a service principal). */
  readonly homeTenantId?: string;
  /** Whether tenants other than the home tenant can be listed and used. */
  readonly multiTenant: boolean;
  /** Who the caller is, for "give <identity> the … role" messages. */
  readonly identity: string;
  /** A credential that asks in `tenantId` (undefined: the account's default tenant). */
  credential(tenantId?: string): TokenCredential;
}

export interface ServicePrincipalAccountInput {
  readonly tenantId: string;
  readonly clientId: string;
  readonly secret: ServicePrincipalCredentialSecret;
  readonly cloud: AzureCloud;
  /** Display name of the app registration, when known. */
  readonly displayName?: string;
  readonly idSuffix?: string;
  readonly transport?: TransportOptions;
}

export function servicePrincipalAccountId(cloud: AzureCloud, tenantId: string, clientId: string): string {
  return `sp:${cloud.name}:${tenantId.toLowerCase()}:${clientId.toLowerCase()}`;
}

/**
 * A service principal. Its home tenant lists the tenants; a multi-tenant app registered in other
 * tenants gets a credential per tenant (each tenant loads, or fails, on its own).
 */
export function servicePrincipalAccount(input: ServicePrincipalAccountInput): AzureAccount {
  const perTenant = new Map<string, TokenCredential>();
  const name = input.displayName ?? input.clientId;
  return {
    id: servicePrincipalAccountId(input.cloud, input.tenantId, input.clientId) + (input.idSuffix ?? ''),
    kind: 'servicePrincipal',
    label: `Service principal ${name}`,
    cloud: input.cloud,
    homeTenantId: input.tenantId,
    multiTenant: true,
    identity: `service principal ${name}${input.displayName ? ` (app id ${input.clientId})` : ''}`,
    credential(tenantId) {
      const key = (tenantId ?? input.tenantId).toLowerCase();
      let c = perTenant.get(key);
      if (!c) {
        c = servicePrincipalCredential({ tenantId: tenantId ?? input.tenantId, clientId: input.clientId }, input.secret, input.cloud, input.transport);
        perTenant.set(key, c);
      }
      return c;
    },
  };
}

export function azureCliAccount(cloud: AzureCloud, options: { label?: string; identity?: string } = {}): AzureAccount {
  const perTenant = new Map<string, TokenCredential>();
  return {
    id: `cli:${cloud.name}`,
    kind: 'azureCli',
    label: options.label ?? 'Azure CLI',
    cloud,
    multiTenant: true,
    identity: options.identity ?? 'the account signed in to the Azure CLI',
    credential(tenantId) {
      const key = tenantId ?? '';
      let c = perTenant.get(key);
      if (!c) {
        c = azureCliCredential(tenantId);
        perTenant.set(key, c);
      }
      return c;
    },
  };
}

export interface CallbackAccountInput {
  readonly id: string;
  readonly kind: AccountKind;
  readonly label: string;
  readonly cloud: AzureCloud;
  readonly identity: string;
  readonly homeTenantId?: string;
  readonly multiTenant?: boolean;
  readonly getToken: TokenCallback;
}

/** An account over a token callback (VS Code's Microsoft account provider; tests' stubs). */
export function callbackAccount(input: CallbackAccountInput): AzureAccount {
  const base = credentialFromCallback(input.getToken);
  return {
    id: input.id,
    kind: input.kind,
    label: input.label,
    cloud: input.cloud,
    homeTenantId: input.homeTenantId,
    multiTenant: input.multiTenant ?? true,
    identity: input.identity,
    credential: (tenantId) => withDefaultTenant(base, tenantId),
  };
}
