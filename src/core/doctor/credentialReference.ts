/**
 * The Key Vault secret a credential's password variable points at: the variable's current value
 * (or its default) must be an ARM path to a vault secret (azure-apis.md §1.3).
 */
import { ENV_VAR_TYPE, SECRET_STORE, type CredentialRecordFacts } from '../credentials/facts';

export interface SecretReference {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly vaultName: string;
  readonly secretName: string;
  /** `/subscriptions/…/providers/Microsoft.KeyVault/vaults/{vault}`. */
  readonly vaultId: string;
  /** The variable's schema name. */
  readonly variable: string;
}

export type ReferenceResult = { readonly ok: true; readonly reference: SecretReference } | { readonly ok: false; readonly problem: string };

const ARM_PATH =
  /^\s*\/subscriptions\/([^/\s]+)\/resourceGroups\/([^/\s]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/\s]+)\/secrets\/([^/\s]+)(?:\/[^/\s]+)?\/?\s*$/i;

export function credentialReference(credential: CredentialRecordFacts): ReferenceResult {
  const v = credential.password;
  if (!v) return { ok: false, problem: 'It has no password environment variable.' };
  if (v.type !== ENV_VAR_TYPE.secret) return { ok: false, problem: `Its password variable ${v.schemaName} is not of type Secret (type ${v.type}).` };
  if (v.secretStore !== undefined && v.secretStore !== SECRET_STORE.azureKeyVault) {
    return { ok: false, problem: `Its password variable ${v.schemaName} keeps its secret in Dataverse, not in Azure Key Vault (secretstore ${v.secretStore}).` };
  }
  const value = v.currentValue ?? v.defaultValue;
  if (!value || !value.trim()) return { ok: false, problem: `Its password variable ${v.schemaName} has no value in this environment and no default.` };
  const m = ARM_PATH.exec(value);
  // The value is a reference, not a secret; still, a malformed one is not quoted (someone may have pasted a password).
  if (!m) return { ok: false, problem: `The value of ${v.schemaName} is not a Key Vault reference of the form /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}.` };
  const [, subscriptionId, resourceGroup, vaultName, secretName] = m;
  return {
    ok: true,
    reference: {
      subscriptionId,
      resourceGroup,
      vaultName,
      secretName,
      vaultId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/vaults/${vaultName}`,
      variable: v.schemaName,
    },
  };
}
