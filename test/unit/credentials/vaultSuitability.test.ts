import { strict as assert } from 'node:assert';
import { compareSuitability, vaultSuitability, type VaultSuitabilityInput } from '../../../src/core/credentials';
import { OTHER_TENANT, TENANT, granted, healthySubscription, healthyVault } from './fixtures';

const good: VaultSuitabilityInput = { environmentTenantId: TENANT, vault: healthyVault, subscription: healthySubscription, dataverseAccess: granted };

describe('credentials/vaultSuitability', () => {
  it('a vault in the tenant, provider registered, reachable and readable by Dataverse suits', () => {
    assert.deepEqual(vaultSuitability(good), { suitable: true, severity: 'ok' });
  });

  it('says in one line why a vault will not work', () => {
    const cases: [string, Partial<VaultSuitabilityInput>, string, RegExp][] = [
      ['other tenant', { vault: { ...healthyVault, tenantId: OTHER_TENANT } }, 'vault-other-tenant', /is in tenant 0d5b1f3a.*not the environment's tenant/],
      ['provider', { subscription: { ...healthySubscription, powerPlatformProvider: 'NotRegistered' } }, 'provider-not-registered', /Microsoft\.PowerPlatform is NotRegistered in subscription/],
      ['firewall', { vault: { ...healthyVault, networkAcls: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] } } }, 'vault-unreachable', /firewall denies all networks/],
      ['public access', { vault: { ...healthyVault, publicNetworkAccess: 'Disabled' } }, 'vault-unreachable', /public network access disabled/],
      ['dataverse', { dataverseAccess: { status: 'denied', evidence: 'none' } }, 'vault-unreadable-by-dataverse', /Dataverse \(00000007-0000-0000-c000-000000000000\) has no Key Vault Secrets User role/],
      ['not found', { vault: { status: 'not-found' } }, 'vault-not-found', /^Vault not found\.$/],
    ];
    for (const [label, change, problem, reason] of cases) {
      const s = vaultSuitability({ ...good, ...change });
      assert.equal(s.suitable, false, label);
      assert.equal(s.severity, 'error', label);
      assert.equal(s.problem, problem, label);
      assert.match(s.reason!, reason, label);
      assert.ok(!s.reason!.includes('\n') && s.reason!.length < 160, `${label}: one short line`);
    }
  });

  it('lists what it cannot tell as usable, with the reason', () => {
    const noAccess = vaultSuitability({ ...good, vault: { status: 'no-access' } });
    assert.deepEqual([noAccess.suitable, noAccess.severity, noAccess.problem], [true, 'unknown', 'cannot-check']);
    assert.match(noAccess.reason!, /cannot read this vault's settings/);
    const dvUnknown = vaultSuitability({ ...good, dataverseAccess: undefined });
    assert.deepEqual([dvUnknown.suitable, dvUnknown.severity], [true, 'unknown']);
    const ruled = vaultSuitability({ ...good, vault: { ...healthyVault, networkAcls: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'], virtualNetworkRules: [] } } });
    assert.deepEqual([ruled.suitable, ruled.severity, ruled.problem], [true, 'warning', 'vault-unreachable']);
  });

  it('sorts the vaults that work first, then by name', () => {
    const list = [
      { name: 'kv-b', suitability: vaultSuitability({ ...good, dataverseAccess: { status: 'denied', evidence: 'x' } }) },
      { name: 'kv-c', suitability: vaultSuitability(good) },
      { name: 'kv-a', suitability: vaultSuitability(good) },
      { name: 'kv-d', suitability: vaultSuitability({ ...good, vault: { status: 'no-access' } }) },
    ];
    assert.deepEqual(list.sort(compareSuitability).map((v) => v.name), ['kv-a', 'kv-c', 'kv-d', 'kv-b']);
  });
});
