/**
 * The value of a Power Platform secret environment variable: the Key Vault secret's resource path
 * (azure-apis.md §1.3), `/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}`.
 * Read case-insensitively, with surrounding whitespace, an optional trailing `/{version}` and an
 * optional trailing slash; anything else is malformed, and the parse says why in words a user can
 * act on. Key Vault's naming rules for secrets and vaults live here too.
 */

export interface SecretReference {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly vaultName: string;
  readonly secretName: string;
  /** Power Platform always reads the current version; a version in the path is tolerated. */
  readonly version: string | undefined;
}

export type SecretReferenceParse =
  | { readonly ok: true; readonly reference: SecretReference }
  | { readonly ok: false; readonly problem: string };

/** Key Vault secret names: 1-127 characters, letters, digits and dashes. */
export const SECRET_NAME_PATTERN = /^[0-9a-zA-Z-]{1,127}$/;

/** Why a Key Vault secret name is not valid, or undefined. */
export function validateSecretName(name: string): string | undefined {
  if (!name) return 'Enter a name.';
  if (name.length > 127) return 'A secret name has at most 127 characters.';
  if (!SECRET_NAME_PATTERN.test(name)) return 'A secret name may contain only letters, digits and dashes (-).';
  return undefined;
}

/** Why a Key Vault name is not valid (3-24 characters, letters, digits and single dashes, starting with a letter), or undefined. */
export function validateVaultName(name: string): string | undefined {
  if (name.length < 3 || name.length > 24) return 'A vault name has 3 to 24 characters.';
  if (!/^[a-zA-Z][0-9a-zA-Z-]*[0-9a-zA-Z]$/.test(name)) return 'A vault name starts with a letter, ends with a letter or digit, and has only letters, digits and dashes.';
  if (name.includes('--')) return 'A vault name cannot have two dashes in a row.';
  return undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The fixed words of the path, in order, and the part that follows each. */
const SHAPE: readonly (readonly [keyword: string, part: string])[] = [
  ['subscriptions', 'subscription id'],
  ['resourceGroups', 'resource group name'],
  ['providers', 'Microsoft.KeyVault'],
  ['vaults', 'vault name'],
  ['secrets', 'secret name'],
];
const EXPECTED = '/subscriptions/{subscription id}/resourceGroups/{resource group}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{secret}';

/**
 * A part of a malformed reference, quoted only when it reads like an Azure name: anything else may
 * be a password pasted into the wrong field, so it is described by its length, never shown.
 */
function quotePart(v: string): string {
  return /^[A-Za-z0-9._()-]{1,128}$/.test(v) ? `'${v}'` : `a ${v.length}-character value that no Azure name can be`;
}

/** Reads a secret reference; when it is malformed, says why without showing a part that could be a pasted password. */
export function parseSecretReference(value: string): SecretReferenceParse {
  const fail = (problem: string): SecretReferenceParse => ({ ok: false, problem });
  const text = String(value ?? '').trim();
  if (text === '') return fail('The reference is empty.');
  if (/^https?:\/\//i.test(text)) {
    return fail(`The reference is a URL; Power Platform expects the secret's resource path ${EXPECTED}.`);
  }
  if (!text.startsWith('/')) return fail(`The reference does not start with /subscriptions/; expected ${EXPECTED}.`);
  if (/\s/.test(text)) return fail('The reference contains spaces inside the path.');
  const parts = text.slice(1).split('/');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // one trailing slash
  if (parts.some((p) => p === '')) return fail('The reference has an empty part (two slashes in a row).');

  const values: string[] = [];
  for (let i = 0; i < SHAPE.length; i++) {
    const [keyword, part] = SHAPE[i];
    const word = parts[i * 2];
    if (word === undefined) return fail(`The reference ends before '${keyword}/{${part}}'; expected ${EXPECTED}.`);
    if (word.toLowerCase() !== keyword.toLowerCase()) {
      return fail(`Expected '${keyword}' as part ${i * 2 + 1} of the path, found ${quotePart(word)}; expected ${EXPECTED}.`);
    }
    const v = parts[i * 2 + 1];
    if (v === undefined) return fail(`The reference has no ${part} after '${keyword}/'.`);
    if (keyword === 'providers' && v.toLowerCase() !== 'microsoft.keyvault') {
      return fail(`The reference names the provider ${quotePart(v)}; a secret reference names Microsoft.KeyVault.`);
    }
    values.push(v);
  }
  if (parts.length > SHAPE.length * 2 + 1) return fail('The reference has more parts after the secret name and version than a secret reference has.');
  const [subscriptionId, resourceGroup, , vaultName, secretName] = values;
  if (!GUID.test(subscriptionId)) return fail(`The subscription id ${quotePart(subscriptionId)} is not a GUID.`);
  if (resourceGroup.length > 90 || resourceGroup.endsWith('.')) return fail(`The resource group name ${quotePart(resourceGroup)} is not valid (at most 90 characters, not ending with a period).`);
  const vaultProblem = validateVaultName(vaultName);
  if (vaultProblem) return fail(`The vault name ${quotePart(vaultName)} is not valid: ${vaultProblem}`);
  const secretProblem = validateSecretName(secretName);
  if (secretProblem) return fail(`The secret name ${quotePart(secretName)} is not valid: ${secretProblem}`);
  const version = parts[SHAPE.length * 2];
  return { ok: true, reference: { subscriptionId, resourceGroup, vaultName, secretName, version } };
}

/** The reference Power Platform stores for a secret (never with a version). */
export function secretReferencePath(ref: Omit<SecretReference, 'version'> & { readonly version?: string }): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.KeyVault/vaults/${ref.vaultName}/secrets/${ref.secretName}`;
}

/** The ARM id of the vault a reference names. */
export function vaultResourceId(ref: Pick<SecretReference, 'subscriptionId' | 'resourceGroup' | 'vaultName'>): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.KeyVault/vaults/${ref.vaultName}`;
}
