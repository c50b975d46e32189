/**
 * Whether the Dataverse service principal (app 00000007-0000-0000-c000-000000000000) can read a
 * secret: its object id in the tenant (Microsoft Graph), its role assignments at, above or below the
 * vault (ARM, `principalId eq`), a role covering the secret whose data actions include reading
 * secret values, and, on an access-policy vault, a policy with `get`. Power Platform checks Azure
 * RBAC even on access-policy vaults (azure-apis.md §2.2), so only a role grants access; a `get`
 * policy alone is reported beside it.
 */
import type { AccessPolicyEntry } from '@azure/arm-keyvault';
import type { Permission, RoleAssignment } from '@azure/arm-authorization';
import { DATAVERSE_APP_ID, type DataverseAccessFacts } from '../../core/credentials/facts';
import type { AzureAccount } from '../auth/accounts';
import { createAuthorizationManagementClient, type AzureClientOptions } from '../clients';
import { AzureProblemError, classifyAzureError, type ProblemContext } from '../errors';
import { GraphClient } from '../graph/graphClient';
import type { ParsedSecretArmPath } from '../keyVault/references';
import type { FactsCache } from './factsCache';

export const READ_SECRET_DATA_ACTION = 'Microsoft.KeyVault/vaults/secrets/getSecret/action';

/** Built-in roles that read secret values: Key Vault Secrets User, Secrets Officer, Administrator. */
export const SECRET_READER_ROLES: Readonly<Record<string, string>> = {
  '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7': 'Key Vault Secrets Officer',
  '00482a5a-887f-4fb3-b363-3b7fe8e74483': 'Key Vault Administrator',
};

function armScope(s: string): string {
  return s.replace(/^\/+|\/+$/g, '').toLowerCase();
}

export function vaultScope(ref: ParsedSecretArmPath): string {
  return `subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.KeyVault/vaults/${ref.vaultName}`;
}

/** Whether an assignment at `scope` applies to `target` (the same scope or one above it). */
export function scopeCovers(scope: string, target: string): boolean {
  const a = armScope(scope);
  const b = armScope(target);
  return a === '' || b === a || b.startsWith(`${a}/`);
}

/** Whether a wildcard action pattern (`Microsoft.KeyVault/*`) matches `action`, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

/** Whether a role's permissions include `dataAction` (and do not take it away). */
export function grantsDataAction(permissions: readonly Permission[], dataAction: string): boolean {
  return permissions.some(
    (p) => (p.dataActions ?? []).some((a) => actionMatches(a, dataAction)) && !(p.notDataActions ?? []).some((a) => actionMatches(a, dataAction)),
  );
}

function roleGuid(roleDefinitionId: string | undefined): string {
  return (roleDefinitionId ?? '').split('/').pop()?.toLowerCase() ?? '';
}

export function policyGrantsGet(policies: readonly AccessPolicyEntry[] | undefined, objectId: string): boolean {
  return (policies ?? []).some(
    (p) => p.objectId?.toLowerCase() === objectId && !p.applicationId && (p.permissions?.secrets ?? []).some((s) => /^(get|all)$/i.test(String(s))),
  );
}

export interface DataverseAccessInput {
  readonly account: AzureAccount;
  readonly tenantId: string;
  readonly ref: ParsedSecretArmPath;
  /** Whether the vault uses Azure RBAC (undefined: not known), and its access policies. */
  readonly rbac?: boolean;
  readonly accessPolicies?: readonly AccessPolicyEntry[];
  readonly cache: FactsCache;
  readonly clientOptions?: AzureClientOptions;
}

function problemText(e: unknown, ctx: ProblemContext): string {
  return e instanceof AzureProblemError ? e.problem.title : classifyAzureError(e, ctx).title;
}

/** The Dataverse service principal's access to the secret; never throws but for cancellation. */
export async function lookUpDataverseAccess(input: DataverseAccessInput): Promise<DataverseAccessFacts> {
  const { account, tenantId, ref, cache } = input;
  const ctx: ProblemContext = { operation: 'readRoleAssignments', tenant: { id: tenantId }, vault: { name: ref.vaultName }, identity: account.identity, accountKind: account.kind };

  let objectId: string | undefined;
  try {
    const sp = await cache.get(`graph-sp:${account.id}:${tenantId}`, () => new GraphClient(account, tenantId, input.clientOptions).servicePrincipalByAppId(DATAVERSE_APP_ID));
    if (!sp) {
      return { status: 'denied', evidence: `Tenant ${tenantId} has no service principal for Dataverse (app id ${DATAVERSE_APP_ID}), so nothing can grant it access.` };
    }
    objectId = sp.objectId;
  } catch (e) {
    if (e instanceof AzureProblemError && e.problem.kind === 'cancelled') throw e;
    return { status: 'unknown', evidence: `Could not look up the Dataverse service principal in tenant ${tenantId}: ${problemText(e, { ...ctx, operation: 'readGraph' })}.` };
  }
  const oid = objectId;
  const accessPolicyGet = input.rbac === false ? policyGrantsGet(input.accessPolicies, oid) : undefined;

  let assignments: RoleAssignment[];
  try {
    assignments = await cache.get(`roles:${account.id}:${armScope(vaultScope(ref))}:${oid}`, async () => {
      const client = createAuthorizationManagementClient(account, tenantId, ref.subscriptionId, input.clientOptions);
      const out: RoleAssignment[] = [];
      for await (const a of client.roleAssignments.listForScope(vaultScope(ref), { filter: `principalId eq '${oid}'` })) out.push(a);
      return out;
    });
  } catch (e) {
    return {
      status: 'unknown',
      principalObjectId: oid,
      accessPolicyGet,
      evidence: `Could not read the role assignments on vault ${ref.vaultName}: ${problemText(e, ctx)}. Reading them needs Microsoft.Authorization/roleAssignments/read there (Reader has it).`,
    };
  }

  const secretScope = `${vaultScope(ref)}/secrets/${ref.secretName}`;
  const covering = assignments.filter((a) => a.principalId?.toLowerCase() === oid && a.scope && scopeCovers(a.scope, secretScope));
  const unknownRoles: string[] = [];
  for (const a of covering) {
    const guid = roleGuid(a.roleDefinitionId);
    const known = SECRET_READER_ROLES[guid];
    if (known) return granted(known, a.scope!, ref, oid, accessPolicyGet);
    let def: { roleName?: string; permissions?: Permission[] };
    try {
      def = await cache.get(`role-def:${account.id}:${guid}`, async () => {
        const client = createAuthorizationManagementClient(account, tenantId, ref.subscriptionId, input.clientOptions);
        return client.roleDefinitions.getById(a.roleDefinitionId!);
      });
    } catch {
      unknownRoles.push(guid);
      continue;
    }
    if (grantsDataAction(def.permissions ?? [], READ_SECRET_DATA_ACTION)) return granted(def.roleName ?? guid, a.scope!, ref, oid, accessPolicyGet);
  }
  if (unknownRoles.length) {
    return { status: 'unknown', principalObjectId: oid, accessPolicyGet, evidence: `The Dataverse service principal has roles on vault ${ref.vaultName} whose definitions could not be read (${unknownRoles.join(', ')}).` };
  }
  const policyNote =
    accessPolicyGet === true
      ? ` An access policy gives it get on secrets, but Power Platform checks Azure RBAC even on access-policy vaults: give it Key Vault Secrets User as well (or switch the vault to Azure RBAC).`
      : input.rbac === false
        ? ' No access policy gives it get on secrets either.'
        : '';
  return {
    status: 'denied',
    principalObjectId: oid,
    accessPolicyGet,
    evidence: `The Dataverse service principal (object id ${oid}) has no role that reads secrets at a scope covering secret ${ref.secretName} of vault ${ref.vaultName}.${policyNote}`,
  };
}

function granted(role: string, scope: string, ref: ParsedSecretArmPath, oid: string, accessPolicyGet: boolean | undefined): DataverseAccessFacts {
  const at = armScope(scope) === armScope(vaultScope(ref)) ? 'the vault' : scopeCovers(vaultScope(ref), scope) ? `secret ${ref.secretName}` : `scope ${scope}`;
  return { status: 'granted', principalObjectId: oid, accessPolicyGet, evidence: `${role} on ${at}.` };
}
