/**
 * The ways to point at a vault secret: its Key Vault URI, the ARM-style path that Power Platform
 * secret environment variables hold, and the portal page.
 */
import type { AzureCloud } from '../clouds';
import { parseSecretReference, secretReferencePath, SECRET_NAME_PATTERN, validateSecretName, type SecretReference } from '../../core/credentials/secretReference';

export interface SecretLocation {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly vaultName: string;
  /** `https://{vault}.vault.azure.net`, no trailing slash. */
  readonly vaultUri: string;
  readonly secretName: string;
  readonly version?: string;
}

/** `https://{vault}.vault.azure.net/secrets/{name}[/{version}]`. */
export function secretUri(loc: Pick<SecretLocation, 'vaultUri' | 'secretName' | 'version'>): string {
  const base = `${loc.vaultUri.replace(/\/+$/, '')}/secrets/${encodeURIComponent(loc.secretName)}`;
  return loc.version ? `${base}/${encodeURIComponent(loc.version)}` : base;
}

/**
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}`:
 * the value of a Power Platform environment variable of type Secret (azure-apis.md §1.3). It never
 * carries a version: Power Platform always reads the current one.
 */
export function secretArmPath(loc: Omit<SecretLocation, 'vaultUri'>): string {
  return secretReferencePath(loc);
}

export type ParsedSecretArmPath = SecretReference;

/** Parses an environment-variable secret reference (case-insensitive, optional trailing version); see `parseSecretReference` for why one is malformed. */
export function parseSecretArmPath(path: string): ParsedSecretArmPath | undefined {
  const parsed = parseSecretReference(path);
  return parsed.ok ? parsed.reference : undefined;
}

/** Parses `https://{vault}.{suffix}/secrets/{name}[/{version}]`. */
export function parseSecretUri(uri: string): { vaultUri: string; secretName: string; version?: string } | undefined {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return undefined;
  }
  const parts = u.pathname.split('/').filter(Boolean);
  if (parts.length < 2 || parts.length > 3 || parts[0] !== 'secrets') return undefined;
  const port = u.port && u.port !== '443' ? `:${u.port}` : '';
  return {
    vaultUri: `${u.protocol}//${u.hostname}${port}`,
    secretName: decodeURIComponent(parts[1]),
    version: parts[2] ? decodeURIComponent(parts[2]) : undefined,
  };
}

/** The vault's page in the portal of its cloud. */
export function vaultPortalUrl(cloud: AzureCloud, tenantId: string | undefined, vaultId: string): string {
  return `${cloud.portalUrl}/#${tenantId ? `@${tenantId}` : ''}/resource${vaultId}`;
}

/** The secret's page in the portal of its cloud (a versioned id opens that version). */
export function secretPortalUrl(cloud: AzureCloud, tenantId: string | undefined, secretId: string): string {
  return `${cloud.portalUrl}/#${tenantId ? `@${tenantId}` : ''}/asset/Microsoft_Azure_KeyVault/Secret/${secretId}`;
}

/** The vault's access control (IAM) blade, where roles are given. */
export function vaultAccessPortalUrl(cloud: AzureCloud, tenantId: string | undefined, vaultId: string, rbac: boolean | undefined): string {
  return `${vaultPortalUrl(cloud, tenantId, vaultId)}/${rbac === false ? 'access_policies' : 'users'}`;
}

export { SECRET_NAME_PATTERN, validateSecretName };
