/**
 * Power Automate maker portal addresses. The host comes from the cloud table (clouds.ts). INFERRED:
 * the `…/environments/{id}/…` form comes from the address bar of the Power Automate portal
 * (make.powerautomate.com); the portal documents no deep-link scheme, and a single credential has
 * no address of its own, so a credential opens its environment's Credentials page.
 */
import { AZURE_CLOUDS, type AzureCloudName } from '../../azure/clouds';

export type MakerPage = 'credentials' | 'desktopFlows' | 'home';

const PATHS: Record<MakerPage, string> = {
  credentials: 'credentials',
  desktopFlows: 'flows?tab=desktopFlows',
  home: 'home',
};

export function makerPortalUrl(cloud: AzureCloudName, environmentId: string, page: MakerPage = 'credentials'): string {
  return `${AZURE_CLOUDS[cloud].makerPortalUrl}/environments/${encodeURIComponent(environmentId)}/${PATHS[page]}`;
}
