import * as assert from 'assert';
import { RestError, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { AZURE_CLOUDS, isDataverseUrlOfCloud } from '../../../src/azure/clouds';
import { classifyAzureError, type ProblemContext } from '../../../src/azure/errors';
import { entityIdFromHeader, odataGuid, odataPath, odataString, preferHeader } from '../../../src/azure/dataverse/odata';
import { joinValues, toCredentialFacts, toMachine, toValueRow } from '../../../src/azure/dataverse/records';
import { pascalName, uniqueSchemaNames, validateSchemaPrefix } from '../../../src/azure/dataverse/schemaNames';
import { deepInsertBody, validateNewCredential } from '../../../src/azure/dataverse/environmentClient';

const REF = '/subscriptions/5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod/secrets/sap-password';

/** A RestError as the JSON pipeline throws it, with a Dataverse body. */
function dataverseError(status: number, code: string, message: string, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: 'https://contoso-rpa.crm4.dynamics.com/api/data/v9.2/credentials' });
  return new RestError(`HTTP ${status} ${code}`, {
    statusCode: status,
    code,
    request,
    response: { status, request, headers: createHttpHeaders(headers), bodyAsText: JSON.stringify({ error: { code, message } }) },
  });
}

const ctx: ProblemContext = {
  operation: 'createCredential',
  environment: { name: 'Contoso RPA (Production)', url: 'https://contoso-rpa.crm4.dynamics.com' },
  tenant: { id: '8f3c2a1e-5b7d-4c9e-a1f2-3d4e5f6a7b8c' },
  identity: 'megan@contoso.com',
  credentialName: 'SAP service account',
  secretReference: REF,
};

describe('Dataverse: OData pieces', () => {
  it('quotes string literals, doubling single quotes', () => {
    assert.strictEqual(odataString("O'Brien's robot"), "'O''Brien''s robot'");
    assert.strictEqual(odataString(''), "''");
    assert.strictEqual(odataPath('credentials', { $filter: `name eq ${odataString("a'b & c")}`, $top: undefined }), "credentials?$filter=name%20eq%20'a''b%20%26%20c'");
  });
  it('accepts only GUIDs as GUID literals', () => {
    assert.strictEqual(odataGuid('9A1B2C3D-0000-0000-0000-000000000001'), '9a1b2c3d-0000-0000-0000-000000000001');
    assert.throws(() => odataGuid("1 or name eq 'x'"));
  });
  it('builds Prefer headers and reads OData-EntityId', () => {
    assert.strictEqual(preferHeader({ pageSize: 50 }), 'odata.maxpagesize=50');
    assert.strictEqual(preferHeader({}), undefined);
    assert.match(preferHeader({ pageSize: 10, annotations: true })!, /^odata\.maxpagesize=10,odata\.include-annotations="OData\.Community\.Display\.V1\.FormattedValue"$/);
    assert.strictEqual(entityIdFromHeader('https://x.crm.dynamics.com/api/data/v9.2/credentials(9A1B2C3D-0000-0000-0000-000000000001)'), '9a1b2c3d-0000-0000-0000-000000000001');
    assert.strictEqual(entityIdFromHeader(undefined), undefined);
  });
  it('knows each cloud\'s Dataverse hosts, and nothing else', () => {
    assert.ok(isDataverseUrlOfCloud('https://contoso.crm4.dynamics.com', AZURE_CLOUDS.AzureCloud));
    assert.ok(isDataverseUrlOfCloud('https://contoso.api.crm.dynamics.com', AZURE_CLOUDS.AzureCloud));
    assert.ok(isDataverseUrlOfCloud('https://contoso.crm.dynamics.cn', AZURE_CLOUDS.AzureChinaCloud));
    assert.ok(isDataverseUrlOfCloud('https://contoso.crm.microsoftdynamics.us', AZURE_CLOUDS.AzureUSGovernment));
    for (const bad of ['https://contoso.crm.dynamics.com.evil.net', 'http://contoso.crm.dynamics.com', 'https://globaldisco.crm.dynamics.com', 'https://a.b.crm.dynamics.com', 'not a url']) {
      assert.ok(!isDataverseUrlOfCloud(bad, AZURE_CLOUDS.AzureCloud), bad);
    }
    assert.ok(!isDataverseUrlOfCloud('https://contoso.crm.dynamics.com', AZURE_CLOUDS.AzureChinaCloud));
    assert.strictEqual(AZURE_CLOUDS.AzureUSGovernment.supportsPowerAutomateCredentials, false);
  });
});

describe('Dataverse: schema names', () => {
  it('derives PascalCase names from the credential name', () => {
    assert.strictEqual(pascalName('SAP service account'), 'SAPServiceAccount');
    assert.strictEqual(pascalName('café-login 2'), 'CafeLogin2');
    assert.strictEqual(pascalName('2fa robot'), 'C2faRobot');
    assert.strictEqual(pascalName('ñ'), 'N');
    assert.strictEqual(pascalName('日本'), 'Credential');
  });
  it('picks the first suffix free for both variables, case-insensitively', () => {
    assert.deepStrictEqual(uniqueSchemaNames('SAP robot', []), { userName: 'new_SAPRobotUserName', password: 'new_SAPRobotPassword' });
    assert.deepStrictEqual(uniqueSchemaNames('SAP robot', ['NEW_saprobotpassword']), { userName: 'new_SAPRobot2UserName', password: 'new_SAPRobot2Password' });
    assert.deepStrictEqual(uniqueSchemaNames('x', ['cr1_XUserName', 'cr1_X2Password'], 'cr1'), { userName: 'cr1_X3UserName', password: 'cr1_X3Password' });
  });
  it('checks publisher prefixes', () => {
    assert.strictEqual(validateSchemaPrefix('cr1a2'), undefined);
    assert.ok(validateSchemaPrefix('1abc'));
    assert.ok(validateSchemaPrefix('a'));
    assert.ok(validateSchemaPrefix('mscrmx'));
    assert.ok(validateSchemaPrefix('with_underscore'));
  });
});

describe('Dataverse: new Key Vault credential', () => {
  it('nests both variables and their values in one deep insert', () => {
    const body = deepInsertBody({ name: ' SAP robot ', userName: 'sap.robot@contoso.com', secretReference: REF }, { userName: 'new_SAPRobotUserName', password: 'new_SAPRobotPassword' });
    assert.deepStrictEqual(body, {
      name: 'SAP robot',
      connectiontype: 1,
      credentialtype: 1,
      usagetype: '280920000,280920001',
      username: {
        schemaname: 'new_SAPRobotUserName',
        displayname: 'SAP robot user name',
        type: 100000000,
        environmentvariabledefinition_environmentvariablevalue: [{ schemaname: 'new_SAPRobotUserName', value: 'sap.robot@contoso.com' }],
      },
      password: {
        schemaname: 'new_SAPRobotPassword',
        displayname: 'SAP robot password',
        type: 100000005,
        secretstore: 0,
        environmentvariabledefinition_environmentvariablevalue: [{ schemaname: 'new_SAPRobotPassword', value: REF }],
      },
    });
  });
  it('refuses bad input before any request', () => {
    const ok = { name: 'SAP robot', userName: 'robot', secretReference: REF };
    assert.strictEqual(validateNewCredential(ok), undefined);
    assert.match(validateNewCredential({ ...ok, name: ' ' })!, /credential name/);
    assert.match(validateNewCredential({ ...ok, name: 'x'.repeat(101) })!, /100 characters/);
    assert.match(validateNewCredential({ ...ok, userName: '' })!, /user name/);
    assert.match(validateNewCredential({ ...ok, secretReference: 'https://kv.vault.azure.net/secrets/x' })!, /must read \/subscriptions/);
    assert.match(validateNewCredential({ ...ok, schemaPrefix: '_' })!, /prefix/);
  });
});

describe('Dataverse: rows to records', () => {
  const credentialRow = {
    credentialid: '9A1B2C3D-0000-0000-0000-000000000001',
    name: 'SAP robot',
    statecode: 0,
    connectiontype: 1,
    username: { environmentvariabledefinitionid: '1F1F1F1F-0000-0000-0000-00000000000A', schemaname: 'new_SapUser', type: 100000000, defaultvalue: 'default.user' },
    password: { environmentvariabledefinitionid: '2e2e2e2e-0000-0000-0000-00000000000b', schemaname: 'new_SapPassword', type: 100000005, secretstore: 0 },
  };
  it('joins the current values to the expanded definitions', () => {
    const c = toCredentialFacts(credentialRow)!;
    assert.strictEqual(c.id, '9a1b2c3d-0000-0000-0000-000000000001');
    assert.strictEqual(c.active, true);
    const values = [
      toValueRow({ environmentvariablevalueid: 'aaaaaaaa-0000-0000-0000-000000000001', _environmentvariabledefinitionid_value: '2e2e2e2e-0000-0000-0000-00000000000b', value: REF })!,
      toValueRow({ environmentvariablevalueid: 'aaaaaaaa-0000-0000-0000-000000000002', _environmentvariabledefinitionid_value: '99999999-0000-0000-0000-000000000000', value: 'other' })!,
    ];
    const [joined] = joinValues([c], values);
    assert.strictEqual(joined.password?.currentValue, REF);
    assert.strictEqual(joined.password?.valueId, 'aaaaaaaa-0000-0000-0000-000000000001');
    assert.strictEqual(joined.username?.currentValue, undefined, 'no value row: the default stays the only value');
    assert.strictEqual(joined.username?.defaultValue, 'default.user');
  });
  it('reads an inactive credential, and skips rows without an id', () => {
    assert.strictEqual(toCredentialFacts({ ...credentialRow, statecode: 1 })?.active, false);
    assert.strictEqual(toCredentialFacts({ name: 'no id' }), undefined);
  });
  it('reads a machine\'s group name from the lookup\'s formatted value', () => {
    const m = toMachine({
      flowmachineid: 'bbbbbbbb-0000-0000-0000-000000000001',
      name: 'RPA-VM-01',
      statecode: 0,
      statuscode: 3,
      _flowmachinegroupid_value: 'CCCCCCCC-0000-0000-0000-000000000001',
      '_flowmachinegroupid_value@OData.Community.Display.V1.FormattedValue': 'Finance robots',
    })!;
    assert.deepStrictEqual([m.statusCode, m.groupId, m.groupName], [3, 'cccccccc-0000-0000-0000-000000000001', 'Finance robots']);
  });
});

describe('Dataverse: errors say what is wrong and what to do', () => {
  it('missing privilege names the privilege', () => {
    const p = classifyAzureError(
      dataverseError(403, '0x80040220', "Principal user (Id=1b2c…, type=8, roleCount=1, privilegeCount=100), is missing prvCreatecredential privilege (Id=aa…) on OTC=10035 for entity 'credential'."),
      ctx,
    );
    assert.strictEqual(p.kind, 'permissionDenied');
    assert.strictEqual(p.title, 'Missing privilege prvCreatecredential in environment Contoso RPA (Production)');
    assert.match(p.message, /megan@contoso.com may not create the credential/);
    assert.match(p.message, /security role/);
    assert.strictEqual(p.code, undefined, 'hex codes are not identifiers; the title carries the privilege');
  });
  it('not found, duplicate, throttled', () => {
    assert.strictEqual(classifyAzureError(dataverseError(404, '0x80040217', 'credential With Ids = 9a… Do Not Exist'), ctx).kind, 'notFound');
    const dup = classifyAzureError(dataverseError(412, '0x80040237', 'Cannot insert duplicate key.'), ctx);
    assert.strictEqual(dup.kind, 'duplicate');
    assert.match(dup.message, /choose another name/);
    const t = classifyAzureError(dataverseError(429, '0x80072322', 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.', { 'retry-after': '12' }), ctx);
    assert.deepStrictEqual([t.kind, t.retryAfterSeconds], ['throttled', 12]);
  });
  it('not a member of the organization, and a refused token', () => {
    assert.strictEqual(classifyAzureError(dataverseError(403, '0x80072560', 'The user is not a member of the organization.'), ctx).title, 'Not a user of environment Contoso RPA (Production)');
    const p = classifyAzureError(dataverseError(401, '', ''), { ...ctx, operation: 'listCredentials' });
    assert.strictEqual(p.kind, 'signInRequired');
  });
  it('Key Vault reference validation: provider, permission, tenant, malformed', () => {
    const provider = classifyAzureError(dataverseError(400, '0x80040203', 'Make sure the provider Microsoft.PowerPlatform is registered in the Azure subscription'), ctx);
    assert.strictEqual(provider.kind, 'keyVaultReference');
    assert.match(provider.message, /az provider register --namespace Microsoft\.PowerPlatform --subscription 5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c/);
    const user = classifyAzureError(dataverseError(400, '0x80040203', `This variable didn't save properly. User is not authorized to read secrets from '${REF}'.`), ctx);
    assert.strictEqual(user.title, 'No permission to read secrets in vault kv-contoso-rpa-prod');
    assert.match(user.message, /Key Vault Secrets User/);
    const tenant = classifyAzureError(dataverseError(400, '0x80040203', 'The Azure Key Vault must be in the same tenant as the environment.'), ctx);
    assert.match(tenant.title, /another tenant/);
    const malformed = classifyAzureError(dataverseError(400, '0x80040203', 'The secret reference path is malformed.'), ctx);
    assert.match(malformed.title, /not a valid Key Vault path/);
    const notReference = classifyAzureError(dataverseError(400, '0x80040203', "This variable didn't save properly. The value is not an Azure Key Vault secret reference: use /subscriptions/{Subscription ID}/…"), ctx);
    assert.strictEqual(notReference.title, 'The secret reference is not a valid Key Vault path');
    const other = classifyAzureError(dataverseError(400, '0x80040217', 'credential With Ids = 9a… Do Not Exist'), { ...ctx, secretReference: undefined });
    assert.strictEqual(other.kind, 'notFound', 'only Key Vault texts are read as reference problems');
  });
  it('never passes server text through, and masks sensitive values', () => {
    const planted = 'Hunter2-canary-value';
    const p = classifyAzureError(dataverseError(500, '0x80040216', `Something failed near ${planted}`), { ...ctx, sensitiveValues: [planted] });
    assert.ok(!JSON.stringify(p).includes(planted));
    assert.ok(!p.message.includes('Something failed'));
  });
});
