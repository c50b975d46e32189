/**
 * The Credentials view's tree, built outside VS Code (a stand-in `vscode` module) over a backend
 * of generated records: rows first and health after, paging with "Load more…", a failing tenant
 * or environment next to ones that load, empty states, cancellation, used-by and the secret index.
 */
import * as assert from 'node:assert/strict';
import { installVscodeStub, stub } from '../../support/vscodeStub';
import { AZURE_CLOUDS } from '../../../src/azure/clouds';
import { AzureProblemError, classifyAzureError } from '../../../src/azure/errors';
import type { AzureAccount } from '../../../src/azure/auth/accounts';
import type { AccountTenants, TenantInfo } from '../../../src/azure/resources';
import type { DataverseEnvironmentInfo, EnvironmentClient, Page, PageOptions } from '../../../src/azure/dataverse/types';
import { ENV_VAR_TYPE, type CredentialRecordFacts } from '../../../src/core/credentials/facts';
import type { CredentialsBackend, HealthView } from '../../../src/extension/credentials/backend';
import type { CredentialsTreeDataProvider as Provider } from '../../../src/extension/credentials/tree/CredentialsTreeDataProvider';
import type { CredNode } from '../../../src/extension/credentials/tree/CredNode';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CredentialsTreeDataProvider } = require('../../../src/extension/credentials/tree/CredentialsTreeDataProvider') as typeof import('../../../src/extension/credentials/tree/CredentialsTreeDataProvider');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dataverseCredentialSource } = require('../../../src/extension/credentials/dataverseCredentialSource') as typeof import('../../../src/extension/credentials/dataverseCredentialSource');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SecretUsage } = require('../../../src/extension/credentials/secretUsage') as typeof import('../../../src/extension/credentials/secretUsage');

const SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
const ref = (secret: string) => `/subscriptions/${SUB}/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-rpa-prod/secrets/${secret}`;

function cred(i: number): CredentialRecordFacts {
  return {
    id: `c${i}`,
    name: `Credential ${String(i).padStart(4, '0')}`,
    active: true,
    connectionType: 1,
    username: { id: `u${i}`, schemaName: `new_User${i}`, type: ENV_VAR_TYPE.string, currentValue: `robot${i}` },
    password: { id: `p${i}`, schemaName: `new_Password${i}`, type: ENV_VAR_TYPE.secret, secretStore: 0, currentValue: ref(`secret-${i}`) },
  };
}

function env(name: string, tenantId = 't1'): DataverseEnvironmentInfo {
  return { environmentId: `env-${name}`, organizationId: `org-${name}`, friendlyName: name, urlName: name, url: `https://${name}.crm.dynamics.com`, apiUrl: `https://${name}.crm.dynamics.com`, tenantId, cloud: 'AzureCloud' };
}

const account: AzureAccount = {
  id: 'sp:test',
  kind: 'servicePrincipal',
  label: 'Service principal test',
  cloud: AZURE_CLOUDS.AzureCloud,
  multiTenant: true,
  identity: 'service principal test',
  credential: () => {
    throw new Error('no tokens in unit tests');
  },
};

interface Fixture {
  tenants: { tenant: TenantInfo; problem?: boolean }[];
  environments: Record<string, DataverseEnvironmentInfo[] | 'fail'>;
  credentials: Record<string, CredentialRecordFacts[] | 'fail'>;
  flows?: Record<string, { name: string; clientData: string }[]>;
  /** Health resolves when this resolves (default: at once). */
  healthGate?: Promise<void>;
}

function problem(kind: string) {
  return new AzureProblemError(classifyAzureError(Object.assign(new Error('x'), { statusCode: kind === 'denied' ? 403 : 500 }), { operation: 'listCredentials' }));
}

function makeProvider(f: Fixture, cloud = AZURE_CLOUDS.AzureCloud): { provider: Provider; healthCalls: string[] } {
  const healthCalls: string[] = [];
  const manager = {
    cloud,
    isSignedIn: true,
    accounts: [account],
    onDidChangeAccounts: () => ({ dispose() {} }),
    whenRestored: async () => {},
  };
  const resources = {
    loadTenants: async (): Promise<AccountTenants[]> => [
      {
        account,
        tenants: f.tenants.map((t) => ({
          account,
          tenant: t.tenant,
          problem: t.problem ? classifyAzureError({ name: 'SignInRequiredError', tenantId: t.tenant.tenantId, reason: 'mfa', message: 'x' }, { operation: 'signIn', tenant: { id: t.tenant.tenantId } }) : undefined,
        })),
      },
    ],
  };
  const client = (e: DataverseEnvironmentInfo): EnvironmentClient =>
    ({
      environment: e,
      listCredentials: async (o: PageOptions = {}): Promise<Page<CredentialRecordFacts>> => {
        const all = f.credentials[e.environmentId];
        if (all === 'fail') throw problem('denied');
        const start = o.nextLink ? Number(o.nextLink) : 0;
        const size = o.pageSize ?? 100;
        await new Promise((r) => setTimeout(r, 1));
        if (o.abortSignal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        const items = all.slice(start, start + size);
        return { items, nextLink: start + size < all.length ? String(start + size) : undefined };
      },
      listDesktopFlows: async () => ({ items: (f.flows?.[e.environmentId] ?? []).map((x, i) => ({ id: `f${i}`, name: x.name, clientData: x.clientData, active: true })) }),
    }) as unknown as EnvironmentClient;
  const backend: CredentialsBackend = {
    listEnvironments: async (_a, tenant) => {
      const envs = f.environments[tenant.tenantId] ?? [];
      if (envs === 'fail') throw problem('denied');
      return envs;
    },
    environmentClient: (_a, e) => client(e),
    checkHealth: async (_a, _e, c, signal): Promise<HealthView> => {
      healthCalls.push(c.name);
      await f.healthGate;
      if (signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      return { level: 'ok', state: 'ok', summary: 'OK', detail: 'All good.' };
    },
    credentialsReadBy: (clientData) => [...clientData.matchAll(/Credential: '([^']+)'/g)].map((m) => m[1]),
  };
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const provider = new CredentialsTreeDataProvider(manager as never, resources as never, backend, new SecretUsage(), log);
  return { provider, healthCalls };
}

async function settle(node: CredNode): Promise<CredNode[]> {
  await node.whenLoaded();
  return node.getChildren();
}

const labels = (nodes: CredNode[]) => nodes.map((n) => n.snapshot().label);

describe('credentials view: tree', () => {
  beforeEach(() => {
    stub.settings = {};
    stub.contextKeys = {};
  });

  it('shows the rows first and their health after; health is asked once per credential, in order', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { provider, healthCalls } = makeProvider({
      tenants: [{ tenant: { tenantId: 't1', displayName: 'Contoso' } }],
      environments: { t1: [env('prod')] },
      credentials: { 'env-prod': [cred(1), cred(2), cred(3)] },
      healthGate: gate,
    });
    await provider.ensureTenants();
    const [tenant] = (await provider.getChildren()) as CredNode[];
    const [prod] = await settle(tenant);
    const rows = await settle(prod);
    assert.deepEqual(labels(rows), ['Credential 0001', 'Credential 0002', 'Credential 0003']);
    assert.ok(rows.every((r) => ['pending', 'checking'].includes(r.snapshot().health!)), 'rows before health');
    assert.equal(rows[0].snapshot().icon, 'loading~spin');
    assert.match(rows[0].snapshot().description!, /^checking… · robot1$/);
    open();
    await provider.whenHealthChecked();
    assert.deepEqual(rows.map((r) => r.snapshot().health), ['ok:ok', 'ok:ok', 'ok:ok']);
    assert.equal(rows[0].snapshot().icon, 'pass');
    assert.deepEqual(healthCalls, ['Credential 0001', 'Credential 0002', 'Credential 0003']);
    provider.dispose();
  });

  it('pages with "Load more…" and records every loaded credential\'s secret for the Key Vault view', async () => {
    stub.settings['flowVault.credentials.pageSize'] = 5;
    const { provider } = makeProvider({
      tenants: [{ tenant: { tenantId: 't1' } }],
      environments: { t1: [env('prod')] },
      credentials: { 'env-prod': Array.from({ length: 12 }, (_, i) => cred(i + 1)) },
    });
    await provider.ensureTenants();
    const [prod] = await settle(provider.tenants[0]);
    let rows = await settle(prod);
    assert.deepEqual(rows.map((r) => r.kind), ['credential', 'credential', 'credential', 'credential', 'credential', 'loadMore']);
    assert.equal(rows[5].snapshot().description, '5 credentials loaded');
    assert.equal(rows[5].snapshot().command, 'flowVault.credentials.loadMore');
    await (rows[5] as unknown as { owner: { loadMore(): Promise<void> } }).owner.loadMore();
    await (prod as unknown as { loadMore(): Promise<void> }).loadMore();
    rows = await prod.getChildren();
    assert.equal(rows.filter((r) => r.kind === 'credential').length, 12);
    assert.ok(!rows.some((r) => r.kind === 'loadMore'));
    assert.match(prod.snapshot().description!, /12 credentials$/);
    assert.equal(provider.services.usage.usersOf(SUB, 'rg-rpa', 'kv-rpa-prod', 'secret-12')[0]?.credentialName, 'Credential 0012');
    provider.dispose();
  });

  it('a tenant that needs sign-in and an environment that fails say why; the others load', async () => {
    const { provider } = makeProvider({
      tenants: [{ tenant: { tenantId: 't1', displayName: 'Contoso' } }, { tenant: { tenantId: 't2', displayName: 'Fabrikam' }, problem: true }, { tenant: { tenantId: 't3', displayName: 'Northwind' } }],
      environments: { t1: [env('broken'), env('prod')], t3: 'fail' },
      credentials: { 'env-broken': 'fail', 'env-prod': [cred(1)] },
    });
    await provider.ensureTenants();
    const roots = (await provider.getChildren()) as CredNode[];
    assert.deepEqual(labels(roots), ['Contoso', 'Fabrikam', 'Northwind']);
    const [signIn] = await roots[1].getChildren();
    assert.equal(signIn.kind, 'error');
    assert.equal(signIn.snapshot().problemKind, 'signInRequired');
    assert.equal(signIn.snapshot().command, 'flowVault.azure.signInToTenant');
    const northwind = await settle(roots[2]);
    assert.equal(northwind[0].kind, 'error');
    assert.equal(northwind[0].snapshot().command, 'flowVault.credentials.retry');
    const [broken, prod] = await settle(roots[0]);
    const brokenRows = await settle(broken);
    assert.equal(brokenRows[0].kind, 'error');
    assert.equal(brokenRows[0].snapshot().problemKind, 'permissionDenied');
    assert.deepEqual(labels(await settle(prod)), ['Credential 0001']);
    assert.equal(provider.currentEmptyState, 'none');
    provider.dispose();
  });

  it('empty states: no environments, no credentials anywhere, a cloud without Key Vault credentials', async () => {
    const none = makeProvider({ tenants: [{ tenant: { tenantId: 't1' } }], environments: {}, credentials: {} }).provider;
    await none.ensureTenants();
    await none.tenants[0].whenLoaded();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(none.currentEmptyState, 'noEnvironments');
    assert.equal(stub.contextKeys['flowVault.credentials.emptyState'], 'noEnvironments');
    assert.deepEqual(await none.getChildren(), []);
    none.dispose();

    const empty = makeProvider({ tenants: [{ tenant: { tenantId: 't1' } }], environments: { t1: [env('a'), env('b')] }, credentials: { 'env-a': [], 'env-b': [] } }).provider;
    await empty.ensureTenants();
    const envs = await settle(empty.tenants[0]);
    const [info] = await settle(envs[0]);
    assert.equal(info.snapshot().label, 'No credentials in this environment');
    assert.equal(info.snapshot().command, 'flowVault.credentials.createFromSecret');
    await envs[1].whenLoaded();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(empty.currentEmptyState, 'noCredentials');
    empty.dispose();

    const gov = makeProvider({ tenants: [{ tenant: { tenantId: 't1' } }], environments: { t1: [env('a')] }, credentials: {} }, AZURE_CLOUDS.AzureUSGovernment).provider;
    assert.deepEqual(await gov.getChildren(), []);
    assert.equal(gov.currentEmptyState, 'unsupportedCloud');
    assert.equal(gov.tenants.length, 0, 'nothing is requested');
    gov.dispose();
  });

  it('cancelling stops the listing (what was loaded stays) and the health checks', async () => {
    stub.settings['flowVault.credentials.pageSize'] = 2;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { provider, healthCalls } = makeProvider({
      tenants: [{ tenant: { tenantId: 't1' } }],
      environments: { t1: [env('prod')] },
      credentials: { 'env-prod': Array.from({ length: 6 }, (_, i) => cred(i + 1)) },
      healthGate: gate,
    });
    await provider.ensureTenants();
    const [prod] = await settle(provider.tenants[0]);
    await settle(prod);
    provider.cancelAll();
    open();
    await provider.whenHealthChecked();
    const rows = await prod.getChildren();
    assert.equal(rows.filter((r) => r.kind === 'credential').length, 2);
    assert.ok(healthCalls.length <= 4, `at most the running checks were asked: ${healthCalls.length}`);
    assert.ok(rows.filter((r) => r.kind === 'credential').every((r) => r.snapshot().health === 'pending'), 'an aborted check leaves the row pending');
    provider.dispose();
  });

  it('"Used by" lists the environment\'s desktop flows whose definition reads the credential', async () => {
    const { provider } = makeProvider({
      tenants: [{ tenant: { tenantId: 't1' } }],
      environments: { t1: [env('prod')] },
      credentials: { 'env-prod': [cred(1), cred(2)] },
      flows: {
        'env-prod': [
          { name: 'Invoices', clientData: "GetCredential Credential: 'Credential 0001' Timeout: 0" },
          { name: 'Payroll', clientData: "GetCredential Credential: 'credential 0001' ... Credential: 'Credential 0002'" },
        ],
      },
    });
    (provider.services as { workspace: unknown }).workspace = { filesUsing: async () => [], reset() {} };
    await provider.ensureTenants();
    const [prod] = await settle(provider.tenants[0]);
    const [one, two] = await settle(prod);
    const usedBy = (await one.getChildren()).find((n) => n.kind === 'usedBy')!;
    await usedBy.whenLoaded();
    assert.deepEqual(labels(await usedBy.getChildren()), ['Invoices', 'Payroll']);
    assert.equal(usedBy.snapshot().description, '2 desktop flows · 0 workspace files');
    const usedBy2 = (await two.getChildren()).find((n) => n.kind === 'usedBy')!;
    await usedBy2.whenLoaded();
    assert.deepEqual(labels(await usedBy2.getChildren()), ['Payroll']);
    provider.dispose();
  });

  it('gives the Get credential picker the active credential names of every loaded environment, without prompting', async () => {
    const inactive = { ...cred(3), name: 'Retired robot', active: false };
    const { provider } = makeProvider({
      tenants: [{ tenant: { tenantId: 't1' } }, { tenant: { tenantId: 't2' }, problem: true }],
      environments: { t1: [env('prod'), env('dev')] },
      credentials: { 'env-prod': [cred(2), cred(1), inactive], 'env-dev': [cred(1)] },
    });
    const source = dataverseCredentialSource(provider);
    const names = await source.listCredentialNames();
    assert.deepEqual(names, ['Credential 0001', 'Credential 0002']);
    provider.dispose();
  });
});

