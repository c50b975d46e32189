/**
 * Turns what the Azure SDKs throw into "what's wrong and what to do".
 *
 * Every message here is written by Flow Vault from facts that are not secret (names, ids, codes,
 * statuses). Server text is never passed through whole: a fallback message keeps only the error
 * code and status, and anything in `context.sensitiveValues` is masked. No secret value can reach
 * a message built here.
 */

export type AzureOperation =
  | 'signIn'
  | 'listTenants'
  | 'listSubscriptions'
  | 'listVaults'
  | 'listSecrets'
  | 'listVersions'
  | 'getSecretValue'
  | 'getSecret'
  | 'setSecret'
  | 'createSecret'
  | 'updateSecret'
  | 'deleteSecret'
  | 'purgeSecret'
  | 'listEnvironments'
  | 'readEnvironment'
  | 'listCredentials'
  | 'findCredential'
  | 'listDesktopFlows'
  | 'listMachines'
  | 'listMachineGroups'
  | 'createCredential'
  | 'deleteCredential'
  | 'readGraph'
  | 'readVault'
  | 'readProvider'
  | 'readRoleAssignments';

export type AzureProblemKind =
  /** The tenant needs an interactive sign-in (MFA, consent, expired session, conditional access). */
  | 'signInRequired'
  /** The account itself cannot sign in to the tenant (locked, disabled, not a member/guest removed). */
  | 'accountBlocked'
  /** The service principal's secret or certificate is wrong or expired, or the Azure CLI is signed out. */
  | 'credentialInvalid'
  /** Authenticated, but no permission for the operation. */
  | 'permissionDenied'
  /** The vault's firewall does not allow this client's network. */
  | 'firewall'
  /** The vault accepts only private-endpoint traffic, or its name does not resolve from here. */
  | 'privateNetwork'
  | 'throttled'
  | 'notFound'
  /** The secret name is taken by a deleted (soft-deleted) secret. */
  | 'deletedSecretConflict'
  /** A record with that name (a credential, an environment variable) exists already. */
  | 'duplicate'
  /** Dataverse refused a Key Vault secret reference (malformed, unreadable vault, provider, tenant). */
  | 'keyVaultReference'
  | 'network'
  | 'cancelled'
  | 'unknown';

export type ProblemAction = 'retry' | 'signIn' | 'openPortal' | 'openAccessSettings';

export interface AzureProblem {
  readonly kind: AzureProblemKind;
  /** One line for a tree label: "No permission to list secrets". */
  readonly title: string;
  /** What's wrong and what to do, in full. */
  readonly message: string;
  /** What the UI should offer. `retry` is offered for every kind but `cancelled`. */
  readonly actions: readonly ProblemAction[];
  readonly tenantId?: string;
  readonly statusCode?: number;
  /** The service's error code (`Forbidden`, `AADSTS50076`, …). */
  readonly code?: string;
  readonly retryAfterSeconds?: number;
}

export interface VaultFacts {
  readonly name: string;
  /** true: Azure RBAC; false: access policies; undefined: not known. */
  readonly rbac?: boolean;
  /** `Enabled` / `Disabled`, from ARM. */
  readonly publicNetworkAccess?: string;
  /** `Allow` / `Deny`, from ARM networkAcls. */
  readonly firewallDefaultAction?: string;
  readonly hasPrivateEndpoints?: boolean;
}

export interface ProblemContext {
  readonly operation: AzureOperation;
  readonly tenant?: { readonly id: string; readonly name?: string };
  readonly subscription?: { readonly id: string; readonly name?: string };
  readonly vault?: VaultFacts;
  readonly secretName?: string;
  /** Who is calling, for people: "service principal flow-vault-demo (app id …)", "ana@contoso.com". */
  readonly identity?: string;
  /** Strings that must never appear in a message (a secret value being written, for example). */
  readonly sensitiveValues?: readonly string[];
  /** How the caller signed in: decides how a tenant sign-in is completed. */
  readonly accountKind?: 'microsoft' | 'azureCli' | 'servicePrincipal';
  /** The Power Platform environment a Dataverse call went to. */
  readonly environment?: { readonly name: string; readonly url: string };
  /** The Key Vault secret reference (ARM path) being written, when there is one. */
  readonly secretReference?: string;
  /** The credential being read or written. */
  readonly credentialName?: string;
}

/** Thrown by a credential adapter when a tenant needs an interactive sign-in. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
  constructor(
    readonly tenantId: string | undefined,
    readonly reason: 'noSession' | 'mfa' | 'consent' | 'expired' | 'conditionalAccess' | 'other' = 'noSession',
    message?: string,
  ) {
    super(message ?? `Sign-in required${tenantId ? ` for tenant ${tenantId}` : ''}.`);
  }
}

/** Thrown when the caller cancels (AbortSignal). */
export class OperationCancelledError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'The operation was cancelled.') {
    super(message);
  }
}

// --------------------------------------------------------------------------------------------
// What operations need, in RBAC roles and access-policy permissions.

interface PermissionNeed {
  readonly verb: string;
  readonly rbacRole: string;
  readonly policyPermission: string;
}

const KEY_VAULT_NEEDS: Partial<Record<AzureOperation, PermissionNeed>> = {
  listSecrets: { verb: 'list secrets', rbacRole: 'Key Vault Secrets User', policyPermission: 'list' },
  listVersions: { verb: 'list secret versions', rbacRole: 'Key Vault Secrets User', policyPermission: 'list' },
  getSecret: { verb: 'read secrets', rbacRole: 'Key Vault Secrets User', policyPermission: 'get' },
  getSecretValue: { verb: 'read secret values', rbacRole: 'Key Vault Secrets User', policyPermission: 'get' },
  setSecret: { verb: 'set secrets', rbacRole: 'Key Vault Secrets Officer', policyPermission: 'set' },
  createSecret: { verb: 'create secrets', rbacRole: 'Key Vault Secrets Officer', policyPermission: 'set' },
  updateSecret: { verb: 'change secrets', rbacRole: 'Key Vault Secrets Officer', policyPermission: 'set' },
  deleteSecret: { verb: 'delete secrets', rbacRole: 'Key Vault Secrets Officer', policyPermission: 'delete' },
  purgeSecret: { verb: 'purge deleted secrets', rbacRole: 'Key Vault Secrets Officer', policyPermission: 'purge' },
};

const OPERATION_NOUN: Record<AzureOperation, string> = {
  signIn: 'sign in',
  listTenants: 'list tenants',
  listSubscriptions: 'list subscriptions',
  listVaults: 'list key vaults',
  listSecrets: 'list secrets',
  listVersions: 'list secret versions',
  getSecretValue: 'read the secret value',
  getSecret: 'read the secret',
  setSecret: 'set the secret',
  createSecret: 'create the secret',
  updateSecret: 'change the secret',
  deleteSecret: 'delete the secret',
  purgeSecret: 'purge the deleted secret',
  listEnvironments: 'list Power Platform environments',
  readEnvironment: 'read the environment',
  listCredentials: 'list credentials',
  findCredential: 'look up the credential',
  listDesktopFlows: 'list desktop flows',
  listMachines: 'list machines',
  listMachineGroups: 'list machine groups',
  createCredential: 'create the credential',
  deleteCredential: 'delete the credential',
  readGraph: 'read the directory (Microsoft Graph)',
  readVault: 'read the vault',
  readProvider: 'read the resource provider registration',
  readRoleAssignments: 'read role assignments',
};

// --------------------------------------------------------------------------------------------
// Entra ID (AADSTS) codes. https://learn.microsoft.com/entra/identity-platform/reference-error-codes

type AadClass =
  | { kind: 'signInRequired'; reason: string }
  | { kind: 'accountBlocked'; reason: string }
  | { kind: 'credentialInvalid'; reason: string }
  | { kind: 'notFound'; reason: string };

const AAD_CODES: Record<string, AadClass> = {
  '50076': { kind: 'signInRequired', reason: 'MFA required' },
  '50079': { kind: 'signInRequired', reason: 'MFA required' },
  '50074': { kind: 'signInRequired', reason: 'MFA required' },
  '50072': { kind: 'signInRequired', reason: 'MFA enrolment required' },
  '50158': { kind: 'signInRequired', reason: 'an external security challenge' },
  '50055': { kind: 'signInRequired', reason: 'password expired' },
  '50173': { kind: 'signInRequired', reason: 'session expired' },
  '70043': { kind: 'signInRequired', reason: 'session expired' },
  '700082': { kind: 'signInRequired', reason: 'session expired' },
  '50133': { kind: 'signInRequired', reason: 'session expired' },
  '65001': { kind: 'signInRequired', reason: 'consent required' },
  '53000': { kind: 'signInRequired', reason: 'conditional access: compliant device required' },
  '53001': { kind: 'signInRequired', reason: 'conditional access: domain-joined device required' },
  '53003': { kind: 'signInRequired', reason: 'blocked by conditional access' },
  '530003': { kind: 'signInRequired', reason: 'conditional access: managed device required' },
  '50053': { kind: 'accountBlocked', reason: 'account locked' },
  '50057': { kind: 'accountBlocked', reason: 'account disabled' },
  '50020': { kind: 'accountBlocked', reason: 'account is not a member or guest of this tenant' },
  '90072': { kind: 'accountBlocked', reason: 'guest account not (or no longer) invited to this tenant' },
  '50034': { kind: 'accountBlocked', reason: 'account does not exist in this tenant' },
  '700016': { kind: 'credentialInvalid', reason: 'application not found in the tenant' },
  '7000215': { kind: 'credentialInvalid', reason: 'invalid client secret' },
  '7000222': { kind: 'credentialInvalid', reason: 'client secret expired' },
  '700027': { kind: 'credentialInvalid', reason: 'certificate not accepted' },
  '700024': { kind: 'credentialInvalid', reason: 'client assertion out of its validity period' },
  '90002': { kind: 'notFound', reason: 'tenant not found' },
  '900023': { kind: 'notFound', reason: 'tenant id not valid' },
};

// --------------------------------------------------------------------------------------------

interface ErrorFacts {
  name?: string;
  message: string;
  /** Message plus the service's error text: for pattern matching only, never shown. */
  text: string;
  statusCode?: number;
  code?: string;
  innerCode?: string;
  aadCode?: string;
  aadError?: string;
  retryAfterSeconds?: number;
  callerOid?: string;
  callerAppId?: string;
  clientIp?: string;
  causeCode?: string;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function headerValue(response: unknown, name: string): string | undefined {
  const r = asRecord(response);
  const headers = asRecord(r?.headers);
  if (!headers) return undefined;
  const get = headers.get;
  if (typeof get === 'function') return str((get as (n: string) => unknown).call(headers, name));
  return str(headers[name]) ?? str(headers[name.toLowerCase()]);
}

function parseBody(v: unknown): Record<string, unknown> | undefined {
  if (typeof v === 'string') {
    try {
      return asRecord(JSON.parse(v));
    } catch {
      return undefined;
    }
  }
  return asRecord(v);
}

/** Pulls the non-secret facts out of an SDK error (RestError, AuthenticationError, AbortError, …). */
export function errorFacts(err: unknown): ErrorFacts {
  const e = asRecord(err) ?? {};
  const message = typeof err === 'string' ? err : str(e.message) ?? String(err);
  const facts: ErrorFacts = { name: str(e.name), message, text: message };
  if (typeof e.statusCode === 'number') facts.statusCode = e.statusCode;
  const response = asRecord(e.response);
  if (facts.statusCode === undefined && typeof response?.status === 'number') facts.statusCode = response.status;
  facts.code = str(e.code);

  // Azure error body: { error: { code, message, innererror: { code } } } (Key Vault and ARM).
  const body = parseBody(e.details) ?? parseBody(response?.bodyAsText) ?? parseBody(response?.parsedBody);
  const bodyError = asRecord(body?.error);
  if (bodyError) {
    facts.code = str(bodyError.code) ?? facts.code;
    const inner = asRecord(bodyError.innererror) ?? asRecord(bodyError.innerError);
    facts.innerCode = str(inner?.code);
    const bodyMessage = str(bodyError.message);
    if (bodyMessage) facts.text = `${facts.text}\n${bodyMessage}`;
  }

  // @azure/identity AuthenticationError: errorResponse { error, errorDescription, errorCodes }.
  const errorResponse = asRecord(e.errorResponse);
  if (errorResponse) {
    facts.aadError = str(errorResponse.error);
    const codes = errorResponse.errorCodes ?? errorResponse.error_codes;
    if (Array.isArray(codes) && codes.length) facts.aadCode = String(codes[0]);
  }
  facts.text = `${facts.text} ${str(errorResponse?.errorDescription) ?? ''}`;
  const text = facts.text;
  const aad = /AADSTS(\d{5,7})/.exec(text);
  if (aad && !facts.aadCode) facts.aadCode = aad[1];
  if (!facts.aadError && /\binteraction_required\b/.test(text)) facts.aadError = 'interaction_required';
  if (!facts.aadError && /\binvalid_grant\b/.test(text)) facts.aadError = 'invalid_grant';

  const retryAfter = headerValue(response, 'retry-after') ?? headerValue(response, 'x-ms-retry-after-ms');
  if (retryAfter) {
    const n = Number(retryAfter);
    if (Number.isFinite(n)) facts.retryAfterSeconds = headerValue(response, 'retry-after') ? n : Math.ceil(n / 1000);
    else {
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) facts.retryAfterSeconds = Math.max(1, Math.ceil((at - Date.now()) / 1000));
    }
  }

  // Caller ids in Key Vault 403 texts: "Caller: appid=…;oid=…" or "'appid=…;oid=…;iss=…'".
  const oid = /\boid=([0-9a-f-]{36})/i.exec(text);
  if (oid) facts.callerOid = oid[1];
  const appid = /\bappid=([0-9a-f-]{36})/i.exec(text);
  if (appid) facts.callerAppId = appid[1];
  const ip = /Client address:\s*'?([0-9a-f.:]+)'?/i.exec(text);
  if (ip) facts.clientIp = ip[1];
  const cause = asRecord(e.cause);
  facts.causeCode = str(cause?.code);
  return facts;
}

function isCancellation(f: ErrorFacts): boolean {
  return f.name === 'AbortError' || f.code === 'ABORT_ERR' || /\bThe operation was aborted\b/i.test(f.text);
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function where(ctx: ProblemContext): string {
  if (ctx.environment) return `environment ${ctx.environment.name}`;
  if (ctx.vault) return `vault ${ctx.vault.name}`;
  if (ctx.subscription) return `subscription ${ctx.subscription.name ?? ctx.subscription.id}`;
  if (ctx.tenant) return `tenant ${ctx.tenant.name ?? ctx.tenant.id}`;
  return 'Azure';
}

function tenantLabel(ctx: ProblemContext): string {
  return ctx.tenant ? ctx.tenant.name ?? ctx.tenant.id : 'this tenant';
}

function identityLabel(ctx: ProblemContext, f: ErrorFacts): string {
  const who = ctx.identity ?? 'your identity';
  const ids: string[] = [];
  if (f.callerOid && !who.includes(f.callerOid)) ids.push(`object id ${f.callerOid}`);
  return ids.length ? `${who} (${ids.join(', ')})` : who;
}

/** Masks sensitive strings and keeps a message to one reasonable paragraph. */
export function redact(text: string, sensitiveValues: readonly string[] = []): string {
  let out = text;
  for (const v of sensitiveValues) {
    if (v && v.length >= 1) out = out.split(v).join('•••');
  }
  // Bearer tokens and JWTs never belong in a message either.
  out = out.replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer •••');
  out = out.replace(/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '•••');
  return out;
}

/** A service error code, kept only if it looks like one (an identifier) and holds nothing sensitive. */
function safeCode(code: string | undefined, sensitiveValues: readonly string[] = []): string | undefined {
  if (!code || !/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(code)) return undefined;
  return sensitiveValues.some((v) => v && code.includes(v)) ? undefined : code;
}

function problem(
  kind: AzureProblemKind,
  title: string,
  message: string,
  f: ErrorFacts,
  ctx: ProblemContext,
  extra: Partial<AzureProblem> = {},
): AzureProblem {
  const actions: ProblemAction[] = extra.actions ? [...extra.actions] : [];
  if (kind !== 'cancelled' && !actions.includes('retry')) actions.push('retry');
  return {
    kind,
    title: redact(title, ctx.sensitiveValues),
    message: redact(message, ctx.sensitiveValues),
    actions,
    tenantId: ctx.tenant?.id,
    statusCode: f.statusCode,
    code: safeCode(f.aadCode ? `AADSTS${f.aadCode}` : f.code, ctx.sensitiveValues),
    ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}),
    ...(extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: extra.retryAfterSeconds } : {}),
  };
}

function signInAdvice(ctx: ProblemContext, t: string, reason: string): string {
  const head = `Sign in to tenant ${t} (${reason})`;
  const tail = 'The other tenants keep working.';
  switch (ctx.accountKind) {
    case 'azureCli':
      return `${head}: run \`az login --tenant ${ctx.tenant?.id ?? '<tenant>'}\` in a terminal, then retry. ${tail}`;
    case 'servicePrincipal':
      return `${head}: tenant ${t} asks for an interactive step a service principal cannot complete; ask its administrator to exclude ${ctx.identity ?? 'the app'} from the conditional access policy, or sign in with a Microsoft account. ${tail}`;
    default:
      return `${head}: click to sign in to this tenant (or run "Flow Vault: Sign in to Tenant") and complete the prompt. ${tail}`;
  }
}

function classifyAad(f: ErrorFacts, ctx: ProblemContext, cls: AadClass): AzureProblem {
  const t = tenantLabel(ctx);
  switch (cls.kind) {
    case 'signInRequired':
      return problem('signInRequired', `Sign in to tenant ${t} (${cls.reason})`, signInAdvice(ctx, t, cls.reason), f, ctx, { actions: ['signIn'] });
    case 'accountBlocked':
      return problem(
        'accountBlocked',
        `Cannot use tenant ${t} (${cls.reason})`,
        `${ctx.identity ?? 'This account'} cannot sign in to tenant ${t}: ${cls.reason}. Ask the tenant's administrator to unblock or (re-)invite the account, or sign in with another account. The other tenants keep working.`,
        f,
        ctx,
        { actions: ['signIn'] },
      );
    case 'credentialInvalid':
      return problem(
        'credentialInvalid',
        `Sign-in failed for tenant ${t} (${cls.reason})`,
        `${ctx.identity ?? 'The service principal'} could not get a token for tenant ${t}: ${cls.reason}. Sign in again with a valid secret or certificate ("Flow Vault: Sign in to Azure").`,
        f,
        ctx,
        { actions: ['signIn'] },
      );
    case 'notFound':
      return problem(
        'notFound',
        `Tenant ${t} not found`,
        `Tenant ${t} was not found (${cls.reason}). Check the tenant id or domain you signed in with.`,
        f,
        ctx,
        { actions: ['signIn'] },
      );
  }
}

function permissionProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem {
  const who = identityLabel(ctx, f);
  const need = KEY_VAULT_NEEDS[ctx.operation];
  if (ctx.vault && need) {
    const vault = ctx.vault.name;
    const rbac = ctx.vault.rbac ?? (f.innerCode === 'ForbiddenByRbac' ? true : f.innerCode === 'AccessDenied' ? false : undefined);
    let how: string;
    if (rbac === true) {
      how = `give ${who} the ${need.rbacRole} role on the vault (Access control (IAM))`;
    } else if (rbac === false) {
      how = `give ${who} a '${need.policyPermission}' secret permission in the vault's access policies (or switch the vault to Azure RBAC and give the ${need.rbacRole} role)`;
    } else {
      how = `give ${who} the ${need.rbacRole} role, or a '${need.policyPermission}' secret permission in the vault's access policies`;
    }
    return problem(
      'permissionDenied',
      `No permission to ${need.verb} in vault ${vault}`,
      `No permission to ${need.verb} in vault ${vault}: ${how}. Role changes can take a few minutes to apply.`,
      f,
      ctx,
      { actions: ['openAccessSettings'] },
    );
  }
  if (ctx.operation === 'listVaults' || ctx.operation === 'listSubscriptions') {
    const scope = ctx.subscription ? `subscription ${ctx.subscription.name ?? ctx.subscription.id}` : `tenant ${tenantLabel(ctx)}`;
    return problem(
      'permissionDenied',
      `No permission to ${OPERATION_NOUN[ctx.operation]} in ${scope}`,
      `No permission to ${OPERATION_NOUN[ctx.operation]} in ${scope}: give ${who} the Reader role on the ${ctx.subscription ? 'subscription (or on the resource groups that hold the vaults)' : 'subscriptions'}.`,
      f,
      ctx,
      { actions: ctx.subscription ? ['openAccessSettings'] : [] },
    );
  }
  return problem(
    'permissionDenied',
    `No permission to ${OPERATION_NOUN[ctx.operation]}`,
    `No permission to ${OPERATION_NOUN[ctx.operation]} in ${where(ctx)} for ${who}${safeCode(f.code, ctx.sensitiveValues) ? ` (${safeCode(f.code, ctx.sensitiveValues)})` : ''}.`,
    f,
    ctx,
  );
}

function firewallProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem {
  const vault = ctx.vault?.name ?? 'this vault';
  const ip = f.clientIp ? ` (client address ${f.clientIp})` : '';
  return problem(
    'firewall',
    `Vault ${vault}: firewall blocks this network`,
    `The firewall of vault ${vault} blocks this network${ip}: add your public IP address to the vault's Networking → Firewall list, or work from a network it allows (a VPN, or a virtual network with a private endpoint to the vault).`,
    f,
    ctx,
    { actions: ['openPortal'] },
  );
}

function privateNetworkProblem(f: ErrorFacts, ctx: ProblemContext, dns: boolean): AzureProblem {
  const vault = ctx.vault?.name ?? 'this vault';
  const message = dns
    ? `The name of vault ${vault} does not resolve from this machine. If the vault uses a private endpoint, connect to a network that can resolve and reach it (VPN, or the private DNS zone privatelink.vaultcore.azure.net).`
    : `Vault ${vault} has public network access disabled and accepts only private-endpoint traffic: connect through a network that reaches its private endpoint (VPN, ExpressRoute or a jump box in the virtual network), or allow public access for selected networks.`;
  return problem('privateNetwork', `Vault ${vault}: reachable only through its private endpoint`, message, f, ctx, {
    actions: ['openPortal'],
  });
}

// --------------------------------------------------------------------------------------------
// Dataverse Web API: `{"error":{"code":"0x…","message":"…"}}` (azure-apis.md §1.7, §2.1, §2.4).

const DATAVERSE_CODES = {
  missingPrivilege: ['0x80040220', '0x80040299'],
  accessCheckFailed: ['0x80048306'],
  notFound: ['0x80040217', '0x80060888'],
  duplicate: ['0x80040237', '0x80060892', '0x80048408'],
  // Service protection limits: requests, execution time, concurrency.
  throttled: ['0x80072322', '0x80072321', '0x80072326'],
  notMember: ['0x80072560', '0x80072561'],
};

function isCode(code: string, list: readonly string[]): boolean {
  return list.includes(code.toLowerCase());
}

/** The vault and secret a reference names (not secret: an ARM path), for messages. */
function referenceParts(reference: string | undefined): { subscriptionId?: string; vaultName?: string; secretName?: string } {
  const m = reference ? /\/subscriptions\/([^/\s]+)\/resourceGroups\/[^/\s]+\/providers\/Microsoft\.KeyVault\/vaults\/([^/\s]+)\/secrets\/([^/\s]+)/i.exec(reference) : null;
  return m ? { subscriptionId: m[1], vaultName: m[2], secretName: m[3] } : {};
}

function keyVaultReferenceProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  const text = f.text;
  const ref = referenceParts(ctx.secretReference);
  const vault = ref.vaultName ? `vault ${ref.vaultName}` : 'the vault';
  const env = ctx.environment ? `environment ${ctx.environment.name}` : 'the environment';
  if (/Microsoft\.PowerPlatform/i.test(text) && /regist/i.test(text)) {
    const sub = ref.subscriptionId ?? '<subscription id>';
    return problem(
      'keyVaultReference',
      'Microsoft.PowerPlatform is not registered in the vault\'s subscription',
      `Power Platform refused the secret reference: the resource provider Microsoft.PowerPlatform is not registered in subscription ${sub}, which holds ${vault}. Register it (Subscription → Resource providers, or \`az provider register --namespace Microsoft.PowerPlatform --subscription ${sub}\`), wait until it shows Registered, then retry.`,
      f,
      ctx,
      { actions: ['openPortal'] },
    );
  }
  if (/not authorized to read secrets|does not have secrets get permission|not authorized.*key ?vault/i.test(text)) {
    const who = ctx.identity ?? 'your account';
    return problem(
      'keyVaultReference',
      `No permission to read secrets in ${vault}`,
      `Power Platform refused the secret reference: ${who} is not authorized to read secrets from ${vault}. Give ${who} the Key Vault Secrets User role on the vault (or a 'get' secret permission in its access policies), wait a few minutes for it to apply, then retry.`,
      f,
      ctx,
      { actions: ['openAccessSettings'] },
    );
  }
  if (/tenant/i.test(text) && /(key ?vault|vault|subscription)/i.test(text)) {
    return problem(
      'keyVaultReference',
      `${vault[0].toUpperCase()}${vault.slice(1)} is in another tenant`,
      `Power Platform refused the secret reference: ${vault} is in another tenant than ${env}. A Key Vault credential needs a vault in the environment's own tenant: pick or create a vault there.`,
      f,
      ctx,
    );
  }
  if (
    /not an? (Azure )?Key ?Vault (secret )?reference/i.test(text) ||
    (/(malformed|not (a )?valid|invalid|incorrect format)/i.test(text) && /(path|reference|secret|key ?vault)/i.test(text))
  ) {
    return problem(
      'keyVaultReference',
      'The secret reference is not a valid Key Vault path',
      'Power Platform refused the secret reference: it must read /subscriptions/{subscription id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{secret name}. Pick the secret again in the Key Vault view.',
      f,
      ctx,
    );
  }
  return undefined;
}

/** Dataverse and Global Discovery Service errors; undefined when the error is not one of theirs. */
function classifyDataverseError(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  const code = (f.code ?? '').toLowerCase();
  const env = ctx.environment ? `environment ${ctx.environment.name}` : 'Power Platform';
  const who = ctx.identity ?? 'your account';

  if (f.statusCode === 429 || isCode(code, DATAVERSE_CODES.throttled)) {
    const wait = f.retryAfterSeconds;
    return problem(
      'throttled',
      `Throttled by ${env}`,
      `Dataverse is limiting requests to ${env} (service protection)${wait ? `; wait ${wait} s` : '; wait a few seconds'} and retry. Smaller pages send fewer requests.`,
      f,
      ctx,
    );
  }
  if (isCode(code, DATAVERSE_CODES.missingPrivilege)) {
    const privilege = /\b(prv[A-Za-z]+)\b/.exec(f.text)?.[1];
    return problem(
      'permissionDenied',
      `Missing privilege${privilege ? ` ${privilege}` : ''} in ${env}`,
      `${who} may not ${OPERATION_NOUN[ctx.operation]} in ${env}${privilege ? `: the security role lacks the ${privilege} privilege` : ''}. Ask an administrator of the environment to give you a security role that has it (Power Platform admin center → Environments → ${ctx.environment?.name ?? 'the environment'} → Settings → Users → Manage security roles; for credentials, Environment Maker or a role with the credential privileges), then retry.`,
      f,
      ctx,
    );
  }
  if (isCode(code, DATAVERSE_CODES.accessCheckFailed)) {
    return problem(
      'permissionDenied',
      `No access to the record in ${env}`,
      `${who} has no access to this record in ${env} (it belongs to someone else and is not shared with you). Ask its owner to share it with you, then retry.`,
      f,
      ctx,
    );
  }
  if (isCode(code, DATAVERSE_CODES.notMember) || (f.statusCode === 403 && /not a member of the organization/i.test(f.text))) {
    return problem(
      'permissionDenied',
      `Not a user of ${env}`,
      `${who} is not a user of ${env}. Ask an administrator to add you to the environment (Power Platform admin center → Environments → Settings → Users), or sign in with an account that is one.`,
      f,
      ctx,
      { actions: ['signIn'] },
    );
  }
  const kv = keyVaultReferenceProblem(f, ctx);
  if (kv) return kv;
  if (isCode(code, DATAVERSE_CODES.duplicate)) {
    const what = ctx.credentialName ? `A credential or environment variable named like ${ctx.credentialName}` : 'A record with the same name';
    return problem('duplicate', `${what} exists already`, `${what} exists already in ${env}: choose another name, or use the existing one.`, f, ctx);
  }
  if (f.statusCode === 404 || isCode(code, DATAVERSE_CODES.notFound)) {
    const what = ctx.credentialName ? `Credential ${ctx.credentialName}` : 'The record';
    return problem('notFound', `${what} was not found in ${env}`, `${what} was not found in ${env}: it may have been deleted; refresh the view.`, f, ctx);
  }
  if (f.statusCode === 401 && ctx.environment) {
    return problem(
      'signInRequired',
      `${env[0].toUpperCase()}${env.slice(1)} refused the token`,
      `${env[0].toUpperCase()}${env.slice(1)} refused the token of ${who} (issued for another audience or tenant). Sign in again to the environment's tenant${ctx.tenant ? ` ${tenantLabel(ctx)}` : ''}, then retry.`,
      f,
      ctx,
      { actions: ['signIn'] },
    );
  }
  return undefined;
}

/** One family of errors: its problem when it recognises the error, else undefined. */
type ErrorFamily = (f: ErrorFacts, ctx: ProblemContext, err: unknown) => AzureProblem | undefined;

function cancelledProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (!isCancellation(f)) return undefined;
  return problem('cancelled', 'Cancelled', `The request to ${OPERATION_NOUN[ctx.operation]} in ${where(ctx)} was cancelled.`, f, ctx);
}

const SIGN_IN_REASONS: ReadonlyMap<string, string> = new Map([
  ['mfa', 'MFA required'],
  ['conditionalAccess', 'conditional access'],
  ['consent', 'consent required'],
]);

/** Flow Vault's own SignInRequiredError: no session for the tenant, or one that needs a prompt. */
function signInRequiredProblem(f: ErrorFacts, ctx: ProblemContext, err: unknown): AzureProblem | undefined {
  if (f.name !== 'SignInRequiredError' && !(err instanceof SignInRequiredError)) return undefined;
  const reason = (err as SignInRequiredError).reason;
  const why = reason && reason !== 'noSession' && reason !== 'other' ? ` (${SIGN_IN_REASONS.get(reason) ?? 'session expired'})` : '';
  return problem('signInRequired', `Sign in to tenant ${tenantLabel(ctx)}${why}`, signInAdvice(ctx, tenantLabel(ctx), why.replace(/^ \((.*)\)$/, '$1') || 'no session yet'), f, ctx, {
    actions: ['signIn'],
  });
}

/** Written by Flow Vault from host names only: a link or URL outside the cloud was refused before any token was sent. */
function refusedHostProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (f.name !== 'OriginMismatchError' && f.name !== 'VaultUrlNotInCloudError') return undefined;
  return problem('unknown', 'Refused a host outside the cloud', f.message, f, ctx);
}

/** Microsoft Entra ID (AADSTS codes, OAuth errors). */
function entraProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (f.aadCode && AAD_CODES[f.aadCode]) return classifyAad(f, ctx, AAD_CODES[f.aadCode]);
  if (f.aadError === 'interaction_required' || f.aadError === 'invalid_grant') {
    return classifyAad(f, ctx, { kind: 'signInRequired', reason: 'interactive sign-in needed' });
  }
  return undefined;
}

/** Azure CLI not signed in / not installed (CredentialUnavailableError). */
function credentialUnavailableProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (f.name !== 'CredentialUnavailableError') return undefined;
  const cliMissing = /Azure CLI could not be found|'az' is not recognized|command not found/i.test(f.text);
  const cliSignedOut = /az login|Please run 'az login'/i.test(f.text);
  const msg = cliMissing
    ? 'The Azure CLI (az) is not installed or not on the PATH of VS Code: install it, or sign in another way.'
    : cliSignedOut
      ? `The Azure CLI is not signed in${ctx.tenant ? ` to tenant ${tenantLabel(ctx)}` : ''}: run \`az login${ctx.tenant ? ` --tenant ${ctx.tenant.id}` : ''}\` in a terminal, then retry.`
      : `No credential is available for ${where(ctx)}: sign in again ("Flow Vault: Sign in to Azure").`;
  return problem('credentialInvalid', cliMissing ? 'Azure CLI not found' : 'Sign-in needed', msg, f, ctx, { actions: ['signIn'] });
}

function authenticationProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (f.name !== 'AuthenticationError' && f.name !== 'AuthenticationRequiredError') return undefined;
  return problem(
    'signInRequired',
    `Sign in to tenant ${tenantLabel(ctx)}`,
    `Could not get a token for tenant ${tenantLabel(ctx)}${f.aadCode ? ` (AADSTS${f.aadCode})` : ''}: sign in again ("Flow Vault: Sign in to Azure").`,
    f,
    ctx,
    { actions: ['signIn'] },
  );
}

/** A Dataverse call (an environment in the context, or a Dataverse `0x…` error code). */
function dataverseProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (!ctx.environment && !/^0x[0-9a-f]{8}$/i.test(f.code ?? '')) return undefined;
  return classifyDataverseError(f, ctx);
}

function throttledProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  const code = f.code ?? '';
  if (f.statusCode !== 429 && code !== 'Throttled' && code !== 'TooManyRequests') return undefined;
  const wait = f.retryAfterSeconds;
  return problem(
    'throttled',
    `Throttled by ${ctx.vault ? `vault ${ctx.vault.name}` : 'Azure'}`,
    `Azure is throttling requests to ${where(ctx)}${wait ? `; wait ${wait} s` : '; wait a few seconds'} and retry.${ctx.vault ? ' Large vaults load a page at a time; a smaller page size (setting flowVault.keyVault.pageSize) sends fewer requests.' : ''}`,
    f,
    ctx,
  );
}

const INVALID_TOKEN_CODES = ['InvalidAuthenticationTokenTenant', 'ExpiredAuthenticationToken', 'InvalidAuthenticationToken'];

/** HTTP 401. */
function unauthorizedProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (f.statusCode !== 401) return undefined;
  const reason = INVALID_TOKEN_CODES.includes(f.code ?? '') ? 'token not valid for this tenant' : 'not authenticated';
  return classifyAad(f, ctx, { kind: 'signInRequired', reason });
}

const DISABLED_SUBSCRIPTION_CODES = ['ReadOnlyDisabledSubscription', 'SubscriptionNotRegistered', 'DisabledSubscription'];

/** HTTP 403: a firewall, a private endpoint, a disabled subscription, or a missing permission. */
function forbiddenProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (f.statusCode !== 403) return undefined;
  const code = f.code ?? '';
  if (f.innerCode === 'ForbiddenByFirewall' || /Client address is not authorized|caller is not a trusted service/i.test(f.text)) {
    return firewallProblem(f, ctx);
  }
  if (f.innerCode === 'ForbiddenByConnection' || /Public network access is disabled/i.test(f.text)) {
    return privateNetworkProblem(f, ctx, false);
  }
  if (DISABLED_SUBSCRIPTION_CODES.includes(code)) {
    return problem(
      'permissionDenied',
      `Subscription ${ctx.subscription?.name ?? ctx.subscription?.id ?? ''} is disabled`.trim(),
      `Subscription ${ctx.subscription?.name ?? ctx.subscription?.id ?? ''} is disabled or read-only (${code}): re-enable it in the portal (Cost Management + Billing).`,
      f,
      ctx,
      { actions: ['openPortal'] },
    );
  }
  return permissionProblem(f, ctx);
}

/** HTTP 404: says what was not found, from the most specific part of the context. */
function notFoundProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (f.statusCode !== 404) return undefined;
  const what =
    ctx.secretName && ctx.vault
      ? `Secret ${ctx.secretName} was not found in vault ${ctx.vault.name}`
      : ctx.vault
        ? `Vault ${ctx.vault.name} was not found`
        : ctx.subscription
          ? `Subscription ${ctx.subscription.name ?? ctx.subscription.id} was not found`
          : `Nothing found for ${OPERATION_NOUN[ctx.operation]}`;
  return problem('notFound', what, `${what} (${safeCode(f.code ?? '', ctx.sensitiveValues) ?? 'NotFound'}): it may have been deleted or renamed; refresh the view.`, f, ctx);
}

/** HTTP 409 for a name held by a soft-deleted secret. */
function deletedSecretConflictProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  if (f.statusCode !== 409 || !/deleted but recoverable|ObjectIsDeletedButRecoverable/i.test(`${f.code ?? ''} ${f.text}`)) return undefined;
  return problem(
    'deletedSecretConflict',
    `Secret ${ctx.secretName ?? ''} exists as a deleted secret`.replace('  ', ' '),
    `A deleted secret named ${ctx.secretName ?? 'like this'} is still kept by vault ${ctx.vault?.name ?? ''} (soft delete): recover it, purge it, or choose another name.`,
    f,
    ctx,
    { actions: ['openPortal'] },
  );
}

/** A network error code on the error or its cause; for a vault, DNS or a disabled public endpoint points at a private network. */
function networkProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem | undefined {
  const code = f.code ?? '';
  const netCode = NETWORK_CODES.has(code) ? code : f.causeCode && NETWORK_CODES.has(f.causeCode) ? f.causeCode : undefined;
  if (!netCode) return undefined;
  if (ctx.vault && (netCode === 'ENOTFOUND' || netCode === 'EAI_AGAIN')) return privateNetworkProblem(f, ctx, true);
  if (ctx.vault && ctx.vault.publicNetworkAccess?.toLowerCase() === 'disabled') return privateNetworkProblem(f, ctx, false);
  const place = where(ctx);
  return problem('network', `Cannot reach ${place}`, `Cannot reach ${place} (${netCode}): check the network connection and any proxy (setting http.proxy), then retry.`, f, ctx);
}

function unknownProblem(f: ErrorFacts, ctx: ProblemContext): AzureProblem {
  const detail = [f.statusCode ? `HTTP ${f.statusCode}` : undefined, safeCode(f.code ?? '', ctx.sensitiveValues)].filter(Boolean).join(', ');
  return problem(
    'unknown',
    `Could not ${OPERATION_NOUN[ctx.operation]}`,
    `Could not ${OPERATION_NOUN[ctx.operation]} in ${where(ctx)}${detail ? ` (${detail})` : ''}. Retry; if it keeps failing, check the Flow Vault output channel.`,
    f,
    ctx,
  );
}

/** The families in the order they are tried: sign-in trouble before HTTP status, Dataverse before the generic statuses. */
const ERROR_FAMILIES: readonly ErrorFamily[] = [
  cancelledProblem,
  signInRequiredProblem,
  refusedHostProblem,
  entraProblem,
  credentialUnavailableProblem,
  authenticationProblem,
  dataverseProblem,
  throttledProblem,
  unauthorizedProblem,
  forbiddenProblem,
  notFoundProblem,
  deletedSecretConflictProblem,
  networkProblem,
];

/** Classifies an error thrown by an Azure SDK call into what is wrong and what to do. */
export function classifyAzureError(err: unknown, ctx: ProblemContext): AzureProblem {
  if (isAzureProblem(err)) return err;
  const f = errorFacts(err);
  for (const family of ERROR_FAMILIES) {
    const found = family(f, ctx, err);
    if (found) return found;
  }
  return unknownProblem(f, ctx);
}

export function isAzureProblem(v: unknown): v is AzureProblem {
  const r = asRecord(v);
  return !!r && typeof r.kind === 'string' && typeof r.title === 'string' && typeof r.message === 'string' && Array.isArray(r.actions);
}

/** An Error that carries a classified problem (for code paths that must throw). */
export class AzureProblemError extends Error {
  override readonly name = 'AzureProblemError';
  constructor(readonly problem: AzureProblem) {
    super(problem.message);
  }
}

/** Runs `fn`, and throws what it throws as a classified AzureProblemError. */
export async function classified<T>(ctx: ProblemContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AzureProblemError) throw e;
    throw new AzureProblemError(classifyAzureError(e, ctx));
  }
}

/** A line for the output channel: kind, code and the message; never a value. */
export function describeProblemForLog(p: AzureProblem): string {
  return `[${p.kind}${p.code ? ` ${p.code}` : ''}${p.statusCode ? ` ${p.statusCode}` : ''}] ${p.message}`;
}
