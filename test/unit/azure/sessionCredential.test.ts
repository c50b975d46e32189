import * as assert from 'assert';
import { callbackAccount } from '../../../src/azure/auth/accounts';
import { readTokenClaims } from '../../../src/azure/auth/credentials';
import { jwtExpiry, sessionScopes, sessionTokenCallback, type SessionLike } from '../../../src/azure/auth/sessionCredential';
import { AZURE_CLOUDS } from '../../../src/azure/clouds';
import { classifyAzureError, SignInRequiredError } from '../../../src/azure/errors';

function jwt(payload: object): string {
  const b = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'none' })}.${b(payload)}.`;
}

describe('azure/auth/sessionCredential (VS Code account provider adapter)', () => {
  it('asks for the resource scope plus the tenant (and client id) pseudo-scopes', () => {
    assert.deepStrictEqual(sessionScopes(['https://vault.azure.net/.default'], 't1'), ['https://vault.azure.net/.default', 'VSCODE_TENANT:t1']);
    assert.deepStrictEqual(sessionScopes(['https://management.azure.com/'], undefined, 'c1'), [
      'https://management.azure.com/.default',
      'VSCODE_CLIENT_ID:c1',
      'VSCODE_TENANT:organizations',
    ]);
  });

  it('gets tokens silently per tenant; a tenant without a session is "sign in required" for that tenant only', async () => {
    const asked: string[][] = [];
    const token = jwt({ exp: 2_000_000_000, oid: 'o1', upn: 'ana@contoso.com' });
    const cb = sessionTokenCallback({
      cloud: AZURE_CLOUDS.AzureCloud,
      getSession: async (scopes, mode): Promise<SessionLike | undefined> => {
        asked.push([...scopes, mode]);
        return scopes.includes('VSCODE_TENANT:mfa-tenant') ? undefined : { accessToken: token, account: { id: 'a', label: 'ana' }, scopes };
      },
    });
    const account = callbackAccount({ id: 'ms:a', kind: 'microsoft', label: 'ana', cloud: AZURE_CLOUDS.AzureCloud, identity: 'ana', getToken: cb });
    const t = await account.credential('good-tenant').getToken('https://management.azure.com/.default');
    assert.strictEqual(t?.token, token);
    assert.strictEqual(t?.expiresOnTimestamp, 2_000_000_000_000);
    assert.deepStrictEqual(asked[0], ['https://management.azure.com/.default', 'VSCODE_TENANT:good-tenant', 'silent']);
    // The Key Vault challenge names a tenant: it wins over the account's default.
    await account.credential('good-tenant').getToken('https://vault.azure.net/.default', { tenantId: 'other' });
    assert.ok(asked[1].includes('VSCODE_TENANT:other'));
    await assert.rejects(account.credential('mfa-tenant').getToken('https://management.azure.com/.default'), (e: unknown) => {
      assert.ok(e instanceof SignInRequiredError);
      const p = classifyAzureError(e, { operation: 'listSubscriptions', tenant: { id: 'mfa-tenant', name: 'Fabrikam' }, accountKind: 'microsoft' });
      assert.strictEqual(p.title, 'Sign in to tenant Fabrikam');
      return true;
    });
    assert.ok(asked.every((a) => a[a.length - 1] === 'silent'), 'never prompts by itself');
  });

  it('reads display claims and expiry from a JWT without verifying it', () => {
    assert.deepStrictEqual(readTokenClaims(jwt({ oid: 'o', appid: 'a', tid: 't', upn: 'u' })), { oid: 'o', appid: 'a', tid: 't', upn: 'u', name: undefined });
    assert.deepStrictEqual(readTokenClaims('not-a-jwt'), {});
    assert.strictEqual(jwtExpiry('x.y'), undefined);
  });
});
