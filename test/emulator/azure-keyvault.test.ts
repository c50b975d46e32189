/**
 * src/azure against the fake cloud with the demo scenario: the unmodified SDKs, real host names,
 * tenants (one needing MFA), subscriptions, vaults, secrets a page at a time, versions, writes,
 * and every failure classified with the right message and no value in it.
 */
import * as assert from 'assert';
import type { AzureAccount } from '../../src/azure/auth/accounts';
import { AzureProblemError, type AzureProblem } from '../../src/azure/errors';
import { VaultClient } from '../../src/azure/keyVault/vaultClient';
import { secretState } from '../../src/azure/keyVault/secretState';
import { AzureResourceService, type SubscriptionInfo, type TenantInfo, type VaultInfo } from '../../src/azure/resources';
import type { FaultRule } from '../../src/fake-azure/faults';
import { allSecretValues, clientOptions, DEMO, fakeCloud, spAccount, type FakeAzure } from './azure-support';
import { installVscodeStub } from '../support/vscodeStub';

// The Key Vault view's nodes, built over the same service (a stand-in for the vscode module).
installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const { TenantNode } = require('../../src/extension/keyVault/tree/resourceNodes') as typeof import('../../src/extension/keyVault/tree/resourceNodes');
/* eslint-enable @typescript-eslint/no-require-imports */
type TreeServices = import('../../src/extension/keyVault/tree/KvNode').TreeServices;

/** What a tenant node needs to list subscriptions: the service, no filter, no view to refresh. */
function treeServices(service: AzureResourceService): TreeServices {
  return {
    service,
    filter: { includes: () => true },
    changed: () => undefined,
    progress: () => undefined,
  } as unknown as TreeServices;
}

describe('emulator: azure (demo scenario)', function () {
  this.timeout(60000);
  let fake: FakeAzure;
  let account: AzureAccount;
  let service: AzureResourceService;
  let contoso: TenantInfo;
  let prod: SubscriptionInfo;
  let vaults: VaultInfo[];
  const problems: AzureProblem[] = [];

  const vault = (name: string): VaultInfo => {
    const v = vaults.find((x) => x.name === name);
    assert.ok(v, `vault ${name} listed`);
    return v;
  };
  const client = (name: string, acc = account): VaultClient => new VaultClient(acc, contoso, vault(name), clientOptions(fake));
  async function problemOf(p: Promise<unknown>): Promise<AzureProblem> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof AzureProblemError, `classified: ${String(e)}`);
      problems.push(e.problem);
      return e.problem;
    }
    assert.fail('expected a failure');
  }

  before(async () => {
    fake = await fakeCloud();
    account = spAccount(fake);
    service = new AzureResourceService(clientOptions(fake));
  });
  after(async () => {
    // No message produced by any test holds a secret value of the scenario.
    const values = allSecretValues(fake);
    for (const p of problems) for (const v of values) assert.ok(!JSON.stringify(p).includes(v), `a value leaked into: ${p.message}`);
    await fake?.close();
  });

  it('loads every tenant; the MFA tenant fails on its own and says so', async () => {
    const [result] = await service.loadTenants([account]);
    assert.strictEqual(result.problem, undefined);
    const names = result.tenants.map((t) => t.tenant.displayName).sort();
    assert.deepStrictEqual(names, ['Contoso', 'Fabrikam Partner Tenant']);
    const fab = result.tenants.find((t) => t.tenant.tenantId === DEMO.fabrikam)!;
    assert.strictEqual(fab.problem?.kind, 'signInRequired');
    assert.strictEqual(fab.problem?.title, 'Sign in to tenant Fabrikam Partner Tenant (MFA required)');
    assert.strictEqual(fab.problem?.code, 'AADSTS50076');
    problems.push(fab.problem!);
    const ok = result.tenants.find((t) => t.tenant.tenantId === DEMO.contoso)!;
    assert.strictEqual(ok.problem, undefined);
    contoso = ok.tenant;
  });

  it('lists subscriptions and vaults with what the view needs (RBAC, network)', async () => {
    const subs = await service.listSubscriptionsPage(account, contoso);
    assert.deepStrictEqual(subs.items.map((s) => s.displayName).sort(), ['Contoso RPA Development', 'Contoso RPA Production']);
    prod = subs.items.find((s) => s.subscriptionId === DEMO.prodSub)!;
    const dev = subs.items.find((s) => s.subscriptionId === DEMO.devSub)!;
    vaults = [...(await service.listVaultsPage(account, contoso, prod)).items, ...(await service.listVaultsPage(account, contoso, dev)).items];
    assert.deepStrictEqual(vaults.map((v) => v.name).sort(), ['kv-contoso-finance', 'kv-contoso-rpa-dev', 'kv-contoso-rpa-legacy', 'kv-contoso-rpa-prod', 'kv-contoso-rpa-secure']);
    const legacy = vault('kv-contoso-rpa-legacy');
    assert.strictEqual(legacy.rbac, false);
    assert.strictEqual(legacy.resourceGroup, 'rg-rpa-prod');
    assert.strictEqual(legacy.vaultUri, 'https://kv-contoso-rpa-legacy.vault.azure.net');
    assert.strictEqual(vault('kv-contoso-rpa-secure').firewallDefaultAction, 'Deny');
    assert.strictEqual(vault('kv-contoso-rpa-secure').hasPrivateEndpoints, true);
    assert.strictEqual(vault('kv-contoso-rpa-dev').publicNetworkAccess, 'Disabled');
  });

  it('lists secrets a page at a time (maxresults), continuing with the token', async () => {
    const c = client('kv-contoso-rpa-prod');
    const first = await c.listSecretsPage({ pageSize: 3 });
    assert.strictEqual(first.items.length, 3);
    assert.ok(first.continuationToken, 'has a next page');
    const names = first.items.map((s) => s.name);
    let token: string | undefined = first.continuationToken;
    while (token) {
      const page = await c.listSecretsPage({ pageSize: 3, continuationToken: token });
      names.push(...page.items.map((s) => s.name));
      token = page.continuationToken;
    }
    assert.strictEqual(names.length, 8);
    assert.strictEqual(new Set(names).size, 8);
    const all = await c.listSecretsPage({ pageSize: 25 });
    assert.strictEqual(all.continuationToken, undefined);
  });

  it('reports the states the tree shows: disabled, expired, expiring, not yet valid', async () => {
    const { items } = await client('kv-contoso-rpa-prod').listSecretsPage({ pageSize: 25 });
    const state = (name: string) => secretState(items.find((s) => s.name === name)!, new Date(), 30);
    assert.strictEqual(state('citrix-service-account').kind, 'disabled');
    assert.strictEqual(state('legacy-ftp-password').kind, 'expired');
    assert.strictEqual(state('smtp-relay').kind, 'expiring');
    assert.match(state('smtp-relay').summary, /^expires in (8|9) days$/);
    assert.strictEqual(state('sharepoint-robot').kind, 'notYetValid');
    assert.strictEqual(state('sap-password').kind, 'ok');
    const sap = items.find((s) => s.name === 'sap-password')!;
    assert.strictEqual(sap.contentType, 'password');
    assert.strictEqual(sap.tags?.rotation, 'quarterly');
    assert.ok(!('value' in sap), 'a listed secret has no value');
  });

  it('lists versions and finds the current one without reading a value', async () => {
    const c = client('kv-contoso-rpa-prod');
    const versions = await c.listAllVersions('sap-password');
    assert.strictEqual(versions.length, 2);
    const latest = await c.latestVersion('sap-password');
    assert.ok(latest?.expiresOn, 'the newer version carries the expiry');
  });

  it('reads a value only when asked (copy value)', async () => {
    assert.strictEqual(await client('kv-contoso-rpa-prod').getSecretValue('servicenow-api-key'), 'demo-only-snow-api-key-0000');
  });

  it('sets a new version keeping content type and tags; the fake holds it', async () => {
    const c = client('kv-contoso-rpa-prod');
    const info = await c.setSecretValue('servicenow-api-key', 'new-demo-value-1');
    assert.ok(info.version);
    assert.strictEqual(info.contentType, 'api-key');
    assert.strictEqual(info.tags?.system, 'ServiceNow');
    const stored = fake.state.findVault('kv-contoso-rpa-prod')!.secrets.find((s) => s.name === 'servicenow-api-key')!;
    assert.strictEqual(stored.versions.length, 2);
    assert.strictEqual(stored.versions[1].value, 'new-demo-value-1');
  });

  it('disables and enables the current version', async () => {
    const c = client('kv-contoso-rpa-prod');
    const off = await c.setEnabled('erp-db-connection', false);
    assert.strictEqual(off.enabled, false);
    const stored = () => fake.state.findVault('kv-contoso-rpa-prod')!.secrets.find((s) => s.name === 'erp-db-connection')!;
    assert.strictEqual(stored().versions.at(-1)!.enabled, false);
    const p = await problemOf(c.getSecretValue('erp-db-connection'));
    assert.strictEqual(p.statusCode, 403);
    await c.setEnabled('erp-db-connection', true);
    assert.strictEqual(stored().versions.at(-1)!.enabled, true);
  });

  it('creates a secret, and refuses a name that exists', async () => {
    const c = client('kv-contoso-rpa-prod');
    const info = await c.createSecret('new-robot-password', 'created-demo-value', { contentType: 'password', tags: { by: 'test' } });
    assert.strictEqual(info.name, 'new-robot-password');
    assert.ok(fake.state.findVault('kv-contoso-rpa-prod')!.secrets.some((s) => s.name === 'new-robot-password'));
    const p = await problemOf(c.createSecret('new-robot-password', 'again'));
    assert.match(p.message, /already has a secret named new-robot-password/);
    await assert.rejects(c.createSecret('bad name', 'x'), /letters, digits and dashes/);
  });

  it('RBAC: no data-plane role → which role, for whom, on which vault', async () => {
    const p = await problemOf(client('kv-contoso-finance').listSecretsPage());
    assert.strictEqual(p.kind, 'permissionDenied');
    assert.strictEqual(p.title, 'No permission to list secrets in vault kv-contoso-finance');
    assert.match(p.message, /give service principal flowvault-demo \(app id 3f8b2c6d-9e1a-4b7c-8d5e-0f1a2b3c4d5e\) .*the Key Vault Secrets User role on the vault/);
  });

  it("access policies: list works, set needs a 'set' permission", async () => {
    const c = client('kv-contoso-rpa-legacy');
    assert.strictEqual((await c.listSecretsPage()).items.length, 3);
    const p = await problemOf(c.setSecretValue('excel-macro-unlock', 'secret-value-that-must-not-leak'));
    assert.strictEqual(p.kind, 'permissionDenied');
    assert.match(p.message, /No permission to set secrets in vault kv-contoso-rpa-legacy: give .* a 'set' secret permission in the vault's access policies/);
    assert.ok(!p.message.includes('secret-value-that-must-not-leak'));
  });

  it('firewall and private endpoint', async () => {
    const fw = await problemOf(client('kv-contoso-rpa-secure').listSecretsPage());
    assert.strictEqual(fw.kind, 'firewall');
    assert.match(fw.message, /^The firewall of vault kv-contoso-rpa-secure blocks this network \(client address 127\.0\.0\.1\)/);
    const pe = await problemOf(client('kv-contoso-rpa-dev').listSecretsPage());
    assert.strictEqual(pe.kind, 'privateNetwork');
    assert.match(pe.message, /public network access disabled/);
  });

  it('throttled: Retry-After is reported after the SDK gave up retrying', async () => {
    const remove = fake.faults.add({ host: 'kv-contoso-rpa-prod.vault.azure.net', path: '/secrets', status: 429, retryAfter: 1 });
    try {
      const p = await problemOf(client('kv-contoso-rpa-prod').listSecretsPage());
      assert.strictEqual(p.kind, 'throttled');
      assert.strictEqual(p.retryAfterSeconds, 1);
    } finally {
      remove();
    }
  });

  it('not found', async () => {
    const p = await problemOf(client('kv-contoso-rpa-prod').getSecretValue('does-not-exist'));
    assert.ok(p);
    assert.strictEqual(p.kind, 'notFound');
    assert.strictEqual(p.title, 'Secret does-not-exist was not found in vault kv-contoso-rpa-prod');
  });

  it('a wrong client secret is a credential problem for that account only', async () => {
    const bad = spAccount(fake, undefined, 'AzureCloud', 'wrong-secret-value');
    const [result] = await service.loadTenants([bad, account]).then((r) => r);
    assert.strictEqual(result.problem?.kind ?? result.tenants[0]?.problem?.kind, 'credentialInvalid');
    const p = result.problem ?? result.tenants[0].problem!;
    assert.match(p.message, /invalid client secret/);
    assert.ok(!p.message.includes('wrong-secret-value'));
    problems.push(p);
    const [, good] = await service.loadTenants([bad, account]);
    assert.ok(good.tenants.some((t) => !t.problem), 'the other account still loads');
  });

  it('a principal with no role on any subscription lists none, and the tenant row says why and what is enough', async () => {
    const none = spAccount(fake, 'no-access-sp');
    const subs = await service.listSubscriptionsPage(none, contoso);
    assert.deepStrictEqual(subs.items, []);
    assert.strictEqual(subs.continuationToken, undefined);
    // What the Key Vault view shows under that tenant, built from the same service.
    const tenant = new TenantNode(undefined, { account: none, tenant: contoso }, treeServices(service), false);
    await tenant.whenLoaded();
    const rows = tenant.getChildren().map((n) => n.getTreeItem());
    assert.deepStrictEqual(rows.map((r) => r.label), ['No subscriptions in this tenant']);
    assert.strictEqual(rows[0].description, 'this account has no role on any subscription');
    assert.match(String(rows[0].tooltip), /give it the Reader role on a subscription/);
  });

  it('where ARM refuses to list the vaults of a subscription, the message names the Reader role and the subscription', async () => {
    // A subscription the principal has no role on (known from a filter or a link, not from its own listing).
    const none = spAccount(fake, 'no-access-sp');
    const before = fake.requests.length;
    const p = await problemOf(service.listVaultsPage(none, contoso, prod));
    const refused = fake.requests.slice(before).filter((r) => r.host === 'management.azure.com' && /\/providers\/Microsoft\.KeyVault\/vaults$/i.test(r.path));
    assert.deepStrictEqual(refused.map((r) => r.status), [403], 'ARM answered the vault listing with 403');
    assert.strictEqual(p.kind, 'permissionDenied');
    assert.strictEqual(p.title, 'No permission to list key vaults in subscription Contoso RPA Production');
    assert.match(p.message, /give service principal .* the Reader role on the subscription \(or on the resource groups that hold the vaults\)/);
  });

  /** Resolves once `rule` has matched `n` requests: the fake holds them (count, not time). */
  async function held(rule: FaultRule, n = 1): Promise<void> {
    while (fake.faults.matched(rule) < n) await new Promise((r) => setTimeout(r, 5));
  }

  /** The requests the fake logged for `path` on `host` since `from`. */
  const logged = (from: number, host: string, path: string) => fake.requests.slice(from).filter((r) => r.host === host && r.path === path);

  it('cancellation aborts a slow page while the fake still holds it', async () => {
    const host = 'kv-contoso-rpa-legacy.vault.azure.net';
    // Longer than any test may run: only a cancellation can end the listing.
    const rule: FaultRule = { host, path: '/secrets', latencyMs: 600_000 };
    const remove = fake.faults.add(rule);
    const from = fake.requests.length;
    try {
      const controller = new AbortController();
      const listing = problemOf(client('kv-contoso-rpa-legacy').listSecretsPage({ signal: controller.signal }));
      await held(rule);
      controller.abort();
      const p = await listing;
      assert.strictEqual(p.kind, 'cancelled');
      assert.strictEqual(p.message, 'The request to list secrets in vault kv-contoso-rpa-legacy was cancelled.');
      // The fake saw the client go away before it answered, and answered nothing on that path.
      while (logged(from, host, '/secrets').length === 0) await new Promise((r) => setTimeout(r, 5));
      assert.deepStrictEqual(logged(from, host, '/secrets').map((r) => [r.status, r.aborted]), [[0, true]]);
    } finally {
      remove();
    }
  });

  it('cancellation reaches the next-page requests too (the SDK sends them without a signal)', async () => {
    const host = 'kv-contoso-rpa-prod.vault.azure.net';
    const c = client('kv-contoso-rpa-prod');
    const first = await c.listSecretsPage({ pageSize: 2 });
    assert.ok(first.continuationToken);
    const rule: FaultRule = { host, path: '/secrets', latencyMs: 600_000 };
    const remove = fake.faults.add(rule);
    const from = fake.requests.length;
    try {
      const controller = new AbortController();
      const listing = problemOf(c.listSecretsPage({ pageSize: 2, continuationToken: first.continuationToken, signal: controller.signal }));
      await held(rule);
      controller.abort();
      const p = await listing;
      assert.strictEqual(p.kind, 'cancelled');
      while (logged(from, host, '/secrets').length === 0) await new Promise((r) => setTimeout(r, 5));
      assert.deepStrictEqual(logged(from, host, '/secrets').map((r) => [r.status, r.aborted]), [[0, true]]);
    } finally {
      remove();
    }
  });

  it('refuses a vault URL outside the cloud before asking for a token', () => {
    assert.throws(
      () => new VaultClient(account, contoso, { ...vault('kv-contoso-rpa-prod'), vaultUri: 'https://attacker.example.com' }, clientOptions(fake)),
      /not a Key Vault host of Azure/,
    );
  });
});
