/**
 * The Dataverse Web API of each scenario environment (`https://{org}.crm*.dynamics.com/api/data/v9.x/`)
 * and the Global Discovery Service. Checks, in order: bearer token (401 with Dataverse's challenge),
 * audience and tenant (401), membership (403), service protection (429), then the operation:
 * WhoAmI, `$batch`, routes added with `addRoute()`, and the tables of `tables.ts` (reads, writes).
 */
import { CLOUD_NAMES, CLOUDS, CloudDefinition } from '../../clouds';
import type { DataverseEnvironment } from '../../state';
import { guidFromName } from '../../util';
import { authenticate, sameAudience } from '../auth';
import type { Emulator, Reply, RequestContext, Service } from '../types';
import type { DataverseCall, DataverseCaller } from './call';
import { headerMap } from './call';
import { CODES, DataverseError, errorReply, ODATA_HEADERS, throttled, toReply } from './errors';
import { readList, readOne } from './read';
import { create, remove, update } from './writes';
import { handleBatch } from './batch';
import { systemUserId } from './store';
import { tableBySet } from './tables';

export interface DataverseRequest {
  ctx: RequestContext;
  env: DataverseEnvironment;
  /** Web API version from the path, e.g. "9.2". */
  version: string;
  /** Path after /api/data/v9.x/, e.g. "credentials(…)". */
  path: string;
  match: RegExpExecArray;
  caller: DataverseCaller;
}

export type DataverseHandler = (req: DataverseRequest) => Reply | Promise<Reply>;

export class DataverseService implements Service {
  readonly name = 'dataverse';
  private readonly routes: { method: string; pattern: RegExp; handler: DataverseHandler }[] = [];

  constructor(private readonly emu: Emulator) {
    this.addRoute('GET', /^WhoAmI(\(\))?$/i, (r) => this.whoAmI(r));
  }

  /** Adds a Web API route; `pattern` is matched against the path after `/api/data/v9.x/` (no query). */
  addRoute(method: string, pattern: RegExp, handler: DataverseHandler): void {
    this.routes.push({ method: method.toUpperCase(), pattern, handler });
  }

  private cloudOfDiscovery(host: string): CloudDefinition | undefined {
    return CLOUD_NAMES.map((n) => CLOUDS[n]).find((c) => c.globalDiscoveryHost === host);
  }

  matches(host: string): boolean {
    return !!this.cloudOfDiscovery(host) || !!this.emu.state.findEnvironmentByHost(host);
  }

  faultReply(_ctx: RequestContext, status: number, retryAfter?: number): Reply {
    const headers: Record<string, string> = { ...ODATA_HEADERS };
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    if (status === 429) return errorReply(status, CODES.throttled, throttled(retryAfter ?? 1).message, headers);
    return errorReply(status, CODES.unexpected, 'An unexpected error occurred.', headers);
  }

  async handle(ctx: RequestContext): Promise<Reply> {
    const discoveryCloud = this.cloudOfDiscovery(ctx.host);
    const resource = `https://${ctx.host}`;
    const loginHost = discoveryCloud?.loginHost ?? this.cloudOfEnv(ctx.host).loginHost;
    const env = this.emu.state.findEnvironmentByHost(ctx.host);
    const tenantForChallenge = env?.tenantId ?? 'common';
    const challenge = { 'www-authenticate': `Bearer authorization_uri=https://${loginHost}/${tenantForChallenge}/oauth2/authorize, resource_id=${resource}/` };
    const auth = authenticate(ctx, this.emu);
    if ('problem' in auth) return { status: 401, headers: challenge };
    const c = auth.claims;
    if (!sameAudience(c.aud, resource)) return { status: 401, headers: { ...challenge, 'x-ms-diagnostics': `Invalid audience '${c.aud}'.` } };
    const caller = { objectId: c.oid, appId: c.appid, tenantId: c.tid };

    if (discoveryCloud) return this.discovery(ctx, c.tid);

    const e = env!;
    if (c.tid !== e.tenantId) return { status: 401, headers: { ...challenge, 'x-ms-diagnostics': 'Token tenant does not match the organization tenant.' } };
    if (e.members.length && !e.members.includes(c.oid)) return errorReply(403, CODES.notMember, 'The user is not a member of the organization.');
    const m = /^\/api\/data\/v(9\.[0-2])\/(.*)$/i.exec(ctx.url.pathname);
    if (!m) return errorReply(404, CODES.badQuery, `Resource not found for the segment '${ctx.url.pathname}'.`);
    if (e.throttle) return toReply(throttled(e.throttle.retryAfterSeconds));
    const version = m[1];
    const path = decodeURIComponent(m[2]);
    for (const route of this.routes) {
      if (route.method !== ctx.method) continue;
      const match = route.pattern.exec(path);
      if (match) return route.handler({ ctx, env: e, version, path, match, caller });
    }
    const call: DataverseCall = { method: ctx.method, url: ctx.url, path, query: ctx.query, headers: headerMap(ctx.headers), body: ctx.body, env: e, version, caller };
    return this.dispatch(call);
  }

  /** Runs one Web API operation (also used for each request of a `$batch`). */
  async dispatch(call: DataverseCall): Promise<Reply> {
    try {
      if (call.path === '$batch' && call.method === 'POST') return await handleBatch(call, (sub) => this.dispatch(sub));
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\(([^)]*)\))?$/.exec(call.path);
      const table = m ? tableBySet(m[1]) : undefined;
      if (!m || !table) return errorReply(404, CODES.badQuery, `Resource not found for the segment '${call.path.split('(')[0]}'.`);
      const id = m[2]?.replace(/^'|'$/g, '');
      if (call.method === 'GET') return id === undefined ? readList(call, table) : readOne(call, table, id);
      if (call.method === 'POST' && id === undefined) return create(call, this.emu.state, table);
      if (call.method === 'PATCH' && id !== undefined) return update(call, this.emu.state, table, id);
      if (call.method === 'DELETE' && id !== undefined) return remove(call, table, id);
      return errorReply(405, '0x8006088a', `The HTTP method '${call.method}' is not supported for '${call.path}'.`);
    } catch (err) {
      if (err instanceof DataverseError) return toReply(err);
      throw err;
    }
  }

  private discovery(ctx: RequestContext, tenantId: string): Reply {
    if (!/^\/api\/discovery\/v2\.0\/Instances$/i.test(ctx.url.pathname) || ctx.method !== 'GET') {
      return errorReply(404, CODES.badQuery, `Resource not found for the segment '${ctx.url.pathname}'.`);
    }
    const envs = this.emu.state.environments().filter((e) => e.tenantId === tenantId);
    return {
      status: 200,
      headers: ODATA_HEADERS,
      body: {
        '@odata.context': `https://${ctx.host}/api/discovery/v2.0/$metadata#Instances`,
        value: envs.map((e) => ({
          Id: e.organizationId,
          UniqueName: `unq${e.organizationId.replace(/-/g, '').slice(0, 24)}`,
          UrlName: e.host.split('.')[0],
          FriendlyName: e.displayName,
          State: 0,
          Version: '9.2.25011.00190',
          Url: `https://${e.host}`,
          ApiUrl: `https://${e.host}`,
          LastUpdated: '2025-01-01T00:00:00Z',
          SchemaType: 'Standard',
          Region: 'EUR',
          Purpose: '',
          TenantId: e.tenantId,
          EnvironmentId: e.environmentId,
          DatacenterId: guidFromName('dc', e.host),
          DatacenterName: null,
          OrganizationType: 0,
          TrialExpirationDate: null,
        })),
      },
    };
  }

  private cloudOfEnv(host: string): CloudDefinition {
    return CLOUD_NAMES.map((n) => CLOUDS[n]).find((c) => c.dataverseHostPattern.test(host)) ?? CLOUDS.AzureCloud;
  }

  private whoAmI(r: DataverseRequest): Reply {
    return {
      status: 200,
      headers: ODATA_HEADERS,
      body: {
        '@odata.context': `https://${r.env.host}/api/data/v${r.version}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
        BusinessUnitId: r.env.businessUnitId,
        UserId: systemUserId(r.env, r.caller.objectId),
        OrganizationId: r.env.organizationId,
      },
    };
  }
}
