/**
 * Power Automate maker portal addresses, per cloud. INFERRED: the `…/environments/{id}/…` form
 * comes from the address bar of the Power Automate portal (make.powerautomate.com); the portal
 * documents no deep-link scheme, and the page of a single credential has no address of its own,
 * so a credential opens the environment's Credentials page.
 */
import type { AzureCloudName } from '../../azure/clouds';

/** INFERRED hosts of the maker portal in each cloud (US Government: the GCC High portal). */
const MAKER_PORTAL: Record<AzureCloudName, string> = {
  AzureCloud: 'https://make.powerautomate.com',
  AzureChinaCloud: 'https://make.powerautomate.cn',
  AzureUSGovernment: 'https://make.high.powerautomate.us',
};

export type MakerPage = 'credentials' | 'desktopFlows' | 'home';

const PATHS: Record<MakerPage, string> = {
  credentials: 'credentials',
  desktopFlows: 'flows?tab=desktopFlows',
  home: 'home',
};

export function makerPortalUrl(cloud: AzureCloudName, environmentId: string, page: MakerPage = 'credentials'): string {
  return `${MAKER_PORTAL[cloud]}/environments/${encodeURIComponent(environmentId)}/${PATHS[page]}`;
}
