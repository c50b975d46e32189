/**
 * The demo service principal: `npm start`'s demo starts the fake cloud and names a JSON file with
 * a service principal in the environment variable FLOW_VAULT_DEMO_SP. Only the process
 * environment is read (never workspace settings), so a workspace cannot make the extension sign
 * in somewhere.
 */
import * as fs from 'fs';
import { findCloud, type AzureCloud } from '../clouds';
import type { ServicePrincipalCredentialSecret } from './credentials';

export const DEMO_SP_ENV = 'FLOW_VAULT_DEMO_SP';

export interface DemoServicePrincipal {
  readonly tenantId: string;
  readonly clientId: string;
  readonly secret: ServicePrincipalCredentialSecret;
  readonly cloud?: AzureCloud;
  readonly displayName?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function s(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * Parses the demo service principal JSON. Accepts `{tenantId, clientId, clientSecret |
 * certificatePath, cloud?, displayName?}` and the fake cloud's identity shape (`appId`,
 * `tenant`, `secret`, `name`), at the top level or under `identity` / `servicePrincipal`.
 */
export function parseDemoServicePrincipal(json: unknown): DemoServicePrincipal | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const root = json as Record<string, unknown>;
  const o = ((root.servicePrincipal ?? root.identity ?? root) as Record<string, unknown>) || {};
  const tenantId = s(o.tenantId) ?? s(o.tenant) ?? s(root.tenantId);
  const clientId = s(o.clientId) ?? s(o.appId);
  const clientSecret = s(o.clientSecret) ?? s(o.secret);
  const certificatePath = s(o.certificatePath) ?? s(o.certificate);
  if (!tenantId || !clientId || !GUID.test(tenantId) || !GUID.test(clientId)) return undefined;
  let secret: ServicePrincipalCredentialSecret;
  if (clientSecret) secret = { kind: 'secret', clientSecret };
  else if (certificatePath) secret = { kind: 'certificate', certificatePath };
  else return undefined;
  const cloud = findCloud(o.cloud ?? root.cloud);
  return { tenantId, clientId, secret, cloud, displayName: s(o.displayName) ?? s(o.name) };
}

/** Reads the demo service principal named by the process environment, if any. */
export function readDemoServicePrincipal(env: NodeJS.ProcessEnv = process.env): DemoServicePrincipal | undefined {
  const file = env[DEMO_SP_ENV];
  if (!file) return undefined;
  try {
    return parseDemoServicePrincipal(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}
