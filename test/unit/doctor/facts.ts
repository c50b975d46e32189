/** A healthy run's facts, and helpers to break one part at a time. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENV_VAR_TYPE, SECRET_STORE, type CredentialHealthInput } from '../../../src/core/credentials/facts';
import { read, runChecks, type DoctorCheck, type DoctorFacts, type FlowMachineFacts } from '../../../src/core/doctor';
import { REPO_ROOT } from '../../support/paths';

export const NOW = Date.parse('2026-12-03T06:00:00Z');
export const ENV_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
export const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-rpa`;
export const REFERENCE = `${VAULT_ID}/secrets/sap-password`;

export const PUBLIC_CLOUD = {
  name: 'AzureCloud',
  displayName: 'Azure',
  portalUrl: 'https://portal.azure.com',
  makerPortalUrl: 'https://make.powerautomate.com',
  supportsPowerAutomateCredentials: true,
};

export function machine(over: Partial<FlowMachineFacts> = {}): FlowMachineFacts {
  return {
    id: 'a1b2c3d4-0000-0000-0000-000000000001',
    name: 'ROBOT-01',
    agentVersion: '2.60.150.25001',
    lastHeartbeat: new Date(NOW - 2 * 60_000).toISOString(),
    stateCode: 0,
    statusCode: 1,
    keyDeliveryStatus: 1,
    hostingType: 0,
    groupId: 'g-1',
    groupName: 'Finance robots',
    ...over,
  };
}

export function credentialInput(over: Partial<CredentialHealthInput> = {}): CredentialHealthInput {
  return {
    credential: {
      id: 'c-1',
      name: 'SAP robot',
      active: true,
      connectionType: 1,
      username: { id: 'v-u', schemaName: 'new_SapUser', type: ENV_VAR_TYPE.string, currentValue: 'robot@contoso.com' },
      password: { id: 'v-p', schemaName: 'new_SapPassword', type: ENV_VAR_TYPE.secret, secretStore: SECRET_STORE.azureKeyVault, currentValue: REFERENCE },
    },
    environmentTenantId: ENV_TENANT,
    subscription: { status: 'found', id: SUB, tenantId: ENV_TENANT, powerPlatformProvider: 'Registered' },
    vault: {
      status: 'found',
      id: VAULT_ID,
      name: 'kv-rpa',
      tenantId: ENV_TENANT,
      vaultUri: 'https://kv-rpa.vault.azure.net/',
      enableRbacAuthorization: true,
      publicNetworkAccess: 'Enabled',
      networkAcls: { defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
    },
    dataverseAccess: { status: 'granted', evidence: 'Key Vault Secrets User on the vault', principalObjectId: 'dv-sp-oid' },
    secret: { status: 'found', enabled: true, expiresOn: NOW + 200 * 86_400_000, updatedOn: NOW - 10 * 86_400_000 },
    now: NOW,
    ...over,
  };
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'doctor', name), 'utf8');
}

export function healthyFacts(over: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    now: NOW,
    cloud: PUBLIC_CLOUD,
    environment: read({ environmentId: 'env-1', friendlyName: 'Contoso RPA', url: 'https://contoso-rpa.crm4.dynamics.com', tenantId: ENV_TENANT }),
    identity: read({ kind: 'user', objectId: 'u-1', userPrincipalName: 'maker@contoso.com', userType: 'Member', tenantId: ENV_TENANT }),
    machine: {
      name: 'ROBOT-01',
      chosenBy: 'this-computer',
      machines: read([machine(), machine({ id: 'other', name: 'ROBOT-02' })]),
      groups: read([{ id: 'g-1', name: 'Finance robots', groupType: 545940001, stateCode: 0, statusCode: 1 }]),
      elsewhere: read([]),
    },
    local: {
      platform: 'win32',
      computerName: 'ROBOT-01',
      serviceConfig: read(fixture('sc-qc-default.txt')),
      serviceQuery: read(fixture('sc-query-running.txt')),
      winHttpProxy: read(fixture('netsh-proxy-direct.txt')),
      endpoints: read([
        { host: 'contoso-rpa.crm4.dynamics.com', pattern: '*.dynamics.com', purpose: 'Dataverse', dns: { ok: true, ms: 3 }, tls: { ok: true, ms: 40, detail: 'TLSv1.3' } },
        { host: 'api.powerplatform.com', pattern: '*.api.powerplatform.com', purpose: 'connectivity', dns: { ok: true, ms: 2 }, tls: { ok: true, ms: 35 } },
      ]),
    },
    credentials: [{ name: 'SAP robot', usedIn: ['flows/Invoice.robin'], lookup: read(credentialInput()) }],
    ...over,
  };
}

/** The one check with this id (and subject); fails the test when there is not exactly one. */
export function only(checks: readonly DoctorCheck[], id: string, subject?: string): DoctorCheck {
  const found = checks.filter((c) => c.id === id && (subject === undefined || c.subject === subject));
  if (found.length !== 1) throw new Error(`expected one ${id}${subject ? ` for ${subject}` : ''}, found ${found.length}: ${JSON.stringify(checks.map((c) => c.id))}`);
  return found[0];
}

export function checkOf(facts: DoctorFacts, id: string, subject?: string): DoctorCheck {
  return only(runChecks(facts), id, subject);
}
