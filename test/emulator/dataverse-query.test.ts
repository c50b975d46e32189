import * as assert from 'assert/strict';
import { startFakeAzure, type FakeAzure } from '../../src/fake-azure';
import { dataverse, DataverseHttp, DEV, PROD, q, withFakeDataverse } from './dataverse-support';

const ANNOTATIONS = { prefer: 'odata.include-annotations="*"' };

describe('fake Dataverse: OData queries', () => {
  let fake: FakeAzure;
  let dv: DataverseHttp;
  withFakeDataverse((f, d) => {
    fake = f;
    dv = d;
  });

  const names = async (path: string): Promise<string[]> => {
    const res = await dv.get(q(path));
    assert.equal(res.status, 200, res.text);
    return (res.json.value as { name: string }[]).map((r) => r.name);
  };

  it('lists the demo credentials with $select, the key, etags and the context URL', async () => {
    const res = await dv.get(q('credentials?$select=name,_password_value'));
    assert.equal(res.status, 200);
    assert.equal(res.headers['odata-version'], '4.0');
    assert.equal(res.json['@odata.context'], `https://${PROD}/api/data/v9.2/$metadata#credentials(name,_password_value)`);
    const sap = res.json.value.find((r: { name: string }) => r.name === 'SAP service account');
    assert.deepEqual(Object.keys(sap).sort(), ['@odata.etag', '_password_value', 'credentialid', 'name']);
    assert.match(sap['@odata.etag'], /^W\/"\d+"$/);
    assert.ok(res.json.value.length >= 12);
  });

  it('returns every column without $select, and one row by id with /$entity', async () => {
    const list = await dv.get(q("credentials?$filter=name eq 'SMTP relay'"));
    const row = list.json.value[0];
    for (const c of ['description', 'connectiontype', 'usagetype', 'statecode', '_username_value', 'createdon', '_ownerid_value']) assert.ok(c in row, c);
    assert.equal(row.usagetype, '280920001');
    const one = await dv.get(`credentials(${row.credentialid})?$select=name`);
    assert.equal(one.status, 200);
    assert.equal(one.json.name, 'SMTP relay');
    assert.equal(one.json['@odata.context'], `https://${PROD}/api/data/v9.2/$metadata#credentials(name)/$entity`);
    const missing = await dv.get('credentials(00000000-0000-0000-0000-000000000001)');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, '0x80040217');
  });

  describe('$filter', () => {
    const cases: [string, string[]][] = [
      ["name eq 'SMTP relay'", ['SMTP relay']],
      ["name eq 'smtp RELAY'", ['SMTP relay']],
      ["startswith(name,'SAP') or endswith(name,'gateway')", ['SAP service account', 'SWIFT gateway']],
      ["contains(name,'sap') and statecode eq 0", ['SAP service account', 'Test SAP account']],
      ["contains(name,'mainframe') and not (statecode eq 0)", ['Old mainframe account']],
      ["statecode ne 0", ['Old mainframe account']],
      ["(statecode eq 1 or name eq 'SWIFT gateway') and contains(name, 'a')", ['Old mainframe account', 'SWIFT gateway']],
      ['description eq null and statecode eq 1', []],
      ["description ne null and contains(description,'deleted')", ['HR portal robot']],
    ];
    for (const [filter, expected] of cases) {
      it(`${filter}`, async () => {
        assert.deepEqual((await names(`credentials?$select=name&$filter=${filter}&$orderby=name`)).sort(), [...expected].sort());
      });
    }

    it('reads strings with doubled quotes and compares GUIDs and lookups as _x_value', async () => {
      const all = (await dv.get(q('credentials?$select=name,_password_value'))).json.value as { name: string; _password_value: string; credentialid: string }[];
      const smtp = all.find((r) => r.name === 'SMTP relay')!;
      assert.deepEqual(await names(`credentials?$select=name&$filter=_password_value eq ${smtp._password_value}`), ['SMTP relay']);
      assert.deepEqual(await names(`credentials?$select=name&$filter=credentialid eq ${smtp.credentialid.toUpperCase()}`), ['SMTP relay']);
      assert.deepEqual(await names("credentials?$select=name&$filter=name eq 'O''Brien'"), []);
      const dvs = dataverse(fake, DEV);
      const res = await dvs.get(q("credentials?$select=name&$filter=name eq 'Test SAP account (dev)'"));
      assert.deepEqual(res.json.value.map((r: { name: string }) => r.name), ['Test SAP account (dev)']);
    });

    it('follows a lookup path (password/schemaname) and compares numbers and dates', async () => {
      assert.deepEqual(await names("credentials?$select=name&$filter=password/schemaname eq 'cr7f1_SMTPRelayPassword'"), ['SMTP relay']);
      const machines = await dv.get(q('flowmachines?$select=name&$filter=lastheartbeatdate lt ' + new Date(Date.now() - 86400_000).toISOString().replace(/\.\d+Z$/, 'Z')));
      assert.deepEqual(machines.json.value.map((r: { name: string }) => r.name), ['RPA-VM-03']);
      const groupKey = await dv.get(q('flowmachines?$select=name&$filter=statuscode ge 3 and statuscode le 11&$orderby=name'));
      assert.deepEqual(groupKey.json.value.map((r: { name: string }) => r.name), ['RPA-FIN-01', 'RPA-VM-02']);
    });

    for (const [filter, message] of [
      ['name eq', /Syntax error at position 7/],
      ["name eq 'open", /Syntax error/],
      ["nme eq 'x'", /Could not find a property named 'nme' on type 'Microsoft\.Dynamics\.CRM\.credential'/],
      ["statecode eq 'x'", /incompatible types/],
      ["substringof('a',name)", /unknown function/],
    ] as const) {
      it(`answers 400 0x80060888 for ${filter}`, async () => {
        const res = await dv.get(q(`credentials?$filter=${filter}`));
        assert.equal(res.status, 400);
        assert.equal(res.json.error.code, '0x80060888');
        assert.match(res.json.error.message, message);
      });
    }
  });

  it('answers 400 for an unknown column in $select, $orderby or $expand, and 404 for an unknown entity set', async () => {
    for (const path of ['credentials?$select=name,secretvalue', 'credentials?$orderby=nope desc', 'credentials?$expand=nothing']) {
      const res = await dv.get(q(path));
      assert.equal(res.status, 400, path);
      assert.equal(res.json.error.code, '0x80060888');
    }
    assert.equal((await dv.get('accounts')).status, 404);
  });

  it('orders by several keys, ascending and descending, and caps with $top', async () => {
    const res = await dv.get(q('flowmachines?$select=name,statuscode&$orderby=statuscode desc,name asc'));
    const rows = res.json.value as { name: string; statuscode: number }[];
    assert.deepEqual(rows.map((r) => r.statuscode), [...rows.map((r) => r.statuscode)].sort((a, b) => b - a));
    const actives = rows.filter((r) => r.statuscode === 1).map((r) => r.name);
    assert.deepEqual(actives, [...actives].sort());
    assert.deepEqual(await names('credentials?$select=name&$orderby=name&$top=2'), ['Citrix service account', 'ERP database reader']);
    assert.deepEqual(await names('credentials?$select=name&$orderby=name desc&$top=1'), ['Test SAP account']);
  });

  it('counts with $count=true (all matching rows, not the page)', async () => {
    const res = await dv.get(q("credentials?$select=name&$filter=contains(name,'a')&$count=true"), { prefer: 'odata.maxpagesize=2' });
    assert.equal(res.json.value.length, 2);
    assert.ok(res.json['@odata.count'] > 2);
  });

  it('pages with Prefer: odata.maxpagesize and follows @odata.nextLink to the end', async () => {
    const all = await names('credentials?$select=name');
    const seen: string[] = [];
    let link: string | undefined = q('/api/data/v9.2/credentials?$select=name');
    let pages = 0;
    while (link) {
      const res = await dv.get(link, { prefer: 'odata.maxpagesize=4' });
      assert.equal(res.status, 200);
      assert.equal(res.headers['preference-applied'], 'odata.maxpagesize=4');
      assert.ok(res.json.value.length <= 4);
      seen.push(...res.json.value.map((r: { name: string }) => r.name));
      const next: string | undefined = res.json['@odata.nextLink'];
      if (next) {
        const u = new URL(next);
        assert.equal(u.host, PROD);
        assert.match(decodeURIComponent(u.searchParams.get('$skiptoken')!), /^<cookie pagenumber="\d+"/);
      }
      link = next ? new URL(next).pathname + new URL(next).search : undefined;
      pages++;
    }
    assert.equal(pages, Math.ceil(all.length / 4));
    assert.deepEqual(seen, all);
    const bad = await dv.get(q('credentials?$skiptoken=nonsense'));
    assert.equal(bad.status, 400);
  });

  it('expands lookups and collections with nested $select', async () => {
    const res = await dv.get(
      q(
        "credentials?$select=name&$filter=name eq 'SAP service account'&$expand=username($select=schemaname,type),password($select=schemaname,type,secretstore;$expand=environmentvariabledefinition_environmentvariablevalue($select=value))",
      ),
    );
    assert.equal(res.status, 200, res.text);
    const row = res.json.value[0];
    assert.equal(row.username.type, 100000000);
    assert.equal(row.password.type, 100000005);
    assert.equal(row.password.secretstore, 0);
    const values = row.password.environmentvariabledefinition_environmentvariablevalue;
    assert.equal(values.length, 1);
    assert.match(values[0].value, /^\/subscriptions\/5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c\/resourceGroups\/rg-rpa-prod\/providers\/Microsoft\.KeyVault\/vaults\/kv-contoso-rpa-prod\/secrets\/sap-password$/);
    assert.match(res.json['@odata.context'], /credentials\(name,username\(schemaname,type\),password\(schemaname,type,secretstore,environmentvariabledefinition_environmentvariablevalue\(value\)\)\)$/);
    const defs = await dv.get(q('environmentvariabledefinitions?$select=schemaname&$filter=type eq 100000005&$expand=environmentvariabledefinition_environmentvariablevalue($select=value,schemaname)'));
    assert.ok(defs.json.value.length >= 12);
    assert.ok(defs.json.value.every((d: { environmentvariabledefinition_environmentvariablevalue: unknown[] }) => d.environmentvariabledefinition_environmentvariablevalue.length === 1));
    const machine = await dv.get(q("flowmachines?$select=name&$filter=name eq 'RPA-FIN-01'&$expand=FlowMachineGroupId($select=name,statuscode)"));
    assert.deepEqual(machine.json.value[0].FlowMachineGroupId.name, 'RPA-Finance-Group');
    assert.deepEqual(machine.json.value[0].FlowMachineGroupId.statuscode, 4);
  });

  it('adds formatted values and lookup annotations only when asked', async () => {
    const path = q("flowmachines?$select=name,statuscode,keydeliverystatus,_flowmachinegroupid_value&$filter=name eq 'RPA-FIN-01'");
    const plain = (await dv.get(path)).json.value[0];
    assert.equal(Object.keys(plain).some((k) => k.includes('@OData.Community')), false);
    const res = await dv.get(path, ANNOTATIONS);
    assert.equal(res.headers['preference-applied'], 'odata.include-annotations="*"');
    const row = res.json.value[0];
    assert.equal(row['statuscode@OData.Community.Display.V1.FormattedValue'], 'RequiresGroupKey');
    assert.equal(row['keydeliverystatus@OData.Community.Display.V1.FormattedValue'], 'KeyExpired');
    assert.equal(row['_flowmachinegroupid_value@OData.Community.Display.V1.FormattedValue'], 'RPA-Finance-Group');
    assert.equal(row['_flowmachinegroupid_value@Microsoft.Dynamics.CRM.lookuplogicalname'], 'flowmachinegroup');
    assert.equal(row['_flowmachinegroupid_value@Microsoft.Dynamics.CRM.associatednavigationproperty'], 'FlowMachineGroupId');
    const listed = (await dv.get(path, { prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' })).json.value[0];
    assert.equal(listed['statuscode@OData.Community.Display.V1.FormattedValue'], 'RequiresGroupKey');
    assert.equal('_flowmachinegroupid_value@Microsoft.Dynamics.CRM.lookuplogicalname' in listed, false);
  });

  it('serves desktop flows (category 6) whose clientdata holds the Robin script', async () => {
    const res = await dv.get(q('workflows?$select=name,clientdata,category&$filter=category eq 6&$orderby=name'));
    const flows = res.json.value as { name: string; clientdata: string }[];
    assert.deepEqual(flows.map((f) => f.name), ['Invoice posting (SAP)', 'Legacy FTP upload', 'Payroll export', 'Vendor portal login']);
    const sap = JSON.parse(flows[0].clientdata) as { properties: { definition: string } };
    assert.match(sap.properties.definition, /GetCredential Credential: 'SAP service account'/);
    assert.match(sap.properties.definition, /\r\n/);
    const cloud = await dv.get(q('workflows?$select=name&$filter=category eq 5'));
    assert.deepEqual(cloud.json.value.map((f: { name: string }) => f.name), ['Approve purchase orders']);
  });

  it('serves machines, groups, connections, solutions, system users and WhoAmI', async () => {
    const machines = await names('flowmachines?$select=name&$orderby=name');
    assert.deepEqual(machines, ['RPA-FIN-01', 'RPA-VM-01', 'RPA-VM-02', 'RPA-VM-03', 'RPA-VM-OLD']);
    const groups = (await dv.get(q('flowmachinegroups?$select=name,flowgrouptype,statuscode&$orderby=name'))).json.value;
    assert.deepEqual(groups.map((g: { name: string; flowgrouptype: number }) => [g.name, g.flowgrouptype]), [
      ['RPA-Finance-Group', 545940001],
      ['RPA-Prod-Group', 545940001],
      ['RPA-VM-OLD', 545940002],
    ]);
    const conns = await dv.get(q('connectioninstances?$select=connectioninstancedisplayname,_credentialid_value&$expand=CredentialId($select=name)'));
    assert.deepEqual(conns.json.value.map((c: { CredentialId: { name: string } }) => c.CredentialId.name).sort(), ['Payroll database', 'SAP service account']);
    const core = await dv.get(q("solutions?$select=version&$filter=uniquename eq 'MicrosoftFlowExtensionsCore'"));
    assert.equal(core.json.value[0].version, '1.2.4.5');
    const who = await dv.get('WhoAmI');
    const me = await dv.get(q(`systemusers(${who.json.UserId})?$select=azureactivedirectoryobjectid`));
    assert.equal(me.json.azureactivedirectoryobjectid, fake.credentials.objectId);
  });

  it('keeps demo values fake and never serves a vault secret value', async () => {
    const values = fake.state.allVaults().flatMap((v) => v.secrets.flatMap((s) => s.versions.map((x) => x.value)));
    for (const set of ['credentials', 'environmentvariabledefinitions', 'environmentvariablevalues', 'workflows']) {
      const text = (await dv.get(set)).text;
      for (const v of values) assert.equal(text.includes(v), false, `${set} holds a vault value`);
    }
  });
});

describe('fake Dataverse: generated environments for benchmarks', () => {
  it('generates 2,000 credentials with their variables and pages through them with expansions', async () => {
    const fake = await startFakeAzure({
      scenario: {
        tenants: [
          {
            name: 'bench',
            displayName: 'Bench',
            subscriptions: [{ displayName: 'Bench', providers: { 'Microsoft.PowerPlatform': 'Registered' }, resourceGroups: [{ name: 'rg', vaults: [{ name: 'kv-bench', secrets: [{ name: 'generated-secret', value: 'bench-value' }] }] }] }],
            environments: [{ name: 'bench-env', generate: { credentials: 2000, vault: 'kv-bench' } }],
          },
        ],
        identities: [{ name: 'bench-sp', tenant: 'bench', clientSecret: 'bench-secret' }],
      },
    });
    try {
      const dv = dataverse(fake, 'bench-env.crm.dynamics.com', 'bench-sp');
      let link: string | undefined = q('/api/data/v9.2/credentials?$select=name&$count=true&$expand=password($select=schemaname;$expand=environmentvariabledefinition_environmentvariablevalue($select=value))');
      const names: string[] = [];
      while (link) {
        const res = await dv.get(link, { prefer: 'odata.maxpagesize=500' });
        assert.equal(res.json['@odata.count'], 2000);
        for (const r of res.json.value) {
          names.push(r.name);
          assert.match(r.password.environmentvariabledefinition_environmentvariablevalue[0].value, /\/vaults\/kv-bench\/secrets\/generated-secret$/);
        }
        const next: string | undefined = res.json['@odata.nextLink'];
        link = next ? new URL(next).pathname + new URL(next).search : undefined;
      }
      assert.equal(names.length, 2000);
      assert.equal(new Set(names).size, 2000);
      assert.equal(names[1999], 'Generated credential 02000');
    } finally {
      await fake.close();
    }
  });
});
