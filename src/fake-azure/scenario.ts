/**
 * Scenario files: the JSON that seeds the fake cloud. See README.md ("Scenario format") for a walk-through;
 * the interfaces below are the reference. Every id may be omitted: the loader derives stable GUIDs from
 * names, so scenarios can refer to things by name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudName, CLOUDS, parseCloudName } from './clouds';
import { createClientCertificate, describeCertificate } from './certs';
import type { FaultRule } from './faults';
import type { Permission } from './rbac';
import { ScenarioDataverse, seedDataverse } from './scenarioDataverse';
import {
  AccessPolicy,
  DataverseEnvironment,
  FakeAzureState,
  Identity,
  NetworkAcls,
  RegistrationState,
  ResourceGroup,
  RoleAssignment,
  Secret,
  SecretVersion,
  Subscription,
  SubscriptionState,
  Tenant,
  Vault,
  canonicalScope,
  newDataverseTables,
} from './state';
import { guidFromName, isGuid, nowSeconds, parseTime, versionFromName } from './util';

/** A time: Unix seconds, an ISO date, "now", or an offset from the emulator's start ("+30d", "-2h"). */
export type ScenarioTime = number | string;

export interface Scenario {
  name?: string;
  description?: string;
  /** Caller address the fake reports and checks vault firewalls against (default "127.0.0.1"). */
  callerIp?: string;
  /** Lifetime of issued access tokens (default 3599). */
  tokenLifetimeSeconds?: number;
  /** Name of the service principal `npm run fake-azure` prints (default: the first with a client secret). */
  defaultIdentity?: string;
  /** Page sizes of list operations (ARM defaults 100; Key Vault default 25 when no maxresults). */
  paging?: Partial<Record<'subscriptions' | 'vaults' | 'roleAssignments' | 'providers' | 'resourceGroups' | 'secrets', number>>;
  tenants: ScenarioTenant[];
  identities?: ScenarioIdentity[];
  /** Role assignments with an explicit scope (assignments can also sit on subscriptions, groups, vaults). */
  roleAssignments?: (ScenarioAssignment & { scope: string })[];
  /** Custom role definitions (built-ins are always present). */
  roleDefinitions?: { id?: string; roleName: string; description?: string; permissions: Partial<Permission>[]; assignableScopes?: string[] }[];
  faults?: FaultRule[];
}

export interface ScenarioTenant {
  id?: string;
  /** Short name used by references in the scenario (default: derived from displayName). */
  name?: string;
  displayName: string;
  /** Default verified domain, e.g. contoso.onmicrosoft.com. */
  domain?: string;
  domains?: string[];
  countryCode?: string;
  cloud?: CloudName | string;
  /** Token requests for this tenant fail with AADSTS50076 (MFA required). */
  requiresMfa?: boolean;
  subscriptions?: ScenarioSubscription[];
  /** Dataverse (Power Platform) environments of the tenant. */
  environments?: ScenarioEnvironment[];
  /** Bulk data for benchmarks. */
  generate?: {
    subscriptions: number;
    vaultsPerSubscription?: number;
    secretsPerVault?: number;
    location?: string;
    /** Assignments made at each generated subscription, e.g. [{ "principal": "bench-sp", "role": "Reader" }]. */
    roleAssignments?: ScenarioAssignment[];
    /** Assignments made on each generated vault. */
    vaultRoleAssignments?: ScenarioAssignment[];
  };
}

export interface ScenarioAssignment {
  /** Identity name, object id, app id or UPN; or the object id of a group. */
  principal: string;
  /** Role name ("Key Vault Secrets User") or role definition GUID. */
  role: string;
  id?: string;
  principalType?: RoleAssignment['principalType'];
}

export interface ScenarioSubscription {
  id?: string;
  displayName: string;
  state?: SubscriptionState;
  tags?: Record<string, string>;
  /** Resource provider namespace -> registration state (unlisted ones read "NotRegistered", Microsoft.KeyVault reads "Registered"). */
  providers?: Record<string, RegistrationState>;
  roleAssignments?: ScenarioAssignment[];
  resourceGroups?: ScenarioResourceGroup[];
}

export interface ScenarioResourceGroup {
  name: string;
  location?: string;
  tags?: Record<string, string>;
  roleAssignments?: ScenarioAssignment[];
  vaults?: ScenarioVault[];
  /** Virtual networks; a subnet may be delegated, e.g. to `Microsoft.PowerPlatform/enterprisePolicies`. */
  virtualNetworks?: { name: string; addressPrefix?: string; subnets: { name: string; addressPrefix?: string; delegatedTo?: string }[] }[];
}

export interface ScenarioVault {
  name: string;
  location?: string;
  tags?: Record<string, string>;
  sku?: 'standard' | 'premium';
  /** Tenant of the vault (default: the subscription's). */
  tenant?: string;
  /** Default true (the service's default for new vaults since API 2026-02-01). */
  enableRbacAuthorization?: boolean;
  accessPolicies?: ScenarioAccessPolicy[];
  roleAssignments?: ScenarioAssignment[];
  networkAcls?: {
    defaultAction?: 'Allow' | 'Deny';
    bypass?: 'AzureServices' | 'None';
    /** "1.2.3.4", "10.0.0.0/24", or the word "caller" for the caller's address. */
    ipRules?: (string | { value: string })[];
    virtualNetworkRules?: (string | { id: string })[];
  };
  publicNetworkAccess?: 'Enabled' | 'Disabled';
  /** `subnet`: `vnet/subnet` of the vault's resource group, or a full subnet id. */
  privateEndpointConnections?: { name: string; privateEndpointId?: string; status?: 'Approved' | 'Pending' | 'Rejected' | 'Disconnected'; description?: string; subnet?: string }[];
  enableSoftDelete?: boolean;
  softDeleteRetentionInDays?: number;
  enablePurgeProtection?: boolean;
  enabledForDeployment?: boolean;
  enabledForDiskEncryption?: boolean;
  enabledForTemplateDeployment?: boolean;
  createdAt?: ScenarioTime;
  /** Always throttle the data plane: true (Retry-After 1) or { retryAfter: seconds }. */
  throttle?: boolean | { retryAfter?: number };
  secrets?: ScenarioSecret[];
  deletedSecrets?: (ScenarioSecret & { deletedDate?: ScenarioTime })[];
  generate?: { secrets: number; prefix?: string; versions?: number; contentType?: string };
}

export interface ScenarioAccessPolicy {
  principal: string;
  applicationId?: string;
  /** Shorthand for permissions.secrets. */
  secrets?: string[];
  permissions?: Partial<AccessPolicy['permissions']>;
}

export interface ScenarioSecretVersion {
  value: string;
  version?: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled?: boolean;
  exp?: ScenarioTime;
  nbf?: ScenarioTime;
  created?: ScenarioTime;
  updated?: ScenarioTime;
}

/** A secret: either `value` (+ attributes) for one version, or `versions` (oldest first). */
export interface ScenarioSecret extends Partial<ScenarioSecretVersion> {
  name: string;
  versions?: ScenarioSecretVersion[];
}

export interface ScenarioIdentity {
  name: string;
  type?: 'servicePrincipal' | 'user';
  displayName?: string;
  /** Home tenant (id, name or domain). */
  tenant: string;
  /** More tenants the identity exists in (multi-tenant app, guest user). */
  tenants?: string[];
  objectId?: string;
  appId?: string;
  clientSecret?: string | string[];
  /** "generate" makes a self-signed certificate (PEM with key written to the run's temp dir); or give the PEM. */
  certificate?: 'generate' | { pem?: string; path?: string };
  userPrincipalName?: string;
  password?: string;
  groups?: string[];
  /** Microsoft Graph `userType` in the tenants other than home (default Guest there, Member at home). */
  userType?: 'Member' | 'Guest';
  mail?: string;
}

export interface ScenarioEnvironment extends ScenarioDataverse {
  name: string;
  /** Default https://{name}.crm.dynamics.com (per cloud). */
  url?: string;
  displayName?: string;
  organizationId?: string;
  environmentId?: string;
  members?: string[];
}

export interface LoadOptions {
  /** Where generated client certificates are written. */
  tmpDir: string;
}

export function readScenarioFile(file: string): Scenario {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as Scenario;
  } catch (e) {
    throw new Error(`Scenario ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function lowerGuid(id: string | undefined, ...nameParts: string[]): string {
  if (id !== undefined) {
    if (!isGuid(id)) throw new Error(`Not a GUID: '${id}'`);
    return id.toLowerCase();
  }
  return guidFromName(...nameParts);
}

type Times = (v: ScenarioTime | undefined) => number | undefined;

/** What loading gathers before it can be applied: assignments and Dataverse rows refer to things of any tenant. */
interface Loading {
  readonly state: FakeAzureState;
  readonly t: Times;
  readonly assignments: { scope: string; a: ScenarioAssignment }[];
  readonly seeds: (() => void)[];
}

function assign(loading: Loading, scope: string, list: ScenarioAssignment[] | undefined): void {
  for (const a of list ?? []) loading.assignments.push({ scope, a });
}

/** Builds the live state from a scenario. */
export function loadScenario(scenario: Scenario, options: LoadOptions): FakeAzureState {
  const state = new FakeAzureState();
  const start = nowSeconds();
  const loading: Loading = { state, t: (v) => parseTime(v, start), assignments: [], seeds: [] };
  applySettings(state, scenario);
  addRoleDefinitions(state, scenario.roleDefinitions ?? []);
  // Tenants first: identities refer to them.
  addTenants(state, scenario.tenants);
  for (const si of scenario.identities ?? []) addIdentity(state, si, options);
  scenario.tenants.forEach((st, tenantIndex) => addTenantResources(loading, st, state.tenants[tenantIndex]));
  for (const ra of scenario.roleAssignments ?? []) loading.assignments.push({ scope: resolveScopeNames(state, ra.scope), a: ra });
  addRoleAssignments(state, loading.assignments);
  // Access policies refer to identities; resolve them now.
  addAccessPolicies(state, scenario.tenants);
  // Dataverse rows refer to vaults and identities of any tenant: seed them last.
  for (const seed of loading.seeds) seed();
  if (scenario.defaultIdentity && !state.findIdentity(scenario.defaultIdentity)) {
    throw new Error(`defaultIdentity '${scenario.defaultIdentity}' is not an identity of the scenario`);
  }
  return state;
}

function applySettings(state: FakeAzureState, scenario: Scenario): void {
  state.scenarioName = scenario.name ?? 'scenario';
  if (scenario.callerIp) state.callerIp = scenario.callerIp;
  if (scenario.tokenLifetimeSeconds) state.tokenLifetimeSeconds = scenario.tokenLifetimeSeconds;
  Object.assign(state.paging, scenario.paging ?? {});
  state.defaultIdentityName = scenario.defaultIdentity;
}

function addRoleDefinitions(state: FakeAzureState, definitions: NonNullable<Scenario['roleDefinitions']>): void {
  for (const def of definitions) {
    state.roleDefinitions.push({
      name: lowerGuid(def.id, 'role', def.roleName),
      roleName: def.roleName,
      type: 'CustomRole',
      description: def.description ?? '',
      assignableScopes: def.assignableScopes ?? ['/'],
      permissions: def.permissions.map((p) => ({
        actions: p.actions ?? [],
        notActions: p.notActions ?? [],
        dataActions: p.dataActions ?? [],
        notDataActions: p.notDataActions ?? [],
      })),
    });
  }
}

function addTenants(state: FakeAzureState, tenants: ScenarioTenant[]): void {
  if (!Array.isArray(tenants) || tenants.length === 0) throw new Error('A scenario needs at least one tenant');
  for (const st of tenants) {
    const name = st.name ?? slug(st.displayName);
    const domain = (st.domain ?? `${name.replace(/-/g, '')}.onmicrosoft.com`).toLowerCase();
    const tenant: Tenant = {
      id: lowerGuid(st.id, 'tenant', name),
      name,
      displayName: st.displayName,
      defaultDomain: domain,
      domains: [...new Set([domain, ...(st.domains ?? []).map((d) => d.toLowerCase())])],
      countryCode: st.countryCode ?? 'US',
      cloud: parseCloudName(st.cloud),
      requiresMfa: !!st.requiresMfa,
      subscriptions: [],
      environments: [],
    };
    if (state.tenants.some((x) => x.id === tenant.id)) throw new Error(`Duplicate tenant id ${tenant.id}`);
    state.tenants.push(tenant);
  }
}

function addIdentity(state: FakeAzureState, si: ScenarioIdentity, options: LoadOptions): void {
  const home = state.findTenant(si.tenant);
  if (!home) throw new Error(`Identity '${si.name}': unknown tenant '${si.tenant}'`);
  const kind = si.type ?? 'servicePrincipal';
  const identity: Identity = {
    kind,
    name: si.name,
    displayName: si.displayName ?? si.name,
    objectId: lowerGuid(si.objectId, 'identity', si.name),
    appId: kind === 'servicePrincipal' ? lowerGuid(si.appId, 'app', si.name) : undefined,
    homeTenantId: home.id,
    tenantIds: [home.id],
    clientSecrets: si.clientSecret === undefined ? [] : Array.isArray(si.clientSecret) ? si.clientSecret : [si.clientSecret],
    certificates: [],
    userPrincipalName: si.userPrincipalName?.toLowerCase() ?? (kind === 'user' ? `${slug(si.name)}@${home.defaultDomain}` : undefined),
    password: si.password,
    groups: (si.groups ?? []).map((g) => g.toLowerCase()),
    userType: si.userType,
    mail: si.mail,
  };
  for (const other of si.tenants ?? []) {
    const tn = state.findTenant(other);
    if (!tn) throw new Error(`Identity '${si.name}': unknown tenant '${other}'`);
    if (!identity.tenantIds.includes(tn.id)) identity.tenantIds.push(tn.id);
  }
  addCertificate(identity, si, options);
  if (state.findIdentity(identity.objectId)) throw new Error(`Duplicate identity object id ${identity.objectId}`);
  state.identities.push(identity);
}

/** A generated client certificate (written to the run's temp dir), or the one the scenario gives. */
function addCertificate(identity: Identity, si: ScenarioIdentity, options: LoadOptions): void {
  if (si.certificate === 'generate') {
    const cert = createClientCertificate(`CN=${identity.displayName}`.slice(3));
    const pemPath = path.join(options.tmpDir, `${slug(si.name)}-client-cert.pem`);
    fs.writeFileSync(pemPath, cert.pem, { mode: 0o600 });
    identity.certificates.push({ certPem: cert.certPem, thumbprint: cert.thumbprint, thumbprintS256: cert.thumbprintS256, pemPath });
  } else if (si.certificate) {
    const pem = si.certificate.pem ?? (si.certificate.path ? fs.readFileSync(si.certificate.path, 'utf8') : undefined);
    if (!pem) throw new Error(`Identity '${si.name}': certificate needs "pem" or "path"`);
    identity.certificates.push({ ...describeCertificate(pem), pemPath: si.certificate.path });
  }
}

/** A tenant's subscriptions (with their groups and vaults), generated subscriptions, and environments. */
function addTenantResources(loading: Loading, st: ScenarioTenant, tenant: Tenant): void {
  for (const ss of st.subscriptions ?? []) addSubscription(loading, tenant, ss);
  if (st.generate) addGeneratedSubscriptions(loading, tenant, st.generate);
  for (const se of st.environments ?? []) addEnvironment(loading, tenant, se);
}

function addSubscription(loading: Loading, tenant: Tenant, ss: ScenarioSubscription): void {
  const { state } = loading;
  const sub = buildSubscription(tenant, ss.displayName, ss.id, ss.state, ss.tags, ss.providers);
  tenant.subscriptions.push(sub);
  assign(loading, `/subscriptions/${sub.id}`, ss.roleAssignments);
  for (const sg of ss.resourceGroups ?? []) {
    const group = buildResourceGroup(sub, sg);
    sub.resourceGroups.push(group);
    assign(loading, state.resourceGroupId(group), sg.roleAssignments);
    for (const sv of sg.vaults ?? []) {
      const vault = buildVault(state, tenant, group, sv, loading.t);
      if (state.findVault(vault.name)) throw new Error(`Duplicate vault name '${vault.name}' (vault names are global)`);
      group.vaults.push(vault);
      assign(loading, state.vaultResourceId(vault), sv.roleAssignments);
    }
  }
}

function buildResourceGroup(sub: Subscription, sg: ScenarioResourceGroup): ResourceGroup {
  return {
    name: sg.name,
    location: sg.location ?? 'westeurope',
    subscriptionId: sub.id,
    tags: sg.tags ?? {},
    vaults: [],
    virtualNetworks: (sg.virtualNetworks ?? []).map((n, i) => ({
      name: n.name,
      location: sg.location ?? 'westeurope',
      addressPrefixes: [n.addressPrefix ?? `10.${i + 10}.0.0/16`],
      subnets: n.subnets.map((sn, j) => ({ name: sn.name, addressPrefix: sn.addressPrefix ?? `10.${i + 10}.${j}.0/24`, delegations: sn.delegatedTo ? [sn.delegatedTo] : [] })),
    })),
  };
}

/** Many subscriptions with a vault or more each, for scale tests and benchmarks. */
function addGeneratedSubscriptions(loading: Loading, tenant: Tenant, g: NonNullable<ScenarioTenant['generate']>): void {
  const { state } = loading;
  for (let i = 1; i <= g.subscriptions; i++) {
    const label = `${tenant.displayName} Generated ${String(i).padStart(4, '0')}`;
    const sub = buildSubscription(tenant, label, undefined, 'Enabled', {}, { 'Microsoft.PowerPlatform': 'Registered' });
    tenant.subscriptions.push(sub);
    assign(loading, `/subscriptions/${sub.id}`, g.roleAssignments);
    const group: ResourceGroup = { name: 'rg-generated', location: g.location ?? 'westeurope', subscriptionId: sub.id, tags: {}, vaults: [], virtualNetworks: [] };
    sub.resourceGroups.push(group);
    for (let v = 1; v <= (g.vaultsPerSubscription ?? 1); v++) {
      const name = `kv-${tenant.name.slice(0, 8)}-${String(i).padStart(4, '0')}-${v}`.replace(/-+/g, '-').slice(0, 24);
      const vault = buildVault(state, tenant, group, { name, generate: g.secretsPerVault ? { secrets: g.secretsPerVault } : undefined }, loading.t);
      if (state.findVault(vault.name)) throw new Error(`Generated vault name '${vault.name}' is taken: give the tenants distinct names`);
      group.vaults.push(vault);
      assign(loading, state.vaultResourceId(vault), g.vaultRoleAssignments);
    }
  }
}

/** A Dataverse environment on a host of the tenant's cloud; its rows are seeded once everything else exists. */
function addEnvironment(loading: Loading, tenant: Tenant, se: ScenarioEnvironment): void {
  const { state } = loading;
  const url = se.url ?? `https://${se.name}.${tenant.cloud === 'AzureChinaCloud' ? 'crm.dynamics.cn' : tenant.cloud === 'AzureUSGovernment' ? 'crm.microsoftdynamics.us' : 'crm.dynamics.com'}`;
  const host = new URL(url).hostname.toLowerCase();
  const cloud = CLOUDS[tenant.cloud];
  if (!cloud.dataverseHostPattern.test(host)) throw new Error(`Environment '${se.name}': ${host} is not a Dataverse host of ${cloud.name}`);
  const env: DataverseEnvironment = {
    name: se.name,
    host,
    tenantId: tenant.id,
    displayName: se.displayName ?? se.name,
    organizationId: lowerGuid(se.organizationId, 'org', host),
    environmentId: lowerGuid(se.environmentId, 'env', host),
    businessUnitId: guidFromName('bu', host),
    members: (se.members ?? []).map((m) => state.findIdentity(m)?.objectId ?? m.toLowerCase()),
    tables: newDataverseTables(),
    deniedPrivileges: new Map(),
  };
  tenant.environments.push(env);
  loading.seeds.push(() => seedDataverse(state, env, se, loading.t));
}

function addRoleAssignments(state: FakeAzureState, assignments: readonly { scope: string; a: ScenarioAssignment }[]): void {
  for (const { scope, a } of assignments) {
    if (!state.findRoleDefinition(a.role)) throw new Error(`Role assignment at ${scope}: unknown role '${a.role}'`);
    if (!state.findIdentity(a.principal) && !isGuid(a.principal)) throw new Error(`Role assignment at ${scope}: unknown principal '${a.principal}'`);
    state.addRoleAssignment({ scope, principal: a.principal, role: a.role, name: a.id, principalType: a.principalType });
  }
}

function addAccessPolicies(state: FakeAzureState, tenants: readonly ScenarioTenant[]): void {
  for (const st of tenants) {
    for (const ss of st.subscriptions ?? []) {
      for (const sg of ss.resourceGroups ?? []) {
        for (const sv of sg.vaults ?? []) {
          const vault = state.vault(sv.name);
          vault.accessPolicies = (sv.accessPolicies ?? []).map((p) => {
            const identity = state.findIdentity(p.principal);
            const objectId = identity?.objectId ?? p.principal.toLowerCase();
            if (!isGuid(objectId)) throw new Error(`Vault ${sv.name}: access policy for unknown principal '${p.principal}'`);
            return {
              tenantId: vault.tenantId,
              objectId,
              applicationId: p.applicationId,
              permissions: {
                keys: p.permissions?.keys ?? [],
                secrets: p.permissions?.secrets ?? p.secrets ?? [],
                certificates: p.permissions?.certificates ?? [],
                storage: p.permissions?.storage ?? [],
              },
            };
          });
        }
      }
    }
  }
}

/** Lets explicit scopes name a subscription by display name: "/subscriptions/{Contoso RPA Production}/…". */
function resolveScopeNames(state: FakeAzureState, scope: string): string {
  return canonicalScope(
    scope.replace(/\/subscriptions\/\{([^}]+)\}/i, (_m, name: string) => `/subscriptions/${state.subscription(name).id}`),
  );
}

function buildSubscription(
  tenant: Tenant,
  displayName: string,
  id: string | undefined,
  st: SubscriptionState | undefined,
  tags: Record<string, string> | undefined,
  providers: Record<string, RegistrationState> | undefined,
): Subscription {
  const sub: Subscription = {
    id: lowerGuid(id, 'subscription', tenant.id, displayName),
    tenantId: tenant.id,
    displayName,
    state: st ?? 'Enabled',
    tags: tags ?? {},
    providers: new Map(),
    resourceGroups: [],
  };
  sub.providers.set('microsoft.keyvault', { namespace: 'Microsoft.KeyVault', registrationState: 'Registered' });
  for (const [ns, rs] of Object.entries(providers ?? {})) sub.providers.set(ns.toLowerCase(), { namespace: ns, registrationState: rs });
  return sub;
}

const SECRET_NAME_RE = /^[0-9a-zA-Z-]{1,127}$/;

function buildVault(
  state: FakeAzureState,
  subTenant: Tenant,
  group: ResourceGroup,
  sv: ScenarioVault,
  t: Times,
): Vault {
  if (!/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(sv.name)) {
    throw new Error(`Vault name '${sv.name}' is invalid (3-24 letters, digits and dashes, starting with a letter)`);
  }
  const tenant = sv.tenant ? state.findTenant(sv.tenant) : subTenant;
  if (!tenant) throw new Error(`Vault ${sv.name}: unknown tenant '${sv.tenant}'`);
  const created = t(sv.createdAt) ?? nowSeconds() - 730 * 86400;
  const vault: Vault = {
    name: sv.name,
    subscriptionId: group.subscriptionId,
    resourceGroup: group.name,
    location: sv.location ?? group.location,
    tenantId: tenant.id,
    tags: sv.tags ?? {},
    sku: sv.sku ?? 'standard',
    enableRbacAuthorization: sv.enableRbacAuthorization ?? true,
    accessPolicies: [],
    publicNetworkAccess: sv.publicNetworkAccess ?? 'Enabled',
    privateEndpointConnections: (sv.privateEndpointConnections ?? []).map((p) => ({
      name: p.name,
      privateEndpointId:
        p.privateEndpointId ?? `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/privateEndpoints/${p.name}`,
      status: p.status ?? 'Approved',
      description: p.description ?? 'Auto-Approved',
      subnetId: p.subnet
        ? p.subnet.startsWith('/')
          ? p.subnet
          : `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/virtualNetworks/${p.subnet.split('/')[0]}/subnets/${p.subnet.split('/')[1]}`
        : undefined,
    })),
    enableSoftDelete: sv.enableSoftDelete ?? true,
    softDeleteRetentionInDays: sv.softDeleteRetentionInDays ?? 90,
    enablePurgeProtection: sv.enablePurgeProtection,
    enabledForDeployment: sv.enabledForDeployment ?? false,
    enabledForDiskEncryption: sv.enabledForDiskEncryption ?? false,
    enabledForTemplateDeployment: sv.enabledForTemplateDeployment ?? false,
    createdAt: created,
    throttle: sv.throttle ? { retryAfterSeconds: sv.throttle === true ? 1 : sv.throttle.retryAfter ?? 1 } : undefined,
    secrets: [],
    deletedSecrets: [],
  };
  if (sv.networkAcls) {
    const acls: NetworkAcls = {
      bypass: sv.networkAcls.bypass ?? 'AzureServices',
      defaultAction: sv.networkAcls.defaultAction ?? 'Allow',
      ipRules: (sv.networkAcls.ipRules ?? []).map((r) => {
        const v = typeof r === 'string' ? r : r.value;
        const value = v === 'caller' ? state.callerIp : v;
        return { value: value.includes('/') ? value : `${value}/32` };
      }),
      virtualNetworkRules: (sv.networkAcls.virtualNetworkRules ?? []).map((r) => ({ id: (typeof r === 'string' ? r : r.id).toLowerCase() })),
    };
    vault.networkAcls = acls;
  }
  for (const s of sv.secrets ?? []) {
    const secret = buildSecret(vault, s, t, created);
    if (vault.secrets.some((x) => x.name.toLowerCase() === secret.name.toLowerCase())) throw new Error(`Vault ${vault.name}: duplicate secret '${secret.name}'`);
    vault.secrets.push(secret);
  }
  for (const s of sv.deletedSecrets ?? []) {
    const secret = buildSecret(vault, s, t, created);
    const deletedDate = t(s.deletedDate) ?? nowSeconds() - 86400;
    vault.deletedSecrets.push({
      ...secret,
      deletedDate,
      scheduledPurgeDate: deletedDate + vault.softDeleteRetentionInDays * 86400,
    });
  }
  if (sv.generate) {
    const prefix = sv.generate.prefix ?? 'generated-secret';
    const versions = Math.max(1, sv.generate.versions ?? 1);
    for (let i = 1; i <= sv.generate.secrets; i++) {
      const name = `${prefix}-${String(i).padStart(5, '0')}`;
      const secret: Secret = { name, versions: [] };
      for (let v = 0; v < versions; v++) {
        const ts = created + i + v * 3600;
        secret.versions.push({
          version: versionFromName(vault.name, name, String(v)),
          value: `generated-value-${i}-${v}`,
          contentType: sv.generate.contentType,
          enabled: true,
          created: ts,
          updated: ts,
        });
      }
      vault.secrets.push(secret);
    }
  }
  return vault;
}

function buildSecret(vault: Vault, s: ScenarioSecret, t: Times, vaultCreated: number): Secret {
  if (!SECRET_NAME_RE.test(s.name)) throw new Error(`Vault ${vault.name}: secret name '${s.name}' is invalid`);
  const list: ScenarioSecretVersion[] = s.versions ?? [
    { value: s.value ?? '', contentType: s.contentType, tags: s.tags, enabled: s.enabled, exp: s.exp, nbf: s.nbf, created: s.created, updated: s.updated },
  ];
  if (s.versions && s.value !== undefined) throw new Error(`Secret ${s.name}: give either "value" or "versions"`);
  const versions: SecretVersion[] = list.map((v, i) => {
    const created = t(v.created) ?? vaultCreated + 86400 * (i + 1);
    return {
      version: v.version ?? versionFromName(vault.name, s.name, String(i)),
      value: v.value,
      contentType: v.contentType,
      tags: v.tags,
      enabled: v.enabled ?? true,
      exp: t(v.exp),
      nbf: t(v.nbf),
      created,
      updated: t(v.updated) ?? created,
    };
  });
  return { name: s.name, versions };
}
