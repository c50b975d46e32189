/**
 * Each credential the flows use: it exists, points at a Key Vault secret, and everything Power
 * Platform needs to read that secret at run time holds (azure-apis.md §2).
 */
import { DATAVERSE_APP_ID, type CredentialHealthInput } from '../credentials/facts';
import { credentialReference, type SecretReference } from './credentialReference';
import { whyNot, type CredentialLookupFacts, type DoctorFacts, type IdentityFacts } from './facts';
import type { DoctorOptions } from './options';
import { credentialsPage, resourcePage, secretPage } from './portal';
import type { DoctorCheck, DoctorFix } from './types';
import { duration, utc } from './words';

const TITLES = {
  'credential-exists': 'Credential exists in the environment',
  'credential-reference': 'Credential points at a Key Vault secret',
  'credential-provider-registered': "Microsoft.PowerPlatform is registered in the vault's subscription",
  'credential-dataverse-access': 'Dataverse can read the secret',
  'credential-user-access': 'You can read the secret',
  'credential-network': 'Vault network lets Power Platform in',
  'credential-secret': 'Secret exists and is enabled',
  'credential-secret-expiry': 'Secret is not expired or about to expire',
} as const;

type CredentialCheckId = keyof typeof TITLES;
export const CREDENTIAL_CHECK_IDS = Object.keys(TITLES) as CredentialCheckId[];

type Check = (id: CredentialCheckId, status: DoctorCheck['status'], evidence: string, fix?: DoctorFix) => DoctorCheck;

function checker(subject: string): Check {
  return (id, status, evidence, fix) => ({ id, group: 'credential', title: TITLES[id], subject, status, evidence, ...(fix ? { fix } : {}) });
}

const SECRETS_USER = 'Key Vault Secrets User';

export function credentialChecks(facts: DoctorFacts, options: DoctorOptions): DoctorCheck[] {
  return (facts.credentials ?? []).flatMap((c) => oneCredential(facts, c, options));
}

function oneCredential(facts: DoctorFacts, c: CredentialLookupFacts, options: DoctorOptions): DoctorCheck[] {
  const check = checker(c.name);
  const rest = (from: number, reason: string) => CREDENTIAL_CHECK_IDS.slice(from).map((id) => check(id, 'skip', reason));
  const env = facts.environment.status === 'read' ? facts.environment.value : undefined;
  const usedIn = c.usedIn?.length ? ` Used in ${c.usedIn.length === 1 ? c.usedIn[0] : `${c.usedIn.length} flows`}.` : '';
  if (c.lookup.status !== 'read') {
    return rest(0, `The credential could not be read: ${whyNot(c.lookup)}`);
  }
  const input = c.lookup.value;
  if (!input) {
    return [
      check('credential-exists', 'fail', `No credential named ${c.name} in ${env?.friendlyName ?? 'the environment'}.${usedIn}`, {
        text: `Create the credential ${c.name} (Power Automate → Data → Credentials → New credential, store Azure Key Vault), or fix the name in the flow's Get credential action.`,
        url: credentialsPage(facts.cloud, env),
      }),
      ...rest(1, `The credential ${c.name} does not exist.`),
    ];
  }
  const exists = input.credential.active
    ? check('credential-exists', 'pass', `${c.name} exists (credential id ${input.credential.id}).${usedIn}`)
    : check('credential-exists', 'fail', `${c.name} exists but is inactive (credential id ${input.credential.id}).${usedIn}`, {
        text: `Activate the credential ${c.name}, or point the flows at an active one.`,
        url: credentialsPage(facts.cloud, env),
      });
  const ref = credentialReference(input.credential);
  if (!ref.ok) {
    return [
      exists,
      check('credential-reference', 'fail', ref.problem, {
        text: `Edit the credential ${c.name} so that its password is a secret environment variable with store Azure Key Vault, pointing at the vault's subscription, resource group, vault and secret name.`,
        url: credentialsPage(facts.cloud, env),
      }),
      ...rest(2, 'The credential does not point at a Key Vault secret.'),
    ];
  }
  const r = ref.reference;
  return [
    exists,
    check('credential-reference', 'pass', `${r.variable} → secret ${r.secretName} in vault ${r.vaultName} (resource group ${r.resourceGroup}, subscription ${r.subscriptionId}).`),
    provider(check, facts, input, r),
    dataverseAccess(check, facts, input, r),
    userAccess(check, facts, input, r),
    network(check, facts, input, r),
    secret(check, facts, input, r),
    expiry(check, facts, input, r, options.secretExpiringDays),
  ];
}

function vaultTenant(input: CredentialHealthInput): string | undefined {
  return input.vault?.tenantId ?? input.environmentTenantId;
}

function provider(check: Check, facts: DoctorFacts, input: CredentialHealthInput, r: SecretReference): DoctorCheck {
  const s = input.subscription;
  const id = 'credential-provider-registered';
  if (!s) return check(id, 'skip', `Subscription ${r.subscriptionId} was not read.`);
  if (s.status !== 'found') return check(id, 'skip', `Subscription ${r.subscriptionId} could not be read (${s.status}${s.reason ? `: ${s.reason}` : ''}).`);
  const state = s.powerPlatformProvider;
  const fix: DoctorFix = {
    text: `Register the Microsoft.PowerPlatform resource provider in subscription ${r.subscriptionId} (needs Contributor or Owner there).`,
    command: `az provider register --namespace Microsoft.PowerPlatform --subscription ${r.subscriptionId}`,
    url: resourcePage(facts.cloud, s.tenantId, `/subscriptions/${r.subscriptionId}`, 'resourceproviders'),
  };
  if (state === undefined) return check(id, 'skip', `The resource providers of subscription ${r.subscriptionId} could not be read.`);
  if (state === 'Registered') return check(id, 'pass', `Microsoft.PowerPlatform is Registered in subscription ${r.subscriptionId}.`);
  if (state === 'Registering') return check(id, 'warn', `Microsoft.PowerPlatform is Registering in subscription ${r.subscriptionId}; it takes a few minutes.`, { text: 'Run the doctor again in a few minutes.' });
  return check(id, 'fail', `Microsoft.PowerPlatform is ${state} in subscription ${r.subscriptionId}.`, fix);
}

function dataverseAccess(check: Check, facts: DoctorFacts, input: CredentialHealthInput, r: SecretReference): DoctorCheck {
  const a = input.dataverseAccess;
  const id = 'credential-dataverse-access';
  if (!a) return check(id, 'skip', `The role assignments of ${r.vaultName} were not read.`);
  if (a.status === 'unknown') return check(id, 'skip', a.evidence);
  if (a.status === 'granted') return check(id, 'pass', a.evidence);
  const assignee = a.principalObjectId
    ? `--assignee-object-id ${a.principalObjectId} --assignee-principal-type ServicePrincipal`
    : `--assignee ${DATAVERSE_APP_ID}`;
  const policyNote =
    input.vault?.enableRbacAuthorization === false
      ? a.accessPolicyGet
        ? ' The vault uses access policies and one grants get, but Power Platform checks Azure role assignments even on access-policy vaults: add the role too, or switch the vault to Azure RBAC.'
        : ' The vault uses access policies; Power Platform checks Azure role assignments even then: add the role (and switching the vault to Azure RBAC is recommended).'
      : '';
  return check(id, 'fail', `${a.evidence.replace(/\.$/, '')}.${policyNote}`, {
    text: `Grant ${SECRETS_USER} to the Dataverse service principal (application id ${DATAVERSE_APP_ID}) on the vault ${r.vaultName} or the secret ${r.secretName}.`,
    command: `az role assignment create --role "${SECRETS_USER}" ${assignee} --scope ${input.vault?.id ?? r.vaultId}/secrets/${r.secretName}`,
    url: resourcePage(facts.cloud, vaultTenant(input), input.vault?.id ?? r.vaultId, 'users'),
  });
}

function assigneeOf(identity: IdentityFacts | undefined): string {
  if (!identity) return '<your user principal name>';
  if (identity.kind === 'user' && identity.userPrincipalName) return identity.userPrincipalName;
  return identity.objectId ?? '<your object id>';
}

function userAccess(check: Check, facts: DoctorFacts, input: CredentialHealthInput, r: SecretReference): DoctorCheck {
  const s = input.secret;
  const id = 'credential-user-access';
  if (!s) return check(id, 'skip', `The secret ${r.secretName} was not read.`);
  const identity = facts.identity.status === 'read' ? facts.identity.value : undefined;
  const who = identity?.userPrincipalName ?? identity?.displayName ?? 'the signed-in identity';
  switch (s.status) {
    case 'found':
    case 'not-found':
    case 'deleted':
      return check(id, 'pass', `${who} may read secrets in ${r.vaultName} (the vault answered for ${r.secretName}).`);
    case 'no-access': {
      const rbac = input.vault?.enableRbacAuthorization !== false;
      const assignee = assigneeOf(identity);
      return check(id, 'fail', `${who} may not read ${r.secretName} in ${r.vaultName}${s.reason ? ` (${s.reason})` : ''}. Makers and users of the credential need read access, or saving the variable fails with "User is not authorized to read secrets".`, {
        text: rbac
          ? `Grant ${SECRETS_USER} to ${assignee} on the secret ${r.secretName} (or the vault).`
          : `Add an access policy with secret get and list for ${assignee} on ${r.vaultName}.`,
        command: rbac
          ? `az role assignment create --role "${SECRETS_USER}" --assignee ${assignee} --scope ${input.vault?.id ?? r.vaultId}/secrets/${r.secretName}`
          : `az keyvault set-policy --name ${r.vaultName} ${identity?.kind === 'application' ? '--object-id' : '--upn'} ${assignee} --secret-permissions get list`,
        url: resourcePage(facts.cloud, vaultTenant(input), input.vault?.id ?? r.vaultId, rbac ? 'users' : 'access_policies'),
      });
    }
    case 'unreachable':
      return check(id, 'skip', `The vault's network refused this computer${s.reason ? ` (${s.reason})` : ''}; see the network check.`);
    default:
      return check(id, 'skip', `The secret could not be read${s.reason ? `: ${s.reason}` : ''}.`);
  }
}

function network(check: Check, facts: DoctorFacts, input: CredentialHealthInput, r: SecretReference): DoctorCheck {
  const v = input.vault;
  const id = 'credential-network';
  if (!v) return check(id, 'skip', `The vault ${r.vaultName} was not read.`);
  if (v.status !== 'found') return check(id, 'skip', `The vault ${r.vaultName} could not be read (${v.status}${v.reason ? `: ${v.reason}` : ''}).`);
  const page = resourcePage(facts.cloud, v.tenantId, v.id ?? r.vaultId, 'networking');
  const endpoints = v.privateEndpoints ?? [];
  const delegated = endpoints.filter((e) => e.powerPlatformDelegated === true);
  const unknown = endpoints.filter((e) => e.powerPlatformDelegated === undefined);
  const pe = `${endpoints.length} private endpoint${endpoints.length === 1 ? '' : 's'}`;
  const privateFix: DoctorFix = {
    text: `Create a private endpoint for ${r.vaultName} in a virtual network that has a subnet delegated to Microsoft.PowerPlatform/enterprisePolicies, linked to the environment by its enterprise policy.`,
    url: page,
  };
  if ((v.publicNetworkAccess ?? 'Enabled').toLowerCase() === 'disabled') {
    if (delegated.length > 0) return check(id, 'pass', `Public access is disabled; ${pe}, ${delegated.length} in a virtual network delegated to Power Platform.`);
    if (unknown.length > 0) return check(id, 'warn', `Public access is disabled; ${pe}, whose virtual networks' delegation to Power Platform could not be read.`, privateFix);
    return check(id, 'fail', `Public access is disabled and ${endpoints.length ? `none of the ${pe} is in a virtual network delegated to Power Platform` : 'the vault has no private endpoint'}: Power Platform cannot reach it.`, privateFix);
  }
  const acls = v.networkAcls;
  if (!acls || acls.defaultAction === 'Allow') return check(id, 'pass', 'Public access is enabled from all networks.');
  if (delegated.length > 0) return check(id, 'pass', `The firewall denies by default; ${pe}, ${delegated.length} in a virtual network delegated to Power Platform.`);
  const bypass = acls.bypass ? ` (bypass ${acls.bypass}: Power Platform is not a trusted service)` : '';
  if (acls.ipRules.length === 0) {
    return check(id, 'fail', `The firewall denies by default${bypass} and allows no IP ranges: Power Platform cannot reach the vault.`, {
      text: `Allow the Power Platform IP ranges of the environment's region (service tag PowerPlatformInfra) on ${r.vaultName}, or use a private endpoint in a virtual network delegated to Power Platform.`,
      url: page,
    });
  }
  return check(id, 'warn', `The firewall denies by default${bypass} and allows ${acls.ipRules.length} IP range${acls.ipRules.length === 1 ? '' : 's'} and ${acls.virtualNetworkRules.length} virtual network rule${acls.virtualNetworkRules.length === 1 ? '' : 's'}; whether they cover Power Platform cannot be read.`, {
    text: `Make sure the allowed ranges include the Power Platform IP ranges of the environment's region (service tag PowerPlatformInfra).`,
    url: page,
  });
}

function secretPageOf(facts: DoctorFacts, input: CredentialHealthInput, r: SecretReference): string {
  const uri = input.vault?.vaultUri ?? `https://${r.vaultName.toLowerCase()}.vault.azure.net`;
  return secretPage(facts.cloud, vaultTenant(input), uri, r.secretName);
}

function secret(check: Check, facts: DoctorFacts, input: CredentialHealthInput, r: SecretReference): DoctorCheck {
  const s = input.secret;
  const id = 'credential-secret';
  if (!s) return check(id, 'skip', `The secret ${r.secretName} was not read.`);
  const page = secretPageOf(facts, input, r);
  switch (s.status) {
    case 'not-found':
      return check(id, 'fail', `There is no secret ${r.secretName} in ${r.vaultName}.`, {
        text: `Create the secret ${r.secretName} in ${r.vaultName} (Flow Vault's Key Vault view: New Secret…), or point ${r.variable} at the secret that exists.`,
        url: resourcePage(facts.cloud, vaultTenant(input), input.vault?.id ?? r.vaultId, 'secrets'),
      });
    case 'deleted':
      return check(id, 'fail', `The secret ${r.secretName} in ${r.vaultName} is deleted (recoverable).`, {
        text: `Recover the secret ${r.secretName}.`,
        command: `az keyvault secret recover --vault-name ${r.vaultName} --name ${r.secretName}`,
      });
    case 'found':
      break;
    case 'no-access':
      return check(id, 'skip', `Whether ${r.secretName} exists and is enabled cannot be read without read access to it (see the check "${TITLES['credential-user-access']}").`);
    default:
      return check(id, 'skip', `The secret could not be read (${s.status}${s.reason ? `: ${s.reason}` : ''}).`);
  }
  if (s.enabled === false) {
    return check(id, 'fail', `The secret ${r.secretName} in ${r.vaultName} is disabled.`, {
      text: `Enable the secret ${r.secretName}.`,
      command: `az keyvault secret set-attributes --vault-name ${r.vaultName} --name ${r.secretName} --enabled true`,
      url: page,
    });
  }
  if (s.notBefore !== undefined && s.notBefore > facts.now) {
    return check(id, 'fail', `The secret ${r.secretName} is not valid before ${utc(s.notBefore)} (in ${duration(s.notBefore - facts.now)}).`, {
      text: `Clear or move the secret's activation date.`,
      url: page,
    });
  }
  const updated = s.updatedOn !== undefined ? `, last updated ${utc(s.updatedOn)}` : '';
  return check(id, 'pass', `The secret ${r.secretName} exists in ${r.vaultName} and is enabled${updated}.`);
}

function expiry(check: Check, facts: DoctorFacts, input: CredentialHealthInput, r: SecretReference, days: number): DoctorCheck {
  const s = input.secret;
  const id = 'credential-secret-expiry';
  if (!s || s.status !== 'found') return check(id, 'skip', `The secret's attributes were not read.`);
  if (s.expiresOn === undefined) return check(id, 'pass', `The secret ${r.secretName} has no expiry date.`);
  const page = secretPageOf(facts, input, r);
  const fix: DoctorFix = {
    text: `Set a new version of ${r.secretName} with a later expiry (Flow Vault's Key Vault view: Set New Version…), or move its expiry date after rotating the password.`,
    url: page,
  };
  if (s.expiresOn <= facts.now) return check(id, 'fail', `The secret ${r.secretName} expired ${utc(s.expiresOn)}, ${duration(facts.now - s.expiresOn)} ago.`, fix);
  if (s.expiresOn - facts.now <= days * 86_400_000) {
    return check(id, 'warn', `The secret ${r.secretName} expires ${utc(s.expiresOn)}, in ${duration(s.expiresOn - facts.now)} (within ${days} days).`, fix);
  }
  return check(id, 'pass', `The secret ${r.secretName} expires ${utc(s.expiresOn)}, in ${duration(s.expiresOn - facts.now)}.`);
}
