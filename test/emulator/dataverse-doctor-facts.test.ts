import * as assert from 'assert/strict';
import type { FakeAzure } from '../../src/fake-azure';
import { dataverse, DataverseHttp, DEV, q, raw, withFakeDataverse } from './dataverse-support';

const PROD_SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
const DEV_SUB = 'a7e3f1b9-6c2d-4e8a-b5f0-1c3d5e7f9a2b';

describe('fake cloud: what the doctor reads (machines, groups, solutions, network)', () => {
  let fake: FakeAzure;
  let dv: DataverseHttp;
  withFakeDataverse((f, d) => {
    fake = f;
    dv = d;
  });

  it('holds one machine for each failure the doctor reports, with heartbeats relative to start-up', async () => {
    const res = await dv.get(q('flowmachines?$select=name,agentversion,lastheartbeatdate,statecode,statuscode,keydeliverystatus,hostingtype&$expand=FlowMachineGroupId($select=name,flowgrouptype,statuscode)&$orderby=name'), {
      prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"',
    });
    const rows = res.json.value as Record<string, unknown>[];
    const by = (name: string): Record<string, unknown> => rows.find((r) => r.name === name)!;
    const ageMinutes = (name: string): number => (Date.now() - Date.parse(String(by(name).lastheartbeatdate))) / 60_000;
    assert.ok(ageMinutes('RPA-VM-01') >= 2 && ageMinutes('RPA-VM-01') < 5, 'healthy machine: heartbeat 3 minutes ago');
    assert.equal(by('RPA-VM-02')['statuscode@OData.Community.Display.V1.FormattedValue'], 'RequiresReconnection');
    assert.ok(ageMinutes('RPA-VM-03') > 47 * 60, 'offline for days');
    assert.equal(by('RPA-VM-OLD').agentversion, '2.8.73.21118');
    assert.equal((by('RPA-VM-OLD').FlowMachineGroupId as { flowgrouptype: number }).flowgrouptype, 545940002);
    assert.equal(by('RPA-FIN-01').statuscode, 11);
    assert.equal(by('RPA-FIN-01')['keydeliverystatus@OData.Community.Display.V1.FormattedValue'], 'KeyExpired');
    assert.equal((by('RPA-FIN-01').FlowMachineGroupId as { statuscode: number }).statuscode, 4);
    const dev = await dataverse(fake, DEV).get(q('flowmachines?$select=name'));
    assert.deepEqual(dev.json.value.map((r: { name: string }) => r.name), ['RPA-DEV-01']);
  });

  it('lists a group\'s machines through its collection navigation property', async () => {
    const res = await dv.get(q("flowmachinegroups?$select=name&$filter=name eq 'RPA-Prod-Group'&$expand=flowmachinegroup_flowmachine($select=name;$orderby=name)"));
    assert.deepEqual(res.json.value[0].flowmachinegroup_flowmachine.map((m: { name: string }) => m.name), ['RPA-VM-01', 'RPA-VM-02', 'RPA-VM-03']);
  });

  it('serves every machine status code of the table with its label', async () => {
    const env = fake.state.findEnvironmentByHost(DEV)!;
    const machine = env.tables.get('flowmachines')![0];
    const dvDev = dataverse(fake, DEV);
    const labels: string[] = [];
    for (let code = 1; code <= 15; code++) {
      machine.statuscode = code;
      const res = await dvDev.get(q('flowmachines?$select=statuscode'), { prefer: 'odata.include-annotations="*"' });
      labels.push(res.json.value[0]['statuscode@OData.Community.Display.V1.FormattedValue']);
    }
    assert.equal(new Set(labels).size, 15);
    assert.ok(labels.includes('RequiresGroupKey') && labels.includes('DrainMode'));
  });

  it('tells the Power Automate extensions solution version per environment', async () => {
    const filter = "solutions?$select=uniquename,version&$filter=uniquename eq 'MicrosoftFlowExtensionsCore'";
    assert.equal((await dv.get(q(filter))).json.value[0].version, '1.2.4.5');
    assert.equal((await dataverse(fake, DEV).get(q(filter))).json.value[0].version, '1.2.3.9');
  });

  describe('vault private endpoints, their subnets and Power Platform delegation (ARM)', () => {
    const arm = async (path: string, identity = 'flowvault-demo'): Promise<{ status: number; json: Record<string, unknown> }> => {
      const token = fake.issueToken({ identity, resource: 'https://management.azure.com' }).token;
      const res = await raw(fake, 'management.azure.com', 'GET', `${path}?api-version=2024-05-01`, { authorization: `Bearer ${token}` });
      return { status: res.status, json: res.json as Record<string, unknown> };
    };

    it('follows kv-contoso-rpa-secure\'s private endpoint to a subnet of a VNet with a subnet delegated to Power Platform', async () => {
      const token = fake.issueToken({ identity: 'flowvault-demo', resource: 'https://management.azure.com' }).token;
      const vault = await raw(fake, 'management.azure.com', 'GET', `/subscriptions/${PROD_SUB}/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-secure?api-version=2026-02-01`, { authorization: `Bearer ${token}` });
      const peId = vault.json.properties.privateEndpointConnections[0].properties.privateEndpoint.id as string;
      const pe = await arm(peId);
      assert.equal(pe.status, 200, JSON.stringify(pe.json));
      const subnetId = (pe.json.properties as { subnet: { id: string } }).subnet.id;
      assert.match(subnetId, /\/virtualNetworks\/vnet-rpa-prod\/subnets\/snet-private-endpoints$/);
      const vnet = await arm(subnetId.replace(/\/subnets\/[^/]+$/, ''));
      const subnets = (vnet.json.properties as { subnets: { name: string; properties: { delegations: { properties: { serviceName: string } }[] } }[] }).subnets;
      assert.deepEqual(
        subnets.map((s) => [s.name, s.properties.delegations.map((d) => d.properties.serviceName)]),
        [
          ['snet-private-endpoints', []],
          ['snet-powerplatform', ['Microsoft.PowerPlatform/enterprisePolicies']],
        ],
      );
      const subnet = await arm(subnetId);
      assert.equal(subnet.json.name, 'snet-private-endpoints');
    });

    it('shows kv-contoso-rpa-dev\'s endpoint in a VNet without a delegated subnet, and answers 404 / 403 as ARM does', async () => {
      const pe = await arm(`/subscriptions/${DEV_SUB}/resourceGroups/rg-rpa-dev/providers/Microsoft.Network/privateEndpoints/pe-kv-dev`);
      const vnet = await arm((pe.json.properties as { subnet: { id: string } }).subnet.id.replace(/\/subnets\/[^/]+$/, ''));
      const delegated = (vnet.json.properties as { subnets: { properties: { delegations: unknown[] } }[] }).subnets.some((s) => s.properties.delegations.length > 0);
      assert.equal(delegated, false);
      const missing = await arm(`/subscriptions/${PROD_SUB}/resourceGroups/rg-rpa-prod/providers/Microsoft.Network/virtualNetworks/nope`);
      assert.equal(missing.status, 404);
      assert.equal((missing.json.error as { code: string }).code, 'ResourceNotFound');
      const denied = await arm(`/subscriptions/${PROD_SUB}/resourceGroups/rg-rpa-prod/providers/Microsoft.Network/virtualNetworks/vnet-rpa-prod`, 'no-access-sp');
      assert.equal(denied.status, 403);
    });
  });
});
