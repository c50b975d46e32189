/**
 * The checks on a vault that decide whether Power Platform can read secrets from it, shared by
 * a credential's health and by the vault picker: tenant, resource provider, network, and the
 * Dataverse service principal's access. Each answers undefined (nothing wrong that it can see) or
 * a problem with a one-line reason, the evidence it read, and what to do.
 */
import { DATAVERSE_APP_ID, type DataverseAccessFacts, type SubscriptionFacts, type VaultFacts } from './facts';

export type HealthSeverity = 'ok' | 'warning' | 'error' | 'unknown';

/** A page of the Azure portal or the maker portal; the host builds its URL for the right cloud. */
export interface PortalPage {
  readonly kind: 'vault' | 'vault-access' | 'vault-networking' | 'vault-deleted-secrets' | 'secret' | 'subscription-providers' | 'credential';
  /** The ARM id (vault, subscription) or the credential id. */
  readonly id: string;
  /** For `secret`: the secret's name in the vault `id`. */
  readonly secretName?: string;
}

/** What to do about a problem. Never holds a secret value. */
export interface HealthFix {
  /** One sentence. */
  readonly title: string;
  /** A command to run (Azure CLI), with the real ids filled in. */
  readonly command?: string;
  readonly portal?: PortalPage;
}

export type VaultProblemState = 'vault-other-tenant' | 'provider-not-registered' | 'vault-unreachable' | 'vault-unreadable-by-dataverse';

export interface VaultProblem {
  readonly state: VaultProblemState;
  readonly severity: 'warning' | 'error';
  /** A few words, for a tree description or a picker. */
  readonly summary: string;
  /** One line: why. */
  readonly reason: string;
  /** Lines of evidence and explanation (no secret). */
  readonly detail: readonly string[];
  readonly fix: HealthFix;
}

export const KEY_VAULT_SECRETS_USER = 'Key Vault Secrets User';

function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function vaultLabel(vault: VaultFacts | undefined, fallback: string | undefined): string {
  return `'${vault?.name ?? fallback ?? 'the vault'}'`;
}

/** The vault (or its subscription) sits in another tenant than the environment: cross-tenant is not supported (§2.2). */
export function tenantProblem(environmentTenantId: string, vault: VaultFacts | undefined, subscription: SubscriptionFacts | undefined, vaultName?: string): VaultProblem | undefined {
  const vaultTenant = vault?.status === 'found' ? vault.tenantId : undefined;
  const subTenant = subscription?.status === 'found' ? subscription.tenantId : undefined;
  const other = [vaultTenant, subTenant].find((t) => t !== undefined && !sameTenant(t, environmentTenantId));
  if (other === undefined) return undefined;
  const name = vaultLabel(vault, vaultName);
  return {
    state: 'vault-other-tenant',
    severity: 'error',
    summary: 'vault in another tenant',
    reason: `Vault ${name} is in tenant ${other}, not the environment's tenant ${environmentTenantId}.`,
    detail: [
      `Vault ${name} belongs to tenant ${other}; the environment is in tenant ${environmentTenantId}.`,
      'Power Platform reads Key Vault secrets only from a vault in its own tenant: cross-tenant vaults are not supported.',
    ],
    fix: { title: `Use a vault in tenant ${environmentTenantId} and point the credential's secret variable at it.` },
  };
}

/** The vault's subscription does not have Microsoft.PowerPlatform registered (§2.2). */
export function providerProblem(subscription: SubscriptionFacts | undefined): VaultProblem | undefined {
  if (!subscription || subscription.status !== 'found') return undefined;
  const state = subscription.powerPlatformProvider;
  if (state === undefined || state.toLowerCase() === 'registered') return undefined;
  const registering = state.toLowerCase() === 'registering';
  return {
    state: 'provider-not-registered',
    severity: registering ? 'warning' : 'error',
    summary: registering ? 'resource provider registering' : 'resource provider not registered',
    reason: `Microsoft.PowerPlatform is ${state} in subscription ${subscription.id}.`,
    detail: [
      `The resource provider Microsoft.PowerPlatform is ${state} in the vault's subscription ${subscription.id}.`,
      'Power Platform reads secrets only from vaults whose subscription has it registered.',
    ],
    fix: {
      title: registering ? 'Wait for the registration to finish, then refresh.' : 'Register the Microsoft.PowerPlatform resource provider in the subscription.',
      command: `az provider register --namespace Microsoft.PowerPlatform --subscription ${subscription.id}`,
      portal: { kind: 'subscription-providers', id: `/subscriptions/${subscription.id}` },
    },
  };
}

/**
 * The vault's network settings keep Power Platform out: public access disabled without a private
 * endpoint in a virtual network delegated to Power Platform, or a firewall that denies by default
 * (Power Platform is not a "trusted Microsoft service", §2.2). A firewall with IP or network rules
 * cannot be verified here (Power Platform's addresses are not in the facts): a warning.
 */
export function networkProblem(vault: VaultFacts | undefined, vaultName?: string): VaultProblem | undefined {
  if (!vault || vault.status !== 'found') return undefined;
  const name = vaultLabel(vault, vaultName);
  const endpoints = (vault.privateEndpoints ?? []).filter((p) => !p.status || /approved|succeeded/i.test(p.status));
  const delegated = endpoints.some((p) => p.powerPlatformDelegated === true);
  const unknownDelegation = endpoints.some((p) => p.powerPlatformDelegated === undefined);
  const fix = (title: string): HealthFix => ({ title, portal: vault.id ? { kind: 'vault-networking', id: vault.id } : undefined });

  if ((vault.publicNetworkAccess ?? '').toLowerCase() === 'disabled') {
    if (delegated) return undefined;
    const endpointLine = endpoints.length === 0
      ? 'It has no approved private endpoint.'
      : unknownDelegation
        ? `It has ${endpoints.length} private endpoint(s); Flow Vault could not tell whether their virtual network has a subnet delegated to Microsoft.PowerPlatform/enterprisePolicies.`
        : `Its ${endpoints.length} private endpoint(s) are not in a virtual network with a subnet delegated to Power Platform (Microsoft.PowerPlatform/enterprisePolicies).`;
    return {
      state: 'vault-unreachable',
      severity: unknownDelegation ? 'warning' : 'error',
      summary: unknownDelegation ? 'vault private: check the delegated subnet' : 'vault unreachable: public access disabled',
      reason: `Vault ${name} has public network access disabled and no private endpoint known to reach Power Platform.`,
      detail: [
        `Vault ${name} has public network access disabled. ${endpointLine}`,
        'Power Platform reaches such a vault only through a private endpoint in the virtual network whose subnet is delegated to Power Platform (its enterprise policy).',
      ],
      fix: fix('Create a private endpoint in the virtual network delegated to Power Platform, or enable public access with a firewall that allows Power Platform.'),
    };
  }
  const acls = vault.networkAcls;
  if (acls && acls.defaultAction === 'Deny' && !delegated) {
    const rules = acls.ipRules.length + acls.virtualNetworkRules.length;
    const bypass = acls.bypass && /azureservices/i.test(acls.bypass) ? ' The "Allow trusted Microsoft services" exception is on, but Power Platform is not one of them.' : '';
    if (rules === 0) {
      return {
        state: 'vault-unreachable',
        severity: 'error',
        summary: 'vault firewall blocks Power Platform',
        reason: `Vault ${name}'s firewall denies all networks and allows none that Power Platform uses.`,
        detail: [`Vault ${name}'s firewall denies by default and has no IP or virtual network rules.${bypass}`, 'Power Platform cannot reach the vault to read the secret.'],
        fix: fix("Allow Power Platform's IP addresses (the PowerPlatformInfra service tag of the environment's region) in the vault's firewall, or use a private endpoint in a virtual network delegated to Power Platform."),
      };
    }
    return {
      state: 'vault-unreachable',
      severity: 'warning',
      summary: 'vault firewall: check Power Platform is allowed',
      reason: `Vault ${name}'s firewall denies by default; Flow Vault cannot tell whether its rules let Power Platform in.`,
      detail: [
        `Vault ${name}'s firewall denies by default and allows ${acls.ipRules.length} IP range(s) and ${acls.virtualNetworkRules.length} virtual network(s).${bypass}`,
        "Power Platform is not a trusted Microsoft service: the rules must include Power Platform's outbound addresses for the environment's region.",
      ],
      fix: fix("Check that the firewall allows Power Platform's IP addresses (PowerPlatformInfra service tag)."),
    };
  }
  return undefined;
}

/** The Dataverse service principal cannot read the vault's secrets (Key Vault Secrets User, checked by RBAC even on access-policy vaults, §2.2). */
export function dataverseAccessProblem(access: DataverseAccessFacts | undefined, vault: VaultFacts | undefined, vaultName?: string): VaultProblem | undefined {
  if (!access || access.status !== 'denied') return undefined;
  const name = vaultLabel(vault, vaultName);
  const scope = vault?.id ?? '<vault id>';
  const detail = [
    `The Dataverse service principal (${DATAVERSE_APP_ID}) has no ${KEY_VAULT_SECRETS_USER} role on vault ${name}. Evidence: ${access.evidence}.`,
  ];
  if (vault?.enableRbacAuthorization === false) {
    detail.push(
      `Vault ${name} uses access policies${access.accessPolicyGet ? ', and one grants the principal get on secrets' : ''}, but Power Platform checks Azure RBAC role assignments even on such vaults: give the role as well.`,
    );
  }
  return {
    state: 'vault-unreadable-by-dataverse',
    severity: 'error',
    summary: 'vault unreadable by Dataverse',
    reason: `Dataverse (${DATAVERSE_APP_ID}) has no ${KEY_VAULT_SECRETS_USER} role on vault ${name}.`,
    detail,
    fix: {
      title: `Give the Dataverse service principal the ${KEY_VAULT_SECRETS_USER} role on the vault.`,
      command: `az role assignment create --role "${KEY_VAULT_SECRETS_USER}" --assignee ${DATAVERSE_APP_ID} --scope ${scope}`,
      portal: vault?.id ? { kind: 'vault-access', id: vault.id } : undefined,
    },
  };
}
