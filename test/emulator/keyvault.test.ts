import * as assert from 'assert/strict';
import * as https from 'https';
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { startFakeAzure, FakeAzure } from '../../src/fake-azure';
import { DEMO, innerErrorCode, rejection, requestsTo, smallScenario } from './helpers';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function rawGet(fake: FakeAzure, host: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get({ host, path, agent: fake.agent }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

describe('fake Key Vault (real @azure/keyvault-secrets)', () => {
  let fake: FakeAzure;
  let cred: ClientSecretCredential;
  const client = (vaultUrl: string): SecretClient => new SecretClient(vaultUrl, cred, fake.clientOptions);
  before(async () => {
    fake = await startFakeAzure();
    const c = fake.credentials;
    cred = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret!, fake.clientOptions);
  });
  after(async () => {
    await fake.close();
  });

  it('answers a request without a token with the exact challenge the SDK parses', async () => {
    const res = await rawGet(fake, 'kv-contoso-rpa-prod.vault.azure.net', '/secrets?api%2Dversion=2025-07-01');
    assert.equal(res.status, 401);
    assert.equal(res.headers['www-authenticate'], `Bearer authorization="https://login.microsoftonline.com/${DEMO.tenantId}", resource="https://vault.azure.net"`);
    assert.deepEqual(JSON.parse(res.body), { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } });
  });

  it('runs the challenge handshake once per client, then sends the token at once', async () => {
    fake.clearRequests();
    const kv = client(DEMO.rbacVault);
    await kv.getSecret('sap-password');
    await kv.getSecret('erp-db-connection');
    const calls = requestsTo(fake, 'kv-contoso-rpa-prod.vault.azure.net');
    assert.deepEqual(calls.map((r) => [r.path, r.status, r.authenticated]), [
      ['/secrets/sap-password/', 401, false],
      ['/secrets/sap-password/', 200, true],
      ['/secrets/erp-db-connection/', 200, true],
    ]);
    assert.ok(calls.every((r) => r.query.startsWith('api%2Dversion=2025-07-01')), 'the SDK sends the encoded api%2Dversion key');
  });

  it('gets the latest version, a version by id, content type, tags and attributes', async () => {
    const kv = client(DEMO.rbacVault);
    const latest = await kv.getSecret('sap-password');
    assert.equal(latest.value, 'demo-only-Sap-Spring-2025!');
    assert.equal(latest.properties.contentType, 'password');
    assert.equal(latest.properties.tags?.rotation, 'quarterly');
    assert.equal(latest.properties.vaultUrl, DEMO.rbacVault);
    assert.ok(latest.properties.expiresOn && latest.properties.expiresOn > new Date());
    assert.equal(latest.properties.recoveryLevel, 'Recoverable+Purgeable');
    const versions = await all(kv.listPropertiesOfSecretVersions('sap-password'));
    assert.equal(versions.length, 2);
    const older = versions.find((v) => v.version !== latest.properties.version)!;
    const first = await kv.getSecret('sap-password', { version: older.version });
    assert.equal(first.value, 'demo-only-Sap-Winter-2024!');
    assert.equal(first.properties.version, older.version);
  });

  it('lists secret properties with states: disabled, expired, expiring soon, not yet valid', async () => {
    const props = await all(client(DEMO.rbacVault).listPropertiesOfSecrets());
    const byName = new Map(props.map((p) => [p.name, p]));
    assert.equal(byName.get('citrix-service-account')?.enabled, false);
    assert.ok(byName.get('legacy-ftp-password')!.expiresOn! < new Date());
    const soon = byName.get('smtp-relay')!.expiresOn!.getTime() - Date.now();
    assert.ok(soon > 0 && soon < 10 * 86400 * 1000);
    assert.ok(byName.get('sharepoint-robot')!.notBefore! > new Date());
    assert.equal(byName.get('erp-db-connection')?.contentType, 'connection-string');
    assert.ok(props.every((p) => (p as { value?: string }).value === undefined), 'lists carry no values');
  });

  it('pages a 60-secret list with maxresults=25 in 3 requests (nextLink with $skiptoken and api-version)', async () => {
    const big = await startFakeAzure({ scenario: smallScenario({ generate: { secrets: 60 } }) });
    try {
      const t = big.identity('tester');
      const c = new ClientSecretCredential(t.tenantId, t.clientId!, t.clientSecret!, big.clientOptions);
      const kv = new SecretClient('https://kv-test-vault.vault.azure.net', c, big.clientOptions);
      const pages: number[] = [];
      for await (const page of kv.listPropertiesOfSecrets().byPage({ maxPageSize: 25 })) pages.push(page.length);
      assert.deepEqual(pages, [25, 25, 10]);
      const calls = requestsTo(big, 'kv-test-vault.vault.azure.net', '/secrets').filter((r) => r.status === 200);
      assert.equal(calls.length, 3);
      assert.match(calls[0].query, /maxresults=25/);
      for (const r of calls.slice(1)) {
        assert.match(r.query, /^api-version=2025-07-01&\$skiptoken=[^&]+&maxresults=25$/);
      }
      // Default page size (no maxresults) is the service's 25.
      big.clearRequests();
      assert.equal((await all(kv.listPropertiesOfSecrets())).length, 60);
      assert.equal(requestsTo(big, 'kv-test-vault.vault.azure.net', '/secrets').length, 3);
    } finally {
      await big.close();
    }
  });

  it('sets a new version, updates properties, deletes (soft delete), recovers and purges', async () => {
    const kv = client(DEMO.rbacVault);
    const v1 = await kv.setSecret('new-robot-password', 'first-value', { contentType: 'password', tags: { team: 'rpa' } });
    const v2 = await kv.setSecret('new-robot-password', 'second-value', { expiresOn: new Date(Date.now() + 86400_000) });
    assert.notEqual(v1.properties.version, v2.properties.version);
    assert.equal((await kv.getSecret('new-robot-password')).value, 'second-value');
    assert.equal((await all(kv.listPropertiesOfSecretVersions('new-robot-password'))).length, 2);

    const updated = await kv.updateSecretProperties('new-robot-password', v2.properties.version!, {
      enabled: false,
      contentType: 'text/plain',
      tags: { owner: 'me' },
      notBefore: new Date('2030-01-01T00:00:00Z'),
    });
    assert.equal(updated.enabled, false);
    assert.equal(updated.contentType, 'text/plain');
    assert.deepEqual(updated.tags, { owner: 'me' });
    assert.equal(updated.notBefore?.toISOString(), '2030-01-01T00:00:00.000Z');
    const disabled = await rejection(() => kv.getSecret('new-robot-password'));
    assert.equal(disabled.statusCode, 403);
    assert.equal(disabled.code, 'Forbidden');
    assert.equal(disabled.message, 'Operation get is not allowed on a disabled secret.');
    assert.equal(innerErrorCode(disabled), 'SecretDisabled');

    const poller = await kv.beginDeleteSecret('new-robot-password');
    const deleted = await poller.pollUntilDone();
    assert.equal(deleted.name, 'new-robot-password');
    assert.equal(deleted.recoveryId, `${DEMO.rbacVault}/deletedsecrets/new-robot-password`);
    assert.ok(deleted.deletedOn && deleted.scheduledPurgeDate && deleted.scheduledPurgeDate > deleted.deletedOn);
    assert.ok(!(await all(kv.listPropertiesOfSecrets())).some((p) => p.name === 'new-robot-password'), 'gone from the list');
    assert.ok((await all(kv.listDeletedSecrets())).some((p) => p.name === 'new-robot-password'));
    const conflict = await rejection(() => kv.setSecret('new-robot-password', 'x'));
    assert.equal(conflict.statusCode, 409);

    await (await kv.beginRecoverDeletedSecret('new-robot-password')).pollUntilDone();
    assert.ok((await all(kv.listPropertiesOfSecrets())).some((p) => p.name === 'new-robot-password'), 'recovered');
    await (await kv.beginDeleteSecret('new-robot-password')).pollUntilDone();
    await kv.purgeDeletedSecret('new-robot-password');
    assert.ok(!(await all(kv.listDeletedSecrets())).some((p) => p.name === 'new-robot-password'));
  });

  it('answers a missing secret with 404 SecretNotFound', async () => {
    const err = await rejection(() => client(DEMO.rbacVault).getSecret('no-such-secret'));
    assert.equal(err.name, 'RestError');
    assert.equal(err.statusCode, 404);
    assert.equal(err.code, 'SecretNotFound');
    assert.match(err.message, /^A secret with \(name\/id\) no-such-secret was not found in this key vault\./);
  });

  it('enforces access policies (403 Forbidden / AccessDenied) on an access-policy vault', async () => {
    const kv = client(DEMO.accessPolicyVault);
    assert.equal((await kv.getSecret('mainframe-password')).value, 'demo-only-mainframe');
    assert.equal((await all(kv.listPropertiesOfSecrets())).length, 3);
    const err = await rejection(() => kv.setSecret('mainframe-password', 'new'));
    assert.equal(err.statusCode, 403);
    assert.equal(err.code, 'Forbidden');
    assert.equal(innerErrorCode(err), 'AccessDenied');
    const c = fake.credentials;
    assert.equal(
      err.message,
      `The user, group or application 'appid=${c.clientId};oid=${c.objectId};iss=https://sts.windows.net/${DEMO.tenantId}/' does not have secrets set permission on key vault 'kv-contoso-rpa-legacy;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
    );
  });

  it('enforces RBAC (403 ForbiddenByRbac) on an RBAC vault where the caller has no data role', async () => {
    const err = await rejection(() => client(DEMO.noPermissionVault).getSecret('swift-gateway-password'));
    assert.equal(err.statusCode, 403);
    assert.equal(err.code, 'Forbidden');
    assert.equal(innerErrorCode(err), 'ForbiddenByRbac');
    assert.match(err.message, /^Caller is not authorized to perform action on resource\.\r\n/);
    assert.match(err.message, /Action: 'Microsoft\.KeyVault\/vaults\/secrets\/getSecret\/action'/);
    assert.match(err.message, /DecisionReason: 'DeniedWithNoValidRBAC'/);
  });

  it('grants access once a role assignment exists (403 before, 200 after)', async () => {
    const kv = client(DEMO.noPermissionVault);
    assert.equal((await rejection(() => kv.getSecret('bank-portal-password'))).statusCode, 403);
    const scope = `/subscriptions/${DEMO.prodSubscription}/resourceGroups/rg-finance/providers/Microsoft.KeyVault/vaults/kv-contoso-finance/secrets/bank-portal-password`;
    fake.state.addRoleAssignment({ scope, principal: 'flowvault-demo', role: 'Key Vault Secrets User' });
    try {
      assert.equal((await kv.getSecret('bank-portal-password')).value, 'demo-only-bank');
      // The assignment is on one secret only: the other stays forbidden.
      assert.equal((await rejection(() => kv.getSecret('swift-gateway-password'))).statusCode, 403);
    } finally {
      fake.state.removeRoleAssignments({ scope });
    }
    assert.equal((await rejection(() => kv.getSecret('bank-portal-password'))).statusCode, 403);
  });

  it('enforces the vault firewall (403 ForbiddenByFirewall) and publicNetworkAccess Disabled (403 ForbiddenByConnection)', async () => {
    const fw = await rejection(() => client(DEMO.firewallVault).getSecret('payroll-db-password'));
    assert.equal(fw.statusCode, 403);
    assert.equal(fw.code, 'Forbidden');
    assert.equal(innerErrorCode(fw), 'ForbiddenByFirewall');
    assert.match(fw.message, /^Client address is not authorized and caller is not a trusted service\.\r\nClient address: 127\.0\.0\.1\r\n/);
    const pna = await rejection(() => client(DEMO.privateOnlyVault).getSecret('test-sap-password'));
    assert.equal(pna.statusCode, 403);
    assert.equal(innerErrorCode(pna), 'ForbiddenByConnection');
    // Allowing the caller's address opens the firewall.
    const vault = fake.state.vault('kv-contoso-rpa-secure');
    vault.networkAcls!.ipRules.push({ value: '127.0.0.1/32' });
    try {
      assert.equal((await client(DEMO.firewallVault).getSecret('payroll-db-password')).value, 'demo-only-payroll');
    } finally {
      vault.networkAcls!.ipRules.pop();
    }
  });

  it('honours Retry-After on 429 Throttled (the SDK retries once and succeeds)', async () => {
    const kv = client(DEMO.rbacVault);
    await kv.getSecret('erp-db-connection'); // finish the challenge first
    const remove = fake.faults.add({ id: 'throttle-once', host: 'kv-contoso-rpa-prod.vault.azure.net', path: '/secrets/servicenow-api-key/', status: 429, retryAfter: 1, count: 1 });
    try {
      fake.clearRequests();
      const started = Date.now();
      const s = await kv.getSecret('servicenow-api-key');
      const elapsed = Date.now() - started;
      assert.equal(s.name, 'servicenow-api-key');
      const calls = requestsTo(fake, 'kv-contoso-rpa-prod.vault.azure.net', '/secrets/servicenow-api-key/');
      assert.deepEqual(calls.map((r) => r.status), [429, 200]);
      assert.equal(calls[0].fault, 'throttle-once');
      assert.ok(elapsed >= 1000, `waited ${elapsed} ms, expected >= 1000`);
    } finally {
      remove();
    }
  });

  it('gives up on a vault that always throttles, with RestError 429 Throttled', async () => {
    const vault = fake.state.vault('kv-contoso-rpa-legacy');
    vault.throttle = { retryAfterSeconds: 0 };
    try {
      fake.clearRequests();
      const err = await rejection(() => client(DEMO.accessPolicyVault).getSecret('mainframe-password'));
      assert.equal(err.statusCode, 429);
      assert.equal(err.code, 'Throttled');
      const throttled = requestsTo(fake, 'kv-contoso-rpa-legacy.vault.azure.net').filter((r) => r.status === 429);
      assert.equal(throttled.length, 4, 'one request and three retries');
    } finally {
      vault.throttle = undefined;
    }
  });

  it('injects 500s on the N-th request and latency per host/path pattern', async () => {
    const kv = client(DEMO.rbacVault);
    await kv.getSecret('erp-db-connection');
    const removeLatency = fake.faults.add({ host: '*.vault.azure.net', path: '/secrets/orchestrator-webhook-token/', latencyMs: 300 });
    const removeFailure = fake.faults.add({ host: '*.vault.azure.net', path: '/secrets/orchestrator-webhook-token/', status: 500, nth: 1 });
    try {
      fake.clearRequests();
      const started = Date.now();
      await kv.getSecret('orchestrator-webhook-token');
      assert.ok(Date.now() - started >= 600);
      assert.deepEqual(requestsTo(fake, 'kv-contoso-rpa-prod.vault.azure.net').map((r) => r.status), [500, 200]);
    } finally {
      removeLatency();
      removeFailure();
    }
  });

  it('refuses to tunnel to hosts that are not emulated (unknown vault names do not resolve)', async () => {
    const err = await rejection(() => client('https://kv-does-not-exist.vault.azure.net').getSecret('x'));
    assert.ok(err.message.length > 0);
    assert.ok(fake.refusedConnects.includes('kv-does-not-exist.vault.azure.net:443'));
  });
});
