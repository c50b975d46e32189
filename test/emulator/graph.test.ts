import * as assert from 'assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { startFakeAzure, type FakeAzure, type Scenario } from '../../src/fake-azure';
import { withFakeAzure } from './helpers';
import { raw } from './dataverse-support';

const DATAVERSE_APP = '00000007-0000-0000-c000-000000000000';

describe('fake Microsoft Graph: /me and service principals', () => {
  let fake: FakeAzure;
  withFakeAzure((f) => {
    fake = f;
  });

  const graph = (path: string, identity: string, tenant?: string, host = 'graph.microsoft.com'): ReturnType<typeof raw> => {
    const token = fake.issueToken({ identity, tenant, resource: `https://${host}` }).token;
    return raw(fake, host, 'GET', path, { authorization: `Bearer ${token}` });
  };

  it('answers /me for a member with the default properties, and userType when selected', async () => {
    const me = await graph('/v1.0/me', 'megan');
    assert.equal(me.status, 200);
    assert.equal(me.json.userPrincipalName, 'megan@contoso.onmicrosoft.com');
    assert.equal(me.json.id, fake.identity('megan').objectId);
    assert.equal('userType' in me.json, false, 'userType is not a default property');
    const typed = await graph('/v1.0/me?$select=userType,userPrincipalName', 'megan');
    assert.deepEqual({ userType: typed.json.userType, upn: typed.json.userPrincipalName }, { userType: 'Member', upn: 'megan@contoso.onmicrosoft.com' });
    assert.match(typed.json['@odata.context'], /users\(userType,userPrincipalName\)\/\$entity$/);
  });

  it('reports the demo guest as userType Guest in Contoso, with the #EXT# user principal name', async () => {
    const res = await graph('/v1.0/me?$select=userType,userPrincipalName,mail', 'guest-partner', 'contoso');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.userType, 'Guest');
    assert.equal(res.json.userPrincipalName, 'pat_fabrikam.onmicrosoft.com#EXT#@contoso.onmicrosoft.com');
    const home = await graph('/v1.0/me?$select=userType', 'guest-partner', 'fabrikam');
    assert.equal(home.json.userType, 'Member');
  });

  it('refuses /me for an app token with Graph\'s 400, as the real service does', async () => {
    const c = fake.credentials;
    const cred = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret!, fake.clientOptions);
    const token = (await cred.getToken('https://graph.microsoft.com/.default')).token;
    const res = await raw(fake, 'graph.microsoft.com', 'GET', '/v1.0/me', { authorization: `Bearer ${token}` });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'BadRequest');
    assert.equal(res.json.error.message, '/me request is only valid with delegated authentication flow.');
    assert.ok(res.json.error.innerError['request-id']);
  });

  it('finds the Dataverse service principal by appId, by filter and by object id, in the caller\'s tenant', async () => {
    const objectId = fake.identity('dataverse').objectId;
    const one = await graph(`/v1.0/servicePrincipals(appId='${DATAVERSE_APP}')?$select=id,appId,displayName`, 'flowvault-demo');
    assert.equal(one.status, 200, one.text);
    assert.deepEqual({ id: one.json.id, appId: one.json.appId }, { id: objectId, appId: DATAVERSE_APP });
    const filtered = await graph(`/v1.0/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${DATAVERSE_APP}'`)}`, 'flowvault-demo');
    assert.deepEqual(filtered.json.value.map((s: { id: string }) => s.id), [objectId]);
    const byId = await graph(`/v1.0/servicePrincipals/${objectId}`, 'megan');
    assert.equal(byId.json.appId, DATAVERSE_APP);
    const none = await graph(`/v1.0/servicePrincipals?$filter=${encodeURIComponent("appId eq '11111111-2222-3333-4444-555555555555'")}`, 'flowvault-demo');
    assert.deepEqual(none.json.value, []);
    const missing = await graph("/v1.0/servicePrincipals(appId='11111111-2222-3333-4444-555555555555')", 'flowvault-demo');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'Request_ResourceNotFound');
    const otherTenant = await graph(`/v1.0/servicePrincipals(appId='${DATAVERSE_APP}')`, 'guest-partner', 'fabrikam');
    assert.equal(otherTenant.status, 404, 'the Dataverse SP of the demo exists only in Contoso');
  });

  it('answers 401 without a token or with a token for another audience', async () => {
    const none = await raw(fake, 'graph.microsoft.com', 'GET', '/v1.0/me', {});
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, 'InvalidAuthenticationToken');
    const vaultToken = fake.issueToken({ identity: 'megan', resource: 'https://vault.azure.net' }).token;
    const wrong = await raw(fake, 'graph.microsoft.com', 'GET', '/v1.0/me', { authorization: `Bearer ${vaultToken}` });
    assert.equal(wrong.status, 401);
    assert.match(wrong.json.error.message, /Invalid audience/);
  });

  it('serves the China and US Government Graph hosts for their tenants', async () => {
    const scenario: Scenario = {
      tenants: [
        { name: 'mooncake', displayName: 'Contoso China', cloud: 'AzureChinaCloud' },
        { name: 'gov', displayName: 'Contoso Gov', cloud: 'AzureUSGovernment' },
      ],
      identities: [
        { name: 'cn-user', type: 'user', tenant: 'mooncake', password: 'x' },
        { name: 'gov-user', type: 'user', tenant: 'gov', password: 'x' },
      ],
    };
    const sovereign = await startFakeAzure({ scenario });
    try {
      for (const [identity, host] of [['cn-user', 'microsoftgraph.chinacloudapi.cn'], ['gov-user', 'graph.microsoft.us']]) {
        const token = sovereign.issueToken({ identity, resource: `https://${host}` }).token;
        const res = await raw(sovereign, host, 'GET', '/v1.0/me?$select=userType', { authorization: `Bearer ${token}` });
        assert.equal(res.status, 200, `${host}: ${res.text}`);
        assert.equal(res.json.userType, 'Member');
      }
    } finally {
      await sovereign.close();
    }
  });
});
