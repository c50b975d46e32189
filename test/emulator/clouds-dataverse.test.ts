import * as assert from 'assert/strict';
import * as https from 'https';
import { AzureAuthorityHosts, ClientSecretCredential } from '@azure/identity';
import { AzureClouds, KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { SecretClient } from '@azure/keyvault-secrets';
import { startFakeAzure, FakeAzure, Scenario } from '../../src/fake-azure';
import { DEMO, jwtPayload, rejection, withFakeAzure } from './helpers';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function get(fake: FakeAzure, host: string, path: string, token?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get({ host, path, agent: fake.agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

const sovereign: Scenario = {
  name: 'sovereign',
  tenants: [
    {
      name: 'mooncake',
      displayName: 'Contoso China',
      cloud: 'AzureChinaCloud',
      subscriptions: [
        {
          displayName: 'China Sub',
          roleAssignments: [{ principal: 'cn-sp', role: 'Reader' }],
          resourceGroups: [{ name: 'rg-cn', location: 'chinanorth3', vaults: [{ name: 'kv-cn-rpa', roleAssignments: [{ principal: 'cn-sp', role: 'Key Vault Secrets User' }], secrets: [{ name: 'sap-password', value: 'cn-demo' }] }] }],
        },
      ],
    },
    {
      name: 'gov',
      displayName: 'Contoso Gov',
      cloud: 'AzureUSGovernment',
      subscriptions: [
        {
          displayName: 'Gov Sub',
          roleAssignments: [{ principal: 'gov-sp', role: 'Reader' }],
          resourceGroups: [{ name: 'rg-gov', location: 'usgovvirginia', vaults: [{ name: 'kv-gov-rpa', roleAssignments: [{ principal: 'gov-sp', role: 'Key Vault Secrets User' }], secrets: [{ name: 'sap-password', value: 'gov-demo' }] }] }],
        },
      ],
    },
  ],
  identities: [
    { name: 'cn-sp', tenant: 'mooncake', clientSecret: 'cn-secret' },
    { name: 'gov-sp', tenant: 'gov', clientSecret: 'gov-secret' },
  ],
};

describe('sovereign clouds (China, US Government)', () => {
  let fake: FakeAzure;
  before(async () => {
    fake = await startFakeAzure({ scenario: sovereign });
  });
  after(async () => {
    await fake.close();
  });

  for (const [sp, authority, cloudSetting, vaultUrl, mgmtHost, challenge] of [
    ['cn-sp', AzureAuthorityHosts.AzureChina, AzureClouds.AZURE_CHINA_CLOUD, 'https://kv-cn-rpa.vault.azure.cn', 'management.chinacloudapi.cn', 'https://login.chinacloudapi.cn'],
    ['gov-sp', AzureAuthorityHosts.AzureGovernment, AzureClouds.AZURE_US_GOVERNMENT, 'https://kv-gov-rpa.vault.usgovcloudapi.net', 'management.usgovcloudapi.net', 'https://login.microsoftonline.us'],
  ] as const) {
    it(`serves ${cloudSetting}: sign-in, vault list and secrets on the cloud's own hosts`, async () => {
      const c = fake.identity(sp);
      const cred = new ClientSecretCredential(c.tenantId, c.clientId!, c.clientSecret!, { ...fake.clientOptions, authorityHost: authority });
      const arm = new KeyVaultManagementClient(cred, fake.state.tenant(c.tenantId).subscriptions[0].id, { ...fake.clientOptions, cloudSetting });
      const vaults = await all(arm.vaults.listBySubscription());
      assert.equal(vaults.length, 1);
      assert.equal(vaults[0].properties.vaultUri, `${vaultUrl}/`);
      const kv = new SecretClient(vaultUrl, cred, fake.clientOptions);
      assert.ok((await kv.getSecret('sap-password')).value?.endsWith('-demo'));
      assert.ok(fake.requests.some((r) => r.host === mgmtHost && r.status === 200));
      const unauth = fake.requests.find((r) => r.host === new URL(vaultUrl).host && r.status === 401);
      assert.ok(unauth, 'challenge happened');
      const res = await get(fake, new URL(vaultUrl).host, '/secrets?api-version=7.5');
      assert.match(String(res.headers['www-authenticate']), new RegExp(`^Bearer authorization="${challenge}/${c.tenantId}", resource="https://vault\\.`));
    });
  }

  it('does not know a sovereign tenant on the public authority (AADSTS90002)', async () => {
    const c = fake.identity('cn-sp');
    const cred = new ClientSecretCredential(c.tenantId, c.clientId!, c.clientSecret!, fake.clientOptions);
    assert.match((await rejection(() => cred.getToken('https://management.azure.com/.default'))).message, /AADSTS90002/);
  });

  it('uses the cloud ARM endpoint for subscriptions too', async () => {
    const c = fake.identity('gov-sp');
    const cred = new ClientSecretCredential(c.tenantId, c.clientId!, c.clientSecret!, { ...fake.clientOptions, authorityHost: AzureAuthorityHosts.AzureGovernment });
    const client = new SubscriptionClient(cred, { ...fake.clientOptions, endpoint: 'https://management.usgovcloudapi.net', credentialScopes: ['https://management.usgovcloudapi.net/.default'] });
    const subs = await all(client.subscriptions.list());
    assert.deepEqual(subs.map((s) => s.displayName), ['Gov Sub']);
  });
});

describe('Dataverse placeholder', () => {
  let fake: FakeAzure;
  withFakeAzure((f) => {
    fake = f;
  });

  it('answers WhoAmI for an environment of the tenant, with a bearer challenge first', async () => {
    const host = 'contoso-rpa.crm4.dynamics.com';
    const challenge = await get(fake, host, '/api/data/v9.2/WhoAmI');
    assert.equal(challenge.status, 401);
    assert.equal(challenge.headers['www-authenticate'], `Bearer authorization_uri=https://login.microsoftonline.com/${DEMO.tenantId}/oauth2/authorize, resource_id=https://${host}/`);
    const c = fake.credentials;
    const cred = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret!, fake.clientOptions);
    const token = await cred.getToken(`https://${host}/.default`);
    assert.equal(jwtPayload(token.token).aud, `https://${host}`);
    const res = await get(fake, host, '/api/data/v9.2/WhoAmI', token.token);
    assert.equal(res.status, 200);
    const body = JSON.parse(res.body) as Record<string, string>;
    assert.equal(body['@odata.context'], `https://${host}/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`);
    for (const k of ['UserId', 'BusinessUnitId', 'OrganizationId']) assert.match(body[k], /^[0-9a-f-]{36}$/);
    const wrongAudience = await get(fake, host, '/api/data/v9.2/WhoAmI', (await cred.getToken('https://vault.azure.net/.default')).token);
    assert.equal(wrongAudience.status, 401);
  });

  it('lists the environments of the caller\'s tenant through the Global Discovery Service', async () => {
    const c = fake.credentials;
    const cred = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret!, fake.clientOptions);
    const token = await cred.getToken('https://globaldisco.crm.dynamics.com/.default');
    const res = await get(fake, 'globaldisco.crm.dynamics.com', '/api/discovery/v2.0/Instances', token.token);
    const body = JSON.parse(res.body) as { value: { ApiUrl: string; FriendlyName: string }[] };
    assert.deepEqual(body.value.map((v) => v.ApiUrl).sort(), ['https://contoso-rpa-dev.crm.dynamics.com', 'https://contoso-rpa.crm4.dynamics.com']);
  });

  it('serves entity sets put in an environment\'s tables, and routes added by later issues', async () => {
    const env = fake.state.findEnvironmentByHost('contoso-rpa.crm4.dynamics.com')!;
    env.tables.set('credentials', [{ credentialid: '9a1b2c3d-0000-0000-0000-000000000001', name: 'SAP robot account', connectiontype: 1 }]);
    fake.dataverse.addRoute('GET', /^ping$/, () => ({ status: 200, body: { pong: true } }));
    const c = fake.credentials;
    const cred = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret!, fake.clientOptions);
    const token = (await cred.getToken('https://contoso-rpa.crm4.dynamics.com/.default')).token;
    const list = JSON.parse((await get(fake, 'contoso-rpa.crm4.dynamics.com', '/api/data/v9.2/credentials?$select=name', token)).body) as { value: { name: string }[] };
    assert.deepEqual(list.value.map((r) => r.name), ['SAP robot account']);
    assert.equal((await get(fake, 'contoso-rpa.crm4.dynamics.com', '/api/data/v9.2/ping', token)).body, '{"pong":true}');
    assert.equal((await get(fake, 'contoso-rpa.crm4.dynamics.com', '/api/data/v9.2/accounts', token)).status, 404);
  });
});
