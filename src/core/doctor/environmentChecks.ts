/**
 * The environment: reachable with the signed-in identity, in a cloud that has Key Vault-backed
 * credentials, a signed-in member (not guest) of the tenant, and vaults in the environment's
 * tenant (azure-apis.md §2).
 */
import { tenantProblem, type SubscriptionFacts, type VaultFacts } from '../credentials';
import { whyNot, type DoctorFacts } from './facts';
import { resourcePage } from './portal';
import type { DoctorCheck, DoctorFix } from './types';

const TITLES = {
  'environment-reachable': 'Environment is reachable with the signed-in identity',
  'cloud-supports-credentials': 'The cloud has Key Vault-backed credentials',
  'user-not-guest': 'Signed-in user is a member of the tenant, not a guest',
  'vault-tenant': "Vault is in the environment's tenant",
} as const;

type EnvironmentCheckId = keyof typeof TITLES;
export const ENVIRONMENT_CHECK_IDS = Object.keys(TITLES) as EnvironmentCheckId[];

function check(id: EnvironmentCheckId, status: DoctorCheck['status'], evidence: string, fix?: DoctorFix, subject?: string): DoctorCheck {
  return { id, group: 'environment', title: TITLES[id], ...(subject ? { subject } : {}), status, evidence, ...(fix ? { fix } : {}) };
}

const ADMIN_CENTER = 'https://admin.powerplatform.microsoft.com/environments';

export function environmentChecks(facts: DoctorFacts): DoctorCheck[] {
  return [reachable(facts), cloudSupport(facts), guest(facts), ...vaultTenants(facts)];
}

function who(facts: DoctorFacts): string {
  if (facts.identity.status !== 'read') return 'the signed-in identity';
  const i = facts.identity.value;
  return i.userPrincipalName ?? i.displayName ?? (i.objectId ? `${i.kind} ${i.objectId}` : `the signed-in ${i.kind}`);
}

function reachable(facts: DoctorFacts): DoctorCheck {
  const e = facts.environment;
  if (e.status === 'read') {
    return check('environment-reachable', 'pass', `Reached ${e.value.friendlyName} (${e.value.url}, environment ${e.value.environmentId}, tenant ${e.value.tenantId}) as ${who(facts)}.`);
  }
  if (e.status === 'skipped') return check('environment-reachable', 'skip', e.reason);
  const fix: DoctorFix = {
    text: `Make sure ${who(facts)} is a user of the environment with a security role that reads credentials and machines (Environment Maker, or Desktop Flows Machine Owner), and that this computer reaches *.dynamics.com.`,
    url: ADMIN_CENTER,
  };
  return check('environment-reachable', 'fail', e.status === 'timeout' ? `The environment did not answer in time: ${e.reason}` : e.reason, fix);
}

function cloudSupport(facts: DoctorFacts): DoctorCheck {
  const c = facts.cloud;
  if (c.supportsPowerAutomateCredentials) return check('cloud-supports-credentials', 'pass', `${c.displayName} has Power Automate credentials backed by Azure Key Vault.`);
  return check('cloud-supports-credentials', 'fail', `Power Automate credentials backed by Azure Key Vault are not available in ${c.displayName} ("Currently, this feature isn't available for US Government Clouds").`, {
    text: 'Keep the password in the flow as a sensitive input, or use a credential store that this cloud supports (CyberArk), until Key Vault credentials reach this cloud.',
  });
}

function guest(facts: DoctorFacts): DoctorCheck {
  const i = facts.identity;
  if (i.status !== 'read') return check('user-not-guest', 'skip', `Who is signed in could not be read: ${whyNot(i)}`);
  if (i.value.kind === 'application') return check('user-not-guest', 'skip', `Signed in as an application (${who(facts)}); guest status applies to users.`);
  if (i.value.userType === undefined) return check('user-not-guest', 'skip', `The user type of ${who(facts)} could not be read (Microsoft Graph /me).`);
  if (i.value.userType.toLowerCase() === 'guest') {
    return check('user-not-guest', 'warn', `${who(facts)} is a guest (userType Guest) in tenant ${i.value.tenantId ?? 'of the environment'}. Microsoft Entra guest users are not supported for Key Vault connections, and credentials may fail for them.`, {
      text: 'Create and run the flows with a member account of the environment\'s tenant.',
    });
  }
  return check('user-not-guest', 'pass', `${who(facts)} is a ${i.value.userType.toLowerCase()} of tenant ${i.value.tenantId ?? 'of the environment'}.`);
}

/** One check per vault the credentials point at (the same judgement as a credential's health). */
function vaultTenants(facts: DoctorFacts): DoctorCheck[] {
  const env = facts.environment.status === 'read' ? facts.environment.value : undefined;
  const vaults = new Map<string, { vault: VaultFacts; subscription?: SubscriptionFacts }>();
  for (const c of facts.credentials ?? []) {
    const input = c.lookup.status === 'read' ? c.lookup.value : undefined;
    const v = input?.vault;
    // A vault hidden from the signed-in identity still has a known tenant when ARM named it.
    const key = (v?.status === 'found' ? v.id : v?.tenantId ? v.name : undefined)?.toLowerCase();
    if (v && key && !vaults.has(key)) vaults.set(key, { vault: v, subscription: input?.subscription });
  }
  return [...vaults.values()].map(({ vault: v, subscription }) => {
    const name = v.name ?? v.id ?? 'vault';
    if (!env) return check('vault-tenant', 'skip', `The environment's tenant is not known: ${whyNot(facts.environment)}`, undefined, name);
    const problem = tenantProblem(env.tenantId, v, subscription, name);
    if (problem) {
      return check('vault-tenant', 'fail', problem.detail.join(' '), {
        text: problem.fix.title,
        url: v.id ? resourcePage(facts.cloud, v.tenantId, v.id) : undefined,
      }, name);
    }
    if (!v.tenantId) return check('vault-tenant', 'skip', `The tenant of ${name} could not be read.`, undefined, name);
    return check('vault-tenant', 'pass', `${name} and ${env.friendlyName} are both in tenant ${env.tenantId}.`, undefined, name);
  });
}
