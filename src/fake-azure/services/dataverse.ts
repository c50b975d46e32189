/**
 * Dataverse Web API placeholder for environment hosts (`{org}.crm.dynamics.com` and the sovereign
 * patterns) and the Global Discovery Service. Today it answers WhoAmI, the discovery Instances list, and
 * read-only entity sets placed in `environment.tables`. Later issues add the credential tables: register
 * extra routes with `addRoute()` or fill `tables` (see README.md, "Extending the Dataverse fake").
 */
import { CLOUD_NAMES, CLOUDS, CloudDefinition } from '../clouds';
import type { DataverseEnvironment } from '../state';
import { guidFromName } from '../util';
import { authenticate, sameAudience } from './auth';
import { Emulator, Reply, RequestContext, Service } from './types';

export interface DataverseRequest {
  ctx: RequestContext;
  env: DataverseEnvironment;
  /** Web API version from the path, e.g. "9.2". */
  version: string;
  /** Path after /api/data/v9.x/, e.g. "credentials(…)". */
  path: string;
  match: RegExpExecArray;
  caller: { objectId: string; appId: string; tenantId: string };
}

export type DataverseHandler = (req: DataverseRequest) => Reply | Promise<Reply>;

const ODATA_HEADERS = { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0' };

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
    if (status === 429) {
      return { status, headers, body: { error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.' } } };
    }
    return { status, headers, body: { error: { code: '0x80040216', message: 'An unexpected error occurred.' } } };
  }

  private odataError(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
    return { status, headers: { ...ODATA_HEADERS, ...headers }, body: { error: { code, message } } };
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

    if (discoveryCloud) {
      if (/^\/api\/discovery\/v2\.0\/Instances$/i.test(ctx.url.pathname) && ctx.method === 'GET') {
        const envs = this.emu.state.environments().filter((e) => e.tenantId === c.tid);
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
      return this.odataError(404, '0x80060888', `Resource not found for the segment '${ctx.url.pathname}'.`);
    }

    const e = env!;
    if (c.tid !== e.tenantId) return { status: 401, headers: { ...challenge, 'x-ms-diagnostics': 'Token tenant does not match the organization tenant.' } };
    if (e.members.length && !e.members.includes(c.oid)) {
      return this.odataError(403, '0x80072560', 'The user is not a member of the organization.');
    }
    const m = /^\/api\/data\/v(9\.[0-2])\/(.*)$/i.exec(ctx.url.pathname);
    if (!m) return this.odataError(404, '0x80060888', `Resource not found for the segment '${ctx.url.pathname}'.`);
    const version = m[1];
    const path = decodeURIComponent(m[2]);
    for (const route of this.routes) {
      if (route.method !== ctx.method) continue;
      const match = route.pattern.exec(path);
      if (match) return route.handler({ ctx, env: e, version, path, match, caller });
    }
    if (ctx.method === 'GET') return this.readTable(ctx, e, version, path);
    return this.odataError(405, '0x8006088a', `The HTTP method '${ctx.method}' is not supported for '${path}' by the fake Dataverse.`);
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
        UserId: guidFromName('systemuser', r.env.host, r.caller.objectId),
        OrganizationId: r.env.organizationId,
      },
    };
  }

  /** Read-only entity sets from `env.tables`: `GET {set}`, `GET {set}({id})`, `$select`, `$top`. */
  private readTable(ctx: RequestContext, env: DataverseEnvironment, version: string, path: string): Reply {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\(([0-9a-fA-F-]{36})\))?$/.exec(path);
    const rows = m ? env.tables.get(m[1]) : undefined;
    if (!m || !rows) return this.odataError(404, '0x80060888', `Resource not found for the segment '${path.split('(')[0]}'.`);
    const select = ctx.query.get('$select')?.split(',').map((s) => s.trim()).filter(Boolean);
    const project = (row: Record<string, unknown>): Record<string, unknown> => {
      if (!select) return row;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) if (select.includes(k) || k.startsWith('@odata.') || k.endsWith('id')) out[k] = v;
      return out;
    };
    const context = `https://${env.host}/api/data/v${version}/$metadata#${m[1]}${select ? `(${select.join(',')})` : ''}`;
    if (m[2]) {
      const id = m[2].toLowerCase();
      const row = rows.find((r) => Object.entries(r).some(([k, v]) => k.endsWith('id') && String(v).toLowerCase() === id));
      if (!row) return this.odataError(404, '0x80040217', `Entity with id = ${id} Does Not Exist`);
      return { status: 200, headers: ODATA_HEADERS, body: { '@odata.context': `${context}/$entity`, ...project(row) } };
    }
    const top = Number(ctx.query.get('$top'));
    const limited = Number.isInteger(top) && top > 0 ? rows.slice(0, top) : rows;
    return { status: 200, headers: ODATA_HEADERS, body: { '@odata.context': context, value: limited.map(project) } };
  }
}
