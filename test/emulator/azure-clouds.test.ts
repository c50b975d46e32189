/**
 * The cloud table end to end: a service principal in Azure China and in Azure US Government signs
 * in at its cloud's authority, lists through its cloud's ARM, and reads its cloud's vaults
 * (the Key Vault challenge resource checked by the unmodified SDK).
 */
import * as assert from 'assert';
import { servicePrincipalAccount } from '../../src/azure/auth/accounts';
import { AZURE_CLOUDS, type AzureCloudName } from '../../src/azure/clouds';
import { VaultClient } from '../../src/azure/keyVault/vaultClient';
import { AzureResourceService } from '../../src/azure/resources';
import type { Scenario } from '../../src/fake-azure';
import { clientOptions, fakeCloud, type FakeAzure } from './azure-support';

function tenant(name: string, cloud: AzureCloudName) {
  return {
    name,
    displayName: `${name} tenant`,
    cloud,
    subscriptions: [
      {
        displayName: `${name} subscription`,
        roleAssignments: [{ principal: `${name}-sp`, role: 'Reader' }],
        resourceGroups: [
          {
            name: 'rg',
            vaults: [
              {
                name: `kv-${name}`,
                roleAssignments: [{ principal: `${name}-sp`, role: 'Key Vault Secrets User' }],
                secrets: [{ name: 'robot-password', value: `${name}-value-not-real`, contentType: 'password' }],
              },
            ],
          },
        ],
      },
    ],
  };
}

const scenario: Scenario = {
  name: 'clouds',
  tenants: [tenant('china', 'AzureChinaCloud'), tenant('usgov', 'AzureUSGovernment'), tenant('public', 'AzureCloud')],
  identities: [
    { name: 'china-sp', type: 'servicePrincipal', tenant: 'china', clientSecret: 'china-secret-not-real' },
    { name: 'usgov-sp', type: 'servicePrincipal', tenant: 'usgov', clientSecret: 'usgov-secret-not-real' },
    { name: 'public-sp', type: 'servicePrincipal', tenant: 'public', clientSecret: 'public-secret-not-real' },
  ],
};

describe('emulator: azure clouds', function () {
  this.timeout(60000);
  let fake: FakeAzure;
  before(async () => {
    fake = await fakeCloud(scenario);
  });
  after(async () => fake?.close());

  for (const [name, cloud, suffix, mgmt] of [
    ['china', 'AzureChinaCloud', '.vault.azure.cn', 'management.chinacloudapi.cn'],
    ['usgov', 'AzureUSGovernment', '.vault.usgovcloudapi.net', 'management.usgovcloudapi.net'],
    ['public', 'AzureCloud', '.vault.azure.net', 'management.azure.com'],
  ] as const) {
    it(`${cloud}: tenants, subscriptions, vaults and secrets through the cloud's own endpoints`, async () => {
      const c = fake.identity(`${name}-sp`);
      const account = servicePrincipalAccount({
        tenantId: c.tenantId,
        clientId: c.clientId!,
        secret: { kind: 'secret', clientSecret: c.clientSecret! },
        cloud: AZURE_CLOUDS[cloud],
        transport: { agent: fake.agent },
      });
      const service = new AzureResourceService(clientOptions(fake));
      fake.clearRequests();
      const [{ tenants, problem }] = await service.loadTenants([account]);
      assert.strictEqual(problem, undefined);
      assert.strictEqual(tenants.length, 1);
      assert.strictEqual(tenants[0].problem, undefined, tenants[0].problem?.message);
      const subs = await service.listSubscriptionsPage(account, tenants[0].tenant);
      const vaults = await service.listVaultsPage(account, tenants[0].tenant, subs.items[0]);
      assert.strictEqual(vaults.items[0].vaultUri, `https://kv-${name}${suffix}`);
      const secrets = await new VaultClient(account, tenants[0].tenant, vaults.items[0], clientOptions(fake)).listSecretsPage();
      assert.deepStrictEqual(secrets.items.map((s) => s.name), ['robot-password']);
      const hosts = new Set(fake.requests.map((r) => r.host));
      assert.ok(hosts.has(mgmt), [...hosts].join(', '));
      // MSAL sends China sign-ins to the cloud's preferred alias login.partner.microsoftonline.cn.
      const logins = [new URL(AZURE_CLOUDS[cloud].authorityHost).host, ...(cloud === 'AzureChinaCloud' ? ['login.partner.microsoftonline.cn'] : [])];
      assert.ok(logins.some((h) => hosts.has(h)), [...hosts].join(', '));
      assert.ok([...hosts].filter((h) => h.startsWith('login.')).every((h) => logins.includes(h)), [...hosts].join(', '));
      for (const other of Object.values(AZURE_CLOUDS).filter((x) => x.name !== cloud)) {
        assert.ok(!hosts.has(new URL(other.resourceManagerEndpoint).host), `no request to ${other.name}`);
      }
    });
  }

  it('an account of one cloud does not reach a tenant of another', async () => {
    const c = fake.identity('china-sp');
    const wrong = servicePrincipalAccount({
      tenantId: c.tenantId,
      clientId: c.clientId!,
      secret: { kind: 'secret', clientSecret: c.clientSecret! },
      cloud: AZURE_CLOUDS.AzureCloud,
      transport: { agent: fake.agent },
    });
    const [result] = await new AzureResourceService(clientOptions(fake)).loadTenants([wrong]);
    const p = result.problem ?? result.tenants[0]?.problem;
    assert.ok(p, 'a problem is reported');
    assert.notStrictEqual(p.kind, 'unknown', p.message);
  });
});
