/**
 * Figures (printed, loosely asserted): a vault with 5,000 secrets (requests until the first page,
 * memory) and a tenant with 200 subscriptions (time to the first vault, subscriptions arriving
 * a page at a time). Run: mocha on the compiled file; figures go to stdout as "[figure] …".
 */
import * as assert from 'assert';
import { servicePrincipalAccount } from '../../src/azure/auth/accounts';
import { AZURE_CLOUDS } from '../../src/azure/clouds';
import { VaultClient, type SecretInfo } from '../../src/azure/keyVault/vaultClient';
import { PagedList } from '../../src/azure/pagedList';
import { AzureResourceService, type SubscriptionInfo } from '../../src/azure/resources';
import type { Scenario } from '../../src/fake-azure';
import { clientOptions, fakeCloud, requestCounter, type FakeAzure } from './azure-support';

const scenario: Scenario = {
  name: 'scale',
  tenants: [
    {
      name: 'big',
      displayName: 'Big Corp',
      domain: 'bigcorp.onmicrosoft.com',
      generate: {
        subscriptions: 200,
        vaultsPerSubscription: 1,
        secretsPerVault: 3,
        roleAssignments: [{ principal: 'bench-sp', role: 'Reader' }],
        vaultRoleAssignments: [{ principal: 'bench-sp', role: 'Key Vault Secrets User' }],
      },
      subscriptions: [
        {
          displayName: 'Big Vault Subscription',
          roleAssignments: [{ principal: 'bench-sp', role: 'Reader' }],
          resourceGroups: [
            {
              name: 'rg-big',
              vaults: [{ name: 'kv-big-5000', generate: { secrets: 5000, contentType: 'password' }, roleAssignments: [{ principal: 'bench-sp', role: 'Key Vault Secrets User' }] }],
            },
          ],
        },
      ],
    },
  ],
  identities: [{ name: 'bench-sp', type: 'servicePrincipal', tenant: 'big', clientSecret: 'bench-secret-not-real' }],
};

function figure(line: string): void {
  console.log(`      [figure] ${line}`);
}

describe('emulator: azure at scale (figures)', function () {
  this.timeout(300000);
  let fake: FakeAzure;
  const account = () => {
    const c = fake.identity('bench-sp');
    return servicePrincipalAccount({
      tenantId: c.tenantId,
      clientId: c.clientId!,
      secret: { kind: 'secret', clientSecret: c.clientSecret! },
      cloud: AZURE_CLOUDS.AzureCloud,
      displayName: 'bench-sp',
      transport: { agent: fake.agent },
    });
  };

  before(async () => {
    fake = await fakeCloud(scenario);
  });
  after(async () => fake?.close());

  it('a vault with 5,000 secrets: the first page needs one listing request (+ the auth round trip)', async () => {
    const acc = account();
    const service = new AzureResourceService(clientOptions(fake));
    const [{ tenants }] = await service.loadTenants([acc]);
    const tenant = tenants[0].tenant;
    let subs: SubscriptionInfo[] = [];
    let token: string | undefined;
    do {
      const page = await service.listSubscriptionsPage(acc, tenant, { continuationToken: token });
      subs = subs.concat(page.items);
      token = page.continuationToken;
    } while (token);
    const sub = subs.find((s) => s.displayName === 'Big Vault Subscription')!;
    const vault = (await service.listVaultsPage(acc, tenant, sub)).items[0];
    assert.strictEqual(vault.name, 'kv-big-5000');

    const counter = requestCounter();
    fake.clearRequests();
    const client = new VaultClient(acc, tenant, vault, clientOptions(fake, { additionalPolicies: [counter.policy] }));
    if (global.gc) global.gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const list = new PagedList<SecretInfo>({
      fetchPage: (o) => client.listSecretsPage(o),
      pageSize: 25,
      keyOf: (s) => s.name,
      problemContext: { operation: 'listSecrets', vault: { name: vault.name } },
    });
    const t0 = process.hrtime.bigint();
    await list.ensureStarted();
    const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const firstKv = fake.requests.filter((r) => r.host.endsWith('.vault.azure.net')).length;
    const firstLogin = fake.requests.filter((r) => r.host.startsWith('login.')).length;
    assert.strictEqual(list.items.length, 25);
    assert.strictEqual(list.state, 'more');
    assert.ok(firstKv <= 2, `Key Vault requests until the first page: ${firstKv}`);
    figure(`5,000-secret vault, first page (25 secrets): ${firstKv} Key Vault requests (401 challenge + list) + ${firstLogin} token request, ${firstMs.toFixed(0)} ms`);

    const t1 = process.hrtime.bigint();
    while (list.hasMore) await list.loadMore();
    const allMs = Number(process.hrtime.bigint() - t1) / 1e6;
    if (global.gc) global.gc();
    const heapAfter = process.memoryUsage().heapUsed;
    assert.strictEqual(list.items.length, 5000);
    assert.strictEqual(list.pagesLoaded, 200);
    const kvTotal = fake.requests.filter((r) => r.host.endsWith('.vault.azure.net')).length;
    figure(
      `5,000-secret vault, every page ("Load more" ×199): ${kvTotal} Key Vault requests, ${allMs.toFixed(0)} ms; ` +
        `heap +${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB for 5,000 secret rows${global.gc ? '' : ' (no --expose-gc: approximate)'}`,
    );
  });

  it('a tenant with 200 subscriptions: subscriptions arrive a page at a time; time to the first vault', async () => {
    const acc = account();
    const service = new AzureResourceService(clientOptions(fake));
    fake.clearRequests();
    const t0 = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    const [{ tenants }] = await service.loadTenants([acc]);
    const tenantsMs = ms();
    const tenant = tenants[0].tenant;
    const arrivals: { n: number; ms: number }[] = [];
    let firstVaultMs = 0;
    let firstVaultRequests = 0;
    let firstVault: Promise<void> | undefined;
    const subs: PagedList<SubscriptionInfo> = new PagedList<SubscriptionInfo>({
      fetchPage: (o) => service.listSubscriptionsPage(acc, tenant, o),
      autoContinue: true,
      keyOf: (s) => s.subscriptionId,
      problemContext: { operation: 'listSubscriptions' },
      onDidChange: () => {
        if (subs.items.length && arrivals.at(-1)?.n !== subs.items.length) arrivals.push({ n: subs.items.length, ms: ms() });
        // As soon as the first subscription shows, expand it (what a user does).
        if (!firstVault && subs.items.length) {
          const first = subs.items[0];
          firstVault = service.listVaultsPage(acc, tenant, first).then((p) => {
            assert.ok(p.items.length >= 1);
            firstVaultMs = ms();
            firstVaultRequests = fake.requests.length;
          });
        }
      },
    });
    await subs.ensureStarted();
    await firstVault;
    assert.strictEqual(subs.items.length, 201);
    assert.ok(arrivals.length >= 2, 'more than one page');
    assert.ok(arrivals[0].n < 201, 'the first page shows before the rest');
    figure(
      `tenant with 201 subscriptions: tenants listed in ${tenantsMs.toFixed(0)} ms; subscriptions shown at ` +
        arrivals.map((a) => `${a.n} @ ${a.ms.toFixed(0)} ms`).join(', ') +
        `; first vault listed at ${firstVaultMs.toFixed(0)} ms after ${firstVaultRequests} requests (sign-in included)`,
    );
  });
});
