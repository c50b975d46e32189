/**
 * Key Vault data plane (secrets) for `*.vault.azure.net`, `*.vault.azure.cn`, `*.vault.usgovcloudapi.net`.
 *
 * Order of checks, as the real service does it: bearer challenge (401 + WWW-Authenticate) -> token
 * audience / issuer -> api-version -> throttling -> network (publicNetworkAccess, firewall) ->
 * authorization (RBAC data actions or access policies, by the vault's permission model) -> operation.
 * Bodies and error shapes: azure-apis.md §4, azure-rest-examples/ (Security.KeyVault.Secrets).
 */
import { CLOUD_NAMES, CLOUDS, CloudDefinition } from '../clouds';
import type { AccessTokenClaims } from '../tokens';
import type { DeletedSecret, FakeAzureState, Secret, SecretVersion, Vault } from '../state';
import { findDeletedSecret, findSecret } from '../state';
import { decodeSkipToken, encodeSkipToken, ipInRule, nowSeconds, randomVersion } from '../util';
import { authenticate, pageByMarker, sameAudience } from './auth';
import { Emulator, Reply, RequestContext, Service, json } from './types';

type SecretPermission = 'get' | 'list' | 'set' | 'delete' | 'recover' | 'purge' | 'backup' | 'restore';

interface Operation {
  permission: SecretPermission;
  dataAction: string;
  /** Secret name when the operation targets one secret (RBAC can be assigned at the secret's scope). */
  secretName?: string;
  run: () => Reply;
}

const SECRET_NAME_RE = /^[0-9a-zA-Z-]{1,127}$/;
const API_VERSION_RE = /^(7\.[0-6](-preview(\.\d+)?)?|20\d\d-\d\d-\d\d(-preview)?)$/;
const LATEST_API_VERSION = '2025-07-01';

export class KeyVaultService implements Service {
  readonly name = 'keyvault';

  constructor(private readonly emu: Emulator) {}

  private get state(): FakeAzureState {
    return this.emu.state;
  }

  private cloudOf(host: string): CloudDefinition | undefined {
    return CLOUD_NAMES.map((n) => CLOUDS[n]).find((c) => host.endsWith(c.keyVaultDnsSuffix));
  }

  /** Only hosts of vaults that exist resolve (as in DNS); others are refused at CONNECT time. */
  matches(host: string): boolean {
    const cloud = this.cloudOf(host);
    return !!cloud && !!this.state.findVaultByHost(host, cloud.keyVaultDnsSuffix);
  }

  faultReply(ctx: RequestContext, status: number, retryAfter?: number): Reply {
    if (status === 429) return this.throttled(ctx, retryAfter ?? 1);
    const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
    if (status === 503) return this.err(ctx, 503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.', undefined, headers);
    return this.err(ctx, status, status >= 500 ? 'InternalServerError' : 'BadParameter', status >= 500 ? 'An unexpected error occurred. Please retry the request.' : 'Bad request.', undefined, headers);
  }

  private baseHeaders(ctx: RequestContext, vault?: Vault): Record<string, string> {
    return {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
      pragma: 'no-cache',
      expires: '-1',
      'x-ms-keyvault-region': vault?.location ?? 'westeurope',
      'x-ms-keyvault-service-version': '1.9.2693.1',
      'x-ms-keyvault-network-info': `conn_type=Ipv4;addr=${ctx.clientIp};act_addr_fam=InterNetwork;`,
      'x-ms-request-id': ctx.requestId,
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000;includeSubDomains',
    };
  }

  private reply(ctx: RequestContext, vault: Vault | undefined, status: number, body?: unknown, extra: Record<string, string> = {}): Reply {
    return { status, body, headers: { ...this.baseHeaders(ctx, vault), ...extra } };
  }

  private err(ctx: RequestContext, status: number, code: string, message: string, inner?: string, extra: Record<string, string> = {}, vault?: Vault): Reply {
    const error: Record<string, unknown> = { code, message };
    if (inner) error.innererror = { code: inner };
    return this.reply(ctx, vault, status, { error }, extra);
  }

  private throttled(ctx: RequestContext, retryAfter: number, vault?: Vault): Reply {
    return this.err(ctx, 429, 'Throttled', 'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached', undefined, { 'retry-after': String(retryAfter) }, vault);
  }

  private challengeHeader(cloud: CloudDefinition, vault: Vault): string {
    return `Bearer authorization="https://${cloud.loginHost}/${vault.tenantId}", resource="${cloud.keyVaultResource}"`;
  }

  handle(ctx: RequestContext): Reply {
    const cloud = this.cloudOf(ctx.host)!;
    const vault = this.state.findVaultByHost(ctx.host, cloud.keyVaultDnsSuffix);
    if (!vault) return this.err(ctx, 404, 'VaultNotFound', `The vault ${ctx.host} does not exist.`);

    // 1. Authentication (the SDK's first request carries no token and expects this challenge).
    const challenge = { 'www-authenticate': this.challengeHeader(cloud, vault) };
    const auth = authenticate(ctx, this.emu);
    if ('problem' in auth) {
      const messages: Record<string, string> = {
        missing: 'AKV10000: Request is missing a Bearer or PoP token.',
        malformed: 'AKV10013: Invalid JWT token.',
        signature: 'AKV10013: Invalid JWT token. Signature validation failed.',
        expired: 'AKV10022: Token has expired.',
        notYetValid: 'AKV10022: Token is not yet valid.',
      };
      return this.err(ctx, 401, 'Unauthorized', messages[auth.problem], undefined, challenge, vault);
    }
    const claims = auth.claims;
    if (!sameAudience(claims.aud, cloud.keyVaultResource) && claims.aud !== 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093') {
      return this.err(ctx, 401, 'Unauthorized', `AKV10022: Invalid audience. Expected ${cloud.keyVaultResource}, found: ${claims.aud}.`, undefined, challenge, vault);
    }
    if (claims.tid !== vault.tenantId) {
      const base = CLOUDS[this.state.findTenant(vault.tenantId)?.cloud ?? cloud.name].stsIssuerBase;
      return this.err(
        ctx,
        401,
        'Unauthorized',
        `AKV10032: Invalid issuer. Expected one of ${base}${vault.tenantId}/, https://${cloud.loginHost}/${vault.tenantId}/v2.0, found ${claims.iss}.`,
        undefined,
        challenge,
        vault,
      );
    }

    // 2. api-version (the SDK sends `api%2Dversion`; URLSearchParams decodes it).
    const apiVersion = ctx.query.get('api-version');
    if (!apiVersion) return this.err(ctx, 400, 'BadParameter', 'The request URI contains an invalid or missing api-version.', undefined, {}, vault);
    if (!API_VERSION_RE.test(apiVersion)) {
      return this.err(ctx, 400, 'BadParameter', `The specified version (${apiVersion}) is not recognized. Consider using the latest supported version (${LATEST_API_VERSION}).`, undefined, {}, vault);
    }

    // 3. Throttling configured on the vault.
    if (vault.throttle) return this.throttled(ctx, vault.throttle.retryAfterSeconds, vault);

    // 4. Network rules.
    const callerText = `appid=${claims.appid};oid=${claims.oid};iss=${claims.iss}`;
    const vaultText = `${vault.name};location=${vault.location}`;
    if (vault.publicNetworkAccess === 'Disabled') {
      return this.err(ctx, 403, 'Forbidden', `Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\nCaller: ${callerText}\r\nVault: ${vaultText}`, 'ForbiddenByConnection', {}, vault);
    }
    if (vault.networkAcls?.defaultAction === 'Deny' && !vault.networkAcls.ipRules.some((r) => ipInRule(ctx.clientIp, r.value))) {
      return this.err(
        ctx,
        403,
        'Forbidden',
        `Client address is not authorized and caller is not a trusted service.\r\nClient address: ${ctx.clientIp}\r\nCaller: ${callerText}\r\nVault: ${vaultText}`,
        'ForbiddenByFirewall',
        {},
        vault,
      );
    }

    // 5. Route, then authorize, then run.
    const op = this.route(ctx, cloud, vault, apiVersion);
    if ('status' in op) return op;
    const denied = this.authorizeOp(ctx, vault, claims, op, callerText, vaultText);
    if (denied) return denied;
    return op.run();
  }

  private authorizeOp(ctx: RequestContext, vault: Vault, claims: AccessTokenClaims, op: Operation, callerText: string, vaultText: string): Reply | undefined {
    if (vault.enableRbacAuthorization) {
      const vaultScope = this.state.vaultResourceId(vault);
      const scope = op.secretName ? `${vaultScope}/secrets/${op.secretName}` : vaultScope;
      if (this.state.can(claims.oid, scope, op.dataAction, true)) return undefined;
      const resource = scope.toLowerCase();
      return this.err(
        ctx,
        403,
        'Forbidden',
        `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: ${callerText}\r\nAction: '${op.dataAction}'\r\nResource: '${resource}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: ${vaultText}\r\n`,
        'ForbiddenByRbac',
        {},
        vault,
      );
    }
    const allowed = vault.accessPolicies.some(
      (p) =>
        p.objectId === claims.oid &&
        (!p.applicationId || p.applicationId.toLowerCase() === claims.appid) &&
        p.permissions.secrets.some((s) => s.toLowerCase() === op.permission || s.toLowerCase() === 'all'),
    );
    if (allowed) return undefined;
    return this.err(
      ctx,
      403,
      'Forbidden',
      `The user, group or application '${callerText}' does not have secrets ${op.permission} permission on key vault '${vaultText}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
      'AccessDenied',
      {},
      vault,
    );
  }

  private route(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, apiVersion: string): Operation | Reply {
    const segs = ctx.url.pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
    const trailingSlash = ctx.url.pathname.endsWith('/');
    if (trailingSlash && segs[segs.length - 1] === '') segs.pop();
    const m = ctx.method;
    const [collection, name, third, fourth] = segs;
    const c = (collection ?? '').toLowerCase();
    const badName = (n: string): Reply => this.err(ctx, 400, 'BadParameter', `The request URI contains an invalid name: ${n}`, undefined, {}, vault);

    if (c === 'secrets') {
      if (segs.length === 1 && m === 'GET') {
        return { permission: 'list', dataAction: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action', run: () => this.listSecrets(ctx, cloud, vault, apiVersion) };
      }
      if (name === 'restore' && segs.length === 2 && m === 'POST') {
        return { permission: 'restore', dataAction: 'Microsoft.KeyVault/vaults/secrets/restore/action', run: () => this.restore(ctx, cloud, vault) };
      }
      if (!name || !SECRET_NAME_RE.test(name)) return badName(name ?? '');
      if (segs.length === 3 && (third ?? '').toLowerCase() === 'versions' && m === 'GET') {
        return { permission: 'list', dataAction: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action', secretName: name, run: () => this.listVersions(ctx, cloud, vault, name, apiVersion) };
      }
      if (segs.length === 3 && (third ?? '').toLowerCase() === 'backup' && m === 'POST') {
        return { permission: 'backup', dataAction: 'Microsoft.KeyVault/vaults/secrets/backup/action', secretName: name, run: () => this.backup(ctx, vault, name) };
      }
      if (segs.length <= 3 && m === 'GET') {
        return { permission: 'get', dataAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', secretName: name, run: () => this.getSecret(ctx, cloud, vault, name, third) };
      }
      if (segs.length === 2 && m === 'PUT') {
        return { permission: 'set', dataAction: 'Microsoft.KeyVault/vaults/secrets/setSecret/action', secretName: name, run: () => this.setSecret(ctx, cloud, vault, name) };
      }
      if (segs.length <= 3 && m === 'PATCH') {
        return { permission: 'set', dataAction: 'Microsoft.KeyVault/vaults/secrets/update/action', secretName: name, run: () => this.updateSecret(ctx, cloud, vault, name, third) };
      }
      if (segs.length === 2 && m === 'DELETE') {
        return { permission: 'delete', dataAction: 'Microsoft.KeyVault/vaults/secrets/delete', secretName: name, run: () => this.deleteSecret(ctx, cloud, vault, name) };
      }
    }
    if (c === 'deletedsecrets') {
      if (segs.length === 1 && m === 'GET') {
        return { permission: 'list', dataAction: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action', run: () => this.listDeleted(ctx, cloud, vault, apiVersion) };
      }
      if (!name || !SECRET_NAME_RE.test(name)) return badName(name ?? '');
      if (segs.length === 2 && m === 'GET') {
        return { permission: 'list', dataAction: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action', secretName: name, run: () => this.getDeleted(ctx, cloud, vault, name) };
      }
      if (segs.length === 2 && m === 'DELETE') {
        return { permission: 'purge', dataAction: 'Microsoft.KeyVault/vaults/secrets/purge/action', secretName: name, run: () => this.purge(ctx, vault, name) };
      }
      if (segs.length === 3 && (third ?? '').toLowerCase() === 'recover' && m === 'POST') {
        return { permission: 'recover', dataAction: 'Microsoft.KeyVault/vaults/secrets/recover/action', secretName: name, run: () => this.recover(ctx, cloud, vault, name) };
      }
    }
    void fourth;
    return this.err(ctx, 404, 'NotFound', `The fake Key Vault does not serve ${m} ${ctx.url.pathname} (only secrets are emulated).`, undefined, {}, vault);
  }

  // ---------- bodies ----------

  private vaultBase(cloud: CloudDefinition, vault: Vault): string {
    return `https://${vault.name.toLowerCase()}${cloud.keyVaultDnsSuffix}`;
  }

  private attributes(vault: Vault, v: SecretVersion): Record<string, unknown> {
    const a: Record<string, unknown> = { enabled: v.enabled };
    if (v.nbf !== undefined) a.nbf = v.nbf;
    if (v.exp !== undefined) a.exp = v.exp;
    a.created = v.created;
    a.updated = v.updated;
    if (!vault.enableSoftDelete) a.recoveryLevel = 'Purgeable';
    else {
      const custom = vault.softDeleteRetentionInDays < 90;
      a.recoveryLevel = `${custom ? 'CustomizedRecoverable' : 'Recoverable'}${vault.enablePurgeProtection ? '' : '+Purgeable'}`;
      a.recoverableDays = vault.softDeleteRetentionInDays;
    }
    return a;
  }

  private bundle(cloud: CloudDefinition, vault: Vault, secret: Secret, v: SecretVersion, withValue: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (withValue) out.value = v.value;
    out.id = `${this.vaultBase(cloud, vault)}/secrets/${secret.name}/${v.version}`;
    if (v.contentType !== undefined) out.contentType = v.contentType;
    out.attributes = this.attributes(vault, v);
    if (v.tags !== undefined) out.tags = v.tags;
    return out;
  }

  private item(cloud: CloudDefinition, vault: Vault, secret: Secret, v: SecretVersion, withVersion: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: `${this.vaultBase(cloud, vault)}/secrets/${secret.name}${withVersion ? '/' + v.version : ''}`,
      attributes: this.attributes(vault, v),
    };
    if (v.contentType !== undefined) out.contentType = v.contentType;
    if (v.tags !== undefined) out.tags = v.tags;
    return out;
  }

  private deletedFields(cloud: CloudDefinition, vault: Vault, d: DeletedSecret): Record<string, unknown> {
    return { recoveryId: `${this.vaultBase(cloud, vault)}/deletedsecrets/${d.name}`, deletedDate: d.deletedDate, scheduledPurgeDate: d.scheduledPurgeDate };
  }

  private notFound(ctx: RequestContext, vault: Vault, what: string): Reply {
    return this.err(
      ctx,
      404,
      'SecretNotFound',
      `A secret with (name/id) ${what} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
      undefined,
      {},
      vault,
    );
  }

  private readBody(ctx: RequestContext, vault: Vault): { body: Record<string, unknown> } | { reply: Reply } {
    try {
      const parsed: unknown = JSON.parse(ctx.body.toString('utf8') || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as Record<string, unknown> };
    } catch {
      /* fall through */
    }
    return { reply: this.err(ctx, 400, 'BadParameter', 'The request body is not valid JSON.', undefined, {}, vault) };
  }

  private pageSize(ctx: RequestContext, vault: Vault): number | Reply {
    const raw = ctx.query.get('maxresults');
    if (raw === null) return this.state.paging.secrets;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 25) {
      return this.err(ctx, 400, 'BadParameter', `The value '${raw}' of parameter 'maxresults' is invalid. It must be an integer between 1 and 25.`, undefined, {}, vault);
    }
    return n;
  }

  private paged<T>(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, apiVersion: string, items: T[], key: (i: T) => string, map: (i: T) => unknown): Reply {
    const size = this.pageSize(ctx, vault);
    if (typeof size !== 'number') return size;
    const marker = decodeSkipToken(ctx.query.get('$skiptoken'));
    const { page, last, more } = pageByMarker(items, key, size, marker);
    let nextLink: string | null = null;
    if (more && last !== undefined) {
      // Real nextLinks look like https://myvault.vault.azure.net:443/secrets?api-version=7.5&$skiptoken=...&maxresults=1
      const max = ctx.query.get('maxresults');
      nextLink = `https://${vault.name.toLowerCase()}${cloud.keyVaultDnsSuffix}:443${ctx.url.pathname}?api-version=${apiVersion}&$skiptoken=${encodeURIComponent(encodeSkipToken(last))}${max !== null ? `&maxresults=${max}` : ''}`;
    }
    return this.reply(ctx, vault, 200, { value: page.map(map), nextLink });
  }

  // ---------- operations ----------

  private listSecrets(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, apiVersion: string): Reply {
    const secrets = vault.secrets.filter((s) => s.versions.length > 0);
    return this.paged(ctx, cloud, vault, apiVersion, secrets, (s) => s.name.toLowerCase(), (s) => this.item(cloud, vault, s, s.versions[s.versions.length - 1], false));
  }

  private listVersions(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, name: string, apiVersion: string): Reply {
    const secret = findSecret(vault, name);
    if (!secret) return this.notFound(ctx, vault, name);
    return this.paged(ctx, cloud, vault, apiVersion, secret.versions, (v) => v.version, (v) => this.item(cloud, vault, secret, v, true));
  }

  private getSecret(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, name: string, version: string | undefined): Reply {
    const secret = findSecret(vault, name);
    if (!secret || secret.versions.length === 0) return this.notFound(ctx, vault, name);
    const v = version ? secret.versions.find((x) => x.version === version.toLowerCase()) : secret.versions[secret.versions.length - 1];
    if (!v) return this.notFound(ctx, vault, `${name}/${version}`);
    if (!v.enabled) return this.err(ctx, 403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled', {}, vault);
    // The real service does not enforce exp / nbf for secrets (values stay readable); neither do we.
    return this.reply(ctx, vault, 200, this.bundle(cloud, vault, secret, v, true));
  }

  private readAttributes(body: Record<string, unknown>): { enabled?: boolean; nbf?: number; exp?: number } | string {
    const a = body.attributes;
    if (a === undefined || a === null) return {};
    if (typeof a !== 'object') return 'attributes must be an object';
    const attrs = a as Record<string, unknown>;
    const out: { enabled?: boolean; nbf?: number; exp?: number } = {};
    if (attrs.enabled !== undefined && attrs.enabled !== null) {
      if (typeof attrs.enabled !== 'boolean') return 'attributes.enabled must be a boolean';
      out.enabled = attrs.enabled;
    }
    for (const k of ['nbf', 'exp'] as const) {
      if (attrs[k] !== undefined && attrs[k] !== null) {
        if (typeof attrs[k] !== 'number') return `attributes.${k} must be a number (Unix seconds)`;
        out[k] = attrs[k] as number;
      }
    }
    return out;
  }

  private setSecret(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, name: string): Reply {
    const read = this.readBody(ctx, vault);
    if ('reply' in read) return read.reply;
    const b = read.body;
    if (typeof b.value !== 'string') return this.err(ctx, 400, 'BadParameter', "Property 'value' is required and must be a string.", undefined, {}, vault);
    if (findDeletedSecret(vault, name)) {
      return this.err(ctx, 409, 'Conflict', `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`, 'ObjectIsDeletedButRecoverable', {}, vault);
    }
    const attrs = this.readAttributes(b);
    if (typeof attrs === 'string') return this.err(ctx, 400, 'BadParameter', attrs, undefined, {}, vault);
    const tags = b.tags && typeof b.tags === 'object' ? (b.tags as Record<string, string>) : undefined;
    const version = this.state.putSecret(vault.name, findSecret(vault, name)?.name ?? name, b.value, {
      version: randomVersion(),
      contentType: typeof b.contentType === 'string' ? b.contentType : undefined,
      tags,
      enabled: attrs.enabled ?? true,
      nbf: attrs.nbf,
      exp: attrs.exp,
    });
    const secret = findSecret(vault, name)!;
    return this.reply(ctx, vault, 200, this.bundle(cloud, vault, secret, version, true));
  }

  private updateSecret(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, name: string, version: string | undefined): Reply {
    const read = this.readBody(ctx, vault);
    if ('reply' in read) return read.reply;
    const b = read.body;
    const secret = findSecret(vault, name);
    if (!secret || secret.versions.length === 0) return this.notFound(ctx, vault, name);
    const v = version ? secret.versions.find((x) => x.version === version.toLowerCase()) : secret.versions[secret.versions.length - 1];
    if (!v) return this.notFound(ctx, vault, `${name}/${version}`);
    const attrs = this.readAttributes(b);
    if (typeof attrs === 'string') return this.err(ctx, 400, 'BadParameter', attrs, undefined, {}, vault);
    if (attrs.enabled !== undefined) v.enabled = attrs.enabled;
    if (attrs.nbf !== undefined) v.nbf = attrs.nbf;
    if (attrs.exp !== undefined) v.exp = attrs.exp;
    if (typeof b.contentType === 'string') v.contentType = b.contentType;
    if (b.tags && typeof b.tags === 'object') v.tags = b.tags as Record<string, string>;
    v.updated = nowSeconds();
    return this.reply(ctx, vault, 200, this.bundle(cloud, vault, secret, v, false));
  }

  private deleteSecret(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, name: string): Reply {
    const secret = findSecret(vault, name);
    if (!secret || secret.versions.length === 0) return this.notFound(ctx, vault, name);
    vault.secrets = vault.secrets.filter((s) => s !== secret);
    const now = nowSeconds();
    const deleted: DeletedSecret = { ...secret, deletedDate: now, scheduledPurgeDate: now + vault.softDeleteRetentionInDays * 86400 };
    if (vault.enableSoftDelete) vault.deletedSecrets.push(deleted);
    const latest = secret.versions[secret.versions.length - 1];
    const body = { ...(vault.enableSoftDelete ? this.deletedFields(cloud, vault, deleted) : {}), ...this.bundle(cloud, vault, secret, latest, false) };
    return this.reply(ctx, vault, 200, body);
  }

  private listDeleted(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, apiVersion: string): Reply {
    return this.paged(ctx, cloud, vault, apiVersion, vault.deletedSecrets, (d) => d.name.toLowerCase(), (d) => ({
      ...this.deletedFields(cloud, vault, d),
      ...this.item(cloud, vault, d, d.versions[d.versions.length - 1], false),
    }));
  }

  private deletedNotFound(ctx: RequestContext, vault: Vault, name: string): Reply {
    return this.err(ctx, 404, 'SecretNotFound', `Deleted Secret not found: ${name}`, undefined, {}, vault);
  }

  private getDeleted(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, name: string): Reply {
    const d = findDeletedSecret(vault, name);
    if (!d) return this.deletedNotFound(ctx, vault, name);
    return this.reply(ctx, vault, 200, { ...this.deletedFields(cloud, vault, d), ...this.bundle(cloud, vault, d, d.versions[d.versions.length - 1], false) });
  }

  private purge(ctx: RequestContext, vault: Vault, name: string): Reply {
    const d = findDeletedSecret(vault, name);
    if (!d) return this.deletedNotFound(ctx, vault, name);
    if (vault.enablePurgeProtection) {
      return this.err(ctx, 403, 'Forbidden', 'Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.', 'PurgeProtectionEnabled', {}, vault);
    }
    vault.deletedSecrets = vault.deletedSecrets.filter((x) => x !== d);
    return this.reply(ctx, vault, 204);
  }

  private recover(ctx: RequestContext, cloud: CloudDefinition, vault: Vault, name: string): Reply {
    const d = findDeletedSecret(vault, name);
    if (!d) return this.deletedNotFound(ctx, vault, name);
    vault.deletedSecrets = vault.deletedSecrets.filter((x) => x !== d);
    const secret: Secret = { name: d.name, versions: d.versions };
    vault.secrets.push(secret);
    return this.reply(ctx, vault, 200, this.bundle(cloud, vault, secret, secret.versions[secret.versions.length - 1], false));
  }

  private backup(ctx: RequestContext, vault: Vault, name: string): Reply {
    const secret = findSecret(vault, name);
    if (!secret) return this.notFound(ctx, vault, name);
    const blob = Buffer.from('FAKEAZURE-KV-BACKUP-1:' + JSON.stringify({ tenantId: vault.tenantId, secret })).toString('base64url');
    return this.reply(ctx, vault, 200, { value: blob });
  }

  private restore(ctx: RequestContext, cloud: CloudDefinition, vault: Vault): Reply {
    const read = this.readBody(ctx, vault);
    if ('reply' in read) return read.reply;
    const raw = Buffer.from(String(read.body.value ?? ''), 'base64url').toString('utf8');
    const prefix = 'FAKEAZURE-KV-BACKUP-1:';
    let parsed: { tenantId: string; secret: Secret } | undefined;
    try {
      parsed = raw.startsWith(prefix) ? (JSON.parse(raw.slice(prefix.length)) as { tenantId: string; secret: Secret }) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed) return this.err(ctx, 400, 'BadParameter', 'Backup blob contains invalid or corrupt version.', undefined, {}, vault);
    if (findSecret(vault, parsed.secret.name) || findDeletedSecret(vault, parsed.secret.name)) {
      return this.err(ctx, 409, 'Conflict', `Secret ${parsed.secret.name} already exists`, undefined, {}, vault);
    }
    vault.secrets.push(parsed.secret);
    const latest = parsed.secret.versions[parsed.secret.versions.length - 1];
    return this.reply(ctx, vault, 200, this.bundle(cloud, vault, parsed.secret, latest, false));
  }
}
