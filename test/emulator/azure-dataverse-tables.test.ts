/**
 * The Dataverse client's typed reads and its all-or-nothing credential write against the fake's
 * Web API (demo scenario): credentials with their variables and values, paging across pages,
 * cancellation mid-list, desktop flows, machines and groups, create and delete, and every error.
 */
import * as assert from 'assert';
import type { AzureAccount } from '../../src/azure/auth/accounts';
import { listEnvironments } from '../../src/azure/dataverse/discovery';
import { DataverseEnvironmentClient } from '../../src/azure/dataverse/environmentClient';
import type { DataverseEnvironmentInfo } from '../../src/azure/dataverse/types';
import type { FaultRule } from '../../src/fake-azure';
import { allSecretValues, clientOptions, DEMO, fakeCloud, spAccount, type FakeAzure } from './azure-support';
import { problemOf, recordingAccount } from './azure-dataverse-support';

const HOST = 'contoso-rpa.crm4.dynamics.com';
const ref = (vault: string, secret: string, rg = 'rg-rpa-prod', sub = DEMO.prodSub): string =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${vault}/secrets/${secret}`;

describe('emulator: Dataverse tables through the client (demo scenario)', function () {
  this.timeout(60000);
  let fake: FakeAzure;
  let account: AzureAccount;
  let prod: DataverseEnvironmentInfo;
  let client: DataverseEnvironmentClient;
  const rows = (set: string): Record<string, unknown>[] => fake.state.findEnvironmentByHost(HOST)!.tables.get(set) ?? [];
  const problems: unknown[] = [];

  before(async () => {
    fake = await fakeCloud();
    account = spAccount(fake);
    prod = (await listEnvironments(account, DEMO.contoso, { clientOptions: clientOptions(fake) })).find((e) => e.urlName === 'contoso-rpa')!;
    client = new DataverseEnvironmentClient(account, prod, clientOptions(fake));
  });
  after(async () => {
    const values = allSecretValues(fake);
    for (const p of problems) for (const v of values) assert.ok(!JSON.stringify(p).includes(v), 'no secret value in a problem');
    await fake?.close();
  });

  it('lists credentials with their user-name and password variables and current values', async () => {
    const page = await client.listCredentials({ pageSize: 100 });
    assert.strictEqual(page.nextLink, undefined);
    assert.strictEqual(page.items.length, rows('credentials').length);
    const sap = page.items.find((c) => c.name === 'SAP service account')!;
    assert.strictEqual(sap.active, true);
    assert.strictEqual(sap.description, 'Robot account for SAP ECC invoice posting');
    assert.strictEqual(sap.username?.type, 100000000);
    assert.strictEqual(sap.username?.currentValue ?? sap.username?.defaultValue, 'RPA_SAP01');
    assert.deepStrictEqual([sap.password?.type, sap.password?.secretStore], [100000005, 0]);
    assert.strictEqual(sap.password?.currentValue ?? sap.password?.defaultValue, ref('kv-contoso-rpa-prod', 'sap-password'));
    assert.ok(page.items.map((c) => c.name).every((name, i, a) => i === 0 || a[i - 1].localeCompare(name, 'en', { sensitivity: 'base' }) <= 0), 'sorted by name');
  });

  it('pages with odata.maxpagesize and nextLink, and the pages add up to the whole list', async () => {
    const all = (await client.listCredentials({ pageSize: 500 })).items.map((c) => c.id);
    const seen: string[] = [];
    let nextLink: string | undefined;
    let pages = 0;
    do {
      const page = await client.listCredentials({ pageSize: 3, nextLink });
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((c) => c.id));
      for (const c of page.items) assert.ok(c.password?.currentValue ?? c.password?.defaultValue, `${c.name} has its values on every page`);
      nextLink = page.nextLink;
      pages++;
    } while (nextLink);
    assert.ok(pages >= Math.ceil(all.length / 3), `${pages} pages`);
    assert.deepStrictEqual(seen, all);
  });

  it('cancels mid-list: an abort while the fake holds a page stops the call', async () => {
    // Longer than any test may run: only the cancellation can end the listing.
    const rule: FaultRule = { host: HOST, path: '/api/data/v9.2/credentials', latencyMs: 600_000 };
    const remove = fake.faults.add(rule);
    try {
      const ac = new AbortController();
      const listing = problemOf(client.listCredentials({ pageSize: 3, abortSignal: ac.signal }));
      while (fake.faults.matched(rule) < 1) await new Promise((r) => setTimeout(r, 5));
      ac.abort();
      const p = await listing;
      assert.strictEqual(p.kind, 'cancelled');
    } finally {
      remove();
    }
  });

  it('finds a credential by name, with the quote in the name escaped', async () => {
    const sap = await client.findCredentialByName('SAP service account');
    assert.strictEqual(sap?.username?.currentValue ?? sap?.username?.defaultValue, 'RPA_SAP01');
    assert.strictEqual(await client.findCredentialByName("SAP service account' or name ne '"), undefined);
    const created = await client.createKeyVaultCredential({ name: "O'Brien's robot", userName: 'obrien', secretReference: ref('kv-contoso-rpa-prod', 'erp-db-connection') });
    try {
      const found = await client.findCredentialByName("O'Brien's robot");
      assert.strictEqual(found?.id, created.credential.id);
    } finally {
      await client.deleteCreatedCredential(created);
    }
  });

  it('lists desktop flows, with their definitions when asked', async () => {
    const bare = await client.listDesktopFlows();
    assert.ok(bare.items.length >= 2);
    assert.ok(bare.items.every((f) => f.clientData === undefined));
    const full = await client.listDesktopFlows({ withDefinition: true });
    const invoice = full.items.find((f) => f.name === 'Invoice posting (SAP)')!;
    assert.match(invoice.clientData ?? '', /GetCredential Credential: 'SAP service account'/);
    assert.ok(rows('workflows').every((w) => w.category === 6 || !full.items.some((f) => f.id === w.workflowid)), 'desktop flows only');
  });

  it('lists machines with their group names, and machine groups', async () => {
    const machines = (await client.listMachines()).items;
    const vm2 = machines.find((m) => m.name === 'RPA-VM-02')!;
    assert.strictEqual(vm2.statusCode, 3, 'requires reconnection');
    assert.strictEqual(vm2.groupName, 'RPA-Prod-Group');
    const fin = machines.find((m) => m.name === 'RPA-FIN-01')!;
    assert.strictEqual(fin.keyDeliveryStatus, 3);
    assert.match(fin.lastHeartbeat ?? '', /^\d{4}-\d\d-\d\dT/);
    const groups = (await client.listMachineGroups()).items;
    assert.deepStrictEqual(groups.filter((g) => g.groupType !== 545940002).map((g) => g.name).sort(), ['RPA-Finance-Group', 'RPA-Prod-Group']);
    assert.strictEqual(groups.find((g) => g.name === 'RPA-VM-OLD')?.groupType, 545940002, 'a standalone machine has its default group');
    assert.strictEqual(groups.find((g) => g.name === 'RPA-Finance-Group')!.statusCode, 4, 'key expired');
  });

  it('creates a Key Vault credential in one write, reads it back, and deletes every record it made', async () => {
    const before = { defs: rows('environmentvariabledefinitions').length, values: rows('environmentvariablevalues').length, creds: rows('credentials').length };
    const posts = (): number => fake.requests.filter((r) => r.host === HOST && r.method === 'POST').length;
    const postsBefore = posts();
    const created = await client.createKeyVaultCredential({
      name: 'Invoice robot',
      description: 'Created by a test',
      userName: 'invoice.robot@contoso.com',
      secretReference: ref('kv-contoso-rpa-prod', 'servicenow-api-key'),
    });
    assert.strictEqual(created.credential.name, 'Invoice robot');
    assert.deepStrictEqual([created.credential.username?.schemaName, created.credential.password?.schemaName], ['new_InvoiceRobotUserName', 'new_InvoiceRobotPassword']);
    assert.strictEqual(created.credential.username?.currentValue, 'invoice.robot@contoso.com');
    assert.strictEqual(created.credential.password?.currentValue, ref('kv-contoso-rpa-prod', 'servicenow-api-key'));
    assert.deepStrictEqual([created.credential.password?.type, created.credential.password?.secretStore], [100000005, 0]);
    assert.strictEqual(created.definitionIds.length, 2);
    assert.strictEqual(created.valueIds.length, 2);
    assert.strictEqual(rows('credentials').length, before.creds + 1);
    assert.strictEqual(posts() - postsBefore, 1, 'one write request');

    // A second credential of the same stem gets the next free schema names.
    const second = await client.createKeyVaultCredential({ name: 'Invoice  robot!', userName: 'x', secretReference: ref('kv-contoso-rpa-prod', 'servicenow-api-key') });
    assert.strictEqual(second.credential.password?.schemaName, 'new_InvoiceRobot2Password');

    await client.deleteCreatedCredential(created);
    await client.deleteCreatedCredential(second);
    assert.deepStrictEqual(
      { defs: rows('environmentvariabledefinitions').length, values: rows('environmentvariablevalues').length, creds: rows('credentials').length },
      before,
    );
    await client.deleteCreatedCredential(created); // already gone: nothing to do, no error
  });

  it('when the new credential cannot be read back, what was written is removed again', async () => {
    const counts = () => ({ defs: rows('environmentvariabledefinitions').length, values: rows('environmentvariablevalues').length, creds: rows('credentials').length });
    const before = counts();
    const remove = fake.faults.add({ host: HOST, method: 'GET', path: '/api/data/v9.2/credentials(*)', status: 503 });
    try {
      const flaky = new DataverseEnvironmentClient(account, prod, clientOptions(fake, { maxRetries: 0 }));
      const p = await problemOf(flaky.createKeyVaultCredential({ name: 'Read-back robot', userName: 'x', secretReference: ref('kv-contoso-rpa-prod', 'sap-password') }));
      assert.strictEqual(p.statusCode, 503);
    } finally {
      remove();
    }
    assert.deepStrictEqual(counts(), before);
  });

  it('a delete that fails says exactly which records are left', async () => {
    const created = await client.createKeyVaultCredential({ name: 'Sticky robot', userName: 'x', secretReference: ref('kv-contoso-rpa-prod', 'sap-password') });
    const remove = fake.faults.add({ host: HOST, method: 'DELETE', path: '/api/data/v9.2/environmentvariabledefinitions(*)', status: 403 });
    try {
      const p = await problemOf(new DataverseEnvironmentClient(account, prod, clientOptions(fake, { maxRetries: 0 })).deleteCreatedCredential(created));
      assert.strictEqual(p.title, 'Could not delete 2 records');
      assert.match(p.message, /environment variable new_StickyRobotUserName, environment variable new_StickyRobotPassword/);
      assert.match(p.message, /maker portal/);
    } finally {
      remove();
    }
    assert.ok(!rows('credentials').some((r) => r.name === 'Sticky robot'), 'the credential itself went');
    await client.deleteCreatedCredential(created);
    assert.ok(!rows('environmentvariabledefinitions').some((r) => String(r.schemaname).startsWith('new_StickyRobot')));
  });

  const refused: [string, string, RegExp][] = [
    ['a vault the caller cannot read', ref('kv-contoso-finance', 'swift-gateway-password', 'rg-finance'), /^No permission to read secrets in vault kv-contoso-finance$/],
    ['a subscription without Microsoft.PowerPlatform', ref('kv-contoso-rpa-dev', 'test-sap-password', 'rg-rpa-dev', DEMO.devSub), /^Microsoft\.PowerPlatform is not registered/],
    ['a vault in another tenant', ref('kv-fabrikam-shared', 'partner-portal-password', 'rg-shared', 'e4d3c2b1-a0f9-4e8d-9c7b-6a5f4e3d2c1b'), /another tenant$/],
    ['a malformed reference', `${ref('kv-contoso-rpa-prod', 'sap-password')}/not-a-version`, /not a valid Key Vault path$/],
  ];
  for (const [what, reference, title] of refused) {
    it(`a refused Key Vault reference (${what}) leaves nothing behind and says what to do`, async () => {
      const before = { defs: rows('environmentvariabledefinitions').length, values: rows('environmentvariablevalues').length, creds: rows('credentials').length };
      const p = await problemOf(client.createKeyVaultCredential({ name: `Refused ${what}`, userName: 'robot', secretReference: reference }));
      problems.push(p);
      assert.strictEqual(p.kind, 'keyVaultReference');
      assert.match(p.title, title);
      assert.deepStrictEqual({ defs: rows('environmentvariabledefinitions').length, values: rows('environmentvariablevalues').length, creds: rows('credentials').length }, before);
    });
  }

  it('a duplicate credential name is refused as a duplicate, and nothing is kept', async () => {
    const before = rows('environmentvariabledefinitions').length;
    const p = await problemOf(client.createKeyVaultCredential({ name: 'SAP service account', userName: 'x', secretReference: ref('kv-contoso-rpa-prod', 'sap-password') }));
    assert.strictEqual(p.kind, 'duplicate');
    assert.match(p.message, /choose another name/);
    assert.strictEqual(rows('environmentvariabledefinitions').length, before);
  });

  it('a user without prvCreatecredential is told which privilege is missing', async () => {
    const { account: megan } = recordingAccount(fake, 'megan');
    const asMegan = new DataverseEnvironmentClient(megan, prod, clientOptions(fake));
    assert.ok((await asMegan.listCredentials()).items.length > 0, 'megan can read');
    const p = await problemOf(asMegan.createKeyVaultCredential({ name: 'Megan robot', userName: 'x', secretReference: ref('kv-contoso-rpa-prod', 'sap-password') }));
    problems.push(p);
    assert.strictEqual(p.kind, 'permissionDenied');
    assert.match(p.title, /^Missing privilege prvCreatecredential in environment Contoso RPA \(Production\)$/);
  });

  it('a deleted record is "not found" when read by id', async () => {
    const p = await problemOf(client.getCredential('00000000-0000-0000-0000-0000000000aa'));
    assert.strictEqual(p.kind, 'notFound');
  });
});
