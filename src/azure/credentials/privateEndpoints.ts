/**
 * Whether a vault's private endpoint sits in a virtual network that has a subnet delegated to
 * Power Platform (`Microsoft.PowerPlatform/enterprisePolicies`), the set-up Power Platform needs to
 * reach a vault without public access (azure-apis.md §2.2). Read through ARM
 * (`Microsoft.Network/privateEndpoints`, then its `virtualNetworks`); undefined when not known.
 */
import type { AzureAccount } from '../auth/accounts';
import type { AzureClientOptions } from '../clients';
import { JsonPipelineClient } from '../jsonPipeline';

export const POWER_PLATFORM_DELEGATION = 'Microsoft.PowerPlatform/enterprisePolicies';
const NETWORK_API_VERSION = '2024-05-01';

interface PrivateEndpointBody {
  properties?: { subnet?: { id?: string } | null };
}
interface VirtualNetworkBody {
  properties?: { subnets?: { properties?: { delegations?: { properties?: { serviceName?: string } }[] } }[] };
}

/** The virtual network id of a subnet id (`…/virtualNetworks/{vnet}/subnets/{subnet}`). */
export function virtualNetworkOf(subnetId: string): string | undefined {
  const m = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(subnetId);
  return m?.[1];
}

/** For each private endpoint id: true / false, or undefined when it could not be read. */
export async function powerPlatformDelegation(
  account: AzureAccount,
  tenantId: string,
  privateEndpointIds: readonly string[],
  options?: AzureClientOptions,
): Promise<(boolean | undefined)[]> {
  if (!privateEndpointIds.length) return [];
  const cloud = account.cloud;
  const arm = new JsonPipelineClient(`${cloud.resourceManagerEndpoint}/`, account.credential(tenantId), cloud.resourceManagerScope, options);
  const get = async <T>(id: string): Promise<T> => (await arm.send<T>({ method: 'GET', url: `${id}?api-version=${NETWORK_API_VERSION}` })).body;
  return Promise.all(
    privateEndpointIds.map(async (id) => {
      if (!/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateEndpoints\/[^/]+$/i.test(id)) return undefined;
      try {
        const subnetId = (await get<PrivateEndpointBody>(id))?.properties?.subnet?.id;
        const vnetId = subnetId ? virtualNetworkOf(subnetId) : undefined;
        if (!vnetId) return undefined;
        const vnet = await get<VirtualNetworkBody>(vnetId);
        return (vnet?.properties?.subnets ?? []).some((s) =>
          (s.properties?.delegations ?? []).some((d) => d.properties?.serviceName?.toLowerCase() === POWER_PLATFORM_DELEGATION.toLowerCase()),
        );
      } catch {
        return undefined;
      }
    }),
  );
}
