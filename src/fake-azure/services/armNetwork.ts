/**
 * The Microsoft.Network resources the doctor follows from a vault's private endpoint connection:
 * `GET …/providers/Microsoft.Network/privateEndpoints/{name}` (its `subnet.id`),
 * `…/virtualNetworks/{name}` (subnets with their `delegations`, e.g. to
 * `Microsoft.PowerPlatform/enterprisePolicies`) and `…/virtualNetworks/{name}/subnets/{name}`.
 * Private endpoints are those that vaults' connections name. Reads need the `…/read` action.
 */
import type { FakeAzureState, ResourceGroup, VirtualNetwork } from '../state';
import { json, Reply } from './types';

type Subnet = VirtualNetwork['subnets'][number];

function subnetJson(vnetId: string, s: Subnet): Record<string, unknown> {
  return {
    id: `${vnetId}/subnets/${s.name}`,
    name: s.name,
    type: 'Microsoft.Network/virtualNetworks/subnets',
    properties: {
      addressPrefix: s.addressPrefix,
      delegations: s.delegations.map((serviceName, i) => ({
        id: `${vnetId}/subnets/${s.name}/delegations/delegation${i}`,
        name: `delegation${i}`,
        type: 'Microsoft.Network/virtualNetworks/subnets/delegations',
        properties: { serviceName, provisioningState: 'Succeeded' },
      })),
      provisioningState: 'Succeeded',
    },
  };
}

/**
 * Answers `…/resourceGroups/{rg}/providers/Microsoft.Network/…` (segments after the provider
 * namespace, original case), or undefined when the path is not one of these.
 */
export function networkRoute(
  state: FakeAzureState,
  can: (action: string, scope: string) => Reply | undefined,
  group: ResourceGroup | undefined,
  rgScope: string,
  segs: string[],
): Reply | undefined {
  const [type, name, child, childName] = segs;
  const notFound = (kind: string, n: string): Reply =>
    json(404, { error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.Network/${kind}/${n}' under resource group '${group?.name ?? rgScope.split('/').pop()}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix` } });
  if (type?.toLowerCase() === 'privateendpoints' && name && !child) {
    const id = `${rgScope}/providers/Microsoft.Network/privateEndpoints/${name}`;
    const denied = can('Microsoft.Network/privateEndpoints/read', id);
    if (denied) return denied;
    for (const vault of state.allVaults()) {
      const pec = vault.privateEndpointConnections.find((p) => p.privateEndpointId.toLowerCase() === id.toLowerCase());
      if (!pec) continue;
      return json(200, {
        id: pec.privateEndpointId,
        name,
        type: 'Microsoft.Network/privateEndpoints',
        location: vault.location,
        properties: {
          provisioningState: 'Succeeded',
          subnet: pec.subnetId ? { id: pec.subnetId } : null,
          privateLinkServiceConnections: [
            { name: pec.name, properties: { privateLinkServiceId: state.vaultResourceId(vault), groupIds: ['vault'], privateLinkServiceConnectionState: { status: pec.status, description: pec.description } } },
          ],
        },
      });
    }
    return notFound('privateEndpoints', name);
  }
  if (type?.toLowerCase() === 'virtualnetworks' && name) {
    const vnetId = `${rgScope}/providers/Microsoft.Network/virtualNetworks/${name}`;
    const denied = can('Microsoft.Network/virtualNetworks/read', vnetId);
    if (denied) return denied;
    const vnet = group?.virtualNetworks.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (!vnet) return notFound('virtualNetworks', name);
    const id = `${rgScope}/providers/Microsoft.Network/virtualNetworks/${vnet.name}`;
    if (!child) {
      return json(200, {
        id,
        name: vnet.name,
        type: 'Microsoft.Network/virtualNetworks',
        location: vnet.location,
        properties: { addressSpace: { addressPrefixes: vnet.addressPrefixes }, subnets: vnet.subnets.map((s) => subnetJson(id, s)), provisioningState: 'Succeeded' },
      });
    }
    if (child.toLowerCase() === 'subnets') {
      if (!childName) return json(200, { value: vnet.subnets.map((s) => subnetJson(id, s)) });
      const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === childName.toLowerCase());
      return subnet ? json(200, subnetJson(id, subnet)) : notFound(`virtualNetworks/${vnet.name}/subnets`, childName);
    }
  }
  return undefined;
}
