/**
 * What Dataverse checks when a secret environment variable's value is written (azure-apis.md §2.1,
 * §2.2): the value is a Key Vault secret reference
 * `/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}`,
 * the vault is in the environment's tenant, its subscription has `Microsoft.PowerPlatform`
 * registered, and the caller may read secrets in it (RBAC `getSecret` at the secret's scope, or an
 * access policy with `get`). The quoted texts are the documented ones; the wording of the malformed
 * and other-tenant messages and the error code `0x80040203` are INFERRED. A malformed value is never
 * echoed: it may be a password typed in the wrong place.
 */
import type { DataverseEnvironment, FakeAzureState } from '../../state';
import { findSecret } from '../../state';
import { invalidArgument } from './errors';

const REFERENCE = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)\/secrets\/([^/]+)(?:\/([0-9a-f]{32}))?\/?$/i;

export const PROVIDER_MESSAGE = 'Make sure the provider Microsoft.PowerPlatform is registered in the Azure subscription';

export function notAuthorizedMessage(reference: string): string {
  return `This variable didn't save properly. User is not authorized to read secrets from '${reference}'.`;
}

/** Throws Dataverse's 400 when the reference would not save. */
export function validateSecretReference(state: FakeAzureState, env: DataverseEnvironment, callerObjectId: string, reference: string): void {
  const m = REFERENCE.exec(reference.trim());
  if (!m) {
    throw invalidArgument(
      "This variable didn't save properly. The value is not an Azure Key Vault secret reference: use /subscriptions/{Subscription ID}/resourceGroups/{Resource Group Name}/providers/Microsoft.KeyVault/vaults/{Key Vault Name}/secrets/{Secret Name}.",
    );
  }
  const [, subscriptionId, groupName, vaultName, secretName] = m;
  const path = reference.trim();
  const sub = state.findSubscription(subscriptionId);
  if (!sub) throw invalidArgument(notAuthorizedMessage(path));
  const group = sub.resourceGroups.find((g) => g.name.toLowerCase() === groupName.toLowerCase());
  const vault = group?.vaults.find((v) => v.name.toLowerCase() === vaultName.toLowerCase());
  if ((vault?.tenantId ?? sub.tenantId) !== env.tenantId) {
    throw invalidArgument(
      `This variable didn't save properly. The Azure Key Vault in '${path}' is in another tenant than this environment: the Azure Key Vault must be in the same tenant as your Power Platform subscription.`,
    );
  }
  if (sub.providers.get('microsoft.powerplatform')?.registrationState !== 'Registered') throw invalidArgument(PROVIDER_MESSAGE);
  if (!vault) throw invalidArgument(notAuthorizedMessage(path));
  const vaultId = state.vaultResourceId(vault);
  const secretScope = `${vaultId}/secrets/${findSecret(vault, secretName)?.name ?? secretName}`;
  const allowed = vault.enableRbacAuthorization
    ? state.can(callerObjectId, secretScope, 'Microsoft.KeyVault/vaults/secrets/getSecret/action', true)
    : vault.accessPolicies.some(
        (p) => state.principalIdsOf(callerObjectId).includes(p.objectId) && p.permissions.secrets.some((s) => s.toLowerCase() === 'get' || s.toLowerCase() === 'all'),
      );
  if (!allowed) throw invalidArgument(notAuthorizedMessage(path));
}
