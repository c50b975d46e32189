/** Facts of one healthy Key Vault credential, and a way to change one part of them. */
import {
  CREDENTIAL_CONNECTION_TYPE,
  ENV_VAR_TYPE,
  SECRET_STORE,
  type CredentialHealthInput,
  type DataverseAccessFacts,
  type SecretFacts,
  type SubscriptionFacts,
  type VaultFacts,
} from '../../../src/core/credentials';

export const DAY = 86_400_000;
export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '0d5b1f3a-1111-4222-8333-944445555666';
export const SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
export const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-rpa-prod`;
export const REFERENCE = `${VAULT_ID}/secrets/sap-password`;

export const healthyVault: VaultFacts = {
  status: 'found',
  id: VAULT_ID,
  name: 'kv-rpa-prod',
  tenantId: TENANT,
  vaultUri: 'https://kv-rpa-prod.vault.azure.net',
  enableRbacAuthorization: true,
  publicNetworkAccess: 'Enabled',
  networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] },
};
export const healthySubscription: SubscriptionFacts = { status: 'found', id: SUB, tenantId: TENANT, powerPlatformProvider: 'Registered' };
export const granted: DataverseAccessFacts = { status: 'granted', evidence: 'Key Vault Secrets User on the vault' };
export const foundSecret: SecretFacts = { status: 'found', enabled: true, expiresOn: NOW + 200 * DAY };

export function healthy(): CredentialHealthInput {
  return {
    credential: {
      id: 'c0000000-0000-0000-0000-000000000001',
      name: 'SAP robot',
      active: true,
      connectionType: CREDENTIAL_CONNECTION_TYPE.usernamePassword,
      username: { id: 'u1', schemaName: 'new_SapUser', type: ENV_VAR_TYPE.string, currentValue: 'robot@contoso.com' },
      password: { id: 'p1', schemaName: 'new_SapPassword', type: ENV_VAR_TYPE.secret, secretStore: SECRET_STORE.azureKeyVault, currentValue: REFERENCE },
    },
    environmentTenantId: TENANT,
    subscription: healthySubscription,
    vault: healthyVault,
    dataverseAccess: granted,
    secret: foundSecret,
    now: NOW,
  };
}

/** The healthy facts with some parts replaced. */
export function withFacts(change: Partial<CredentialHealthInput>): CredentialHealthInput {
  return { ...healthy(), ...change };
}

/** The healthy facts with the password variable's fields replaced. */
export function withPassword(change: Record<string, unknown> | undefined): CredentialHealthInput {
  const h = healthy();
  return { ...h, credential: { ...h.credential, password: change === undefined ? undefined : { ...h.credential.password!, ...change } } };
}
