/**
 * The live model of the fake cloud. `startFakeAzure()` returns it as `state`: tests may read and change
 * it while the emulator runs (every request reads it afresh). Build it from a scenario with
 * `loadScenario()` (scenario.ts).
 */
import type { CloudName } from './clouds';
import { BUILT_IN_ROLES, RoleDefinition, normalizeScope, roleGrants, scopeCovers } from './rbac';
import { guidFromName, isGuid, nowSeconds, randomGuid, randomVersion } from './util';

export type RegistrationState = 'Registered' | 'NotRegistered' | 'Registering' | 'Unregistering';
export type SubscriptionState = 'Enabled' | 'Disabled' | 'Warned' | 'PastDue' | 'Deleted' | 'Expired';

export interface Tenant {
  id: string;
  /** Short reference name used inside scenarios (e.g. "contoso"). */
  name: string;
  displayName: string;
  defaultDomain: string;
  domains: string[];
  countryCode: string;
  cloud: CloudName;
  /** Every token request for this tenant fails with AADSTS50076 (MFA / interaction required). */
  requiresMfa: boolean;
  subscriptions: Subscription[];
  environments: DataverseEnvironment[];
}

export interface Subscription {
  id: string;
  tenantId: string;
  displayName: string;
  state: SubscriptionState;
  tags: Record<string, string>;
  /** Keyed by lower-case namespace. */
  providers: Map<string, { namespace: string; registrationState: RegistrationState }>;
  resourceGroups: ResourceGroup[];
}

export interface ResourceGroup {
  name: string;
  location: string;
  subscriptionId: string;
  tags: Record<string, string>;
  vaults: Vault[];
  virtualNetworks: VirtualNetwork[];
}

export interface VirtualNetwork {
  name: string;
  location: string;
  addressPrefixes: string[];
  /** `delegations`: service names such as `Microsoft.PowerPlatform/enterprisePolicies`. */
  subnets: { name: string; addressPrefix: string; delegations: string[] }[];
}

export interface AccessPolicy {
  tenantId: string;
  objectId: string;
  applicationId?: string;
  permissions: { keys: string[]; secrets: string[]; certificates: string[]; storage: string[] };
}

export interface NetworkAcls {
  bypass: 'AzureServices' | 'None';
  defaultAction: 'Allow' | 'Deny';
  ipRules: { value: string }[];
  virtualNetworkRules: { id: string; ignoreMissingVnetServiceEndpoint?: boolean }[];
}

export interface PrivateEndpointConnection {
  name: string;
  privateEndpointId: string;
  status: 'Approved' | 'Pending' | 'Rejected' | 'Disconnected';
  description: string;
  /** ARM id of the subnet the private endpoint sits in. */
  subnetId?: string;
}

export interface SecretVersion {
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  /** Unix seconds. */
  nbf?: number;
  exp?: number;
  created: number;
  updated: number;
}

export interface Secret {
  name: string;
  /** Oldest first; the last one is the current ("latest") version. */
  versions: SecretVersion[];
}

export interface DeletedSecret extends Secret {
  deletedDate: number;
  scheduledPurgeDate: number;
}

export interface Vault {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tenantId: string;
  tags: Record<string, string>;
  sku: 'standard' | 'premium';
  enableRbacAuthorization: boolean;
  accessPolicies: AccessPolicy[];
  networkAcls?: NetworkAcls;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  privateEndpointConnections: PrivateEndpointConnection[];
  enableSoftDelete: boolean;
  softDeleteRetentionInDays: number;
  enablePurgeProtection?: boolean;
  enabledForDeployment: boolean;
  enabledForDiskEncryption: boolean;
  enabledForTemplateDeployment: boolean;
  createdAt: number;
  /** Always answer 429 Throttled on the data plane (after authentication). */
  throttle?: { retryAfterSeconds: number };
  /** Live secrets (names are case-insensitive: use findSecret()). */
  secrets: Secret[];
  /** Soft-deleted secrets, recoverable until purged. */
  deletedSecrets: DeletedSecret[];
}

export type IdentityKind = 'servicePrincipal' | 'user';

export interface IdentityCertificate {
  certPem: string;
  thumbprint: string;
  thumbprintS256: string;
  /** Path of a PEM file with the certificate and its private key, when the emulator generated it. */
  pemPath?: string;
}

export interface Identity {
  kind: IdentityKind;
  name: string;
  displayName: string;
  objectId: string;
  /** Application (client) id. For users: not set (tokens carry the client app's id). */
  appId?: string;
  homeTenantId: string;
  /** Every tenant the identity exists in (home first). */
  tenantIds: string[];
  clientSecrets: string[];
  certificates: IdentityCertificate[];
  userPrincipalName?: string;
  password?: string;
  /** Object ids of groups the identity belongs to (role assignments to them apply). */
  groups: string[];
  /** Microsoft Graph `userType` for users: `Guest` in every tenant but the home one unless set. */
  userType?: 'Member' | 'Guest';
  mail?: string;
}

export interface RoleAssignment {
  /** GUID (the assignment's `name`). */
  name: string;
  scope: string;
  principalId: string;
  principalType: 'User' | 'ServicePrincipal' | 'Group' | 'ForeignGroup' | 'Device';
  roleDefinitionId: string;
  createdOn: number;
  description?: string;
}

export interface DataverseEnvironment {
  name: string;
  host: string;
  tenantId: string;
  displayName: string;
  organizationId: string;
  environmentId: string;
  businessUnitId: string;
  /** Object ids allowed in; empty means every identity of the tenant. */
  members: string[];
  /** Rows of each entity set (`credentials`, `workflows`...), as the Web API returns them (lookups as `_x_value`). */
  tables: Map<string, Record<string, unknown>[]>;
  /** Dataverse privileges (`prvCreatecredential`...) each object id lacks. */
  deniedPrivileges: Map<string, Set<string>>;
  /** Answer every Web API request with 429 (service protection limits). */
  throttle?: { retryAfterSeconds: number };
}

export interface PagingSettings {
  subscriptions: number;
  vaults: number;
  roleAssignments: number;
  providers: number;
  resourceGroups: number;
  /** Key Vault page size when the request has no maxresults (the service's own default is 25). */
  secrets: number;
}

export interface Caller {
  objectId: string;
  appId: string;
  tenantId: string;
  identity?: Identity;
}

export class FakeAzureState {
  scenarioName = 'scenario';
  /** The address the fake reports for the caller and tests against vault firewall rules. */
  callerIp = '127.0.0.1';
  tokenLifetimeSeconds = 3599;
  paging: PagingSettings = { subscriptions: 100, vaults: 100, roleAssignments: 100, providers: 100, resourceGroups: 100, secrets: 25 };
  tenants: Tenant[] = [];
  identities: Identity[] = [];
  roleAssignments: RoleAssignment[] = [];
  roleDefinitions: RoleDefinition[] = [...BUILT_IN_ROLES];
  defaultIdentityName?: string;

  // ---------- lookups ----------

  /** By id, scenario name, display name or any verified domain (case-insensitive). */
  findTenant(ref: string | undefined): Tenant | undefined {
    if (!ref) return undefined;
    const r = ref.toLowerCase();
    return this.tenants.find(
      (t) => t.id === r || t.name.toLowerCase() === r || t.displayName.toLowerCase() === r || t.domains.some((d) => d.toLowerCase() === r),
    );
  }

  tenant(ref: string): Tenant {
    const t = this.findTenant(ref);
    if (!t) throw new Error(`No tenant '${ref}' in the scenario`);
    return t;
  }

  allSubscriptions(): Subscription[] {
    return this.tenants.flatMap((t) => t.subscriptions);
  }

  /** By id or display name. */
  findSubscription(ref: string | undefined): Subscription | undefined {
    if (!ref) return undefined;
    const r = ref.toLowerCase();
    return this.allSubscriptions().find((s) => s.id === r || s.displayName.toLowerCase() === r);
  }

  subscription(ref: string): Subscription {
    const s = this.findSubscription(ref);
    if (!s) throw new Error(`No subscription '${ref}' in the scenario`);
    return s;
  }

  allVaults(): Vault[] {
    return this.allSubscriptions().flatMap((s) => s.resourceGroups.flatMap((g) => g.vaults));
  }

  findVault(name: string): Vault | undefined {
    const n = name.toLowerCase();
    return this.allVaults().find((v) => v.name.toLowerCase() === n);
  }

  vault(name: string): Vault {
    const v = this.findVault(name);
    if (!v) throw new Error(`No vault '${name}' in the scenario`);
    return v;
  }

  /** The vault whose data-plane host (`{name}{dnsSuffix}`) this is. */
  findVaultByHost(host: string, dnsSuffix: string): Vault | undefined {
    const h = host.toLowerCase();
    if (!h.endsWith(dnsSuffix)) return undefined;
    const name = h.slice(0, -dnsSuffix.length);
    const vault = this.findVault(name);
    return vault && this.findTenant(vault.tenantId) ? vault : undefined;
  }

  findResourceGroup(subscriptionId: string, name: string): ResourceGroup | undefined {
    return this.findSubscription(subscriptionId)?.resourceGroups.find((g) => g.name.toLowerCase() === name.toLowerCase());
  }

  /** By scenario name, object id, application id or user principal name (case-insensitive). */
  findIdentity(ref: string | undefined): Identity | undefined {
    if (!ref) return undefined;
    const r = ref.toLowerCase();
    return this.identities.find(
      (i) => i.name.toLowerCase() === r || i.objectId === r || i.appId === r || i.userPrincipalName?.toLowerCase() === r,
    );
  }

  identity(ref: string): Identity {
    const i = this.findIdentity(ref);
    if (!i) throw new Error(`No identity '${ref}' in the scenario`);
    return i;
  }

  findServicePrincipalByAppId(appId: string, tenantId: string): Identity | undefined {
    const a = appId.toLowerCase();
    return this.identities.find((i) => i.kind === 'servicePrincipal' && i.appId === a && i.tenantIds.includes(tenantId));
  }

  findRoleDefinition(ref: string): RoleDefinition | undefined {
    const r = ref.toLowerCase();
    const guid = r.split('/').pop() ?? r;
    return this.roleDefinitions.find((d) => d.name === guid || d.roleName.toLowerCase() === r);
  }

  environments(): DataverseEnvironment[] {
    return this.tenants.flatMap((t) => t.environments);
  }

  findEnvironmentByHost(host: string): DataverseEnvironment | undefined {
    const h = host.toLowerCase();
    return this.environments().find((e) => e.host === h);
  }

  // ---------- resource ids ----------

  subscriptionId(sub: Subscription): string {
    return `/subscriptions/${sub.id}`;
  }

  resourceGroupId(g: ResourceGroup): string {
    return `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}`;
  }

  vaultResourceId(v: Vault): string {
    return `/subscriptions/${v.subscriptionId}/resourceGroups/${v.resourceGroup}/providers/Microsoft.KeyVault/vaults/${v.name}`;
  }

  // ---------- RBAC ----------

  principalIdsOf(objectId: string): string[] {
    const identity = this.identities.find((i) => i.objectId === objectId);
    return [objectId, ...(identity?.groups ?? [])];
  }

  /** Role assignments that apply to a principal (directly or through a group) at a scope, inherited ones included. */
  assignmentsFor(objectId: string, scope: string): RoleAssignment[] {
    const ids = this.principalIdsOf(objectId);
    return this.roleAssignments.filter((a) => ids.includes(a.principalId) && scopeCovers(a.scope, scope));
  }

  /** The first role assignment that grants `action` (or `dataAction`) to the principal at `scope`. */
  grantingAssignment(objectId: string, scope: string, action: string, dataAction = false): RoleAssignment | undefined {
    return this.assignmentsFor(objectId, scope).find((a) => {
      const def = this.findRoleDefinition(a.roleDefinitionId);
      return !!def && roleGrants(def, action, dataAction);
    });
  }

  can(objectId: string, scope: string, action: string, dataAction = false): boolean {
    return !!this.grantingAssignment(objectId, scope, action, dataAction);
  }

  /** True when the principal holds any role assignment at, above or below the subscription. */
  hasAnyAccessToSubscription(objectId: string, subscriptionId: string): boolean {
    const ids = this.principalIdsOf(objectId);
    const subScope = `/subscriptions/${subscriptionId}`;
    return this.roleAssignments.some(
      (a) => ids.includes(a.principalId) && (scopeCovers(a.scope, subScope) || scopeCovers(subScope, a.scope)),
    );
  }

  // ---------- mutation helpers for tests ----------

  addRoleAssignment(input: { scope: string; principal: string; role: string; name?: string; principalType?: RoleAssignment['principalType'] }): RoleAssignment {
    const def = this.findRoleDefinition(input.role);
    if (!def) throw new Error(`Unknown role '${input.role}'`);
    const identity = this.findIdentity(input.principal);
    const principalId = identity?.objectId ?? input.principal.toLowerCase();
    if (!isGuid(principalId)) throw new Error(`Unknown principal '${input.principal}'`);
    const scope = canonicalScope(input.scope);
    const assignment: RoleAssignment = {
      name: input.name ?? guidFromName('ra', scope.toLowerCase(), principalId, def.name),
      scope,
      principalId,
      principalType: input.principalType ?? (identity ? (identity.kind === 'user' ? 'User' : 'ServicePrincipal') : 'Group'),
      roleDefinitionId: def.name,
      createdOn: nowSeconds(),
    };
    if (!this.roleAssignments.some((a) => a.name === assignment.name)) this.roleAssignments.push(assignment);
    return assignment;
  }

  removeRoleAssignments(filter: { scope?: string; principal?: string; role?: string }): number {
    const before = this.roleAssignments.length;
    const pid = filter.principal ? this.findIdentity(filter.principal)?.objectId ?? filter.principal.toLowerCase() : undefined;
    const rid = filter.role ? this.findRoleDefinition(filter.role)?.name : undefined;
    this.roleAssignments = this.roleAssignments.filter(
      (a) =>
        !(
          (!filter.scope || normalizeScope(a.scope) === normalizeScope(filter.scope)) &&
          (!pid || a.principalId === pid) &&
          (!rid || a.roleDefinitionId === rid)
        ),
    );
    return before - this.roleAssignments.length;
  }

  setProviderState(subscription: string, namespace: string, registrationState: RegistrationState): void {
    const sub = this.subscription(subscription);
    sub.providers.set(namespace.toLowerCase(), { namespace, registrationState });
  }

  /** Adds a new version of a secret (creating the secret when needed); returns the version. */
  putSecret(
    vaultName: string,
    name: string,
    value: string,
    attrs: Partial<Omit<SecretVersion, 'value'>> = {},
  ): SecretVersion {
    const vault = this.vault(vaultName);
    let secret = findSecret(vault, name);
    if (!secret) {
      secret = { name, versions: [] };
      vault.secrets.push(secret);
    }
    const now = nowSeconds();
    const version: SecretVersion = {
      version: attrs.version ?? randomVersion(),
      value,
      contentType: attrs.contentType,
      tags: attrs.tags,
      enabled: attrs.enabled ?? true,
      nbf: attrs.nbf,
      exp: attrs.exp,
      created: attrs.created ?? now,
      updated: attrs.updated ?? attrs.created ?? now,
    };
    secret.versions.push(version);
    return version;
  }

  /** Grants an access policy (merging permissions when the principal already has one). */
  setAccessPolicy(vaultName: string, principal: string, secrets: string[]): void {
    const vault = this.vault(vaultName);
    const identity = this.findIdentity(principal);
    const objectId = identity?.objectId ?? principal.toLowerCase();
    const existing = vault.accessPolicies.find((p) => p.objectId === objectId);
    if (existing) existing.permissions.secrets = secrets;
    else {
      vault.accessPolicies.push({ tenantId: vault.tenantId, objectId, permissions: { keys: [], secrets, certificates: [], storage: [] } });
    }
  }
}

/** `/subscriptions/{id}/resourceGroups/{rg}/...` with a single leading slash and no trailing slash. */
export function canonicalScope(scope: string): string {
  let s = scope.trim().replace(/\/+/g, '/');
  if (!s.startsWith('/')) s = '/' + s;
  if (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

/** The live secret of that name (case-insensitive), if any. */
export function findSecret(vault: Vault, name: string): Secret | undefined {
  const n = name.toLowerCase();
  return vault.secrets.find((s) => s.name.toLowerCase() === n);
}

export function findDeletedSecret(vault: Vault, name: string): DeletedSecret | undefined {
  const n = name.toLowerCase();
  return vault.deletedSecrets.find((s) => s.name.toLowerCase() === n);
}

export function newDataverseTables(): Map<string, Record<string, unknown>[]> {
  return new Map();
}

export { randomGuid };
