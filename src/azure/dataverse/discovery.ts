/**
 * Power Platform environments of one tenant, from the cloud's Global Discovery Service
 * (`GET {globaldisco}/api/discovery/v2.0/Instances`, azure-apis.md §1.5, §2.5). An instance whose
 * URL is not a Dataverse host of the account's cloud is left out: no token is ever sent to it.
 */
import type { AzureAccount } from '../auth/accounts';
import type { AzureClientOptions } from '../clients';
import { isDataverseUrlOfCloud } from '../clouds';
import { classified } from '../errors';
import { JsonPipelineClient } from '../jsonPipeline';
import { throwIfAborted } from '../paging';
import type { DataverseEnvironmentInfo } from './types';

interface DiscoveryInstance {
  Id?: string;
  EnvironmentId?: string;
  FriendlyName?: string;
  UrlName?: string;
  Url?: string;
  ApiUrl?: string;
  TenantId?: string;
  State?: number;
}

const trimSlash = (u: string): string => u.replace(/\/+$/, '');

/** The same organization: `contoso.crm4…` and `contoso.api.crm4…` share their first label. */
function sameOrganization(url: string, apiUrl: string): boolean {
  return new URL(url).hostname.split('.')[0] === new URL(apiUrl).hostname.split('.')[0];
}

export function toEnvironmentInfo(i: DiscoveryInstance, account: AzureAccount, tenantId: string): DataverseEnvironmentInfo | undefined {
  if (!i.Id || !i.Url) return undefined;
  const url = trimSlash(i.Url);
  const apiUrl = trimSlash(i.ApiUrl || i.Url);
  if (!isDataverseUrlOfCloud(url, account.cloud) || !isDataverseUrlOfCloud(apiUrl, account.cloud) || !sameOrganization(url, apiUrl)) return undefined;
  return {
    environmentId: i.EnvironmentId ?? i.Id,
    organizationId: i.Id.toLowerCase(),
    friendlyName: i.FriendlyName || i.UrlName || new URL(url).hostname,
    urlName: i.UrlName || new URL(url).hostname.split('.')[0],
    url,
    apiUrl,
    tenantId: (i.TenantId ?? tenantId).toLowerCase(),
    cloud: account.cloud.name,
  };
}

/** The environments `account` can see in `tenantId` (sorted by name). */
export async function listEnvironments(
  account: AzureAccount,
  tenantId: string,
  options: { abortSignal?: AbortSignal; clientOptions?: AzureClientOptions } = {},
): Promise<DataverseEnvironmentInfo[]> {
  const ctx = { operation: 'listEnvironments' as const, tenant: { id: tenantId }, identity: account.identity, accountKind: account.kind };
  return classified(ctx, async () => {
    throwIfAborted(options.abortSignal);
    const gds = account.cloud.globalDiscoveryUrl;
    const http = new JsonPipelineClient(`${gds}/api/discovery/v2.0/`, account.credential(tenantId), `${gds}/.default`, options.clientOptions);
    const res = await http.send<{ value?: DiscoveryInstance[] }>({ method: 'GET', url: 'Instances', abortSignal: options.abortSignal });
    const out: DataverseEnvironmentInfo[] = [];
    for (const i of res.body?.value ?? []) {
      const info = toEnvironmentInfo(i, account, tenantId);
      if (info && !out.some((o) => o.organizationId === info.organizationId)) out.push(info);
    }
    return out.sort((a, b) => a.friendlyName.localeCompare(b.friendlyName));
  });
}
