/**
 * Azure Resource Manager for the three management hosts: tenants, subscriptions, resource groups,
 * resource providers, Key Vault vaults (list, get, access-policy update), and Microsoft.Authorization
 * role assignments, role definitions and permissions. Payloads follow azure-rest-examples/; errors
 * carry ARM's `{"error":{"code","message"}}` bodies. Every call checks the token's audience and that
 * the caller may see the subscription / do the action (403 AuthorizationFailed otherwise).
 */
import { CloudDefinition, cloudByManagementHost } from '../clouds';
import type { RoleDefinition } from '../rbac';
import { normalizeScope, scopeCovers } from '../rbac';
import type { AccessPolicy, FakeAzureState, RegistrationState, ResourceGroup, RoleAssignment, Subscription, Vault } from '../state';
import { canonicalScope } from '../state';
import { armTime, decodeSkipToken, encodeSkipToken, isGuid, randomGuid } from '../util';
import { networkRoute } from './armNetwork';
import { authenticate, pageByMarker, sameAudience } from './auth';
import { Emulator, Reply, RequestContext, Service, json } from './types';

interface Caller {
  objectId: string;
  appId: string;
  tenantId: string;
  label: string;
}

const KNOWN_PROVIDERS: Record<string, { namespace: string; resourceTypes: string[] }> = {
  'microsoft.keyvault': { namespace: 'Microsoft.KeyVault', resourceTypes: ['vaults', 'vaults/secrets', 'vaults/accessPolicies', 'operations', 'checkNameAvailability', 'deletedVaults', 'locations', 'locations/deletedVaults', 'locations/operationResults', 'managedHSMs'] },
  'microsoft.powerplatform': { namespace: 'Microsoft.PowerPlatform', resourceTypes: ['enterprisePolicies', 'accounts', 'operations', 'locations', 'locations/deleteVirtualNetworkOrSubnets', 'locations/validateVirtualNetworkOrSubnets'] },
  'microsoft.eventgrid': { namespace: 'Microsoft.EventGrid', resourceTypes: ['systemTopics', 'topics', 'eventSubscriptions', 'operations', 'locations'] },
  'microsoft.network': { namespace: 'Microsoft.Network', resourceTypes: ['virtualNetworks', 'privateEndpoints', 'networkSecurityGroups', 'operations', 'locations'] },
  'microsoft.authorization': { namespace: 'Microsoft.Authorization', resourceTypes: ['roleAssignments', 'roleDefinitions', 'permissions', 'operations'] },
  'microsoft.resources': { namespace: 'Microsoft.Resources', resourceTypes: ['subscriptions', 'resourceGroups', 'deployments', 'operations', 'tenants'] },
};

const ALWAYS_REGISTERED = new Set(['microsoft.authorization', 'microsoft.resources']);
const BUILT_IN_CREATED = '2015-02-02T21:55:09.8806423Z';

export class ArmService implements Service {
  readonly name = 'arm';
  /** How long a provider stays "Registering" after a register call. */
  registrationDelayMs = 1000;

  constructor(private readonly emu: Emulator) {}

  private get state(): FakeAzureState {
    return this.emu.state;
  }

  matches(host: string): boolean {
    return !!cloudByManagementHost(host);
  }

  faultReply(_ctx: RequestContext, status: number, retryAfter?: number): Reply {
    const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
    if (status === 429) {
      return json(429, { error: { code: 'TooManyRequests', message: 'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits' } }, { ...headers, 'x-ms-ratelimit-remaining-subscription-reads': '0' });
    }
    if (status === 503) return json(503, { error: { code: 'ServiceUnavailable', message: 'The service is unavailable. Please retry the request later.' } }, headers);
    return json(status, { error: { code: status >= 500 ? 'InternalServerError' : 'BadRequest', message: status >= 500 ? 'Encountered internal server error. Diagnostic information: timestamp ' + new Date().toISOString() + '.' : 'Bad request.' } }, headers);
  }

  private err(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
    return json(status, { error: { code, message } }, headers);
  }

  private authFailed(caller: Caller, action: string, scope: string): Reply {
    return this.err(
      403,
      'AuthorizationFailed',
      `The client '${caller.label}' with object id '${caller.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      { 'x-ms-failure-cause': 'gateway' },
    );
  }

  handle(ctx: RequestContext): Reply {
    const cloud = cloudByManagementHost(ctx.host)!;
    const apiVersion = ctx.query.get('api-version');
    if (!apiVersion) {
      return this.err(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    }
    const auth = this.authorize(ctx, cloud);
    if ('status' in auth) return auth;
    const caller = auth;
    const path = canonicalScope(decodeURIComponent(ctx.url.pathname));
    const lower = path.toLowerCase();
    const segs = path.split('/').filter(Boolean);
    const lsegs = lower.split('/').filter(Boolean);

    // Microsoft.Authorization at any scope (including the root "/").
    const authzAt = lower.lastIndexOf('/providers/microsoft.authorization/');
    if (authzAt >= 0) {
      const scope = authzAt === 0 ? '/' : path.slice(0, authzAt);
      const rest = path.slice(authzAt + '/providers/microsoft.authorization/'.length).split('/').filter(Boolean);
      return this.authorization(ctx, cloud, caller, scope, rest);
    }

    if (ctx.method === 'GET' && lower === '/tenants') return this.listTenants(ctx, caller);
    if (ctx.method === 'GET' && lower === '/subscriptions') return this.listSubscriptions(ctx, cloud, caller);
    if (lsegs[0] !== 'subscriptions' || !segs[1]) return this.noRoute(ctx, path);

    const sub = this.state.findSubscription(segs[1]);
    const subCheck = this.checkSubscription(segs[1], sub, caller, cloud);
    if (subCheck) return subCheck;
    const s = sub!;
    const subScope = `/subscriptions/${s.id}`;
    const r = lsegs.slice(2);

    if (r.length === 0 && ctx.method === 'GET') return this.requireAny(caller, s, 'Microsoft.Resources/subscriptions/read', subScope) ?? json(200, this.subscriptionJson(s));
    if (r[0] === 'resourcegroups') {
      if (r.length === 1 && ctx.method === 'GET') return this.listResourceGroups(ctx, cloud, caller, s);
      const rgName = segs[3];
      const rgScope = `${subScope}/resourceGroups/${rgName}`;
      const group = this.state.findResourceGroup(s.id, rgName);
      if (r.length === 2 && ctx.method === 'GET') {
        if (!this.state.can(caller.objectId, rgScope, 'Microsoft.Resources/subscriptions/resourceGroups/read')) return this.authFailed(caller, 'Microsoft.Resources/subscriptions/resourceGroups/read', rgScope);
        if (!group) return this.err(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
        return json(200, this.resourceGroupJson(group));
      }
      if (r[2] === 'providers' && r[3] === 'microsoft.keyvault' && r[4] === 'vaults') {
        if (r.length === 5 && ctx.method === 'GET') {
          if (!this.state.hasAnyAccessToSubscription(caller.objectId, s.id)) return this.authFailed(caller, 'Microsoft.KeyVault/vaults/read', rgScope);
          if (!group) return this.err(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
          return this.listVaults(ctx, cloud, caller, group.vaults);
        }
        const vaultName = segs[7];
        const vaultScope = `${rgScope}/providers/Microsoft.KeyVault/vaults/${vaultName}`;
        const vault = group?.vaults.find((v) => v.name.toLowerCase() === vaultName.toLowerCase());
        if (r.length === 6 && ctx.method === 'GET') {
          if (!this.state.can(caller.objectId, vaultScope, 'Microsoft.KeyVault/vaults/read')) return this.authFailed(caller, 'Microsoft.KeyVault/vaults/read', vaultScope);
          if (!group) return this.err(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
          if (!vault) return this.vaultNotFound(vaultName, rgName);
          return json(200, this.vaultJson(vault, cloud));
        }
        if (r.length === 8 && r[6] === 'accesspolicies' && ctx.method === 'PUT') {
          if (!this.state.can(caller.objectId, vaultScope, 'Microsoft.KeyVault/vaults/accessPolicies/write')) return this.authFailed(caller, 'Microsoft.KeyVault/vaults/accessPolicies/write', vaultScope);
          if (!vault) return this.vaultNotFound(vaultName, rgName);
          return this.updateAccessPolicies(ctx, vault, r[7]);
        }
        if (r.length >= 7 && r[6] === 'privateendpointconnections' && ctx.method === 'GET') {
          if (!this.state.can(caller.objectId, vaultScope, 'Microsoft.KeyVault/vaults/privateEndpointConnections/read')) return this.authFailed(caller, 'Microsoft.KeyVault/vaults/privateEndpointConnections/read', vaultScope);
          if (!vault) return this.vaultNotFound(vaultName, rgName);
          const items = vault.privateEndpointConnections.map((p) => this.pecJson(vault, p, false));
          if (r.length === 7) return json(200, { value: items });
          const one = items.find((i) => String(i.name).toLowerCase() === r[7]);
          return one ? json(200, one) : this.err(404, 'PrivateEndpointConnectionNotFound', `Private endpoint connection '${segs[9]}' not found.`);
        }
      }
      if (r[2] === 'providers' && r[3] === 'microsoft.network' && ctx.method === 'GET') {
        const can = (action: string, scope: string): Reply | undefined => (this.state.can(caller.objectId, scope, action) ? undefined : this.authFailed(caller, action, scope));
        const reply = networkRoute(this.state, can, group, rgScope, segs.slice(6));
        if (reply) return reply;
      }
      return this.noRoute(ctx, path);
    }
    if (r[0] === 'providers') {
      if (r.length === 1 && ctx.method === 'GET') return this.requireAny(caller, s, 'Microsoft.Resources/subscriptions/providers/read', subScope) ?? this.listProviders(s);
      if (r.length === 2 && ctx.method === 'GET') return this.requireAny(caller, s, `${segs[3]}/read`, subScope) ?? this.getProvider(s, segs[3]);
      if (r.length === 3 && (r[2] === 'register' || r[2] === 'unregister') && ctx.method === 'POST') return this.registerProvider(caller, s, segs[3], r[2] === 'register');
      if (r[1] === 'microsoft.keyvault' && r[2] === 'vaults' && r.length === 3 && ctx.method === 'GET') {
        if (!this.state.hasAnyAccessToSubscription(caller.objectId, s.id)) return this.authFailed(caller, 'Microsoft.KeyVault/vaults/read', subScope);
        return this.listVaults(ctx, cloud, caller, s.resourceGroups.flatMap((g) => g.vaults));
      }
      return this.noRoute(ctx, path);
    }
    if (r[0] === 'resources' && r.length === 1 && ctx.method === 'GET') {
      if (!this.state.hasAnyAccessToSubscription(caller.objectId, s.id)) return this.authFailed(caller, 'Microsoft.Resources/subscriptions/resources/read', subScope);
      return this.listGenericResources(ctx, cloud, caller, s);
    }
    return this.noRoute(ctx, path);
  }

  private noRoute(ctx: RequestContext, path: string): Reply {
    return this.err(404, 'NotFound', `The fake Resource Manager has no route for ${ctx.method} ${path}.`);
  }

  private vaultNotFound(name: string, rg: string): Reply {
    return this.err(404, 'ResourceNotFound', `The Resource 'Microsoft.KeyVault/vaults/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
  }

  // ---------- authentication / subscription checks ----------

  private authorize(ctx: RequestContext, cloud: CloudDefinition): Caller | Reply {
    const wwwAuth = (desc: string): Record<string, string> => ({
      'www-authenticate': `Bearer authorization_uri="https://${cloud.loginHost}/", error="invalid_token", error_description="${desc}"`,
      'x-ms-failure-cause': 'gateway',
    });
    const result = authenticate(ctx, this.emu);
    if ('problem' in result) {
      switch (result.problem) {
        case 'missing':
          return this.err(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", wwwAuth("The authentication failed because of missing 'Authorization' header."));
        case 'expired':
          return this.err(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time is earlier than current UTC time '${new Date().toISOString()}'.`, wwwAuth('The access token expiry UTC time is earlier than current UTC time.'));
        default:
          return this.err(401, 'InvalidAuthenticationToken', 'The access token is invalid.', wwwAuth('The access token is invalid.'));
      }
    }
    const c = result.claims;
    if (!cloud.managementAudiences.some((a) => sameAudience(a, c.aud))) {
      return this.err(
        401,
        'InvalidAuthenticationTokenAudience',
        `The access token has been obtained for wrong audience or resource '${c.aud}'. It should exactly match with one of the allowed audiences ${cloud.managementAudiences.map((a) => `'${a}'`).join(',')}.`,
        wwwAuth('The access token has been obtained for wrong audience or resource.'),
      );
    }
    const tenant = this.state.findTenant(c.tid);
    if (!tenant || tenant.cloud !== cloud.name) {
      return this.err(401, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer '${c.iss}'. It must match one of the tenants of this cloud.`, wwwAuth('The access token is from the wrong issuer.'));
    }
    const identity = this.state.identities.find((i) => i.objectId === c.oid);
    return { objectId: c.oid, appId: c.appid, tenantId: c.tid, label: c.upn ?? identity?.userPrincipalName ?? c.oid };
  }

  private checkSubscription(id: string, sub: Subscription | undefined, caller: Caller, cloud: CloudDefinition): Reply | undefined {
    if (!sub || (this.state.findTenant(sub.tenantId)?.cloud ?? cloud.name) !== cloud.name) {
      return this.err(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
    }
    if (sub.tenantId !== caller.tenantId) {
      return this.err(
        401,
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer '${cloud.stsIssuerBase}${caller.tenantId}/'. It must match the tenant '${cloud.stsIssuerBase}${sub.tenantId}/' associated with this subscription. Please use the authority (URL) 'https://${cloud.loginHost}/${sub.tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
        { 'www-authenticate': `Bearer authorization_uri="https://${cloud.loginHost}/${sub.tenantId}", error="invalid_token", error_description="The access token is from the wrong issuer."`, 'x-ms-failure-cause': 'gateway' },
      );
    }
    return undefined;
  }

  /** Reads of subscription-level metadata need some role in the subscription. */
  private requireAny(caller: Caller, sub: Subscription, action: string, scope: string): Reply | undefined {
    return this.state.hasAnyAccessToSubscription(caller.objectId, sub.id) ? undefined : this.authFailed(caller, action, scope);
  }

  // ---------- paging ----------

  private pageSize(ctx: RequestContext, fallback: number): number {
    const top = Number(ctx.query.get('$top') ?? ctx.query.get('top'));
    return Number.isInteger(top) && top > 0 ? Math.min(top, 1000) : fallback;
  }

  private paged<T>(ctx: RequestContext, items: T[], key: (i: T) => string, pageSize: number, map: (i: T) => unknown): Reply {
    const marker = decodeSkipToken(ctx.query.get('$skiptoken'));
    const { page, last, more } = pageByMarker(items, key, pageSize, marker);
    const body: Record<string, unknown> = { value: page.map(map) };
    if (more && last !== undefined) {
      const q = new URLSearchParams(ctx.query);
      q.delete('$skiptoken');
      q.set('$skiptoken', encodeSkipToken(last));
      body.nextLink = `https://${ctx.host}${ctx.url.pathname}?${q.toString()}`;
    }
    return json(200, body);
  }

  // ---------- tenants & subscriptions ----------

  private listTenants(ctx: RequestContext, caller: Caller): Reply {
    const identity = this.state.identities.find((i) => i.objectId === caller.objectId);
    const ids = identity ? identity.tenantIds : [caller.tenantId];
    const home = identity?.homeTenantId ?? caller.tenantId;
    const tenants = ids.map((id) => this.state.findTenant(id)).filter((t): t is NonNullable<typeof t> => !!t);
    return json(200, {
      value: tenants.map((t) => ({
        id: `/tenants/${t.id}`,
        tenantId: t.id,
        countryCode: t.countryCode,
        displayName: t.displayName,
        domains: t.domains,
        tenantCategory: t.id === home ? 'Home' : 'ProjectedBy',
        defaultDomain: t.defaultDomain,
        tenantType: 'AAD',
      })),
    });
    void ctx;
  }

  private subscriptionJson(s: Subscription): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: `/subscriptions/${s.id}`,
      authorizationSource: 'RoleBased',
      managedByTenants: [],
      subscriptionId: s.id,
      tenantId: s.tenantId,
      displayName: s.displayName,
      state: s.state,
      subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
    };
    if (Object.keys(s.tags).length) out.tags = s.tags;
    return out;
  }

  private listSubscriptions(ctx: RequestContext, cloud: CloudDefinition, caller: Caller): Reply {
    const tenant = this.state.findTenant(caller.tenantId);
    const subs = (tenant?.subscriptions ?? []).filter((s) => this.state.hasAnyAccessToSubscription(caller.objectId, s.id));
    void cloud;
    return this.paged(ctx, subs, (s) => s.id, this.state.paging.subscriptions, (s) => this.subscriptionJson(s));
  }

  // ---------- resource groups ----------

  private resourceGroupJson(g: ResourceGroup): Record<string, unknown> {
    return {
      id: this.state.resourceGroupId(g),
      name: g.name,
      type: 'Microsoft.Resources/resourceGroups',
      location: g.location,
      tags: g.tags,
      properties: { provisioningState: 'Succeeded' },
    };
  }

  private listResourceGroups(ctx: RequestContext, _cloud: CloudDefinition, caller: Caller, s: Subscription): Reply {
    if (!this.state.hasAnyAccessToSubscription(caller.objectId, s.id)) {
      return this.authFailed(caller, 'Microsoft.Resources/subscriptions/resourceGroups/read', `/subscriptions/${s.id}`);
    }
    const visible = s.resourceGroups.filter((g) => this.state.can(caller.objectId, this.state.resourceGroupId(g), 'Microsoft.Resources/subscriptions/resourceGroups/read'));
    return this.paged(ctx, visible, (g) => g.name.toLowerCase(), this.pageSize(ctx, this.state.paging.resourceGroups), (g) => this.resourceGroupJson(g));
  }

  // ---------- providers ----------

  private providerJson(s: Subscription, nsLower: string): Record<string, unknown> | undefined {
    const known = KNOWN_PROVIDERS[nsLower];
    const entry = s.providers.get(nsLower);
    if (!known && !entry) return undefined;
    const namespace = entry?.namespace ?? known!.namespace;
    const registrationState: RegistrationState = ALWAYS_REGISTERED.has(nsLower) ? 'Registered' : entry?.registrationState ?? 'NotRegistered';
    return {
      id: `/subscriptions/${s.id}/providers/${namespace}`,
      namespace,
      registrationState,
      registrationPolicy: 'RegistrationRequired',
      resourceTypes: (known?.resourceTypes ?? []).map((resourceType) => ({
        resourceType,
        locations: ['West Europe', 'North Europe', 'East US', 'West US'],
        apiVersions: nsLower === 'microsoft.keyvault' ? ['2026-02-01', '2025-05-01', '2024-11-01', '2023-07-01'] : ['2020-10-30-preview'],
        capabilities: 'SupportsTags, SupportsLocation',
      })),
    };
  }

  private listProviders(s: Subscription): Reply {
    const names = new Set([...Object.keys(KNOWN_PROVIDERS), ...s.providers.keys()]);
    return json(200, { value: [...names].sort().map((n) => this.providerJson(s, n)) });
  }

  private getProvider(s: Subscription, ns: string): Reply {
    const body = this.providerJson(s, ns.toLowerCase());
    if (!body) return this.err(404, 'InvalidResourceNamespace', `The resource namespace '${ns}' is invalid.`);
    return json(200, body);
  }

  private registerProvider(caller: Caller, s: Subscription, ns: string, register: boolean): Reply {
    const nsLower = ns.toLowerCase();
    const known = KNOWN_PROVIDERS[nsLower];
    const action = `${known?.namespace ?? ns}/${register ? 'register' : 'unregister'}/action`;
    if (!this.state.can(caller.objectId, `/subscriptions/${s.id}`, action)) return this.authFailed(caller, action, `/subscriptions/${s.id}`);
    if (s.state !== 'Enabled') {
      return this.err(409, 'ReadOnlyDisabledSubscription', `The subscription '${s.id}' is disabled and therefore marked as read only. You cannot perform any write actions on this subscription until it is re-enabled.`);
    }
    if (!known && !s.providers.has(nsLower)) return this.err(404, 'InvalidResourceNamespace', `The resource namespace '${ns}' is invalid.`);
    const namespace = s.providers.get(nsLower)?.namespace ?? known!.namespace;
    const target: RegistrationState = register ? 'Registered' : 'NotRegistered';
    const transient: RegistrationState = register ? 'Registering' : 'Unregistering';
    if (s.providers.get(nsLower)?.registrationState !== target) {
      s.providers.set(nsLower, { namespace, registrationState: transient });
      const timer = setTimeout(() => {
        const cur = s.providers.get(nsLower);
        if (cur?.registrationState === transient) s.providers.set(nsLower, { namespace, registrationState: target });
      }, this.registrationDelayMs);
      timer.unref();
    }
    return json(200, this.providerJson(s, nsLower));
  }

  // ---------- vaults ----------

  vaultJson(v: Vault, cloud: CloudDefinition): Record<string, unknown> {
    const properties: Record<string, unknown> = {
      sku: { family: 'A', name: v.sku },
      tenantId: v.tenantId,
      accessPolicies: v.accessPolicies.map((p) => accessPolicyJson(p)),
      enabledForDeployment: v.enabledForDeployment,
      enabledForDiskEncryption: v.enabledForDiskEncryption,
      enabledForTemplateDeployment: v.enabledForTemplateDeployment,
      enableSoftDelete: v.enableSoftDelete,
      softDeleteRetentionInDays: v.softDeleteRetentionInDays,
      enableRbacAuthorization: v.enableRbacAuthorization,
      vaultUri: `https://${v.name.toLowerCase()}${cloud.keyVaultDnsSuffix}/`,
      provisioningState: 'Succeeded',
      publicNetworkAccess: v.publicNetworkAccess,
    };
    if (v.enablePurgeProtection !== undefined) properties.enablePurgeProtection = v.enablePurgeProtection;
    if (v.networkAcls) properties.networkAcls = v.networkAcls;
    if (v.privateEndpointConnections.length) properties.privateEndpointConnections = v.privateEndpointConnections.map((p) => this.pecJson(v, p, true));
    return {
      id: this.state.vaultResourceId(v),
      name: v.name,
      type: 'Microsoft.KeyVault/vaults',
      location: v.location,
      tags: v.tags,
      systemData: {
        createdAt: armTime(v.createdAt),
        createdBy: 'admin@contoso.com',
        createdByType: 'User',
        lastModifiedAt: armTime(v.createdAt),
        lastModifiedBy: 'admin@contoso.com',
        lastModifiedByType: 'User',
      },
      properties,
    };
  }

  private pecJson(v: Vault, p: Vault['privateEndpointConnections'][number], inVault: boolean): Record<string, unknown> {
    const id = `${this.state.vaultResourceId(v)}/privateEndpointConnections/${p.name}`;
    const properties = {
      privateEndpoint: { id: p.privateEndpointId },
      privateLinkServiceConnectionState: { status: p.status, description: p.description, actionsRequired: 'None' },
      provisioningState: 'Succeeded',
    };
    return inVault ? { id, etag: '', properties } : { id, name: p.name, type: 'Microsoft.KeyVault/vaults/privateEndpointConnections', etag: '', properties };
  }

  private listVaults(ctx: RequestContext, cloud: CloudDefinition, caller: Caller, vaults: Vault[]): Reply {
    const visible = vaults.filter((v) => this.state.can(caller.objectId, this.state.vaultResourceId(v), 'Microsoft.KeyVault/vaults/read'));
    return this.paged(ctx, visible, (v) => v.name.toLowerCase(), this.pageSize(ctx, this.state.paging.vaults), (v) => this.vaultJson(v, cloud));
  }

  private listGenericResources(ctx: RequestContext, _cloud: CloudDefinition, caller: Caller, s: Subscription): Reply {
    const filter = (ctx.query.get('$filter') ?? '').replace(/\s+/g, ' ').trim();
    const m = /resourceType eq '([^']+)'/i.exec(filter);
    const wantsVaults = !m || m[1].toLowerCase() === 'microsoft.keyvault/vaults';
    const vaults = wantsVaults ? s.resourceGroups.flatMap((g) => g.vaults) : [];
    const visible = vaults.filter((v) => this.state.can(caller.objectId, this.state.vaultResourceId(v), 'Microsoft.KeyVault/vaults/read'));
    return this.paged(ctx, visible, (v) => v.name.toLowerCase(), this.pageSize(ctx, this.state.paging.vaults), (v) => ({
      id: this.state.vaultResourceId(v),
      name: v.name,
      type: 'Microsoft.KeyVault/vaults',
      location: v.location,
      tags: v.tags,
    }));
  }

  private updateAccessPolicies(ctx: RequestContext, vault: Vault, kind: string): Reply {
    let body: { properties?: { accessPolicies?: AccessPolicy[] } };
    try {
      body = JSON.parse(ctx.body.toString('utf8')) as typeof body;
    } catch {
      return this.err(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    }
    const incoming = body.properties?.accessPolicies ?? [];
    const norm = (p: AccessPolicy): AccessPolicy => ({
      tenantId: (p.tenantId ?? vault.tenantId).toLowerCase(),
      objectId: String(p.objectId).toLowerCase(),
      applicationId: p.applicationId,
      permissions: {
        keys: p.permissions?.keys ?? [],
        secrets: p.permissions?.secrets ?? [],
        certificates: p.permissions?.certificates ?? [],
        storage: p.permissions?.storage ?? [],
      },
    });
    if (kind === 'replace') {
      vault.accessPolicies = incoming.map(norm);
    } else if (kind === 'add') {
      for (const p of incoming.map(norm)) {
        const existing = vault.accessPolicies.find((x) => x.objectId === p.objectId && x.applicationId === p.applicationId);
        if (!existing) vault.accessPolicies.push(p);
        else {
          for (const k of ['keys', 'secrets', 'certificates', 'storage'] as const) {
            existing.permissions[k] = [...new Set([...existing.permissions[k], ...p.permissions[k]])];
          }
        }
      }
    } else if (kind === 'remove') {
      for (const p of incoming.map(norm)) {
        const existing = vault.accessPolicies.find((x) => x.objectId === p.objectId && x.applicationId === p.applicationId);
        if (!existing) continue;
        for (const k of ['keys', 'secrets', 'certificates', 'storage'] as const) {
          existing.permissions[k] = existing.permissions[k].filter((x) => !p.permissions[k].map((y) => y.toLowerCase()).includes(x.toLowerCase()));
        }
        const empty = (['keys', 'secrets', 'certificates', 'storage'] as const).every((k) => existing.permissions[k].length === 0);
        if (empty) vault.accessPolicies = vault.accessPolicies.filter((x) => x !== existing);
      }
    } else {
      return this.err(400, 'InvalidOperationKind', `The access policy update kind '${kind}' is invalid (add, replace or remove).`);
    }
    return json(200, {
      id: `${this.state.vaultResourceId(vault)}/accessPolicies/`,
      type: 'Microsoft.KeyVault/vaults/accessPolicies',
      properties: { accessPolicies: vault.accessPolicies.map((p) => accessPolicyJson(p)) },
    });
  }

  // ---------- Microsoft.Authorization ----------

  /** Checks that every subscription / group / vault a scope names exists and is the caller's tenant's. */
  private checkScope(scope: string, caller: Caller, cloud: CloudDefinition): Reply | undefined {
    const segs = canonicalScope(scope).split('/').filter(Boolean);
    if (segs.length === 0) return undefined;
    if (segs[0].toLowerCase() !== 'subscriptions' || !segs[1]) return this.err(400, 'InvalidScope', `The scope '${scope}' is not valid.`);
    const sub = this.state.findSubscription(segs[1]);
    const bad = this.checkSubscription(segs[1], sub, caller, cloud);
    if (bad) return bad;
    if (segs.length >= 4) {
      const group = this.state.findResourceGroup(sub!.id, segs[3]);
      if (!group) return this.err(404, 'ResourceGroupNotFound', `Resource group '${segs[3]}' could not be found.`);
      if (segs.length >= 8 && segs[5].toLowerCase() === 'microsoft.keyvault' && segs[6].toLowerCase() === 'vaults') {
        if (!group.vaults.some((v) => v.name.toLowerCase() === segs[7].toLowerCase())) return this.vaultNotFound(segs[7], segs[3]);
      }
    }
    return undefined;
  }

  private authorization(ctx: RequestContext, cloud: CloudDefinition, caller: Caller, scopeIn: string, rest: string[]): Reply {
    const scope = canonicalScope(scopeIn);
    const kind = (rest[0] ?? '').toLowerCase();
    const scopeProblem = this.checkScope(scope, caller, cloud);
    if (scopeProblem) return scopeProblem;
    if (kind === 'roleassignments') {
      if (rest.length === 1 && ctx.method === 'GET') return this.listRoleAssignments(ctx, caller, scope);
      if (rest.length === 2) {
        const name = rest[1].toLowerCase();
        if (ctx.method === 'GET') {
          const a = this.state.roleAssignments.find((x) => x.name === name && normalizeScope(x.scope) === normalizeScope(scope));
          if (!this.state.can(caller.objectId, scope, 'Microsoft.Authorization/roleAssignments/read') && a?.principalId !== caller.objectId) {
            return this.authFailed(caller, 'Microsoft.Authorization/roleAssignments/read', scope);
          }
          return a ? json(200, this.roleAssignmentJson(a)) : this.err(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
        }
        if (ctx.method === 'PUT') return this.createRoleAssignment(ctx, caller, scope, name);
        if (ctx.method === 'DELETE') {
          if (!this.state.can(caller.objectId, scope, 'Microsoft.Authorization/roleAssignments/delete')) return this.authFailed(caller, 'Microsoft.Authorization/roleAssignments/delete', scope);
          const a = this.state.roleAssignments.find((x) => x.name === name && normalizeScope(x.scope) === normalizeScope(scope));
          if (!a) return { status: 204 };
          this.state.roleAssignments = this.state.roleAssignments.filter((x) => x !== a);
          return json(200, this.roleAssignmentJson(a));
        }
      }
    }
    if (kind === 'roledefinitions' && ctx.method === 'GET') {
      if (rest.length === 1) return this.listRoleDefinitions(ctx, scope);
      if (rest.length === 2) {
        const def = this.state.roleDefinitions.find((d) => d.name === rest[1].toLowerCase());
        if (!def) return this.err(404, 'RoleDefinitionDoesNotExist', 'The specified role definition with ID \'' + rest[1] + '\' does not exist.');
        return json(200, this.roleDefinitionJson(def, scope));
      }
    }
    if (kind === 'permissions' && rest.length === 1 && ctx.method === 'GET') {
      const value = this.state.assignmentsFor(caller.objectId, scope).flatMap((a) => {
        const def = this.state.findRoleDefinition(a.roleDefinitionId);
        return def ? def.permissions.map((p) => ({ actions: p.actions, notActions: p.notActions, dataActions: p.dataActions, notDataActions: p.notDataActions })) : [];
      });
      return json(200, { value });
    }
    return this.err(404, 'NotFound', `The fake Resource Manager has no route for ${ctx.method} ${scope}/providers/Microsoft.Authorization/${rest.join('/')}.`);
  }

  roleDefinitionIdFor(scope: string, guid: string): string {
    const m = /^\/subscriptions\/([^/]+)/i.exec(canonicalScope(scope));
    return m ? `/subscriptions/${m[1]}/providers/Microsoft.Authorization/roleDefinitions/${guid}` : `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
  }

  private roleAssignmentJson(a: RoleAssignment): Record<string, unknown> {
    const scope = canonicalScope(a.scope);
    return {
      properties: {
        roleDefinitionId: this.roleDefinitionIdFor(scope, a.roleDefinitionId),
        principalId: a.principalId,
        principalType: a.principalType,
        scope,
        condition: null,
        conditionVersion: null,
        createdOn: armTime(a.createdOn),
        updatedOn: armTime(a.createdOn),
        createdBy: null,
        updatedBy: null,
        delegatedManagedIdentityResourceId: null,
        description: a.description ?? null,
      },
      id: `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
      type: 'Microsoft.Authorization/roleAssignments',
      name: a.name,
    };
  }

  private listRoleAssignments(ctx: RequestContext, caller: Caller, scope: string): Reply {
    const filter = (ctx.query.get('$filter') ?? '').trim();
    const parsed = parseAssignmentFilter(filter);
    if (!parsed) return this.err(400, 'UnsupportedQuery', `The filter '${filter}' is not supported. Supported filters are atScope(), principalId eq '{id}', assignedTo('{id}') and their combination with 'and'.`);
    const selfOnly = parsed.principalId === caller.objectId || parsed.assignedTo === caller.objectId;
    if (!selfOnly && !this.state.can(caller.objectId, scope, 'Microsoft.Authorization/roleAssignments/read')) {
      return this.authFailed(caller, 'Microsoft.Authorization/roleAssignments/read', scope);
    }
    let items = this.state.roleAssignments.filter((a) => scopeCovers(a.scope, scope) || (!parsed.atScope && scopeCovers(scope, a.scope)));
    if (parsed.principalId) items = items.filter((a) => a.principalId === parsed.principalId);
    if (parsed.assignedTo) {
      const ids = this.state.principalIdsOf(parsed.assignedTo);
      items = items.filter((a) => ids.includes(a.principalId));
    }
    return this.paged(ctx, items, (a) => a.name, this.pageSize(ctx, this.state.paging.roleAssignments), (a) => this.roleAssignmentJson(a));
  }

  private createRoleAssignment(ctx: RequestContext, caller: Caller, scope: string, name: string): Reply {
    if (!this.state.can(caller.objectId, scope, 'Microsoft.Authorization/roleAssignments/write')) return this.authFailed(caller, 'Microsoft.Authorization/roleAssignments/write', scope);
    if (!isGuid(name)) return this.err(400, 'InvalidRoleAssignmentId', `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`);
    let body: { properties?: { roleDefinitionId?: string; principalId?: string; principalType?: RoleAssignment['principalType']; description?: string } };
    try {
      body = JSON.parse(ctx.body.toString('utf8')) as typeof body;
    } catch {
      return this.err(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    }
    const p = body.properties ?? {};
    const def = p.roleDefinitionId ? this.state.findRoleDefinition(p.roleDefinitionId) : undefined;
    if (!def) return this.err(400, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${p.roleDefinitionId ?? ''}' does not exist.`);
    const principalId = (p.principalId ?? '').toLowerCase();
    if (!isGuid(principalId)) return this.err(400, 'InvalidPrincipalId', 'A valid principal ID must be provided for role assignment.');
    const identity = this.state.identities.find((i) => i.objectId === principalId);
    if (!identity && !p.principalType) {
      return this.err(400, 'PrincipalNotFound', `Principal ${principalId.replace(/-/g, '')} does not exist in the directory ${caller.tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`);
    }
    const dup = this.state.roleAssignments.find((a) => a.principalId === principalId && a.roleDefinitionId === def.name && normalizeScope(a.scope) === normalizeScope(scope));
    if (dup && dup.name !== name) return this.err(409, 'RoleAssignmentExists', 'The role assignment already exists.');
    if (dup) return json(200, this.roleAssignmentJson(dup));
    const a: RoleAssignment = {
      name,
      scope,
      principalId,
      principalType: p.principalType ?? (identity?.kind === 'user' ? 'User' : 'ServicePrincipal'),
      roleDefinitionId: def.name,
      createdOn: Math.floor(Date.now() / 1000),
      description: p.description,
    };
    this.state.roleAssignments.push(a);
    return json(201, this.roleAssignmentJson(a));
  }

  private roleDefinitionJson(def: RoleDefinition, scope: string): Record<string, unknown> {
    return {
      properties: {
        roleName: def.roleName,
        type: def.type,
        description: def.description,
        assignableScopes: def.assignableScopes,
        permissions: def.permissions,
        createdOn: BUILT_IN_CREATED,
        updatedOn: BUILT_IN_CREATED,
        createdBy: null,
        updatedBy: null,
      },
      id: this.roleDefinitionIdFor(scope, def.name),
      type: 'Microsoft.Authorization/roleDefinitions',
      name: def.name,
    };
  }

  private listRoleDefinitions(ctx: RequestContext, scope: string): Reply {
    const filter = (ctx.query.get('$filter') ?? '').trim();
    let defs = this.state.roleDefinitions;
    const byName = /^roleName eq '([^']*)'$/i.exec(filter);
    const byType = /^type eq '([^']*)'$/i.exec(filter);
    if (byName) defs = defs.filter((d) => d.roleName.toLowerCase() === byName[1].toLowerCase());
    else if (byType) defs = defs.filter((d) => d.type.toLowerCase() === byType[1].toLowerCase());
    else if (filter) return this.err(400, 'UnsupportedQuery', `The filter '${filter}' is not supported.`);
    return json(200, { value: defs.map((d) => this.roleDefinitionJson(d, scope)) });
  }
}

function accessPolicyJson(p: AccessPolicy): Record<string, unknown> {
  const out: Record<string, unknown> = { tenantId: p.tenantId, objectId: p.objectId, permissions: p.permissions };
  if (p.applicationId) out.applicationId = p.applicationId;
  return out;
}

/** Parses the role assignment $filter forms the SDK and portal send; undefined when unsupported. */
export function parseAssignmentFilter(filter: string): { atScope: boolean; principalId?: string; assignedTo?: string } | undefined {
  const out: { atScope: boolean; principalId?: string; assignedTo?: string } = { atScope: false };
  if (!filter) return out;
  for (const part of filter.split(/\s+and\s+/i)) {
    const p = part.trim();
    let m: RegExpExecArray | null;
    if (/^atScope\(\)$/i.test(p)) out.atScope = true;
    else if ((m = /^principalId\s+eq\s+'([^']+)'$/i.exec(p))) out.principalId = m[1].toLowerCase();
    else if ((m = /^assignedTo\('([^']+)'\)$/i.exec(p))) out.assignedTo = m[1].toLowerCase();
    else return undefined;
  }
  return out;
}

export { randomGuid };
