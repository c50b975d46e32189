/**
 * Figures (printed as "[figure] …", loosely asserted): an environment with 2,000 credentials over
 * 5 vaults, gathered a page of 100 at a time with their facts: time to the first page, time for
 * all, and how many requests each service got. The assertion is on request counts (the cache),
 * never on time.
 */
import * as assert from 'assert';
import { FactsCache } from '../../src/azure/credentials/factsCache';
import { gatherEnvironmentCredentials } from '../../src/azure/credentials/gatherCredentialFacts';
import { listEnvironments } from '../../src/azure/dataverse/discovery';
import { DataverseEnvironmentClient } from '../../src/azure/dataverse/environmentClient';
import type { Scenario } from '../../src/fake-azure';
import { clientOptions, spAccount, type FakeAzure } from './azure-support';
import { withFakeAzure } from './helpers';

const VAULTS = 5;
const PER_VAULT = 400;

const scenario: Scenario = {
  name: 'credentials-scale',
  tenants: [
    {
      name: 'big',
      displayName: 'Big Corp',
      domain: 'bigcorp.onmicrosoft.com',
      subscriptions: [
        {
          displayName: 'Big RPA',
          providers: { 'Microsoft.PowerPlatform': 'Registered' },
          roleAssignments: [{ principal: 'bench-sp', role: 'Reader' }],
          resourceGroups: [
            {
              name: 'rg-rpa',
              vaults: Array.from({ length: VAULTS }, (_, v) => ({
                name: `kv-big-rpa-${v + 1}`,
                generate: { secrets: PER_VAULT, prefix: 'robot' },
                roleAssignments: [
                  { principal: 'bench-sp', role: 'Key Vault Secrets User' },
                  { principal: 'dataverse', role: 'Key Vault Secrets User' },
                ],
              })),
            },
          ],
        },
      ],
      environments: [
        {
          name: 'big-rpa',
          url: 'https://big-rpa.crm.dynamics.com',
          displayName: 'Big RPA',
          credentials: Array.from({ length: VAULTS * PER_VAULT }, (_, i) => ({
            name: `Robot ${String(i + 1).padStart(4, '0')}`,
            userName: `robot${i + 1}`,
            secret: { vault: `kv-big-rpa-${(i % VAULTS) + 1}`, secret: `robot-${String(Math.floor(i / VAULTS) + 1).padStart(5, '0')}` },
          })),
        },
      ],
    },
  ],
  identities: [
    { name: 'bench-sp', tenant: 'big', clientSecret: 'bench-secret' },
    { name: 'dataverse', tenant: 'big', appId: '00000007-0000-0000-c000-000000000000' },
  ],
};

describe('emulator: 2,000 credentials over 5 vaults (figures)', function () {
  this.timeout(600000);
  let fake: FakeAzure;
  withFakeAzure((f) => {
    fake = f;
  }, { scenario: scenario });

  it('gathers every credential\'s facts a page at a time with a handful of ARM calls', async () => {
    const account = spAccount(fake, 'bench-sp');
    const tenantId = fake.identity('bench-sp').tenantId;
    fake.clearRequests();
    const t0 = Date.now();
    const [env] = await listEnvironments(account, tenantId, { clientOptions: clientOptions(fake) });
    const client = new DataverseEnvironmentClient(account, env, clientOptions(fake));
    const discovered = Date.now() - t0;
    const rowsOnly = Date.now();
    const bare = await client.listCredentials({ pageSize: 100 });
    const firstRows = Date.now() - rowsOnly;
    assert.strictEqual(bare.items.length, 100);
    const cache = new FactsCache();
    const t1 = Date.now();
    let first = 0;
    let total = 0;
    let healthy = 0;
    let nextLink: string | undefined;
    do {
      const page = await gatherEnvironmentCredentials(client, { account, cache, clientOptions: clientOptions(fake), pageSize: 100, nextLink });
      if (!first) first = Date.now() - t1;
      total += page.items.length;
      healthy += page.items.filter((f) => f.secret?.status === 'found' && f.dataverseAccess?.status === 'granted' && f.subscription?.powerPlatformProvider === 'Registered').length;
      nextLink = page.nextLink;
    } while (nextLink);
    const all = Date.now() - t1;
    const count = (pred: (host: string) => boolean): number => fake.requests.filter((r) => pred(r.host)).length;
    const arm = count((h) => h === 'management.azure.com');
    const kv = count((h) => h.endsWith('.vault.azure.net'));
    const dv = count((h) => h === 'big-rpa.crm.dynamics.com');
    const graph = count((h) => h === 'graph.microsoft.com');
    console.log(`[figure] discovery (cold tokens): ${discovered} ms; first page of 100 credential rows, no facts: ${firstRows} ms`);
    console.log(`[figure] first page of 100 credentials with facts: ${first} ms; all ${total}: ${all} ms`);
    console.log(`[figure] requests: ARM ${arm}, Key Vault ${kv}, Dataverse ${dv}, Graph ${graph}`);
    assert.strictEqual(total, VAULTS * PER_VAULT);
    assert.strictEqual(healthy, total, 'every credential is healthy');
    assert.ok(arm <= VAULTS * 2 + 2, `ARM calls: ${arm}`);
    assert.ok(graph <= 2, `Graph calls: ${graph}`);
    assert.ok(kv <= total + VAULTS * 4, `Key Vault calls: ${kv} (one per secret, and the challenges of each vault's clients)`);
  });
});
