/**
 * Gathering a credential's facts against the fake cloud with the real SDKs: the vault and its
 * subscription through ARM, the secret's attributes through Key Vault, the Dataverse service
 * principal's access, each failing on its own, shared lookups cached, cancellation.
 */
import * as assert from 'assert';
import type { CredentialRecordFacts } from '../../src/core/credentials/facts';
import type { AzureAccount } from '../../src/azure/auth/accounts';
import { AzureProblemError } from '../../src/azure/errors';
import { FactsCache } from '../../src/azure/credentials/factsCache';
import { gatherCredentialFacts, gatherEnvironmentCredentials, passwordReference } from '../../src/azure/credentials/gatherCredentialFacts';
import { listEnvironments } from '../../src/azure/dataverse/discovery';
import { DataverseEnvironmentClient } from '../../src/azure/dataverse/environmentClient';
import { GraphClient } from '../../src/azure/graph/graphClient';
import type { CredentialHealthInput } from '../../src/core/credentials/facts';
import { recordingAccount } from './azure-dataverse-support';
import { allSecretValues, clientOptions, DEMO, fakeCloud, spAccount, type FakeAzure } from './azure-support';

const ref = (sub: string, rg: string, vault: string, secret: string): string =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${vault}/secrets/${secret}`;
const prodRef = (secret: string, vault = 'kv-contoso-rpa-prod', rg = 'rg-rpa-prod'): string => ref(DEMO.prodSub, rg, vault, secret);
const FABRIKAM_SUB = 'e4d3c2b1-a0f9-4e8d-9c7b-6a5f4e3d2c1b';

let n = 0;
/** A credential whose password variable holds `reference` (as current value, or as default). */
export function credentialWith(reference: string | undefined, where: 'current' | 'default' = 'current'): CredentialRecordFacts {
  n++;
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    name: `Test credential ${n}`,
    active: true,
    connectionType: 1,
    username: { id: `10000000-0000-0000-0000-${String(n).padStart(12, '0')}`, schemaName: `new_Test${n}UserName`, type: 100000000, currentValue: 'robot' },
    password: {
      id: `20000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
      schemaName: `new_Test${n}Password`,
      type: 100000005,
      secretStore: 0,
      ...(where === 'current' ? { currentValue: reference, defaultValue: ref(DEMO.prodSub, 'rg-x', 'kv-wrong', 'wrong') } : { defaultValue: reference }),
    },
  };
}

describe('emulator: a credential\'s facts (demo scenario)', function () {
  this.timeout(60000);
  let fake: FakeAzure;
  let account: AzureAccount;
  const gather = (reference: string | undefined, extra: { account?: AzureAccount; cache?: FactsCache; where?: 'current' | 'default' } = {}) =>
    gatherCredentialFacts(credentialWith(reference, extra.where), {
      account: extra.account ?? account,
      environmentTenantId: DEMO.contoso,
      cache: extra.cache,
      clientOptions: clientOptions(fake),
      now: () => Date.UTC(2026, 0, 1),
    });
  const outputs: unknown[] = [];

  before(async () => {
    fake = await fakeCloud();
    account = spAccount(fake);
  });
  after(async () => {
    const values = allSecretValues(fake);
    for (const o of outputs) for (const v of values) assert.ok(!JSON.stringify(o).includes(v), 'no secret value in gathered facts');
    await fake?.close();
  });

  it('reads the current value before the default', () => {
    assert.strictEqual(passwordReference(credentialWith(prodRef('sap-password'))), prodRef('sap-password'));
    assert.strictEqual(passwordReference(credentialWith(prodRef('sap-password'), 'default')), prodRef('sap-password'));
    assert.strictEqual(passwordReference(credentialWith(undefined, 'default')), undefined);
  });

  it('a healthy credential: vault found (RBAC, public), provider registered, secret enabled', async () => {
    const f = await gather(prodRef('sap-password'));
    outputs.push(f);
    assert.strictEqual(f.environmentTenantId, DEMO.contoso);
    assert.strictEqual(f.now, Date.UTC(2026, 0, 1));
    assert.deepStrictEqual(
      [f.vault?.status, f.vault?.name, f.vault?.tenantId, f.vault?.enableRbacAuthorization, f.vault?.vaultUri],
      ['found', 'kv-contoso-rpa-prod', DEMO.contoso, true, 'https://kv-contoso-rpa-prod.vault.azure.net'],
    );
    assert.deepStrictEqual([f.subscription?.status, f.subscription?.powerPlatformProvider], ['found', 'Registered']);
    assert.deepStrictEqual([f.secret?.status, f.secret?.enabled], ['found', true]);
    assert.ok(f.dataverseAccess, 'the Dataverse access was looked at');
  });

  it('disabled, expired, expiring and not-yet-valid secrets come with their attributes', async () => {
    const [disabled, expired, expiring, notYet] = await Promise.all(['citrix-service-account', 'legacy-ftp-password', 'smtp-relay', 'sharepoint-robot'].map((s) => gather(prodRef(s))));
    outputs.push(disabled, expired, expiring, notYet);
    assert.deepStrictEqual([disabled.secret?.status, disabled.secret?.enabled], ['found', false]);
    assert.ok(expired.secret?.expiresOn! < Date.now());
    assert.ok(expiring.secret?.expiresOn! > Date.now() && expiring.secret?.expiresOn! < Date.now() + 10 * 86_400_000);
    assert.ok(notYet.secret?.notBefore! > Date.now());
  });

  it('a deleted secret is "deleted", a secret that never existed is "not-found"', async () => {
    const kv = fake.state.vault('kv-contoso-rpa-prod');
    const i = kv.secrets.findIndex((s) => s.name === 'orchestrator-webhook-token');
    const [removed] = kv.secrets.splice(i, 1);
    kv.deletedSecrets.push({ ...removed, deletedDate: Math.floor(Date.now() / 1000) - 86400, scheduledPurgeDate: Math.floor(Date.now() / 1000) + 89 * 86400 });
    const deleted = await gather(prodRef('orchestrator-webhook-token'));
    const missing = await gather(prodRef('no-such-secret'));
    outputs.push(deleted, missing);
    assert.strictEqual(deleted.secret?.status, 'deleted');
    assert.match(deleted.secret?.reason ?? '', /can still be recovered/);
    assert.strictEqual(missing.secret?.status, 'not-found');
    assert.strictEqual(missing.vault?.status, 'found', 'the vault is there');
    const noVault = await gather(prodRef('sap-password', 'kv-does-not-exist'));
    assert.deepStrictEqual([noVault.vault?.status, noVault.secret, noVault.dataverseAccess], ['not-found', undefined, undefined], 'no vault: nothing more is read');
    assert.ok(!fake.refusedConnects.some((c) => c.startsWith('kv-does-not-exist')), 'its host was not tried');
  });

  it('a vault behind a firewall: the secret is unreachable, ARM still describes the network rules', async () => {
    const f = await gather(prodRef('payroll-db-password', 'kv-contoso-rpa-secure'));
    outputs.push(f);
    assert.strictEqual(f.secret?.status, 'unreachable');
    assert.match(f.secret?.reason ?? '', /firewall/i);
    assert.deepStrictEqual([f.vault?.status, f.vault?.networkAcls?.defaultAction, f.vault?.networkAcls?.ipRules], ['found', 'Deny', ['203.0.113.0/24']]);
  });

  it('a vault with public access disabled in a subscription without Microsoft.PowerPlatform', async () => {
    const f = await gather(ref(DEMO.devSub, 'rg-rpa-dev', 'kv-contoso-rpa-dev', 'test-sap-password'));
    outputs.push(f);
    assert.strictEqual(f.secret?.status, 'unreachable');
    assert.strictEqual(f.vault?.publicNetworkAccess?.toLowerCase(), 'disabled');
    assert.deepStrictEqual([f.subscription?.status, f.subscription?.powerPlatformProvider], ['found', 'NotRegistered']);
  });

  it('a vault the signed-in identity cannot read: "no-access" for the secret, with who needs which role', async () => {
    const f = await gather(prodRef('swift-gateway-password', 'kv-contoso-finance', 'rg-finance'));
    outputs.push(f);
    assert.strictEqual(f.secret?.status, 'no-access');
    assert.match(f.secret?.reason ?? '', /Key Vault Secrets User/);
    assert.strictEqual(f.vault?.status, 'found');
  });

  it('a vault in another tenant shows that tenant, and nothing else is claimed', async () => {
    const f = await gather(ref(FABRIKAM_SUB, 'rg-shared', 'kv-fabrikam-shared', 'partner-portal-password'));
    outputs.push(f);
    assert.strictEqual(f.vault?.tenantId, DEMO.fabrikam);
    assert.notStrictEqual(f.vault?.status, 'found');
    assert.notStrictEqual(f.secret?.status, 'found');
    assert.notStrictEqual(f.dataverseAccess?.status, 'granted');
  });

  it('a malformed or missing reference reads nothing', async () => {
    const before = fake.requests.length;
    for (const [r, where] of [['not a path', 'current'], ['https://kv-contoso-rpa-prod.vault.azure.net/secrets/sap-password', 'current'], [undefined, 'default']] as const) {
      const f = await gather(r, { where });
      assert.deepStrictEqual([f.vault, f.subscription, f.secret, f.dataverseAccess], [undefined, undefined, undefined, undefined]);
    }
    assert.strictEqual(fake.requests.length, before);
  });

  it('without ARM access each part fails on its own: vault and provider "no-access" with the reason', async () => {
    const noArm = spAccount(fake, 'no-access-sp');
    const f = await gather(prodRef('sap-password'), { account: noArm });
    outputs.push(f);
    assert.strictEqual(f.vault?.status, 'no-access');
    assert.match(f.vault?.reason ?? '', /no-access-sp|Reader/);
    assert.ok(f.subscription?.status === 'no-access' || f.subscription?.status === 'not-found', f.subscription?.status);
    assert.strictEqual(f.secret?.status, 'no-access');
  });

  it('one cache for many credentials: each vault, provider and role list is read once', async () => {
    const cache = new FactsCache();
    const secrets = ['sap-password', 'smtp-relay', 'erp-db-connection', 'servicenow-api-key'];
    const before = fake.requests.filter((r) => r.host === 'management.azure.com').length;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => gather(prodRef(secrets[i % secrets.length]), { cache })));
    const armCalls = fake.requests.filter((r) => r.host === 'management.azure.com').length - before;
    assert.ok(results.every((r) => r.vault?.status === 'found'));
    assert.ok(armCalls <= 6, `40 credentials in one vault made ${armCalls} ARM calls`);
  });

  it('cancels: an aborted signal stops gathering with a cancellation', async () => {
    const ac = new AbortController();
    const p = gatherCredentialFacts(credentialWith(prodRef('sap-password')), { account, environmentTenantId: DEMO.contoso, clientOptions: clientOptions(fake), abortSignal: ac.signal });
    ac.abort();
    await assert.rejects(p, (e: unknown) => (e instanceof AzureProblemError && e.problem.kind === 'cancelled') || (e as Error).name === 'AbortError');
  });

  describe('every kind of demo credential, gathered a page at a time', () => {
    let byName: Map<string, CredentialHealthInput>;
    before(async () => {
      const env = (await listEnvironments(account, DEMO.contoso, { clientOptions: clientOptions(fake) })).find((e) => e.urlName === 'contoso-rpa')!;
      const client = new DataverseEnvironmentClient(account, env, clientOptions(fake));
      const items: CredentialHealthInput[] = [];
      let nextLink: string | undefined;
      const cache = new FactsCache();
      do {
        const page = await gatherEnvironmentCredentials(client, { account, cache, clientOptions: clientOptions(fake), pageSize: 5, nextLink });
        items.push(...page.items);
        nextLink = page.nextLink;
      } while (nextLink);
      outputs.push(items);
      byName = new Map(items.map((i) => [i.credential.name, i]));
    });
    const get = (name: string): CredentialHealthInput => {
      const f = byName.get(name);
      assert.ok(f, `${name} listed`);
      return f;
    };

    it('healthy: vault, provider, the Dataverse service principal\'s role and the secret all check out', () => {
      const f = get('SAP service account');
      assert.deepStrictEqual(
        [f.vault?.status, f.subscription?.powerPlatformProvider, f.dataverseAccess?.status, f.secret?.status, f.secret?.enabled],
        ['found', 'Registered', 'granted', 'found', true],
      );
      assert.strictEqual(f.dataverseAccess?.evidence, 'Key Vault Secrets User on the vault.');
      assert.match(f.dataverseAccess?.principalObjectId ?? '', /^[0-9a-f-]{36}$/);
    });
    it('secret disabled, expired, expiring, deleted', () => {
      assert.strictEqual(get('Citrix service account').secret?.enabled, false);
      assert.ok(get('Legacy FTP upload').secret!.expiresOn! < Date.now());
      const smtp = get('SMTP relay').secret!.expiresOn!;
      assert.ok(smtp > Date.now() && smtp < Date.now() + 10 * 86_400_000);
      assert.strictEqual(get('HR portal robot').secret?.status, 'deleted');
    });
    it('the Dataverse service principal cannot read the vault (RBAC vault; access-policy vault with only a policy)', () => {
      const swift = get('SWIFT gateway');
      assert.strictEqual(swift.dataverseAccess?.status, 'denied');
      assert.strictEqual(swift.secret?.status, 'no-access', 'nor can the signed-in identity');
      const mainframe = get('Mainframe operator');
      assert.deepStrictEqual([mainframe.vault?.enableRbacAuthorization, mainframe.dataverseAccess?.status, mainframe.dataverseAccess?.accessPolicyGet], [false, 'denied', true]);
      assert.match(mainframe.dataverseAccess?.evidence ?? '', /checks Azure RBAC even on access-policy vaults/);
    });
    it('behind a firewall; public access off in a subscription without the provider; another tenant', () => {
      assert.deepStrictEqual([get('Payroll database').secret?.status, get('Payroll database').vault?.networkAcls?.defaultAction], ['unreachable', 'Deny']);
      const dev = get('Test SAP account');
      assert.deepStrictEqual([dev.secret?.status, dev.subscription?.powerPlatformProvider, dev.vault?.publicNetworkAccess?.toLowerCase()], ['unreachable', 'NotRegistered', 'disabled']);
      // Private endpoints: one in a virtual network with a subnet delegated to Power Platform, one without.
      assert.deepStrictEqual(get('Payroll database').vault?.privateEndpoints?.map((e) => [e.status, e.powerPlatformDelegated]), [['Approved', true]]);
      assert.deepStrictEqual(dev.vault?.privateEndpoints?.map((e) => [e.status, e.powerPlatformDelegated]), [['Approved', false]]);
      assert.deepStrictEqual(get('SAP service account').vault?.privateEndpoints, []);
      const partner = get('Partner portal');
      assert.strictEqual(partner.vault?.tenantId, DEMO.fabrikam);
      assert.notStrictEqual(partner.dataverseAccess?.status, 'granted');
      assert.match(partner.secret?.reason ?? '', new RegExp(DEMO.fabrikam), 'the sign-in that failed is the vault tenant\'s');
    });
    it('a malformed reference reads nothing; an inactive credential is still checked', () => {
      const snow = get('ServiceNow integration');
      assert.ok(snow.credential.password?.currentValue ?? snow.credential.password?.defaultValue);
      assert.deepStrictEqual([snow.vault, snow.secret, snow.dataverseAccess], [undefined, undefined, undefined]);
      const old = get('Old mainframe account');
      assert.deepStrictEqual([old.credential.active, old.secret?.status], [false, 'found']);
    });
  });

  describe('Microsoft Graph', () => {
    it('/me: a member, a guest, and an app-only token (no /me, not an error)', async () => {
      const member = await new GraphClient(recordingAccount(fake, 'megan').account, DEMO.contoso, clientOptions(fake)).me();
      assert.deepStrictEqual([member.kind, member.userType], ['user', 'Member']);
      const guest = await new GraphClient(recordingAccount(fake, 'guest-partner').account, DEMO.contoso, clientOptions(fake)).me();
      assert.deepStrictEqual([guest.kind, guest.userType], ['user', 'Guest']);
      const app = await new GraphClient(account, DEMO.contoso, clientOptions(fake)).me();
      assert.deepStrictEqual(app, { kind: 'application' });
    });
    it('finds the Dataverse service principal by app id, and says when a tenant has none', async () => {
      const graph = new GraphClient(account, DEMO.contoso, clientOptions(fake));
      const sp = await graph.servicePrincipalByAppId('00000007-0000-0000-c000-000000000000');
      assert.strictEqual(sp?.objectId, fake.identity('dataverse').objectId);
      assert.strictEqual(await graph.servicePrincipalByAppId('11111111-2222-3333-4444-555555555555'), undefined);
    });
  });
});
