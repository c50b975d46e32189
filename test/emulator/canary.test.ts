/**
 * The canary (test/support/canary.ts) as a Key Vault secret's value in the fake cloud, written,
 * listed and read through src/azure's VaultClient, and refused where the caller may not write.
 * The fake cloud's request log and its log lines, and every problem the clients raise, must not
 * hold it; reading the value back (the confirmed "copy value" path) must return it unchanged.
 */
import * as assert from 'assert';
import type { AzureAccount } from '../../src/azure/auth/accounts';
import { AzureProblemError } from '../../src/azure/errors';
import { VaultClient } from '../../src/azure/keyVault/vaultClient';
import { AzureResourceService, type TenantInfo, type VaultInfo } from '../../src/azure/resources';
import { startFakeAzure } from '../../src/fake-azure';
import { assertNoCanary, CANARY, CANARY_SECRET, hasCanary } from '../support/canary';
import { clientOptions, DEMO, spAccount, type FakeAzure } from './azure-support';

describe('emulator: the canary secret in the fake cloud', function () {
  this.timeout(60_000);
  let fake: FakeAzure;
  const logLines: string[] = [];
  let account: AzureAccount;
  let contoso: TenantInfo;
  let vaults: VaultInfo[];
  const raised: unknown[] = [];

  const client = (name: string): VaultClient => {
    const vault = vaults.find((v) => v.name === name);
    assert.ok(vault, `vault ${name} listed`);
    return new VaultClient(account, contoso, vault, clientOptions(fake));
  };
  async function refusal(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (e) {
      raised.push(e);
      return;
    }
    assert.fail('expected a refusal');
  }
  const describeRaised = (e: unknown): string =>
    e instanceof AzureProblemError ? JSON.stringify(e.problem) + e.message + (e.stack ?? '') : e instanceof Error ? e.message + (e.stack ?? '') : String(e);

  before(async () => {
    fake = await startFakeAzure({ log: (line) => logLines.push(line) });
    account = spAccount(fake);
    const service = new AzureResourceService(clientOptions(fake));
    const [loaded] = await service.loadTenants([account]);
    contoso = loaded.tenants.find((t) => t.tenant.tenantId === DEMO.contoso)!.tenant;
    const subs = await service.listSubscriptionsPage(account, contoso);
    vaults = [];
    for (const sub of subs.items) vaults.push(...(await service.listVaultsPage(account, contoso, sub)).items);
  });

  after(async () => {
    await fake?.close();
  });

  it('stores it, lists it without the value, and gives it back only when asked for the value', async () => {
    const c = client(CANARY_SECRET.vault);
    const created = await c.createSecret(CANARY_SECRET.name, CANARY, { contentType: 'password' });
    assertNoCanary('the created secret info', JSON.stringify(created));
    const stored = fake.state.allVaults().find((v) => v.name === CANARY_SECRET.vault)?.secrets.find((s) => s.name === CANARY_SECRET.name);
    assert.ok(stored?.versions.some((v) => v.value === CANARY), 'the fake cloud holds the value');
    const { items } = await c.listSecretsPage({ pageSize: 25 });
    assert.ok(items.some((s) => s.name === CANARY_SECRET.name));
    assertNoCanary('the listed secrets', JSON.stringify(items));
    assertNoCanary('the versions', JSON.stringify(await c.listAllVersions(CANARY_SECRET.name)));
    assert.ok((await c.getSecretValue(CANARY_SECRET.name)) === CANARY, 'the value comes back unchanged');
    await c.setSecretValue(CANARY_SECRET.name, `${CANARY}-2`);
  });

  it('refuses writes of it with problems that do not hold it', async () => {
    await refusal(client(CANARY_SECRET.vault).createSecret(CANARY_SECRET.name, CANARY)); // exists already
    await refusal(client('kv-contoso-finance').createSecret(CANARY_SECRET.name, CANARY)); // no permission
    await refusal(client('kv-contoso-finance').setSecretValue(CANARY_SECRET.name, CANARY));
    await refusal(client('kv-contoso-rpa-secure').createSecret(CANARY_SECRET.name, CANARY)); // firewall
    await refusal(client(CANARY_SECRET.vault).createSecret('not a valid name!', CANARY));
    assert.strictEqual(raised.length, 5);
    raised.forEach((e, i) => assertNoCanary(`refusal ${i + 1}`, describeRaised(e)));
  });

  it("keeps it out of the fake cloud's request log and log lines", () => {
    assert.ok(fake.requests.some((r) => r.method === 'PUT' && r.path.includes(CANARY_SECRET.name)), 'the writes reached the fake cloud');
    assert.ok(logLines.length >= fake.requests.length, 'the fake cloud logged every request');
    assertNoCanary('the request log', JSON.stringify(fake.requests));
    assertNoCanary('the refused CONNECTs', JSON.stringify(fake.refusedConnects));
    assertNoCanary("the fake cloud's log lines", logLines.join('\n'));
    assert.ok(hasCanary(JSON.stringify(fake.state.allVaults().flatMap((v) => v.secrets))), 'the check would see it where it is');
  });
});
