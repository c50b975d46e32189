/**
 * TokenCredential adapters for the ways Flow Vault signs in: a callback (VS Code's Microsoft
 * account provider is wrapped in one by the host), the Azure CLI, and a service principal with a
 * secret or a certificate. All of them get their authority from the cloud table.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import type { AzureCloud } from '../clouds';
import { OperationCancelledError } from '../errors';

/** Gets a token for `scopes` in `tenantId` (undefined: the account's home / default tenant). */
export type TokenCallback = (
  scopes: string[],
  tenantId: string | undefined,
  options: { abortSignal?: AbortSignal; claims?: string },
) => Promise<AccessToken>;

/**
 * A TokenCredential over a callback. `defaultTenantId` is used when the SDK does not name a tenant
 * (ARM clients); the Key Vault challenge names the vault's tenant and that wins.
 */
export function credentialFromCallback(callback: TokenCallback, defaultTenantId?: string): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const signal = options?.abortSignal as AbortSignal | undefined;
      if (signal?.aborted) throw new OperationCancelledError();
      const list = Array.isArray(scopes) ? scopes : [scopes];
      return callback(list, options?.tenantId ?? defaultTenantId, { abortSignal: signal, claims: options?.claims });
    },
  };
}

export interface ServicePrincipalSecret {
  readonly kind: 'secret';
  readonly clientSecret: string;
}

export interface ServicePrincipalCertificate {
  readonly kind: 'certificate';
  /** A PEM file with the private key and the certificate. */
  readonly certificatePath?: string;
  /** Or the PEM text itself. */
  readonly certificatePem?: string;
  readonly sendCertificateChain?: boolean;
}

export type ServicePrincipalCredentialSecret = ServicePrincipalSecret | ServicePrincipalCertificate;

export interface ServicePrincipalIdentity {
  readonly tenantId: string;
  readonly clientId: string;
}

/** Pipeline options for credentials and clients (an https.Agent, for in-process tests). */
export interface TransportOptions {
  readonly agent?: import('https').Agent;
}

/**
 * A service principal credential against the cloud's authority. It may answer the Key Vault
 * challenge of another tenant the app is registered in (multi-tenant apps).
 */
export function servicePrincipalCredential(
  identity: ServicePrincipalIdentity,
  secret: ServicePrincipalCredentialSecret,
  cloud: AzureCloud,
  transport: TransportOptions = {},
): TokenCredential {
  const options = { authorityHost: cloud.authorityHost, additionallyAllowedTenants: ['*'], ...(transport.agent ? { agent: transport.agent } : {}) };
  if (secret.kind === 'secret') {
    return new ClientSecretCredential(identity.tenantId, identity.clientId, secret.clientSecret, options);
  }
  if (secret.certificatePem) {
    return new ClientCertificateCredential(
      identity.tenantId,
      identity.clientId,
      { certificate: secret.certificatePem },
      { ...options, sendCertificateChain: secret.sendCertificateChain },
    );
  }
  if (secret.certificatePath) {
    return new ClientCertificateCredential(
      identity.tenantId,
      identity.clientId,
      { certificatePath: secret.certificatePath },
      { ...options, sendCertificateChain: secret.sendCertificateChain },
    );
  }
  throw new Error('A certificate credential needs a PEM file path or PEM text.');
}

/**
 * The Azure CLI's signed-in account. The CLI's own cloud (`az cloud set`) decides its authority;
 * `tenantId` pins a tenant for tokens the SDK does not ask for in a specific tenant.
 */
export function azureCliCredential(tenantId?: string, processTimeoutInMs = 30000): TokenCredential {
  return new AzureCliCredential({ tenantId, processTimeoutInMs });
}

/** A credential that always asks in one tenant unless the SDK names another (Key Vault challenge). */
export function withDefaultTenant(credential: TokenCredential, tenantId: string | undefined): TokenCredential {
  if (!tenantId) return credential;
  return {
    getToken(scopes, options) {
      return credential.getToken(scopes, { ...options, tenantId: options?.tenantId ?? tenantId });
    },
  };
}

/** Non-secret claims of an access token, for "who is calling" in messages. */
export interface TokenClaims {
  readonly oid?: string;
  readonly appid?: string;
  readonly tid?: string;
  readonly upn?: string;
  readonly name?: string;
}

/** Reads the non-secret identity claims of a JWT access token (no signature check: display only). */
export function readTokenClaims(token: string): TokenClaims {
  const parts = token.split('.');
  if (parts.length < 2) return {};
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    const s = (k: string): string | undefined => (typeof payload[k] === 'string' ? (payload[k] as string) : undefined);
    return {
      oid: s('oid'),
      appid: s('appid') ?? s('azp'),
      tid: s('tid'),
      upn: s('upn') ?? s('unique_name') ?? s('preferred_username') ?? s('email'),
      name: s('name'),
    };
  } catch {
    return {};
  }
}
