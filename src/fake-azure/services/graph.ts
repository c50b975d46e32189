/**
 * Microsoft Graph, the little the doctor reads (`graph.microsoft.com`, `microsoftgraph.chinacloudapi.cn`,
 * `graph.microsoft.us`): `GET /v1.0/me` (with `userType`: Member in the home tenant, Guest elsewhere
 * unless the scenario says otherwise; app tokens get Graph's 400), `GET /v1.0/servicePrincipals(appId='…')`,
 * `GET /v1.0/servicePrincipals/{id}` and `GET /v1.0/servicePrincipals?$filter=appId eq '…'` in the
 * token's tenant. Errors in Graph's shape `{"error":{"code","message","innerError"}}`. Reading
 * service principals needs no Graph permission here (the real API wants Application.Read.All).
 */
import { CLOUD_NAMES, CLOUDS, CloudDefinition } from '../clouds';
import type { Identity } from '../state';
import { authenticate } from './auth';
import type { Emulator, Reply, RequestContext, Service } from './types';

const HEADERS = { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' };
const ME_DEFAULT = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export class GraphService implements Service {
  readonly name = 'graph';

  constructor(private readonly emu: Emulator) {}

  private cloudOf(host: string): CloudDefinition | undefined {
    return CLOUD_NAMES.map((n) => CLOUDS[n]).find((c) => new URL(c.graphResource).host === host);
  }

  matches(host: string): boolean {
    return !!this.cloudOf(host);
  }

  private error(ctx: RequestContext, status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
    return {
      status,
      headers: { ...HEADERS, ...headers },
      body: { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': ctx.requestId, 'client-request-id': ctx.requestId } } },
    };
  }

  faultReply(ctx: RequestContext, status: number, retryAfter?: number): Reply {
    const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
    if (status === 429) return this.error(ctx, 429, 'TooManyRequests', 'Too many requests.', headers);
    return this.error(ctx, status, 'generalException', 'General exception while processing.', headers);
  }

  handle(ctx: RequestContext): Reply {
    const cloud = this.cloudOf(ctx.host)!;
    const auth = authenticate(ctx, this.emu);
    if ('problem' in auth) {
      return this.error(ctx, 401, 'InvalidAuthenticationToken', auth.problem === 'missing' ? 'Access token is empty.' : 'Access token validation failure.');
    }
    const c = auth.claims;
    const aud = c.aud.replace(/\/+$/, '').toLowerCase();
    if (aud !== cloud.graphResource.toLowerCase() && aud !== '00000003-0000-0000-c000-000000000000') {
      return this.error(ctx, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    }
    const m = /^\/(v1\.0|beta)\/(.*)$/.exec(ctx.url.pathname);
    if (!m || ctx.method !== 'GET') return this.error(ctx, 400, 'BadRequest', `Invalid request.`);
    const path = decodeURIComponent(m[2]);
    const base = `https://${ctx.host}/${m[1]}/$metadata#`;
    const select = ctx.query.get('$select')?.split(',').map((s) => s.trim()).filter(Boolean);

    if (/^me\/?$/i.test(path)) {
      if (c.idtyp === 'app' || !c.upn) return this.error(ctx, 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
      const who = this.emu.state.findIdentity(c.oid);
      if (!who) return this.error(ctx, 404, 'Request_ResourceNotFound', `Resource '${c.oid}' does not exist or one of its queried reference-property objects are not present.`);
      const user = this.user(who, c.tid);
      const fields = select ?? ME_DEFAULT;
      const body: Record<string, unknown> = { '@odata.context': `${base}users${select ? `(${select.join(',')})` : ''}/$entity` };
      for (const f of fields) body[f] = user[f] ?? null;
      return { status: 200, headers: HEADERS, body };
    }

    const byAppId = /^servicePrincipals\(appId='([^']*)'\)$/i.exec(path) ?? /^servicePrincipals\/(?:appId=)?([0-9a-f-]{36})$/i.exec(path);
    if (byAppId) {
      const key = byAppId[1].toLowerCase();
      const sp = this.servicePrincipals(c.tid).find((i) => i.appId === key || (!path.includes('appId') && i.objectId === key));
      if (!sp) return this.error(ctx, 404, 'Request_ResourceNotFound', `Resource '${byAppId[1]}' does not exist or one of its queried reference-property objects are not present.`);
      return { status: 200, headers: HEADERS, body: { '@odata.context': `${base}servicePrincipals/$entity`, ...this.project(this.servicePrincipal(sp), select) } };
    }
    if (/^servicePrincipals$/i.test(path)) {
      const filter = ctx.query.get('$filter');
      let list = this.servicePrincipals(c.tid);
      if (filter !== null) {
        const f = /^\s*(appId|displayName|id)\s+eq\s+'([^']*)'\s*$/i.exec(filter);
        if (!f) return this.error(ctx, 400, 'Request_UnsupportedQuery', 'Unsupported or invalid query filter clause specified for property or one of its nested properties.');
        const prop = f[1].toLowerCase();
        list = list.filter((i) => (prop === 'appid' ? i.appId === f[2].toLowerCase() : prop === 'id' ? i.objectId === f[2].toLowerCase() : i.displayName === f[2]));
      }
      return { status: 200, headers: HEADERS, body: { '@odata.context': `${base}servicePrincipals`, value: list.map((i) => this.project(this.servicePrincipal(i), select)) } };
    }
    return this.error(ctx, 400, 'BadRequest', `Resource not found for the segment '${path.split('/')[0]}'.`);
  }

  private servicePrincipals(tenantId: string): Identity[] {
    return this.emu.state.identities.filter((i) => i.kind === 'servicePrincipal' && i.tenantIds.includes(tenantId));
  }

  private project(o: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
    if (!select) return o;
    return Object.fromEntries(select.map((k) => [k, o[k] ?? null]));
  }

  private servicePrincipal(i: Identity): Record<string, unknown> {
    return {
      id: i.objectId,
      appId: i.appId,
      displayName: i.displayName,
      servicePrincipalType: 'Application',
      accountEnabled: true,
      appOwnerOrganizationId: i.appId === '00000007-0000-0000-c000-000000000000' ? 'f8cdef31-a31e-4b4a-93e4-5f571e91255a' : i.homeTenantId,
      servicePrincipalNames: [i.appId],
    };
  }

  private user(who: Identity, tenantId: string): Record<string, unknown> {
    const tenant = this.emu.state.findTenant(tenantId);
    const home = who.homeTenantId === tenantId;
    const upn = who.userPrincipalName ?? '';
    const [given, ...rest] = who.displayName.split(' ');
    return {
      id: who.objectId,
      displayName: who.displayName,
      givenName: given,
      surname: rest.join(' ') || null,
      userPrincipalName: home || !tenant ? upn : `${upn.replace('@', '_')}#EXT#@${tenant.defaultDomain}`,
      mail: who.mail ?? (home ? upn : null),
      userType: who.userType ?? (home ? 'Member' : 'Guest'),
      businessPhones: [],
      jobTitle: null,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
      accountEnabled: true,
      creationType: home ? null : 'Invitation',
      externalUserState: home ? null : 'Accepted',
    };
  }
}
