import * as assert from 'assert/strict';
import type { FakeAzure } from '../../src/fake-azure';
import { dataverse, DataverseHttp, DEV, PROD, q, withFakeDataverse } from './dataverse-support';

const PROD_SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
const DEV_SUB = 'a7e3f1b9-6c2d-4e8a-b5f0-1c3d5e7f9a2b';
const ref = (sub: string, rg: string, vault: string, secret: string): string =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${vault}/secrets/${secret}`;
const PROD_REF = ref(PROD_SUB, 'rg-rpa-prod', 'kv-contoso-rpa-prod', 'sap-password');

/** A credential with its two variables, as one deep insert. */
function deepCredential(name: string, reference: string, schema = name.replace(/\W/g, '')): Record<string, unknown> {
  return {
    name,
    connectiontype: 1,
    usagetype: '280920001',
    username: {
      schemaname: `new_${schema}UserName`,
      displayname: `${name} user name`,
      type: 100000000,
      environmentvariabledefinition_environmentvariablevalue: [{ schemaname: `new_${schema}UserName`, value: 'robot-user' }],
    },
    password: {
      schemaname: `new_${schema}Password`,
      displayname: `${name} password`,
      type: 100000005,
      secretstore: 0,
      environmentvariabledefinition_environmentvariablevalue: [{ schemaname: `new_${schema}Password`, value: reference }],
    },
  };
}

describe('fake Dataverse: writes, deep insert and Key Vault reference validation', () => {
  let fake: FakeAzure;
  let dv: DataverseHttp;
  withFakeDataverse((f, d) => {
    fake = f;
    dv = d;
  });

  const count = async (set: string, filter?: string): Promise<number> => {
    const res = await dv.get(q(`${set}?$count=true${filter ? `&$filter=${filter}` : ''}`));
    return res.json['@odata.count'] as number;
  };
  const tables = (): string => JSON.stringify([...fake.state.findEnvironmentByHost(PROD)!.tables]);

  it('creates a row: 204 with OData-EntityId, or 201 with the row for Prefer: return=representation', async () => {
    const res = await dv.request('POST', 'environmentvariabledefinitions', { body: { schemaname: 'new_PlainOne', displayname: 'Plain one', type: 100000000 } });
    assert.equal(res.status, 204, res.text);
    const url = String(res.headers['odata-entityid']);
    assert.match(url, new RegExp(`^https://${PROD.replace(/\./g, '\\.')}/api/data/v9\\.2/environmentvariabledefinitions\\([0-9a-f-]{36}\\)$`));
    const read = await dv.get(new URL(url).pathname + '?$select=schemaname,statecode');
    assert.equal(read.json.schemaname, 'new_PlainOne');
    assert.equal(read.json.statecode, 0);
    const rep = await dv.request('POST', 'environmentvariabledefinitions?$select=schemaname,type', {
      body: { schemaname: 'new_PlainTwo', displayname: 'Plain two', type: 100000000 },
      headers: { prefer: 'return=representation' },
    });
    assert.equal(rep.status, 201);
    assert.equal(rep.headers['preference-applied'], 'return=representation');
    assert.equal(rep.json.schemaname, 'new_PlainTwo');
    assert.match(rep.json['@odata.etag'], /^W\/"\d+"$/);
    assert.match(rep.json['@odata.context'], /environmentvariabledefinitions\(schemaname,type\)\/\$entity$/);
  });

  it('binds lookups with @odata.bind and refuses a bind to a missing row or a raw _x_value', async () => {
    const def = await dv.request('POST', 'environmentvariabledefinitions', {
      body: { schemaname: 'new_BoundUser', displayname: 'Bound user', type: 100000000 },
      headers: { prefer: 'return=representation' },
    });
    const id = def.json.environmentvariabledefinitionid as string;
    const cred = await dv.request('POST', 'credentials?$select=name,_username_value', {
      body: { name: 'Bound credential', 'username@odata.bind': `/environmentvariabledefinitions(${id})` },
      headers: { prefer: 'return=representation' },
    });
    assert.equal(cred.status, 201, cred.text);
    assert.equal(cred.json._username_value, id);
    const missing = await dv.request('POST', 'credentials', { body: { name: 'Dangling', 'password@odata.bind': '/environmentvariabledefinitions(00000000-0000-0000-0000-0000000000aa)' } });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, '0x80040217');
    const rawLookup = await dv.request('POST', 'credentials', { body: { name: 'Raw lookup', _username_value: id } });
    assert.equal(rawLookup.status, 400);
    const unknown = await dv.request('POST', 'credentials', { body: { name: 'Typo', descripton: 'x' } });
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.message, /The property 'descripton' does not exist on type 'Microsoft\.Dynamics\.CRM\.credential'/);
    const badType = await dv.request('POST', 'credentials', { body: { name: 'Bad type', connectiontype: 'one' } });
    assert.equal(badType.status, 400);
    assert.equal(await count('credentials', "name eq 'Dangling' or name eq 'Raw lookup' or name eq 'Typo' or name eq 'Bad type'"), 0);
  });

  it('deep-inserts a credential with its username and password definitions and their values', async () => {
    const res = await dv.request('POST', 'credentials', { body: deepCredential('Deep SAP robot', PROD_REF) });
    assert.equal(res.status, 204, res.text);
    const got = await dv.get(
      q(
        "credentials?$filter=name eq 'Deep SAP robot'&$select=name&$expand=username($select=schemaname;$expand=environmentvariabledefinition_environmentvariablevalue($select=value)),password($select=schemaname,type;$expand=environmentvariabledefinition_environmentvariablevalue($select=value))",
      ),
    );
    const row = got.json.value[0];
    assert.equal(row.username.environmentvariabledefinition_environmentvariablevalue[0].value, 'robot-user');
    assert.equal(row.password.type, 100000005);
    assert.equal(row.password.environmentvariabledefinition_environmentvariablevalue[0].value, PROD_REF);
  });

  it('refuses a duplicate credential name or schema name (0x80040237) and keeps nothing of the failed insert', async () => {
    const before = tables();
    const dupName = await dv.request('POST', 'credentials', { body: deepCredential('SAP service account', PROD_REF, 'Fresh1') });
    assert.equal(dupName.status, 412);
    assert.equal(dupName.json.error.code, '0x80040237');
    const dupSchema = await dv.request('POST', 'credentials', { body: deepCredential('Fresh name', PROD_REF, 'DeepSAProbot') });
    assert.equal(dupSchema.json.error.code, '0x80040237');
    assert.equal(tables(), before);
  });

  it('PATCH merges, honours If-Match (412 on a stale etag) and upserts a missing row', async () => {
    const row = (await dv.get(q("credentials?$filter=name eq 'SMTP relay'&$select=name,description"))).json.value[0];
    const url = `credentials(${row.credentialid})`;
    const ok = await dv.request('PATCH', url, { body: { description: 'Relay for reports' }, headers: { 'if-match': row['@odata.etag'] } });
    assert.equal(ok.status, 204, ok.text);
    const after = (await dv.get(`${url}?$select=name,description`)).json;
    assert.equal(after.name, 'SMTP relay');
    assert.equal(after.description, 'Relay for reports');
    assert.notEqual(after['@odata.etag'], row['@odata.etag']);
    const stale = await dv.request('PATCH', url, { body: { description: 'lost update' }, headers: { 'if-match': row['@odata.etag'] } });
    assert.equal(stale.status, 412);
    assert.equal((await dv.get(`${url}?$select=description`)).json.description, 'Relay for reports');
    const rep = await dv.request('PATCH', `${url}?$select=description`, { body: { description: 'Again' }, headers: { prefer: 'return=representation', 'if-match': '*' } });
    assert.equal(rep.status, 200);
    assert.equal(rep.json.description, 'Again');
    const upsertId = '0f0f0f0f-1111-4222-8333-444455556666';
    const upsert = await dv.request('PATCH', `environmentvariabledefinitions(${upsertId})`, { body: { schemaname: 'new_Upserted', displayname: 'Upserted', type: 100000000 } });
    assert.equal(upsert.status, 204);
    assert.equal((await dv.get(`environmentvariabledefinitions(${upsertId})?$select=schemaname`)).json.schemaname, 'new_Upserted');
    const mustExist = await dv.request('PATCH', 'credentials(0f0f0f0f-1111-4222-8333-444455550000)', { body: { description: 'x' }, headers: { 'if-match': '*' } });
    assert.equal(mustExist.status, 404);
  });

  it('DELETE removes a definition with its values and clears the credential lookup; 404 when missing', async () => {
    await dv.request('POST', 'credentials', { body: deepCredential('To delete', PROD_REF) });
    const cred = (await dv.get(q("credentials?$filter=name eq 'To delete'&$select=_password_value"))).json.value[0];
    const defId = cred._password_value as string;
    assert.equal(await count('environmentvariablevalues', `_environmentvariabledefinitionid_value eq ${defId}`), 1);
    const del = await dv.request('DELETE', `environmentvariabledefinitions(${defId})`);
    assert.equal(del.status, 204);
    assert.equal(await count('environmentvariablevalues', `_environmentvariabledefinitionid_value eq ${defId}`), 0);
    assert.equal((await dv.get(`credentials(${cred.credentialid})?$select=_password_value`)).json._password_value, null);
    const again = await dv.request('DELETE', `environmentvariabledefinitions(${defId})`);
    assert.equal(again.status, 404);
    assert.equal(again.json.error.code, '0x80040217');
    assert.equal((await dv.request('DELETE', `credentials(${cred.credentialid})`)).status, 204);
    assert.equal(await count('credentials', "name eq 'To delete'"), 0);
  });

  describe('errors in Dataverse\'s shape', () => {
    it('missing privilege: a user who can read but not create credentials gets 0x80040220 naming prvCreatecredential', async () => {
      const megan = dataverse(fake, PROD, 'megan');
      assert.equal((await megan.get('credentials?$select=name')).status, 200);
      const res = await megan.request('POST', 'credentials', { body: { name: 'Megan tries' } });
      assert.equal(res.status, 403);
      assert.equal(res.json.error.code, '0x80040220');
      assert.match(res.json.error.message, /is missing prvCreatecredential privilege/);
      assert.match(res.json.error.message, /for entity 'credential'/);
      const deep = await megan.request('POST', 'environmentvariabledefinitions', { body: { schemaname: 'new_MeganOk', displayname: 'ok', type: 100000000 } });
      assert.equal(deep.status, 204, 'other tables stay writable');
    });

    it('throttling: 429 with Retry-After from the environment or a fault rule', async () => {
      const env = fake.state.findEnvironmentByHost(DEV)!;
      env.throttle = { retryAfterSeconds: 7 };
      const res = await dataverse(fake, DEV).get('credentials');
      env.throttle = undefined;
      assert.equal(res.status, 429);
      assert.equal(res.headers['retry-after'], '7');
      assert.equal(res.json.error.code, '0x80072322');
      const rule = fake.faults.add({ host: PROD, path: '/api/data/v9.2/workflows', status: 429, retryAfter: 3, count: 1 });
      const faulted = await dv.get('workflows?$select=name');
      rule();
      assert.equal(faulted.status, 429);
      assert.equal(faulted.headers['retry-after'], '3');
      assert.equal(faulted.json.error.code, '0x80072322');
      assert.equal((await dv.get('workflows?$select=name')).status, 200);
    });

    it('wrong audience: 401 with the challenge', async () => {
      const token = fake.issueToken({ identity: 'flowvault-demo', resource: `https://${DEV}` }).token;
      const { raw } = await import('./dataverse-support');
      const res = await raw(fake, PROD, 'GET', '/api/data/v9.2/credentials', { authorization: `Bearer ${token}` });
      assert.equal(res.status, 401);
      assert.match(String(res.headers['www-authenticate']), /^Bearer authorization_uri=https:\/\/login\.microsoftonline\.com\//);
    });
  });

  describe('Key Vault reference validation of secret variables', () => {
    const cases: [string, string, string, RegExp][] = [
      ['malformed path', 'flowvault-demo', 'kv-contoso-rpa-prod/secrets/sap-password', /not an Azure Key Vault secret reference/],
      ['vault in another tenant', 'flowvault-demo', ref('e4d3c2b1-a0f9-4e8d-9c7b-6a5f4e3d2c1b', 'rg-shared', 'kv-fabrikam-shared', 'partner-portal-password'), /another tenant/],
      ['provider not registered', 'flowvault-demo', ref(DEV_SUB, 'rg-rpa-dev', 'kv-contoso-rpa-dev', 'test-sap-password'), /^Make sure the provider Microsoft\.PowerPlatform is registered in the Azure subscription$/],
      ['caller cannot read secrets (RBAC)', 'flowvault-demo', ref(PROD_SUB, 'rg-finance', 'kv-contoso-finance', 'swift-gateway-password'), /^This variable didn't save properly\. User is not authorized to read secrets from '\/subscriptions\/.*kv-contoso-finance\/secrets\/swift-gateway-password'\.$/],
      ['caller cannot read secrets (access policy)', 'megan', ref(PROD_SUB, 'rg-rpa-prod', 'kv-contoso-rpa-legacy', 'mainframe-password'), /User is not authorized to read secrets/],
      ['vault does not exist', 'flowvault-demo', ref(PROD_SUB, 'rg-rpa-prod', 'kv-contoso-missing', 'x'), /User is not authorized to read secrets/],
    ];
    for (const [label, identity, reference, message] of cases) {
      it(`refuses ${label} (400) and keeps nothing`, async () => {
        const client = dataverse(fake, PROD, identity);
        const before = tables();
        const res = await client.request('POST', 'environmentvariabledefinitions', {
          body: {
            schemaname: `new_V${label.replace(/\W/g, '')}`,
            displayname: label,
            type: 100000005,
            secretstore: 0,
            environmentvariabledefinition_environmentvariablevalue: [{ schemaname: 'v', value: reference }],
          },
        });
        assert.equal(res.status, 400, res.text);
        assert.equal(res.json.error.code, '0x80040203');
        assert.match(res.json.error.message, message);
        assert.equal(tables(), before);
      });
    }

    it('accepts readable references: RBAC Secrets User, an access policy with get, a version suffix', async () => {
      const accepted: [string, string][] = [
        ['megan', PROD_REF],
        ['flowvault-demo', ref(PROD_SUB, 'rg-rpa-prod', 'kv-contoso-rpa-legacy', 'mainframe-password')],
        ['flowvault-demo', `${PROD_REF}/0123456789abcdef0123456789abcdef`],
      ];
      let n = 0;
      for (const [identity, reference] of accepted) {
        const res = await dataverse(fake, PROD, identity).request('POST', 'environmentvariabledefinitions', {
          body: { schemaname: `new_Accepted${n++}`, displayname: 'ok', type: 100000005, secretstore: 0, defaultvalue: reference },
        });
        assert.equal(res.status, 204, `${identity}: ${res.text}`);
      }
    });

    it('does not echo a malformed value (it may be a password typed in the wrong place)', async () => {
      const canary = 'canary-Hunter2-not-a-reference';
      const res = await dv.request('POST', 'environmentvariabledefinitions', { body: { schemaname: 'new_Canary', displayname: 'c', type: 100000005, defaultvalue: canary } });
      assert.equal(res.status, 400);
      assert.equal(res.text.includes(canary), false);
    });

    it('validates a PATCH of a secret value and a deep-inserted credential; text variables are not checked', async () => {
      const row = (await dv.get(q("credentials?$filter=name eq 'SAP service account'&$select=name&$expand=password($select=schemaname;$expand=environmentvariabledefinition_environmentvariablevalue($select=value))"))).json.value[0];
      const value = row.password.environmentvariabledefinition_environmentvariablevalue[0];
      const bad = await dv.request('PATCH', `environmentvariablevalues(${value.environmentvariablevalueid})`, { body: { value: ref(DEV_SUB, 'rg-rpa-dev', 'kv-contoso-rpa-dev', 'x') } });
      assert.equal(bad.status, 400);
      assert.equal((await dv.get(`environmentvariablevalues(${value.environmentvariablevalueid})?$select=value`)).json.value, value.value);
      const deep = await dv.request('POST', 'credentials', { body: deepCredential('Finance robot', ref(PROD_SUB, 'rg-finance', 'kv-contoso-finance', 'bank-portal-password')) });
      assert.equal(deep.status, 400);
      assert.equal(await count('credentials', "name eq 'Finance robot'"), 0);
      assert.equal(await count('environmentvariabledefinitions', "startswith(schemaname,'new_FinanceRobot')"), 0);
      const text = await dv.request('POST', 'environmentvariabledefinitions', { body: { schemaname: 'new_Text', displayname: 't', type: 100000000, defaultvalue: 'not a reference' } });
      assert.equal(text.status, 204);
    });
  });
});
