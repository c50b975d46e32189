/** Portal pages the fixes point at, built from the cloud's portal addresses and real ids. */
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

export function secretPage(cloud: CloudFacts, tenantId: string | undefined, vaultUri: string, secretName: string): string {
  return `${cloud.portalUrl}/#${tenantId ? `@${tenantId}` : ''}/asset/Microsoft_Azure_KeyVault/Secret/${vaultUri.replace(/\/+$/, '')}/secrets/${encodeURIComponent(secretName)}`;
}
