/** Portal pages the fixes point at, built from the cloud's portal addresses and real ids. */
import type { PortalPage } from '../credentials/vaultChecks';
import type { CloudFacts, EnvironmentFacts } from './facts';

export function machinesPage(cloud: CloudFacts, env: EnvironmentFacts | undefined): string {
  return env ? `${cloud.makerPortalUrl}/environments/${env.environmentId}/machines` : `${cloud.makerPortalUrl}/machines`;
}

export function credentialsPage(cloud: CloudFacts, env: EnvironmentFacts | undefined): string {
  return env ? `${cloud.makerPortalUrl}/environments/${env.environmentId}/credentials` : `${cloud.makerPortalUrl}`;
}

/** An Azure resource's portal page (`blade`: `networking`, `users` for access control…). */
export function resourcePage(cloud: CloudFacts, tenantId: string | undefined, resourceId: string, blade?: string): string {
  return `${cloud.portalUrl}/#${tenantId ? `@${tenantId}` : ''}/resource${resourceId}${blade ? `/${blade}` : ''}`;
}


/** The URL of a page a credential health fix names (`src/core/credentials`), in this cloud's portals. */
export function portalPageUrl(cloud: CloudFacts, env: EnvironmentFacts | undefined, tenantId: string | undefined, page: PortalPage): string {
  switch (page.kind) {
    case 'credential':
      return credentialsPage(cloud, env);
    case 'vault':
      return resourcePage(cloud, tenantId, page.id);
    case 'vault-access':
      return resourcePage(cloud, tenantId, page.id, 'users');
    case 'vault-networking':
      return resourcePage(cloud, tenantId, page.id, 'networking');
    case 'vault-deleted-secrets':
    case 'secret':
      return resourcePage(cloud, tenantId, page.id, 'secrets');
    case 'subscription-providers':
      return resourcePage(cloud, tenantId, page.id, 'resourceproviders');
  }
}
