/**
 * Each credential the flows use: it exists, points at a Key Vault secret, and everything Power
 * Platform needs to read that secret at run time holds (azure-apis.md §2). The verdicts come from
 * the same code as the credential's health (`src/core/credentials`): the reference parser and the
 * vault checks; here every check is shown on its own instead of the first problem only.
 */
import {
  credentialHealth,
  dataverseAccessProblem,
  networkProblem,
  providerProblem,
  secretState,
  vaultResourceId,
  KEY_VAULT_SECRETS_USER,
  type CredentialHealthInput,
  type HealthFix,
  type HealthSeverity,
  type SecretReference,
  type VaultProblem,
} from '../credentials';
import { whyNot, type CredentialLookupFacts, type DoctorFacts, type EnvironmentFacts, type IdentityFacts } from './facts';
import type { DoctorOptions } from './options';
import { credentialsPage, portalPageUrl, resourcePage } from './portal';
import type { CheckStatus, DoctorCheck, DoctorFix } from './types';
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

type Check = (id: CredentialCheckId, status: CheckStatus, evidence: string, fix?: DoctorFix) => DoctorCheck;

const BY_SEVERITY: Readonly<Record<HealthSeverity, CheckStatus>> = { ok: 'pass', warning: 'warn', error: 'fail', unknown: 'skip' };

/** Reference states that end the checks: there is no Key Vault secret to look at. */
const NO_SECRET = new Set(['not-key-vault', 'reference-missing', 'reference-malformed']);

interface Context {
  readonly facts: DoctorFacts;
  readonly env: EnvironmentFacts | undefined;
  readonly input: CredentialHealthInput;
  readonly ref: SecretReference;
  readonly vaultId: string;
  readonly check: Check;
}

export function credentialChecks(facts: DoctorFacts, options: DoctorOptions): DoctorCheck[] {
  return (facts.credentials ?? []).flatMap((c) => oneCredential(facts, c, options));
}

function toFix(facts: DoctorFacts, env: EnvironmentFacts | undefined, tenantId: string | undefined, fix: HealthFix | undefined): DoctorFix | undefined {
  if (!fix) return undefined;
  return { text: fix.title, ...(fix.command ? { command: fix.command } : {}), ...(fix.portal ? { url: portalPageUrl(facts.cloud, env, tenantId, fix.portal) } : {}) };
}

function signedInAs(facts: DoctorFacts): string | undefined {
  if (facts.identity.status !== 'read') return undefined;
  return facts.identity.value.userPrincipalName ?? facts.identity.value.displayName;
}

function oneCredential(facts: DoctorFacts, c: CredentialLookupFacts, options: DoctorOptions): DoctorCheck[] {
  const check: Check = (id, status, evidence, fix) => ({ id, group: 'credential', title: TITLES[id], subject: c.name, status, evidence, ...(fix ? { fix } : {}) });
  const rest = (from: number, reason: string) => CREDENTIAL_CHECK_IDS.slice(from).map((id) => check(id, 'skip', reason));
  const env = facts.environment.status === 'read' ? facts.environment.value : undefined;
  const usedIn = c.usedIn?.length ? ` Used in ${c.usedIn.length === 1 ? c.usedIn[0] : `${c.usedIn.length} flows`}.` : '';
  if (c.lookup.status !== 'read') return rest(0, `The credential could not be read: ${whyNot(c.lookup)}`);
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
  const healthOptions = { expiringWithinDays: options.secretExpiringDays, signedInAs: signedInAs(facts) };
  const exists = input.credential.active
    ? check('credential-exists', 'pass', `${c.name} exists (credential id ${input.credential.id}).${usedIn}`)
    : check('credential-exists', 'warn', `${c.name} exists but is inactive (credential id ${input.credential.id}): flows that use it with Get credential fail to get it.${usedIn}`,
        toFix(facts, env, input.environmentTenantId, credentialHealth(input, healthOptions).fix));
  // The reference is judged as the health judges it, whether or not the record is active.
  const health = credentialHealth({ ...input, credential: { ...input.credential, active: true } }, healthOptions);
  if (NO_SECRET.has(health.state) || !health.reference) {
    const status = BY_SEVERITY[health.severity];
    return [
      exists,
      check('credential-reference', status === 'pass' ? 'skip' : status, health.detail.split('\n')[0], toFix(facts, env, input.environmentTenantId, health.fix)),
      ...rest(2, 'The credential does not point at a Key Vault secret.'),
    ];
  }
  const ref = health.reference;
  const vaultId = input.vault?.status === 'found' && input.vault.id ? input.vault.id : vaultResourceId(ref);
  const cx: Context = { facts, env, input, ref, vaultId, check };
  const variable = input.credential.password?.schemaName ?? 'the password variable';
  return [
    exists,
    check('credential-reference', 'pass', `${variable} → secret ${ref.secretName} in vault ${ref.vaultName} (resource group ${ref.resourceGroup}, subscription ${ref.subscriptionId}).`),
    provider(cx),
    dataverseAccess(cx),
    userAccess(cx),
    network(cx),
    secret(cx),
    expiry(cx, options.secretExpiringDays),
  ];
}

function vaultTenant(input: CredentialHealthInput): string | undefined {
  return (input.vault?.status === 'found' ? input.vault.tenantId : undefined) ?? input.environmentTenantId;
}

function fromProblem(cx: Context, id: CredentialCheckId, p: VaultProblem): DoctorCheck {
  return cx.check(id, BY_SEVERITY[p.severity], p.detail.join(' '), toFix(cx.facts, cx.env, vaultTenant(cx.input), p.fix));
}

function provider(cx: Context): DoctorCheck {
  const id = 'credential-provider-registered';
  const s = cx.input.subscription;
  const sub = cx.ref.subscriptionId;
  if (!s) return cx.check(id, 'skip', `Subscription ${sub} was not read.`);
  if (s.status !== 'found') return cx.check(id, 'skip', `Subscription ${sub} could not be read (${s.status}${s.reason ? `: ${s.reason}` : ''}).`);
  const problem = providerProblem(s);
  if (problem) return fromProblem(cx, id, problem);
  if (s.powerPlatformProvider === undefined) return cx.check(id, 'skip', `The resource providers of subscription ${sub} could not be read.`);
  return cx.check(id, 'pass', `Microsoft.PowerPlatform is ${s.powerPlatformProvider} in subscription ${sub}.`);
}

function dataverseAccess(cx: Context): DoctorCheck {
  const id = 'credential-dataverse-access';
  const a = cx.input.dataverseAccess;
  if (!a) return cx.check(id, 'skip', `The role assignments of ${cx.ref.vaultName} were not read.`);
  const vault = cx.input.vault?.status === 'found' ? cx.input.vault : { status: 'found' as const, id: cx.vaultId, name: cx.ref.vaultName };
  const problem = dataverseAccessProblem(a, vault, cx.ref.vaultName);
  if (problem) return fromProblem(cx, id, problem);
  return cx.check(id, a.status === 'granted' ? 'pass' : 'skip', a.evidence);
}

function assigneeOf(identity: IdentityFacts | undefined): string {
  if (identity?.kind === 'user' && identity.userPrincipalName) return identity.userPrincipalName;
  return identity?.objectId ?? '<your object id>';
}

function userAccess(cx: Context): DoctorCheck {
  const id = 'credential-user-access';
  const { facts, input, ref } = cx;
  const s = input.secret;
  if (!s) return cx.check(id, 'skip', `The secret ${ref.secretName} was not read.`);
  const identity = facts.identity.status === 'read' ? facts.identity.value : undefined;
  const who = identity?.userPrincipalName ?? identity?.displayName ?? 'the signed-in identity';
  switch (s.status) {
    case 'found':
    case 'not-found':
    case 'deleted':
      return cx.check(id, 'pass', `${who} may read secrets in ${ref.vaultName} (the vault answered for ${ref.secretName}).`);
    case 'no-access': {
      const rbac = input.vault?.enableRbacAuthorization !== false;
      const assignee = assigneeOf(identity);
      return cx.check(id, 'warn', `${who} may not read ${ref.secretName} in ${ref.vaultName}${s.reason ? ` (${s.reason})` : ''}. Runs do not need it (Power Platform reads the secret with its own identity), but whoever creates or edits the credential does: saving its variable fails with "User is not authorized to read secrets". The secret itself could not be checked.`, {
        text: rbac
          ? `Grant ${KEY_VAULT_SECRETS_USER} to ${assignee} on the secret ${ref.secretName} (or the vault).`
          : `Add an access policy with secret get and list for ${assignee} on ${ref.vaultName}.`,
        command: rbac
          ? `az role assignment create --role "${KEY_VAULT_SECRETS_USER}" --assignee ${assignee} --scope ${cx.vaultId}/secrets/${ref.secretName}`
          : `az keyvault set-policy --name ${ref.vaultName} ${identity?.kind === 'application' ? '--object-id' : '--upn'} ${assignee} --secret-permissions get list`,
        url: resourcePage(facts.cloud, vaultTenant(input), cx.vaultId, rbac ? 'users' : 'access_policies'),
      });
    }
    case 'unreachable':
      return cx.check(id, 'skip', `The vault's network refused this computer${s.reason ? ` (${s.reason})` : ''}, so access could not be tried.`);
    default:
      return cx.check(id, 'skip', `The secret could not be read${s.reason ? `: ${s.reason}` : ''}.`);
  }
}

function network(cx: Context): DoctorCheck {
  const id = 'credential-network';
  const v = cx.input.vault;
  if (!v) return cx.check(id, 'skip', `The vault ${cx.ref.vaultName} was not read.`);
  if (v.status !== 'found') return cx.check(id, 'skip', `The vault ${cx.ref.vaultName} could not be read (${v.status}${v.reason ? `: ${v.reason}` : ''}).`);
  const problem = networkProblem(v, cx.ref.vaultName);
  if (problem) return fromProblem(cx, id, problem);
  if ((v.publicNetworkAccess ?? '').toLowerCase() === 'disabled') return cx.check(id, 'pass', 'Public access is disabled; a private endpoint is in a virtual network delegated to Power Platform.');
  if (v.networkAcls?.defaultAction === 'Deny') return cx.check(id, 'pass', 'The firewall denies by default; a private endpoint is in a virtual network delegated to Power Platform.');
  return cx.check(id, 'pass', 'Public access is enabled from all networks.');
}

function secret(cx: Context): DoctorCheck {
  const id = 'credential-secret';
  const { facts, input, ref } = cx;
  const s = input.secret;
  if (!s) return cx.check(id, 'skip', `The secret ${ref.secretName} was not read.`);
  const page = resourcePage(facts.cloud, vaultTenant(input), cx.vaultId, 'secrets');
  const setAttributes = `az keyvault secret set-attributes --vault-name ${ref.vaultName} --name ${ref.secretName} --subscription ${ref.subscriptionId}`;
  switch (s.status) {
    case 'not-found':
      return cx.check(id, 'fail', `Vault ${ref.vaultName} has no secret ${ref.secretName}: Get credential fails at run time.`, {
        text: `Create the secret ${ref.secretName} in ${ref.vaultName} (Key Vault view: Create Secret), or point the variable at a secret that exists.`,
        url: page,
      });
    case 'deleted':
      return cx.check(id, 'fail', `The secret ${ref.secretName} in ${ref.vaultName} is deleted (recoverable).`, {
        text: `Recover the secret ${ref.secretName}.`,
        command: `az keyvault secret recover --vault-name ${ref.vaultName} --name ${ref.secretName} --subscription ${ref.subscriptionId}`,
        url: page,
      });
    case 'found':
      break;
    case 'no-access':
      return cx.check(id, 'skip', `Whether ${ref.secretName} exists and is enabled cannot be read without read access to it (see "${TITLES['credential-user-access']}").`);
    default:
      return cx.check(id, 'skip', `The secret could not be read (${s.status}${s.reason ? `: ${s.reason}` : ''}).`);
  }
  const state = secretState({ enabled: s.enabled, notBefore: s.notBefore !== undefined ? new Date(s.notBefore) : undefined }, new Date(facts.now), 0);
  if (state.kind === 'disabled') {
    return cx.check(id, 'fail', `The secret ${ref.secretName} in ${ref.vaultName} is disabled: Key Vault refuses to return it.`, {
      text: `Enable the secret ${ref.secretName}.`,
      command: `${setAttributes} --enabled true`,
      url: page,
    });
  }
  if (state.kind === 'notYetValid') {
    return cx.check(id, 'fail', `The secret ${ref.secretName} is not valid before ${utc(s.notBefore!)} (in ${duration(s.notBefore! - facts.now)}): Key Vault refuses to return it until then.`, {
      text: 'Wait, or move its activation date.',
      command: `${setAttributes} --not-before <YYYY-MM-DDThh:mm:ssZ>`,
      url: page,
    });
  }
  const updated = s.updatedOn !== undefined ? `, last updated ${utc(s.updatedOn)}` : '';
  return cx.check(id, 'pass', `The secret ${ref.secretName} exists in ${ref.vaultName} and is enabled${updated}.`);
}

function expiry(cx: Context, days: number): DoctorCheck {
  const id = 'credential-secret-expiry';
  const { facts, input, ref } = cx;
  const s = input.secret;
  if (!s || s.status !== 'found') return cx.check(id, 'skip', `The secret's attributes were not read.`);
  if (s.expiresOn === undefined) return cx.check(id, 'pass', `The secret ${ref.secretName} has no expiry date.`);
  const fix: DoctorFix = {
    text: `Set a new version of ${ref.secretName} with a later expiry (Key Vault view: Set New Version…), or move its expiry date after rotating the password.`,
    command: `az keyvault secret set-attributes --vault-name ${ref.vaultName} --name ${ref.secretName} --subscription ${ref.subscriptionId} --expires <YYYY-MM-DDThh:mm:ssZ>`,
    url: resourcePage(facts.cloud, vaultTenant(input), cx.vaultId, 'secrets'),
  };
  const state = secretState({ expiresOn: new Date(s.expiresOn) }, new Date(facts.now), days);
  if (state.kind === 'expired') return cx.check(id, 'fail', `The secret ${ref.secretName} expired ${utc(s.expiresOn)}, ${duration(facts.now - s.expiresOn)} ago: Key Vault refuses to return it.`, fix);
  if (state.kind === 'expiring') return cx.check(id, 'warn', `The secret ${ref.secretName} expires ${utc(s.expiresOn)}, in ${duration(s.expiresOn - facts.now)} (within ${days} days).`, fix);
  return cx.check(id, 'pass', `The secret ${ref.secretName} expires ${utc(s.expiresOn)}, in ${duration(s.expiresOn - facts.now)}.`);
}
