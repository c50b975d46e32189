/**
 * The Dataverse client against the fake cloud: environments from the Global Discovery Service of
 * each cloud, a token for each environment's own audience, reads a page at a time, cancellation,
 * and the origin guard (no token leaves the environment's host).
 */
import * as assert from 'assert';
import type { AzureAccount } from '../../src/azure/auth/accounts';
import { listEnvironments } from '../../src/azure/dataverse/discovery';
import { DataverseEnvironmentClient } from '../../src/azure/dataverse/environmentClient';
import type { DataverseEnvironmentInfo } from '../../src/azure/dataverse/types';
import type { Scenario } from '../../src/fake-azure';
import { clientOptions, DEMO, fakeCloud, spAccount, type FakeAzure } from './azure-support';
import { problemOf, recordingAccount } from './azure-dataverse-support';
import { withFakeAzure } from './helpers';

describe('emulator: Dataverse client (demo scenario)', function () {
  this.timeout(60000);
  let fake: FakeAzure;
  let account: AzureAccount;
  let prod: DataverseEnvironmentInfo;

  before(async () => {
    fake = await fakeCloud();
    account = spAccount(fake);
    const envs = await listEnvironments(account, DEMO.contoso, { clientOptions: clientOptions(fake) });
    prod = envs.find((e) => e.urlName === 'contoso-rpa')!;
  });
  after(async () => {
    await fake?.close();
  });

  it('lists the tenant\'s environments from the Global Discovery Service, sorted by name', async () => {
    const envs = await listEnvironments(account, DEMO.contoso, { clientOptions: clientOptions(fake) });
    assert.deepStrictEqual(
      envs.map((e) => [e.friendlyName, e.url, e.apiUrl, e.tenantId, e.cloud]),
      [
        ['Contoso RPA (Development)', 'https://contoso-rpa-dev.crm.dynamics.com', 'https://contoso-rpa-dev.crm.dynamics.com', DEMO.contoso, 'AzureCloud'],
        ['Contoso RPA (Production)', 'https://contoso-rpa.crm4.dynamics.com', 'https://contoso-rpa.crm4.dynamics.com', DEMO.contoso, 'AzureCloud'],
      ],
    );
    for (const e of envs) {
      assert.match(e.organizationId, /^[0-9a-f-]{36}$/);
      assert.match(e.environmentId, /^[0-9a-f-]{36}$/);
    }
    assert.ok(fake.requests.some((r) => r.host === 'globaldisco.crm.dynamics.com' && r.path === '/api/discovery/v2.0/Instances' && r.status === 200));
  });

  it('asks for a token for the discovery service, then for the environment\'s own audience in its tenant', async () => {
    const { account: rec, asked } = recordingAccount(fake, 'flowvault-demo');
    const [env] = (await listEnvironments(rec, DEMO.contoso, { clientOptions: clientOptions(fake) })).filter((e) => e.urlName === 'contoso-rpa');
    const who = await new DataverseEnvironmentClient(rec, env, clientOptions(fake)).whoAmI();
    assert.strictEqual(who.organizationId, env.organizationId);
    assert.match(who.userId, /^[0-9a-f-]{36}$/);
    assert.deepStrictEqual(
      asked.map((a) => [a.scopes.join(' '), a.tenantId]),
      [
        ['https://globaldisco.crm.dynamics.com/.default', DEMO.contoso],
        ['https://contoso-rpa.crm4.dynamics.com/.default', DEMO.contoso],
      ],
    );
  });

  it('a token for another audience is refused by the environment, and says to sign in again', async () => {
    const { account: wrong } = recordingAccount(fake, 'flowvault-demo', 'AzureCloud', 'https://vault.azure.net');
    const p = await problemOf(new DataverseEnvironmentClient(wrong, prod, clientOptions(fake, { maxRetries: 0 })).whoAmI());
    assert.strictEqual(p.kind, 'signInRequired');
    assert.strictEqual(p.statusCode, 401);
    assert.match(p.message, /Contoso RPA \(Production\) refused the token/);
  });

  it('refuses an environment whose host is not a Dataverse host of the account\'s cloud, before any request', () => {
    const before = fake.requests.length;
    for (const url of ['https://contoso.example.com', 'http://contoso-rpa.crm4.dynamics.com', 'https://contoso-rpa.crm.dynamics.cn', 'https://contoso.crm4.dynamics.com:8443']) {
      assert.throws(() => new DataverseEnvironmentClient(account, { ...prod, url, apiUrl: url }, clientOptions(fake)), /Refusing to call/);
    }
    assert.strictEqual(fake.requests.length, before);
  });

  it('refuses a nextLink that leaves the environment\'s host (no token is sent there)', async () => {
    const client = new DataverseEnvironmentClient(account, prod, clientOptions(fake));
    const p = await problemOf(client.listCredentials({ nextLink: 'https://attacker.example.com/api/data/v9.2/credentials?$skiptoken=1' }));
    assert.strictEqual(p.kind, 'unknown');
    assert.strictEqual(p.title, 'Refused a host outside the cloud');
    assert.match(p.message, /Refusing to send a token to attacker\.example\.com/);
    assert.ok(!fake.refusedConnects.some((c) => c.includes('attacker')), 'no connection attempted');
  });

  it('throttling (429 + Retry-After) is retried by the pipeline, then reported with the wait', async () => {
    const remove = fake.faults.add({ host: 'contoso-rpa.crm4.dynamics.com', path: '/api/data/*', status: 429, retryAfter: 1, count: 1 });
    try {
      const client = new DataverseEnvironmentClient(account, prod, clientOptions(fake, { maxRetries: 2 }));
      const who = await client.whoAmI();
      assert.strictEqual(who.organizationId, prod.organizationId, 'the retry succeeded');
    } finally {
      remove();
    }
    const removeAll = fake.faults.add({ host: 'contoso-rpa.crm4.dynamics.com', path: '/api/data/*', status: 429, retryAfter: 7 });
    try {
      const p = await problemOf(new DataverseEnvironmentClient(account, prod, clientOptions(fake, { maxRetries: 0 })).whoAmI());
      assert.strictEqual(p.kind, 'throttled');
      assert.strictEqual(p.retryAfterSeconds, 7);
      assert.match(p.message, /wait 7 s/);
    } finally {
      removeAll();
    }
  });

  it('a signed-in identity that is not a user of the environment is told to be added', async () => {
    const env = fake.state.findEnvironmentByHost('contoso-rpa.crm4.dynamics.com')!;
    const saved = [...env.members];
    env.members.splice(0, env.members.length, '00000000-0000-0000-0000-00000000beef');
    try {
      const p = await problemOf(new DataverseEnvironmentClient(account, prod, clientOptions(fake)).whoAmI());
      assert.strictEqual(p.kind, 'permissionDenied');
      assert.strictEqual(p.title, 'Not a user of environment Contoso RPA (Production)');
      assert.match(p.message, /add you to the environment/);
    } finally {
      env.members.splice(0, env.members.length, ...saved);
    }
  });

  it('cancels: an aborted signal stops the call before any request', async () => {
    const ac = new AbortController();
    ac.abort();
    const before = fake.requests.length;
    const p = await problemOf(new DataverseEnvironmentClient(account, prod, clientOptions(fake)).listCredentials({ abortSignal: ac.signal }));
    assert.strictEqual(p.kind, 'cancelled');
    assert.strictEqual(fake.requests.length, before);
  });
});

const sovereign: Scenario = {
  name: 'sovereign-dataverse',
  tenants: [
    { name: 'mooncake', displayName: 'Contoso China', cloud: 'AzureChinaCloud', environments: [{ name: 'contoso-cn', url: 'https://contoso-cn.crm.dynamics.cn', displayName: 'Contoso China RPA' }] },
    { name: 'gov', displayName: 'Contoso Gov', cloud: 'AzureUSGovernment', environments: [{ name: 'contoso-gov', url: 'https://contoso-gov.crm.microsoftdynamics.us', displayName: 'Contoso Gov RPA' }] },
  ],
  identities: [
    { name: 'cn-sp', tenant: 'mooncake', clientSecret: 'cn-secret' },
    { name: 'gov-sp', tenant: 'gov', clientSecret: 'gov-secret' },
  ],
};

describe('emulator: Dataverse client in the sovereign clouds', function () {
  this.timeout(60000);
  let fake: FakeAzure;
  withFakeAzure((f) => {
    fake = f;
  }, { scenario: sovereign });

  for (const [sp, cloud, discoveryHost, url] of [
    ['cn-sp', 'AzureChinaCloud', 'globaldisco.crm.dynamics.cn', 'https://contoso-cn.crm.dynamics.cn'],
    ['gov-sp', 'AzureUSGovernment', 'globaldisco.crm.microsoftdynamics.us', 'https://contoso-gov.crm.microsoftdynamics.us'],
  ] as const) {
    it(`${cloud}: environments from ${discoveryHost}, and a token for the environment there`, async () => {
      const account = spAccount(fake, sp, cloud);
      const tenantId = fake.identity(sp).tenantId;
      const envs = await listEnvironments(account, tenantId, { clientOptions: clientOptions(fake) });
      assert.deepStrictEqual(envs.map((e) => [e.url, e.cloud]), [[url, cloud]]);
      assert.ok(fake.requests.some((r) => r.host === discoveryHost && r.status === 200));
      const who = await new DataverseEnvironmentClient(account, envs[0], clientOptions(fake)).whoAmI();
      assert.strictEqual(who.organizationId, envs[0].organizationId);
    });
  }
});
