import * as assert from 'assert/strict';
import * as os from 'os';
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { startFakeAzure } from '../../src/fake-azure';
import { FaultInjector } from '../../src/fake-azure/faults';
import { actionMatches } from '../../src/fake-azure/rbac';
import { loadScenario, Scenario } from '../../src/fake-azure/scenario';
import { parseTime } from '../../src/fake-azure/util';
import { smallScenario } from './helpers';

describe('fake Azure model: scenarios, faults, RBAC matching, log hygiene', () => {
  const load = (s: Scenario) => loadScenario(s, { tmpDir: os.tmpdir() });

  it('derives stable ids from names and resolves references by name', () => {
    const a = load(smallScenario());
    const b = load(smallScenario());
    assert.equal(a.tenants[0].id, b.tenants[0].id);
    assert.equal(a.allSubscriptions()[0].id, b.allSubscriptions()[0].id);
    const tester = a.identity('tester');
    assert.ok(a.can(tester.objectId, a.vaultResourceId(a.vault('kv-test-vault')), 'Microsoft.KeyVault/vaults/secrets/setSecret/action', true));
    assert.ok(!a.can(tester.objectId, a.vaultResourceId(a.vault('kv-test-vault')), 'Microsoft.Authorization/roleAssignments/write'));
  });

  it('rejects broken scenarios with a message that says what is wrong', () => {
    assert.throws(() => load({ tenants: [] }), /at least one tenant/);
    assert.throws(() => load(smallScenario({ roleAssignments: [{ principal: 'nobody', role: 'Reader' }] })), /unknown principal 'nobody'/);
    assert.throws(() => load(smallScenario({ roleAssignments: [{ principal: 'tester', role: 'Chief' }] })), /unknown role 'Chief'/);
    assert.throws(() => load(smallScenario({ secrets: [{ name: 'bad_name', value: 'x' }] })), /secret name 'bad_name' is invalid/);
    assert.throws(() => load(smallScenario({ name: 'x' })), /Vault name 'x' is invalid/);
    assert.throws(() => load({ ...smallScenario(), identities: [{ name: 'a', tenant: 'nowhere' }] }), /unknown tenant 'nowhere'/);
  });

  it('generates large data sets', () => {
    const base = smallScenario({ generate: { secrets: 5000, versions: 2 } });
    base.tenants.push({ name: 'big', displayName: 'Big', generate: { subscriptions: 200, vaultsPerSubscription: 2 } });
    const s = load(base);
    assert.equal(s.vault('kv-test-vault').secrets.length, 5000);
    assert.equal(s.vault('kv-test-vault').secrets[0].versions.length, 2);
    assert.equal(s.tenant('big').subscriptions.length, 200);
    assert.equal(s.allVaults().length, 401);
  });

  it('parses absolute and relative times', () => {
    assert.equal(parseTime('+1d', 1000), 1000 + 86400);
    assert.equal(parseTime('-2h', 10000), 10000 - 7200);
    assert.equal(parseTime('2030-01-01T00:00:00Z'), 1893456000);
    assert.equal(parseTime(42), 42);
    assert.throws(() => parseTime('soon'), /Not a time/);
  });

  it('selects requests for faults by nth, count, every and always', () => {
    const f = new FaultInjector([
      { id: 'nth', path: '/a', status: 500, nth: 2 },
      { id: 'count', path: '/b', status: 429, count: 2 },
      { id: 'every', path: '/c', status: 503, every: 3 },
      { id: 'always', host: '*.vault.azure.net', path: '/d/*', status: 500 },
      { id: 'slow', path: '/e', latencyMs: 25 },
    ]);
    const run = (p: string, n: number, host = 'management.azure.com') => Array.from({ length: n }, () => f.decide('GET', host, p).failure?.ruleId ?? '-');
    assert.deepEqual(run('/a', 3), ['-', 'nth', '-']);
    assert.deepEqual(run('/b', 3), ['count', 'count', '-']);
    assert.deepEqual(run('/c', 6), ['-', '-', 'every', '-', '-', 'every']);
    assert.deepEqual(run('/d/x', 2, 'kv.vault.azure.net'), ['always', 'always']);
    assert.deepEqual(run('/d/x', 1), ['-']);
    assert.equal(f.decide('GET', 'x', '/e').latencyMs, 25);
  });

  it('delays only the requests a rule selects, and counts what it matched', () => {
    const once = { id: 'slow-once', path: '/s', latencyMs: 600_000, count: 1 };
    const f = new FaultInjector([once]);
    assert.equal(f.matched(once), 0);
    assert.deepEqual([1, 2, 3].map(() => f.decide('GET', 'x', '/s').latencyMs), [600_000, 0, 0]);
    assert.equal(f.decide('GET', 'x', '/other').latencyMs, 0);
    assert.equal(f.matched(once), 3);
    assert.equal(f.matched({ path: '/s' }), 0, 'another rule object was never added');
  });

  it('matches Azure action wildcards', () => {
    assert.ok(actionMatches('*', 'Microsoft.KeyVault/vaults/read'));
    assert.ok(actionMatches('*/read', 'Microsoft.KeyVault/vaults/read'));
    assert.ok(!actionMatches('*/read', 'Microsoft.KeyVault/vaults/write'));
    assert.ok(actionMatches('Microsoft.KeyVault/vaults/secrets/*', 'Microsoft.KeyVault/vaults/secrets/getSecret/action'));
    assert.ok(!actionMatches('Microsoft.KeyVault/vaults/secrets/*', 'Microsoft.KeyVault/vaults/keys/read'));
    assert.ok(actionMatches('Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/read'));
    assert.ok(actionMatches('microsoft.authorization/*/Write', 'Microsoft.Authorization/roleAssignments/write'));
  });

  it('never logs secret values, client secrets or tokens (log lines and the request log)', async () => {
    const lines: string[] = [];
    const fake = await startFakeAzure({ scenario: smallScenario({ secrets: [{ name: 'pw', value: 'value-that-must-not-leak' }] }), log: (l) => lines.push(l) });
    try {
      const t = fake.identity('tester');
      const cred = new ClientSecretCredential(t.tenantId, t.clientId!, t.clientSecret!, fake.clientOptions);
      const kv = new SecretClient('https://kv-test-vault.vault.azure.net', cred, fake.clientOptions);
      await kv.getSecret('pw');
      await kv.setSecret('pw2', 'second-value-that-must-not-leak');
      const bad = new ClientSecretCredential(t.tenantId, t.clientId!, 'wrong-secret-that-must-not-leak', fake.clientOptions);
      await assert.rejects(bad.getToken('https://vault.azure.net/.default'));
      const token = (await cred.getToken('https://vault.azure.net/.default')).token;
      const everything = lines.join('\n') + JSON.stringify(fake.requests);
      assert.ok(lines.length >= 5);
      for (const s of ['value-that-must-not-leak', 'second-value-that-must-not-leak', 'wrong-secret-that-must-not-leak', t.clientSecret!, token.slice(0, 40)]) {
        assert.ok(!everything.includes(s), `leaked: ${s.slice(0, 12)}…`);
      }
    } finally {
      await fake.close();
    }
  });
});
