/**
 * The ways to point at a vault secret: its Key Vault URI, the ARM-style path that Power Platform
 * secret environment variables hold, and the portal page.
 */
import type { AzureCloud } from '../clouds';

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
  return `/subscriptions/${loc.subscriptionId}/resourceGroups/${loc.resourceGroup}/providers/Microsoft.KeyVault/vaults/${loc.vaultName}/secrets/${loc.secretName}`;
}

export interface ParsedSecretArmPath {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly vaultName: string;
  readonly secretName: string;
  readonly version?: string;
}

/** Parses an environment-variable secret reference (case-insensitive, optional trailing version). */
export function parseSecretArmPath(path: string): ParsedSecretArmPath | undefined {
  const m =
    /^\s*\/subscriptions\/([^/\s]+)\/resourceGroups\/([^/\s]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/\s]+)\/secrets\/([^/\s]+)(?:\/([^/\s]+))?\/?\s*$/i.exec(
      path,
    );
  if (!m) return undefined;
  return { subscriptionId: m[1], resourceGroup: m[2], vaultName: m[3], secretName: m[4], version: m[5] };
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

/** Key Vault secret names: 1-127 characters, letters, digits and dashes. */
export const SECRET_NAME_PATTERN = /^[0-9a-zA-Z-]{1,127}$/;

export function validateSecretName(name: string): string | undefined {
  if (!name) return 'Enter a name.';
  if (name.length > 127) return 'A secret name has at most 127 characters.';
  if (!SECRET_NAME_PATTERN.test(name)) return 'A secret name may contain only letters, digits and dashes (-).';
  return undefined;
}
