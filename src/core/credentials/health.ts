/**
 * The health of one Power Automate credential, decided from the facts the clients read
 * (`CredentialHealthInput`): one state, a severity, a summary for a tree item's description, a
 * detail for its tooltip (why, the evidence read, what to do) and a fix with the real ids.
 *
 * Precedence, most fundamental first (`HEALTH_PRECEDENCE`): a problem earlier in the list makes
 * the later ones moot, so only the first one found is reported.
 *  1. `credential-inactive`   the credential record itself is switched off
 *  2. `not-key-vault`         CyberArk, machine mapping, connection reference, a password not in Key Vault: not checked
 *  3. `reference-missing`     no password variable, or it holds no value
 *  4. `reference-malformed`   the value is not a secret's resource path
 *  5. `vault-other-tenant`    the vault or its subscription is in another tenant (never supported)
 *  6. `vault-not-found`       the vault the reference names does not exist (as far as ARM shows)
 *  7. `provider-not-registered` Microsoft.PowerPlatform not registered in the vault's subscription
 *  8. `vault-unreachable`     public access disabled or a firewall that keeps Power Platform out
 *  9. `vault-unreadable-by-dataverse` the Dataverse service principal lacks Key Vault Secrets User
 * 10. `cannot-check`          the signed-in identity cannot read (or reach) the secret itself
 * 11. `secret-missing`, `secret-deleted` (recoverable)
 * 12. `secret-disabled`, 13. `secret-expired`, 14. `secret-not-yet-valid`, 15. `secret-expiring`
 * 16. `not-checked`           the secret has not been read yet (facts missing)
 * 17. `ok`
 * Vault-level problems come before `cannot-check`: they are read from Resource Manager and hold
 * whatever the signed-in identity may read in the vault itself.
 *
 * Pure: no clock (`now` comes in), and no secret value anywhere (the facts hold none).
 */
import { CREDENTIAL_CONNECTION_TYPE, ENV_VAR_TYPE, SECRET_STORE, type CredentialHealthInput, type EnvironmentVariableFacts } from './facts';
import { parseSecretReference, vaultResourceId, type SecretReference } from './secretReference';
import { isoDate, secretState } from './secretState';
import {
  dataverseAccessProblem,
  networkProblem,
  providerProblem,
  tenantProblem,
  KEY_VAULT_SECRETS_USER,
  type HealthFix,
  type HealthSeverity,
  type VaultProblem,
} from './vaultChecks';

export type CredentialHealthState =
  | 'credential-inactive'
  | 'not-key-vault'
  | 'reference-missing'
  | 'reference-malformed'
  | 'vault-other-tenant'
  | 'vault-not-found'
  | 'provider-not-registered'
  | 'vault-unreachable'
  | 'vault-unreadable-by-dataverse'
  | 'cannot-check'
  | 'secret-missing'
  | 'secret-deleted'
  | 'secret-disabled'
  | 'secret-expired'
  | 'secret-not-yet-valid'
  | 'secret-expiring'
  | 'not-checked'
  | 'ok';

/** The order in which states are decided: the first that applies wins. */
export const HEALTH_PRECEDENCE: readonly CredentialHealthState[] = [
  'credential-inactive',
  'not-key-vault',
  'reference-missing',
  'reference-malformed',
  'vault-other-tenant',
  'vault-not-found',
  'provider-not-registered',
  'vault-unreachable',
  'vault-unreadable-by-dataverse',
  'cannot-check',
  'secret-missing',
  'secret-deleted',
  'secret-disabled',
  'secret-expired',
  'secret-not-yet-valid',
  'secret-expiring',
  'not-checked',
  'ok',
];

export interface CredentialHealth {
  readonly state: CredentialHealthState;
  readonly severity: HealthSeverity;
  /** A few words for a tree item's description. */
  readonly summary: string;
  /** The tooltip: why, the evidence read, and what to do. Lines separated by `\n`. */
  readonly detail: string;
  readonly fix?: HealthFix;
  /** The secret the credential's password variable points at, when the reference reads. */
  readonly reference?: SecretReference;
}

export interface CredentialHealthOptions {
  /** A secret expiring within this many days is `secret-expiring` (default 30; 0 turns it off). */
  readonly expiringWithinDays?: number;
  /** Who is signed in, for `cannot-check` ("… because ada@contoso.com has no access"). */
  readonly signedInAs?: string;
}

export const DEFAULT_EXPIRING_WITHIN_DAYS = 30;

const NOT_KEY_VAULT_TYPES: ReadonlyMap<number, string> = new Map([
  [CREDENTIAL_CONNECTION_TYPE.cyberArk, 'CyberArk'],
  [CREDENTIAL_CONNECTION_TYPE.machineMapping, 'machine mapping'],
  [CREDENTIAL_CONNECTION_TYPE.connectionReference, 'connection reference'],
]);

const VARIABLE_TYPE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(ENV_VAR_TYPE).map(([name, code]) => [code, name === 'dataSource' ? 'data source' : name.toLowerCase()]),
);

export function credentialHealth(input: CredentialHealthInput, options: CredentialHealthOptions = {}): CredentialHealth {
  const { credential, vault, subscription, secret, dataverseAccess } = input;
  const who = options.signedInAs?.trim() || 'the signed-in account';
  const name = `Credential '${credential.name}'`;
  const credentialPage: HealthFix['portal'] = { kind: 'credential', id: credential.id };
  let reference: SecretReference | undefined;

  if (!credential.active) {
    return health('credential-inactive', 'warning', 'inactive', [
      `${name} is inactive: flows that use it with Get credential fail to get it.`,
    ], { title: 'Activate the credential in Power Automate (Data > Credentials), or stop using it.', portal: credentialPage });
  }

  const otherStore = credential.connectionType !== undefined ? NOT_KEY_VAULT_TYPES.get(credential.connectionType) : undefined;
  if (otherStore) {
    return health('not-key-vault', 'unknown', `${otherStore}: not checked`, [
      `${name} is a ${otherStore} credential, not one backed by Azure Key Vault. Flow Vault checks Key Vault credentials only; this one was not checked.`,
    ]);
  }

  const password = credential.password;
  if (!password) {
    return health('reference-missing', 'error', 'no password variable', [
      `${name} has no password environment variable, so it points at no Key Vault secret.`,
    ], { title: 'Edit the credential in Power Automate and choose the Key Vault secret for its password.', portal: credentialPage });
  }
  const variable = `'${password.schemaName}'`;
  if (password.type !== ENV_VAR_TYPE.secret) {
    const typeName = VARIABLE_TYPE_NAMES.get(password.type) ?? `type ${password.type}`;
    return health('not-key-vault', 'warning', 'password not in Key Vault', [
      `${name}'s password variable ${variable} is a ${typeName} environment variable, not a secret one: its value is kept in Dataverse, not in Key Vault. It was not checked.`,
    ], { title: 'Use a secret environment variable that points at a Key Vault secret.', portal: credentialPage });
  }
  if (password.secretStore === SECRET_STORE.dataverse) {
    return health('not-key-vault', 'unknown', 'secret in Dataverse: not checked', [
      `${name}'s password variable ${variable} keeps its secret in Dataverse, not in Key Vault. It was not checked.`,
    ]);
  }

  const value = referenceValue(password);
  if (!value) {
    return health('reference-missing', 'error', 'secret reference missing', [
      `${name}'s password variable ${variable} has no value in this environment and no default: it points at no secret.`,
    ], { title: 'Set the variable to the Key Vault secret (subscription, resource group, vault, secret name) in Power Automate.', portal: credentialPage });
  }
  const parsed = parseSecretReference(value.text);
  if (!parsed.ok) {
    return health('reference-malformed', 'error', 'secret reference malformed', [
      `${name}'s password variable ${variable} (${value.from}) does not hold a Key Vault secret reference: ${parsed.problem}`,
    ], { title: 'Set the variable to /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}.', portal: credentialPage });
  }
  const ref = parsed.reference;
  reference = ref;
  const vaultId = vault?.status === 'found' && vault.id ? vault.id : vaultResourceId(ref);
  const secretLabel = `secret '${ref.secretName}' in vault '${ref.vaultName}'`;
  const reads = `${name} reads ${secretLabel} (resource group ${ref.resourceGroup}, subscription ${ref.subscriptionId}) through variable ${variable}${value.from === 'default value' ? ' (its default value: no current value is set)' : ''}.`;

  function health(state: CredentialHealthState, severity: HealthSeverity, summary: string, lines: readonly string[], fix?: HealthFix): CredentialHealth {
    const detail = [...lines];
    if (fix) detail.push(`Fix: ${fix.title}${fix.command ? `\n  ${fix.command}` : ''}`);
    return { state, severity, summary, detail: detail.join('\n'), ...(fix ? { fix } : {}), ...(reference ? { reference } : {}) };
  }
  function fromProblem(p: VaultProblem): CredentialHealth {
    return health(p.state, p.severity, p.summary, [reads, ...p.detail], p.fix);
  }

  const tenant = tenantProblem(input.environmentTenantId, vault, subscription, ref.vaultName);
  if (tenant) return fromProblem(tenant);

  if (vault?.status === 'not-found' || (subscription?.status === 'not-found' && vault?.status !== 'found')) {
    const subscriptionSeen = subscription?.status === 'found';
    const lines = [reads];
    if (vault?.status === 'not-found') {
      lines.push(`Resource Manager has no vault '${ref.vaultName}' in resource group ${ref.resourceGroup}${subscriptionSeen ? '' : ` (and ${who} may not see subscription ${ref.subscriptionId})`}.`);
    } else {
      lines.push(`Subscription ${ref.subscriptionId} was not found: it does not exist, or ${who} cannot see it.`);
    }
    lines.push('A vault deleted within its retention period can be recovered.');
    return health('vault-not-found', subscriptionSeen || vault?.status === 'not-found' ? 'error' : 'warning', 'vault not found', lines, {
      title: 'Check the vault name, resource group and subscription in the reference, or recover the vault if it was deleted.',
      command: `az keyvault recover --name ${ref.vaultName} --subscription ${ref.subscriptionId}`,
      portal: credentialPage,
    });
  }

  const provider = providerProblem(subscription);
  if (provider) return fromProblem(provider);
  const network = networkProblem(vault, ref.vaultName);
  if (network) return fromProblem(network);
  const dataverse = dataverseAccessProblem(dataverseAccess, vault?.status === 'found' ? vault : { status: 'found', id: vaultId, name: ref.vaultName }, ref.vaultName);
  if (dataverse) return fromProblem(dataverse);

  // The secret itself, read with the signed-in identity's own access.
  const accessFix: HealthFix = {
    title: `To let Flow Vault check it, give ${who} the ${KEY_VAULT_SECRETS_USER} role (or a get/list access policy) on the vault.`,
    portal: { kind: 'vault-access', id: vaultId },
  };
  if (!secret) {
    if (vault && (vault.status === 'no-access' || vault.status === 'error')) {
      const why = vault.status === 'no-access' ? `${who} has no access to vault '${ref.vaultName}'` : `reading vault '${ref.vaultName}' failed${vault.reason ? `: ${vault.reason}` : ''}`;
      return health('cannot-check', 'unknown', 'cannot check: no access', [reads, `Flow Vault cannot check this secret because ${why}. This does not mean the credential is broken.`], vault.status === 'no-access' ? accessFix : undefined);
    }
    return health('not-checked', 'unknown', 'not checked yet', [reads, 'The secret has not been read yet.']);
  }
  switch (secret.status) {
    case 'no-access':
      return health('cannot-check', 'unknown', 'cannot check: no access', [
        reads,
        `Flow Vault cannot check this secret because ${who} has no access to it${secret.reason ? ` (${secret.reason})` : ''}. This does not mean the credential is broken: Power Platform reads it with its own identity.`,
      ], accessFix);
    case 'unreachable':
      return health('cannot-check', 'unknown', 'cannot check: vault not reachable from here', [
        reads,
        `Flow Vault cannot check this secret because the vault does not let this machine in${secret.reason ? ` (${secret.reason})` : ''}. Its network settings, as far as they were read, do not keep Power Platform out.`,
      ], { title: "Check from a network the vault's firewall allows, or add this machine's address to it.", portal: { kind: 'vault-networking', id: vaultId } });
    case 'error':
      return health('cannot-check', 'unknown', 'cannot check', [reads, `Flow Vault could not check this secret${secret.reason ? `: ${secret.reason}` : '.'}`]);
    case 'not-found':
      return health('secret-missing', 'error', 'secret missing', [reads, `Vault '${ref.vaultName}' has no secret '${ref.secretName}': Get credential fails at run time.`], {
        title: `Create secret '${ref.secretName}' in vault '${ref.vaultName}' (Key Vault view: Create Secret), or point the variable at an existing secret.`,
        portal: { kind: 'vault', id: vaultId },
      });
    case 'deleted':
      return health('secret-deleted', 'error', 'secret deleted (recoverable)', [reads, `Secret '${ref.secretName}' was deleted and is still recoverable in vault '${ref.vaultName}'.`], {
        title: 'Recover the deleted secret.',
        command: `az keyvault secret recover --vault-name ${ref.vaultName} --name ${ref.secretName} --subscription ${ref.subscriptionId}`,
        portal: { kind: 'vault-deleted-secrets', id: vaultId },
      });
    case 'found':
      break;
  }

  const days = Math.max(0, options.expiringWithinDays ?? DEFAULT_EXPIRING_WITHIN_DAYS);
  const now = new Date(input.now);
  const expires = secret.expiresOn !== undefined ? new Date(secret.expiresOn) : undefined;
  const notBefore = secret.notBefore !== undefined ? new Date(secret.notBefore) : undefined;
  const state = secretState({ enabled: secret.enabled, expiresOn: expires, notBefore }, now, days);
  const secretPage = { kind: 'secret' as const, id: vaultId, secretName: ref.secretName };
  const setAttributes = `az keyvault secret set-attributes --vault-name ${ref.vaultName} --name ${ref.secretName} --subscription ${ref.subscriptionId}`;
  switch (state.kind) {
    case 'disabled':
      return health('secret-disabled', 'error', 'secret disabled', [reads, `Secret '${ref.secretName}' is disabled: Key Vault refuses to return it.`], {
        title: 'Enable the secret.', command: `${setAttributes} --enabled true`, portal: secretPage,
      });
    case 'expired':
      return health('secret-expired', 'error', `secret ${state.summary}`, [reads, `Secret '${ref.secretName}' expired on ${isoDate(expires!)}: Key Vault refuses to return it.`], {
        title: 'Set a new version of the secret with a later expiry, or move its expiry date.', command: `${setAttributes} --expires <YYYY-MM-DDThh:mm:ssZ>`, portal: secretPage,
      });
    case 'notYetValid':
      return health('secret-not-yet-valid', 'error', `secret ${state.summary}`, [reads, `Secret '${ref.secretName}' is not valid before ${isoDate(notBefore!)}: Key Vault refuses to return it until then.`], {
        title: 'Wait, or move its activation date.', command: `${setAttributes} --not-before <YYYY-MM-DDThh:mm:ssZ>`, portal: secretPage,
      });
    case 'expiring':
      return health('secret-expiring', 'warning', `secret ${state.summary}`, [reads, `Secret '${ref.secretName}' expires on ${isoDate(expires!)} (within ${days} days).`], {
        title: 'Set a new version of the secret before it expires, or move its expiry date.', command: `${setAttributes} --expires <YYYY-MM-DDThh:mm:ssZ>`, portal: secretPage,
      });
    case 'ok':
      break;
  }

  const notes: string[] = [];
  if (expires) notes.push(`Secret '${ref.secretName}' expires on ${isoDate(expires)}.`);
  if (!vault || vault.status !== 'found') notes.push(`The vault's settings (tenant, network) were not read${vault?.reason ? `: ${vault.reason}` : ''}.`);
  if (!subscription || subscription.status !== 'found' || subscription.powerPlatformProvider === undefined) notes.push('Whether Microsoft.PowerPlatform is registered in the subscription was not read.');
  if (!dataverseAccess || dataverseAccess.status === 'unknown') {
    notes.push(`Whether the Dataverse service principal can read the vault was not checked${dataverseAccess?.evidence ? `: ${dataverseAccess.evidence}` : ''}.`);
  }
  const complete = notes.every((n) => n.startsWith('Secret '));
  return health('ok', 'ok', complete ? 'OK' : 'OK (not every check ran)', [reads, `Secret '${ref.secretName}' is enabled and valid.`, ...notes]);
}

/** The variable's current value, else its default; trimmed, undefined when empty. */
function referenceValue(v: EnvironmentVariableFacts): { text: string; from: 'current value' | 'default value' } | undefined {
  const current = v.currentValue?.trim();
  if (current) return { text: current, from: 'current value' };
  const def = v.defaultValue?.trim();
  return def ? { text: def, from: 'default value' } : undefined;
}
