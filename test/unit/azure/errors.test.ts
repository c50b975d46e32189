import * as assert from 'assert';
import { classifyAzureError, redact, SignInRequiredError, type ProblemContext } from '../../../src/azure/errors';

const tenant = { id: '2b6e9d4f-1a3c-4e5b-9c7d-8e0f1a2b3c4d', name: 'Fabrikam' };
const vault = { name: 'kv-prod', rbac: true };
const identity = 'service principal demo (app id 3f8b2c6d-9e1a-4b7c-8d5e-0f1a2b3c4d5e)';

function rest(statusCode: number, code: string, message: string, inner?: string, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`Pagination failed with unexpected statusCode ${statusCode}`), {
    name: 'RestError',
    statusCode,
    code,
    details: { error: { code, message, innerError: inner ? { code: inner } : undefined } },
    response: { status: statusCode, headers: { get: (n: string) => headers[n.toLowerCase()] } },
  });
}

function aad(code: string) {
  return Object.assign(new Error(`AuthenticationError: invalid_grant AADSTS${code}: something. Trace ID: x`), {
    name: 'AuthenticationError',
    statusCode: 400,
    errorResponse: { error: 'invalid_grant', errorDescription: `AADSTS${code}: something`, errorCodes: [Number(code)] },
  });
}

describe('azure/errors: classifyAzureError', () => {
  it('RBAC 403 on list: names the vault, the identity and the role', () => {
    const p = classifyAzureError(
      rest(403, 'Forbidden', "Caller is not authorized to perform action on resource.\r\nCaller: appid=3f8b2c6d-9e1a-4b7c-8d5e-0f1a2b3c4d5e;oid=9c8b7a6f-5e4d-4c3b-a291-8f7e6d5c4b3a;iss=x\r\n", 'ForbiddenByRbac'),
      { operation: 'listSecrets', vault, identity },
    );
    assert.strictEqual(p.kind, 'permissionDenied');
    assert.strictEqual(p.title, 'No permission to list secrets in vault kv-prod');
    assert.match(p.message, /give service principal demo .* \(object id 9c8b7a6f-5e4d-4c3b-a291-8f7e6d5c4b3a\) the Key Vault Secrets User role/);
    assert.ok(p.actions.includes('retry') && p.actions.includes('openAccessSettings'));
  });

  it('access-policy 403 on set: the missing policy permission', () => {
    const p = classifyAzureError(rest(403, 'Forbidden', "does not have secrets set permission on key vault 'kv;location=x'", 'AccessDenied'), {
      operation: 'setSecret',
      vault: { name: 'kv-legacy', rbac: false },
      identity,
    });
    assert.match(p.message, /No permission to set secrets in vault kv-legacy: give .* a 'set' secret permission in the vault's access policies/);
  });

  it('unknown permission model: offers both', () => {
    const p = classifyAzureError(rest(403, 'Forbidden', 'x'), { operation: 'listSecrets', vault: { name: 'kv' }, identity });
    assert.match(p.message, /the Key Vault Secrets User role, or a 'list' secret permission in the vault's access policies/);
  });

  it('firewall and private endpoint', () => {
    const fw = classifyAzureError(
      rest(403, 'Forbidden', 'Client address is not authorized and caller is not a trusted service.\r\nClient address: 198.51.100.7\r\n', 'ForbiddenByFirewall'),
      { operation: 'listSecrets', vault },
    );
    assert.strictEqual(fw.kind, 'firewall');
    assert.match(fw.message, /firewall of vault kv-prod blocks this network \(client address 198\.51\.100\.7\)/);
    const pe = classifyAzureError(rest(403, 'Forbidden', 'Public network access is disabled and request is not from a trusted service', 'ForbiddenByConnection'), {
      operation: 'listSecrets',
      vault,
    });
    assert.strictEqual(pe.kind, 'privateNetwork');
    const dns = classifyAzureError(Object.assign(new Error('getaddrinfo ENOTFOUND kv-prod.vault.azure.net'), { code: 'ENOTFOUND' }), { operation: 'listSecrets', vault });
    assert.strictEqual(dns.kind, 'privateNetwork');
    assert.match(dns.message, /does not resolve/);
  });

  it('throttled, with the wait from Retry-After', () => {
    const p = classifyAzureError(rest(429, 'Throttled', 'Request was not processed because too many requests were received.', undefined, { 'retry-after': '7' }), {
      operation: 'listSecrets',
      vault,
    });
    assert.strictEqual(p.kind, 'throttled');
    assert.strictEqual(p.retryAfterSeconds, 7);
    assert.match(p.message, /wait 7 s and retry/);
  });

  it('Entra ID: MFA, locked, guest, bad secret, expired secret, tenant not found', () => {
    const ctx: ProblemContext = { operation: 'signIn', tenant, identity: 'ana@contoso.com', accountKind: 'microsoft' };
    const mfa = classifyAzureError(aad('50076'), ctx);
    assert.strictEqual(mfa.kind, 'signInRequired');
    assert.strictEqual(mfa.title, 'Sign in to tenant Fabrikam (MFA required)');
    assert.ok(mfa.actions.includes('signIn'));
    assert.match(classifyAzureError(aad('50076'), { ...ctx, accountKind: 'azureCli' }).message, /az login --tenant 2b6e9d4f/);
    assert.match(classifyAzureError(aad('50076'), { ...ctx, accountKind: 'servicePrincipal' }).message, /service principal cannot complete/);
    assert.strictEqual(classifyAzureError(aad('50053'), ctx).kind, 'accountBlocked');
    assert.match(classifyAzureError(aad('50053'), ctx).message, /account locked/);
    assert.match(classifyAzureError(aad('90072'), ctx).title, /guest account/);
    assert.strictEqual(classifyAzureError(aad('7000215'), ctx).kind, 'credentialInvalid');
    assert.match(classifyAzureError(aad('7000222'), ctx).message, /client secret expired/);
    assert.strictEqual(classifyAzureError(aad('90002'), ctx).kind, 'notFound');
  });

  it('a VS Code session missing for a tenant', () => {
    const p = classifyAzureError(new SignInRequiredError(tenant.id, 'noSession'), { operation: 'listSubscriptions', tenant, accountKind: 'microsoft' });
    assert.strictEqual(p.kind, 'signInRequired');
    assert.strictEqual(p.title, 'Sign in to tenant Fabrikam');
  });

  it('Azure CLI signed out or missing', () => {
    const out = classifyAzureError(Object.assign(new Error("Please run 'az login' to setup account."), { name: 'CredentialUnavailableError' }), {
      operation: 'listTenants',
      tenant,
    });
    assert.strictEqual(out.kind, 'credentialInvalid');
    assert.match(out.message, /az login --tenant 2b6e9d4f/);
    const missing = classifyAzureError(Object.assign(new Error('Azure CLI could not be found.'), { name: 'CredentialUnavailableError' }), { operation: 'signIn' });
    assert.strictEqual(missing.title, 'Azure CLI not found');
  });

  it('ARM: no Reader on the subscription; disabled subscription; wrong-tenant token', () => {
    const sub = { id: '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c', name: 'RPA Prod' };
    const p = classifyAzureError(rest(403, 'AuthorizationFailed', "The client 'x' does not have authorization to perform action 'Microsoft.KeyVault/vaults/read'"), {
      operation: 'listVaults',
      subscription: sub,
      identity,
    });
    assert.match(p.message, /No permission to list key vaults in subscription RPA Prod: give .* the Reader role on the subscription/);
    assert.match(classifyAzureError(rest(403, 'ReadOnlyDisabledSubscription', 'x'), { operation: 'listVaults', subscription: sub }).title, /is disabled/);
    assert.strictEqual(classifyAzureError(rest(401, 'InvalidAuthenticationTokenTenant', 'x'), { operation: 'listVaults', tenant }).kind, 'signInRequired');
  });

  it('not found, deleted-secret conflict, cancellation, network, unknown', () => {
    assert.strictEqual(classifyAzureError(rest(404, 'SecretNotFound', 'A secret with (name/id) x was not found'), { operation: 'getSecret', vault, secretName: 'x' }).title, 'Secret x was not found in vault kv-prod');
    assert.strictEqual(classifyAzureError(rest(409, 'Conflict', 'Secret x is currently in a deleted but recoverable state'), { operation: 'createSecret', vault, secretName: 'x' }).kind, 'deletedSecretConflict');
    const c = classifyAzureError(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }), { operation: 'listSecrets', vault });
    assert.strictEqual(c.kind, 'cancelled');
    assert.ok(!c.actions.includes('retry'));
    assert.strictEqual(classifyAzureError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { operation: 'listTenants' }).kind, 'network');
    const u = classifyAzureError(rest(500, 'InternalError', 'boom with details'), { operation: 'listSecrets', vault });
    assert.strictEqual(u.kind, 'unknown');
    assert.strictEqual(u.message, 'Could not list secrets in vault kv-prod (HTTP 500, InternalError). Retry; if it keeps failing, check the Flow Vault output channel.');
  });

  it('never passes a value through: sensitive strings, bearer tokens and JWTs are masked', () => {
    const value = 'Sup3r-Secret!';
    const p = classifyAzureError(rest(400, value, `bad ${value}`), { operation: 'setSecret', vault, secretName: 's', sensitiveValues: [value] });
    assert.ok(!JSON.stringify(p).includes(value), JSON.stringify(p));
    assert.strictEqual(redact('Authorization: Bearer abc.def.ghi'), 'Authorization: Bearer •••');
    assert.strictEqual(redact('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.sig'), 'token •••');
  });
});
