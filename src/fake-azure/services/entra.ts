/**
 * Entra ID (Azure AD) token service for the three authority hosts: OpenID metadata, instance discovery,
 * JWKS, and the v2.0 and v1 token endpoints for client secret, client certificate (signed JWT
 * assertion, verified against the registered certificate), username/password and refresh tokens.
 * Errors carry the real AADSTS bodies (azure-apis.md §6.1; error codes from Microsoft's AADSTS list).
 */
import * as crypto from 'crypto';
import { CLOUDS, CloudDefinition, cloudByLoginHost } from '../clouds';
import type { Identity, Tenant } from '../state';
import { AccessTokenClaims, decodeJwt } from '../tokens';
import { base64url, isGuid, nowSeconds, randomGuid } from '../util';
import { Emulator, Reply, RequestContext, Service, json } from './types';

/** Well-known first-party application ids accepted as token resources. */
const FIRST_PARTY_RESOURCES: Record<string, string> = {
  '797f4846-ba00-4fd7-ba43-dac1f8f63013': 'Windows Azure Service Management API',
  'cfa8b339-82a2-471a-a3c9-0fc0be7a4093': 'Azure Key Vault',
  '00000007-0000-0000-c000-000000000000': 'Dataverse',
  '00000003-0000-0000-c000-000000000000': 'Microsoft Graph',
};

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

function aadTimestamp(): string {
  return new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export class EntraService implements Service {
  readonly name = 'entra';

  constructor(private readonly emu: Emulator) {}

  matches(host: string): boolean {
    return !!cloudByLoginHost(host);
  }

  faultReply(ctx: RequestContext, status: number, retryAfter?: number): Reply {
    const code = status === 429 ? 50196 : 90033;
    const msg =
      status === 429
        ? 'The server terminated an operation because it encountered a client request loop. Please contact your app vendor.'
        : 'A transient error has occurred. Please try again.';
    const r = this.error(ctx, status, status === 429 ? 'temporarily_unavailable' : 'temporarily_unavailable', code, msg);
    if (retryAfter !== undefined) r.headers = { ...r.headers, 'retry-after': String(retryAfter) };
    return r;
  }

  handle(ctx: RequestContext): Reply {
    const cloud = cloudByLoginHost(ctx.host)!;
    const segs = ctx.url.pathname.split('/').filter(Boolean);
    const p = '/' + segs.slice(1).join('/').toLowerCase();
    const tenantSeg = segs[0] ?? '';
    if (ctx.method === 'GET' && tenantSeg.toLowerCase() === 'common' && p === '/discovery/instance') return this.instanceDiscovery(ctx, cloud);
    if (ctx.method === 'GET' && tenantSeg.toLowerCase() === 'common' && segs[1]?.toLowerCase() === 'userrealm') return this.userRealm(ctx, cloud, segs[2]);
    if (ctx.method === 'GET' && (p === '/v2.0/.well-known/openid-configuration' || p === '/.well-known/openid-configuration')) {
      return this.openIdConfiguration(ctx, cloud, tenantSeg, p.startsWith('/v2.0'));
    }
    if (ctx.method === 'GET' && (p === '/discovery/v2.0/keys' || p === '/discovery/keys')) return json(200, this.emu.tokens.jwks());
    if (ctx.method === 'POST' && (p === '/oauth2/v2.0/token' || p === '/oauth2/token')) return this.token(ctx, cloud, tenantSeg, p === '/oauth2/token');
    if (p === '/oauth2/v2.0/authorize' || p === '/oauth2/authorize' || p === '/oauth2/v2.0/devicecode') {
      return this.error(ctx, 400, 'invalid_request', 900144, 'Interactive and device-code sign-in are not emulated by the fake cloud; use a client secret, a certificate or username/password.');
    }
    return json(404, { error: 'not_found', error_description: `The fake Entra ID has no endpoint ${ctx.method} ${ctx.url.pathname}.` });
  }

  // ---------- errors ----------

  private error(ctx: RequestContext, status: number, error: string, code: number, message: string, extra: Record<string, unknown> = {}): Reply {
    const trace = randomGuid();
    const corr = (ctx.headers['client-request-id'] as string | undefined) ?? ctx.query.get('client-request-id') ?? randomGuid();
    const ts = aadTimestamp();
    return json(status, {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${ts}`,
      error_codes: [code],
      timestamp: ts,
      trace_id: trace,
      correlation_id: corr,
      error_uri: `https://${ctx.host}/error?code=${code}`,
      ...extra,
    });
  }

  private tenantNotFound(ctx: RequestContext, tenantSeg: string): Reply {
    return this.error(
      ctx,
      400,
      'invalid_request',
      90002,
      `Tenant '${tenantSeg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
  }

  private resolveTenant(cloud: CloudDefinition, seg: string): Tenant | undefined {
    const t = this.emu.state.findTenant(seg);
    return t && t.cloud === cloud.name ? t : undefined;
  }

  // ---------- metadata ----------

  private instanceDiscovery(ctx: RequestContext, cloud: CloudDefinition): Reply {
    const aliases =
      cloud.name === 'AzureCloud'
        ? ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net']
        : cloud.name === 'AzureChinaCloud'
          ? ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn']
          : ['login.microsoftonline.us', 'login.usgovcloudapi.net'];
    const authEndpoint = ctx.query.get('authorization_endpoint') ?? `https://${cloud.loginHost}/common/oauth2/v2.0/authorize`;
    let tenantPart = 'common';
    try {
      tenantPart = new URL(authEndpoint).pathname.split('/').filter(Boolean)[0] ?? 'common';
    } catch {
      /* keep common */
    }
    return json(200, {
      tenant_discovery_endpoint: `https://${cloud.loginHost}/${tenantPart}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: cloud.loginHost, preferred_cache: aliases[1] ?? cloud.loginHost, aliases: [cloud.loginHost, ...aliases.filter((a) => a !== cloud.loginHost)] }],
    });
  }

  private userRealm(ctx: RequestContext, cloud: CloudDefinition, upn: string | undefined): Reply {
    const domain = decodeURIComponent(upn ?? '').split('@')[1]?.toLowerCase() ?? '';
    const tenant = this.emu.state.tenants.find((t) => t.cloud === cloud.name && t.domains.includes(domain));
    if (!tenant) return json(200, { ver: '1.0', account_type: 'Unknown', cloud_instance_name: cloud.loginHost.replace(/^login\./, '') });
    return json(200, {
      ver: '1.0',
      account_type: 'Managed',
      domain_name: tenant.defaultDomain,
      cloud_instance_name: cloud.loginHost.replace(/^login\./, ''),
      cloud_audience_urn: 'urn:federation:MicrosoftOnline',
    });
  }

  private openIdConfiguration(ctx: RequestContext, cloud: CloudDefinition, tenantSeg: string, v2: boolean): Reply {
    const generic = ['common', 'organizations', 'consumers'].includes(tenantSeg.toLowerCase());
    const tenant = generic ? undefined : this.resolveTenant(cloud, tenantSeg);
    if (!generic && !tenant) {
      const r = this.tenantNotFound(ctx, tenantSeg);
      (r.body as Record<string, unknown>).error = 'invalid_tenant';
      return r;
    }
    const tid = tenant ? tenant.id : '{tenantid}';
    const seg = tenant ? tenant.id : tenantSeg;
    const base = `https://${ctx.host}/${seg}`;
    const graphHost = new URL(cloud.graphResource).host;
    return json(200, {
      token_endpoint: v2 ? `${base}/oauth2/v2.0/token` : `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: v2 ? `${base}/discovery/v2.0/keys` : `${base}/discovery/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: v2 ? `https://${ctx.host}/${tid}/v2.0` : `${cloud.stsIssuerBase}${tid}/`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `https://${graphHost}/oidc/userinfo`,
      authorization_endpoint: v2 ? `${base}/oauth2/v2.0/authorize` : `${base}/oauth2/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: v2 ? `${base}/oauth2/v2.0/logout` : `${base}/oauth2/logout`,
      claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      tenant_region_scope: 'EU',
      cloud_instance_name: cloud.loginHost.replace(/^login\./, ''),
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: graphHost,
      rbac_url: 'https://pas.windows.net',
    });
  }

  // ---------- token endpoint ----------

  private token(ctx: RequestContext, cloud: CloudDefinition, tenantSeg: string, v1: boolean): Reply {
    const form = new URLSearchParams(ctx.body.toString('utf8'));
    const grant = form.get('grant_type') ?? '';
    const clientId = (form.get('client_id') ?? basicAuthUser(ctx.headers.authorization) ?? '').toLowerCase();
    if (!clientId) return this.error(ctx, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    const generic = ['common', 'organizations'].includes(tenantSeg.toLowerCase());
    const tenant = generic ? undefined : this.resolveTenant(cloud, tenantSeg);
    if (!generic && !tenant) return this.tenantNotFound(ctx, tenantSeg);

    let resource: string | undefined;
    const scopes = (form.get('scope') ?? '').split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase()));
    if (v1) resource = form.get('resource') ?? undefined;
    else if (grant === 'client_credentials') {
      if (scopes.length === 0) return this.error(ctx, 400, 'invalid_request', 90014, "The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.");
      if (scopes.length > 1 || !scopes[0].endsWith('/.default')) {
        return this.error(ctx, 400, 'invalid_scope', 1002012, `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
      }
    }
    if (!v1 && scopes.length) {
      const s = scopes[0];
      resource = s.endsWith('/.default') ? s.slice(0, -'/.default'.length) : s.slice(0, s.lastIndexOf('/') > 8 ? s.lastIndexOf('/') : s.length);
    }

    switch (grant) {
      case 'client_credentials':
        if (!tenant) return this.tenantNotFound(ctx, tenantSeg);
        return this.clientCredentials(ctx, cloud, tenant, clientId, form, resource, v1);
      case 'password':
        return this.password(ctx, cloud, tenant, clientId, form, resource, v1);
      case 'refresh_token':
        return this.refresh(ctx, cloud, tenant, clientId, form, resource, v1);
      default:
        return this.error(ctx, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`);
    }
  }

  private checkResource(ctx: RequestContext, cloud: CloudDefinition, tenant: Tenant, resource: string | undefined): Reply | string {
    if (!resource) return this.error(ctx, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
    const r = resource.toLowerCase();
    const trimmed = r.replace(/\/+$/, '');
    let ok = cloud.managementAudiences.map((a) => a.toLowerCase().replace(/\/+$/, '')).includes(trimmed);
    ok ||= trimmed === cloud.keyVaultResource || trimmed === cloud.graphResource || trimmed === `https://${cloud.globalDiscoveryHost}`;
    ok ||= r in FIRST_PARTY_RESOURCES;
    if (!ok && /^https:\/\//.test(trimmed)) {
      try {
        const u = new URL(trimmed);
        ok = (u.pathname === '/' || u.pathname === '') && cloud.dataverseHostPattern.test(u.hostname);
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      return this.error(
        ctx,
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    }
    return resource;
  }

  private mfaRequired(ctx: RequestContext, tenant: Tenant, resource: string): Reply | undefined {
    if (!tenant.requiresMfa) return undefined;
    return this.error(
      ctx,
      400,
      'interaction_required',
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
      { suberror: 'basic_action', claims: '{"access_token":{"capolids":{"essential":true,"values":["' + crypto.createHash('md5').update(tenant.id).digest('hex').slice(0, 8) + '-0000-0000-0000-000000000000"]}}}' },
    );
  }

  private clientCredentials(ctx: RequestContext, cloud: CloudDefinition, tenant: Tenant, clientId: string, form: URLSearchParams, resourceIn: string | undefined, v1: boolean): Reply {
    const sp = this.emu.state.findServicePrincipalByAppId(clientId, tenant.id);
    if (!sp) {
      return this.error(
        ctx,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    let appidacr = '1';
    const secret = form.get('client_secret') ?? basicAuthPassword(ctx.headers.authorization);
    const assertion = form.get('client_assertion');
    if (assertion) {
      const problem = this.verifyAssertion(ctx, cloud, tenant, sp, assertion, form.get('client_assertion_type'));
      if (problem) return problem;
      appidacr = '2';
    } else if (secret !== undefined && secret !== null) {
      if (!sp.clientSecrets.some((s) => safeEqual(s, secret))) {
        return this.error(
          ctx,
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${sp.appId}'.`,
        );
      }
    } else {
      return this.error(ctx, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    const resource = this.checkResource(ctx, cloud, tenant, resourceIn);
    if (typeof resource !== 'string') return resource;
    const mfa = this.mfaRequired(ctx, tenant, resource);
    if (mfa) return mfa;
    return this.tokenResponse(cloud, tenant, resource, v1, {
      oid: sp.objectId,
      appid: sp.appId!,
      appidacr,
      idtyp: 'app',
    });
  }

  private verifyAssertion(ctx: RequestContext, cloud: CloudDefinition, tenant: Tenant, sp: Identity, assertion: string, type: string | null): Reply | undefined {
    const invalid = (reason: string): Reply =>
      this.error(ctx, 401, 'invalid_client', 700027, `Client assertion failed signature validation. [Reason - ${reason}]`);
    if (type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return this.error(ctx, 400, 'invalid_request', 700024, `Client assertion type '${type ?? ''}' is not supported.`);
    }
    const jwt = decodeJwt(assertion);
    if (!jwt) return this.error(ctx, 400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
    const x5tS256 = typeof jwt.header['x5t#S256'] === 'string' ? (jwt.header['x5t#S256'] as string) : undefined;
    const x5t = typeof jwt.header.x5t === 'string' ? (jwt.header.x5t as string) : undefined;
    const cert = sp.certificates.find(
      (c) => (x5tS256 && x5tS256 === c.thumbprintS256) || (x5t && Buffer.from(x5t, 'base64url').toString('hex').toUpperCase() === c.thumbprint),
    );
    const used = x5tS256 ?? (x5t ? Buffer.from(x5t, 'base64url').toString('hex').toUpperCase() : '');
    if (!cert) {
      return invalid(
        `The key was not found., Thumbprint of key used by client: '${used}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${sp.appId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployment for more information.`,
      );
    }
    const key = new crypto.X509Certificate(cert.certPem).publicKey;
    const alg = jwt.header.alg;
    let ok = false;
    try {
      if (alg === 'PS256') {
        ok = crypto.verify('sha256', Buffer.from(jwt.signingInput), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, jwt.signature);
      } else if (alg === 'RS256') {
        ok = crypto.verify('sha256', Buffer.from(jwt.signingInput), key, jwt.signature);
      }
    } catch {
      ok = false;
    }
    if (!ok) return invalid(`The provided signature value did not match the expected signature value (alg ${String(alg)}).`);
    const p = jwt.payload;
    if (p.iss !== sp.appId || p.sub !== sp.appId) {
      return this.error(ctx, 401, 'invalid_client', 700023, 'Client assertion audience claim does not match Realm issuer.');
    }
    const aud = typeof p.aud === 'string' ? p.aud : '';
    let audOk = false;
    try {
      const u = new URL(aud);
      const seg = u.pathname.split('/').filter(Boolean);
      audOk = (u.host === cloud.loginHost || cloud.loginHostAliases.includes(u.host)) && this.resolveTenant(cloud, seg[0] ?? '')?.id === tenant.id && /\/oauth2\/(v2\.0\/)?token$/.test(u.pathname);
    } catch {
      audOk = false;
    }
    if (!audOk) return this.error(ctx, 401, 'invalid_client', 700212, `The audience '${aud}' of the client assertion is not this token endpoint.`);
    const now = nowSeconds();
    if (typeof p.exp !== 'number' || p.exp < now || (typeof p.nbf === 'number' && p.nbf > now + 300)) {
      return this.error(ctx, 401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');
    }
    return undefined;
  }

  private password(ctx: RequestContext, cloud: CloudDefinition, tenantIn: Tenant | undefined, clientId: string, form: URLSearchParams, resourceIn: string | undefined, v1: boolean): Reply {
    const upn = (form.get('username') ?? '').toLowerCase();
    const user = this.emu.state.identities.find((i) => i.kind === 'user' && i.userPrincipalName === upn);
    const tenant = tenantIn ?? (user ? this.emu.state.findTenant(user.homeTenantId) : undefined);
    if (!user || !tenant || !user.tenantIds.includes(tenant.id)) {
      return this.error(
        ctx,
        400,
        'invalid_grant',
        50034,
        `The user account ${upn} does not exist in the ${tenant?.defaultDomain ?? 'requested'} directory. To sign into this application, the account must be added to the directory.`,
      );
    }
    if (!user.password || !safeEqual(user.password, form.get('password') ?? '')) {
      return this.error(ctx, 400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
    }
    return this.userToken(ctx, cloud, tenant, user, clientId, resourceIn, v1);
  }

  private refresh(ctx: RequestContext, cloud: CloudDefinition, tenantIn: Tenant | undefined, clientId: string, form: URLSearchParams, resourceIn: string | undefined, v1: boolean): Reply {
    const verified = this.emu.tokens.verify(form.get('refresh_token') ?? '');
    const claims = 'claims' in verified ? (verified.claims as AccessTokenClaims & { rt?: boolean }) : undefined;
    const user = claims?.rt ? this.emu.state.identities.find((i) => i.objectId === claims.oid) : undefined;
    if (!claims || !user) {
      return this.error(ctx, 400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
    }
    const tenant = tenantIn ?? this.emu.state.findTenant(user.homeTenantId)!;
    if (!user.tenantIds.includes(tenant.id)) {
      return this.error(ctx, 400, 'invalid_grant', 50020, `User account '${user.userPrincipalName}' from identity provider does not exist in tenant '${tenant.displayName}' and cannot access the application '${clientId}' in that tenant.`);
    }
    return this.userToken(ctx, cloud, tenant, user, clientId, resourceIn, v1);
  }

  private userToken(ctx: RequestContext, cloud: CloudDefinition, tenant: Tenant, user: Identity, clientId: string, resourceIn: string | undefined, v1: boolean): Reply {
    const resource = this.checkResource(ctx, cloud, tenant, resourceIn);
    if (typeof resource !== 'string') return resource;
    const mfa = this.mfaRequired(ctx, tenant, resource);
    if (mfa) return mfa;
    const reply = this.tokenResponse(cloud, tenant, resource, v1, {
      oid: user.objectId,
      appid: clientId,
      appidacr: '0',
      idtyp: 'user',
      upn: user.userPrincipalName,
      unique_name: user.userPrincipalName,
      name: user.displayName,
      scp: 'user_impersonation',
      amr: ['pwd'],
    });
    const body = reply.body as Record<string, unknown>;
    const now = nowSeconds();
    body.refresh_token = this.emu.tokens.sign({ rt: true, oid: user.objectId, tid: user.homeTenantId, appid: clientId, iat: now, exp: now + 90 * 86400 });
    body.id_token = this.emu.tokens.sign({
      aud: clientId,
      iss: `https://${cloud.loginHost}/${tenant.id}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: user.displayName,
      oid: user.objectId,
      preferred_username: user.userPrincipalName,
      sub: base64url(crypto.createHash('sha256').update(user.objectId + clientId).digest()).slice(0, 43),
      tid: tenant.id,
      ver: '2.0',
    });
    body.client_info = base64url(JSON.stringify({ uid: user.objectId, utid: user.homeTenantId }));
    body.scope = resource.replace(/\/+$/, '') + '/user_impersonation';
    return reply;
  }

  private tokenResponse(
    cloud: CloudDefinition,
    tenant: Tenant,
    resource: string,
    v1: boolean,
    who: Pick<AccessTokenClaims, 'oid' | 'appid' | 'appidacr' | 'idtyp'> & Partial<AccessTokenClaims>,
  ): Reply {
    const iss = `${CLOUDS[tenant.cloud].stsIssuerBase}${tenant.id}/`;
    const lifetime = this.emu.state.tokenLifetimeSeconds;
    const { token, claims } = this.emu.tokens.issue({ ...who, aud: resource, iss, idp: iss, tid: tenant.id }, lifetime);
    const body: Record<string, unknown> = { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token };
    if (v1) {
      body.expires_on = String(claims.exp);
      body.not_before = String(claims.nbf);
      body.resource = resource;
      body.expires_in = String(lifetime);
      body.ext_expires_in = String(lifetime);
    }
    void cloud;
    return json(200, body, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

function basicAuth(header: string | undefined): [string, string] | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : [decodeURIComponent(decoded.slice(0, i)), decodeURIComponent(decoded.slice(i + 1))];
}

function basicAuthUser(header: string | undefined): string | undefined {
  return basicAuth(header)?.[0];
}

function basicAuthPassword(header: string | undefined): string | undefined {
  return basicAuth(header)?.[1];
}

export { isGuid };
