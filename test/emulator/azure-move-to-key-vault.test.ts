/**
 * "Move to Key Vault" orchestration against the fake cloud with the unmodified Key Vault SDK:
 * the secret is created with the value, the credential step follows, and every failure or
 * cancellation undoes what succeeded and says exactly what remains. A canary value is checked
 * against every message, the fake's request log and its log lines.
 */
import * as assert from 'assert';
import { SecretClient } from '@azure/keyvault-secrets';
import { ClientSecretCredential } from '@azure/identity';
import type { AzureAccount } from '../../src/azure/auth/accounts';
import { listEnvironments } from '../../src/azure/dataverse/discovery';
import { DataverseEnvironmentClient } from '../../src/azure/dataverse/environmentClient';
import type { CreatedCredential, NewKeyVaultCredential } from '../../src/azure/dataverse/types';
import { VaultClient } from '../../src/azure/keyVault/vaultClient';
import { moveToKeyVault } from '../../src/azure/moveToKeyVault/moveToKeyVault';
import type { MoveEnvironment, MoveOutcome, MoveRequest } from '../../src/azure/moveToKeyVault/types';
import { AzureResourceService, type TenantInfo, type VaultInfo } from '../../src/azure/resources';
import { startFakeAzure } from '../../src/fake-azure';
import { sessionCloud } from '../../src/extension/moveToKeyVault/sessionCloud';
import type { AzureSessionManager } from '../../src/extension/azure/sessionManager';
import { clientOptions, DEMO, spAccount, type FakeAzure } from './azure-support';

const CANARY = 'Canary-7f3e!pw-MOVE-9d21';

/** A Dataverse side that records what it was asked and can be told to fail. */
class StubEnvironment implements MoveEnvironment {
  readonly environment = {
    environmentId: 'env-1', organizationId: 'org-1', friendlyName: 'Contoso RPA', urlName: 'contoso-rpa',
    url: 'https://contoso-rpa.crm4.dynamics.com', apiUrl: 'https://contoso-rpa.crm4.dynamics.com/api/data/v9.2',
    tenantId: DEMO.contoso, cloud: 'AzureCloud' as const,
  };
  created: NewKeyVaultCredential[] = [];
  deleted: CreatedCredential[] = [];
  failCreate?: unknown;
  failDelete?: unknown;
  async createKeyVaultCredential(input: NewKeyVaultCredential): Promise<CreatedCredential> {
    if (this.failCreate) throw this.failCreate;
    this.created.push(input);
    return { credential: { id: 'cred-1', name: input.name, active: true }, definitionIds: ['d1', 'd2'], valueIds: ['v1', 'v2'] };
  }
  async deleteCreatedCredential(created: CreatedCredential): Promise<void> {
    if (this.failDelete) throw this.failDelete;
    this.deleted.push(created);
  }
}

const dataverseError = (status: number, code: string, message: string): Error =>
  Object.assign(new Error(message), { statusCode: status, code, name: 'RestError' });

describe('emulator: move to Key Vault (orchestration)', function () {
  this.timeout(60000);
  let fake: FakeAzure;
  let account: AzureAccount;
  let contoso: TenantInfo;
  let vaults: VaultInfo[];
  const logLines: string[] = [];
  const outcomes: MoveOutcome[] = [];
  let n = 0;

  const vaultClient = (name: string): VaultClient => {
    const v = vaults.find((x) => x.name === name);
    assert.ok(v, `vault ${name} listed`);
    return new VaultClient(account, contoso, v, clientOptions(fake));
  };
  const sdk = (vault: string): SecretClient => {
    const c = fake.credentials;
    return new SecretClient(`https://${vault}.vault.azure.net`, new ClientSecretCredential(c.tenantId, c.clientId!, c.clientSecret!, fake.clientOptions), fake.clientOptions);
  };
  const run = async (overrides: Partial<MoveRequest> & { environment: MoveEnvironment }): Promise<MoveOutcome> => {
    const outcome = await moveToKeyVault({
      vault: vaultClient('kv-contoso-rpa-prod'),
      secretName: `moved-${++n}`,
      value: CANARY,
      credentialName: `Moved credential ${n}`,
      userName: 'svc-rpa@contoso.com',
      ...overrides,
    });
    outcomes.push(outcome);
    return outcome;
  };
  const live = (vault: string, name: string) => fake.state.vault(vault).secrets.find((s) => s.name === name);
  const deleted = (vault: string, name: string) => fake.state.vault(vault).deletedSecrets.find((s) => s.name === name);

  before(async () => {
    fake = await startFakeAzure({ log: (line) => logLines.push(line) });
    account = spAccount(fake);
    const service = new AzureResourceService(clientOptions(fake));
    const [tenants] = await service.loadTenants([account]);
    contoso = tenants.tenants.find((t) => t.tenant.tenantId === DEMO.contoso)!.tenant;
    vaults = (await service.listVaultsPage(account, contoso, { subscriptionId: DEMO.prodSub, displayName: 'prod', tenantId: DEMO.contoso })).items;
  });
  after(async () => {
    // The canary is in no outcome, no request line and no log line of the fake.
    for (const o of outcomes) assert.ok(!JSON.stringify(o).includes(CANARY), 'canary in an outcome');
    const requests = JSON.stringify(fake.requests);
    assert.ok(!requests.includes(CANARY) && !requests.includes(encodeURIComponent(CANARY)), 'canary in the request log');
    assert.ok(!logLines.join('\n').includes(CANARY), 'canary in the fake log');
    await fake?.close();
  });

  it('creates the secret with the value, then the credential pointing at it', async () => {
    const env = new StubEnvironment();
    const steps: string[] = [];
    const outcome = await run({ environment: env, onProgress: (step, message) => steps.push(`${step}: ${message}`) });
    assert.strictEqual(outcome.status, 'done');
    const name = `moved-${n}`;
    assert.strictEqual((await sdk('kv-contoso-rpa-prod').getSecret(name)).value, CANARY);
    assert.strictEqual(env.created.length, 1);
    assert.deepStrictEqual(env.created[0], {
      name: `Moved credential ${n}`,
      userName: 'svc-rpa@contoso.com',
      secretReference: `/subscriptions/${DEMO.prodSub}/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod/secrets/${name}`,
      description: undefined,
      schemaPrefix: undefined,
    });
    assert.deepStrictEqual(steps, [
      `secret: Creating secret ${name} in vault kv-contoso-rpa-prod…`,
      `credential: Creating credential Moved credential ${n} in environment Contoso RPA…`,
    ]);
    // undo() (for a file edit that fails afterwards) removes both.
    const report = await (outcome.status === 'done' ? outcome.undo() : Promise.reject(new Error('not done')));
    assert.strictEqual(env.deleted.length, 1);
    assert.strictEqual(live('kv-contoso-rpa-prod', name), undefined);
    assert.ok(deleted('kv-contoso-rpa-prod', name), 'soft-deleted');
    assert.ok(report.remains.some((r) => r.includes('recoverable')), report.remains.join());
  });

  it('refuses a secret name that exists: nothing is written', async () => {
    const env = new StubEnvironment();
    const before = live('kv-contoso-rpa-prod', 'sap-password')!.versions.length;
    const outcome = await run({ environment: env, secretName: 'sap-password' });
    assert.strictEqual(outcome.status, 'failed');
    assert.strictEqual(outcome.status === 'failed' && outcome.step, 'secret');
    assert.match(outcome.status === 'failed' ? outcome.message : '', /already has a secret named sap-password.*Nothing was changed\./);
    assert.strictEqual(live('kv-contoso-rpa-prod', 'sap-password')!.versions.length, before);
    assert.strictEqual(env.created.length, 0);
  });

  it('a secret write the vault refuses (access policy without set) changes nothing and says what to grant', async () => {
    const env = new StubEnvironment();
    const outcome = await run({ environment: env, vault: vaultClient('kv-contoso-rpa-legacy') });
    assert.strictEqual(outcome.status, 'failed');
    if (outcome.status !== 'failed') return;
    assert.strictEqual(outcome.problem?.kind, 'permissionDenied');
    assert.match(outcome.message, /No permission to create secrets in vault kv-contoso-rpa-legacy: give .* a 'set' secret permission/);
    assert.deepStrictEqual(outcome.rollback, { undone: [], remains: [] });
    assert.strictEqual(env.created.length, 0);
    assert.strictEqual(live('kv-contoso-rpa-legacy', `moved-${n}`), undefined);
  });

  it('a vault the caller cannot even list changes nothing and names the role', async () => {
    const env = new StubEnvironment();
    const outcome = await run({ environment: env, vault: vaultClient('kv-contoso-finance') });
    assert.strictEqual(outcome.status, 'failed');
    assert.match(outcome.status === 'failed' ? outcome.message : '', /Key Vault Secrets User role on the vault.*Nothing was changed\.$/);
    assert.strictEqual(env.created.length, 0);
  });

  it('a server error on the secret write (fault) changes nothing', async () => {
    const env = new StubEnvironment();
    const remove = fake.faults.add({ host: 'kv-contoso-rpa-prod.vault.azure.net', path: '/secrets/*', method: 'PUT', status: 500 });
    try {
      const outcome = await run({ environment: env });
      assert.strictEqual(outcome.status, 'failed');
      assert.strictEqual(outcome.status === 'failed' && outcome.step, 'secret');
      assert.strictEqual(env.created.length, 0);
      assert.strictEqual(live('kv-contoso-rpa-prod', `moved-${n}`), undefined);
    } finally {
      remove();
    }
  });

  it('a failed credential step deletes the secret and says it stays soft-deleted', async () => {
    const env = new StubEnvironment();
    env.failCreate = dataverseError(403, '0x80040220', `Principal user is missing prvCreatecredential privilege ${CANARY}`);
    const outcome = await run({ environment: env });
    assert.strictEqual(outcome.status, 'failed');
    if (outcome.status !== 'failed') return;
    assert.strictEqual(outcome.step, 'credential');
    assert.strictEqual(outcome.problem?.kind, 'permissionDenied');
    assert.strictEqual(live('kv-contoso-rpa-prod', `moved-${n}`), undefined);
    assert.ok(deleted('kv-contoso-rpa-prod', `moved-${n}`), 'soft-deleted, as reported');
    assert.deepStrictEqual(outcome.rollback.undone, [`deleted secret moved-${n} from vault kv-contoso-rpa-prod`]);
    assert.strictEqual(outcome.rollback.remains.length, 1);
    assert.match(outcome.rollback.remains[0], /stays in vault kv-contoso-rpa-prod as a deleted secret, recoverable until \d{4}-\d\d-\d\d, and its name cannot be reused until then; purge it/);
    assert.match(outcome.message, /^Could not create credential Moved credential \d+ in environment Contoso RPA: .* Undone: deleted secret .* Could not be undone: /);
  });

  it('with purge permitted, a failed credential step leaves no trace of the secret', async () => {
    const env = new StubEnvironment();
    env.failCreate = dataverseError(500, '0x80040216', 'An unexpected error occurred.');
    const outcome = await run({ environment: env, purgeOnRollback: true });
    assert.strictEqual(outcome.status, 'failed');
    assert.strictEqual(live('kv-contoso-rpa-prod', `moved-${n}`), undefined);
    assert.strictEqual(deleted('kv-contoso-rpa-prod', `moved-${n}`), undefined);
    assert.deepStrictEqual(outcome.status === 'failed' && outcome.rollback, {
      undone: [`deleted and purged secret moved-${n} from vault kv-contoso-rpa-prod`],
      remains: [],
    });
    assert.match(outcome.status === 'failed' ? outcome.message : '', /Nothing was left behind\.$/);
  });

  it('purge protection: the deleted secret remains, and the report says why', async () => {
    const vault = fake.state.vault('kv-contoso-rpa-prod');
    vault.enablePurgeProtection = true;
    try {
      const env = new StubEnvironment();
      env.failCreate = dataverseError(500, '0x80040216', 'An unexpected error occurred.');
      const outcome = await run({ environment: env, purgeOnRollback: true });
      assert.strictEqual(outcome.status, 'failed');
      assert.ok(deleted('kv-contoso-rpa-prod', `moved-${n}`));
      const remains = outcome.status === 'failed' ? outcome.rollback.remains : [];
      assert.strictEqual(remains.length, 1);
      assert.match(remains[0], /purge protection/);
    } finally {
      vault.enablePurgeProtection = false;
    }
  });

  it('when the undo itself fails, the secret is reported as remaining', async () => {
    const env = new StubEnvironment();
    env.failCreate = dataverseError(500, '0x80040216', 'An unexpected error occurred.');
    const remove = fake.faults.add({ host: 'kv-contoso-rpa-prod.vault.azure.net', path: '/secrets/*', method: 'DELETE', status: 503 });
    try {
      const outcome = await run({ environment: env });
      assert.strictEqual(outcome.status, 'failed');
      assert.ok(live('kv-contoso-rpa-prod', `moved-${n}`), 'still there, as reported');
      const r = outcome.status === 'failed' ? outcome.rollback : undefined;
      assert.deepStrictEqual(r?.undone, []);
      assert.match(r?.remains[0] ?? '', new RegExp(`^secret moved-${n} remains in vault kv-contoso-rpa-prod \\(.*\\): delete it`));
    } finally {
      remove();
    }
  });

  it('cancelled before it starts: nothing is written', async () => {
    const env = new StubEnvironment();
    const controller = new AbortController();
    controller.abort();
    fake.clearRequests();
    const outcome = await run({ environment: env, signal: controller.signal });
    assert.strictEqual(outcome.status, 'cancelled');
    assert.strictEqual(fake.requests.filter((r) => r.method !== 'GET').length, 0);
    assert.strictEqual(env.created.length, 0);
  });

  /** Runs the move against a stub environment and cancels it when it reaches `at`. */
  const cancelledAt = async (at: 'secret' | 'credential') => {
    const env = new StubEnvironment();
    const controller = new AbortController();
    const outcome = await run({
      environment: env,
      signal: controller.signal,
      onProgress: (step) => {
        if (step === at) controller.abort();
      },
    });
    assert.strictEqual(outcome.status, 'cancelled');
    return { env, outcome };
  };

  it('cancelled during the secret write: the secret is created, then deleted; no credential', async () => {
    const { env, outcome } = await cancelledAt('secret');
    assert.strictEqual(env.created.length, 0);
    assert.strictEqual(live('kv-contoso-rpa-prod', `moved-${n}`), undefined);
    assert.match(outcome.status === 'cancelled' ? outcome.message : '', /^Cancelled\. Undone: deleted secret/);
  });

  it('cancelled during the credential write: both are undone', async () => {
    const { env } = await cancelledAt('credential');
    assert.strictEqual(env.created.length, 1);
    assert.strictEqual(env.deleted.length, 1);
    assert.strictEqual(live('kv-contoso-rpa-prod', `moved-${n}`), undefined);
  });

  describe('with the Dataverse client against the fake Dataverse', () => {
    const HOST = 'contoso-rpa.crm4.dynamics.com';
    let dv: DataverseEnvironmentClient;
    const envState = () => fake.state.findEnvironmentByHost(HOST)!;
    /** Rows of the credential and variable tables, to check that a failed move left none. */
    const rowCounts = () => ['credentials', 'environmentvariabledefinitions', 'environmentvariablevalues'].map((t) => envState().tables.get(t)?.length ?? 0);

    before(async () => {
      const envs = await listEnvironments(account, DEMO.contoso, { clientOptions: clientOptions(fake) });
      const info = envs.find((e) => e.urlName === 'contoso-rpa');
      assert.ok(info, envs.map((e) => e.urlName).join());
      dv = new DataverseEnvironmentClient(account, info, clientOptions(fake));
    });

    it('creates the secret and a credential whose variables hold the user name and the reference', async () => {
      const outcome = await run({ environment: dv });
      assert.strictEqual(outcome.status, 'done', outcome.status !== 'done' ? outcome.message : '');
      const credential = await dv.findCredentialByName(`Moved credential ${n}`);
      assert.ok(credential);
      const reference = `/subscriptions/${DEMO.prodSub}/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod/secrets/moved-${n}`;
      assert.strictEqual(credential.password?.currentValue, reference);
      assert.strictEqual(credential.password?.type, 100000005);
      assert.strictEqual(credential.username?.currentValue, 'svc-rpa@contoso.com');
      assert.strictEqual((await sdk('kv-contoso-rpa-prod').getSecret(`moved-${n}`)).value, CANARY);
    });

    let switchTenant: ((step: string) => void) | undefined;
    /** Each way the credential step fails: the secret is undone, no row is left, and the reason says what to do. */
    const failures: [string, () => () => void, RegExp, Partial<MoveRequest>?][] = [
      ['provider not registered', () => {
        fake.state.setProviderState(DEMO.prodSub, 'Microsoft.PowerPlatform', 'NotRegistered');
        return () => fake.state.setProviderState(DEMO.prodSub, 'Microsoft.PowerPlatform', 'Registered');
      }, /Power Platform refused the secret reference: the resource provider Microsoft\.PowerPlatform is not registered in subscription .*Register it/],
      // The vault is in another tenant than the environment's while the credential is written
      // (the fake's Key Vault would then want a token of that tenant, so the switch covers only that step).
      ['vault in another tenant', () => {
        const vault = fake.state.vault('kv-contoso-rpa-prod');
        const own = vault.tenantId;
        switchTenant = (step) => {
          vault.tenantId = step === 'credential' ? DEMO.fabrikam : own;
        };
        return () => {
          vault.tenantId = own;
          switchTenant = undefined;
        };
      }, /Power Platform refused the secret reference: .*another tenant/, { onProgress: (step) => switchTenant?.(step) }],
      ['missing privilege', () => {
        const oid = fake.credentials.objectId!;
        envState().deniedPrivileges.set(oid, new Set(['prvCreatecredential']));
        return () => envState().deniedPrivileges.delete(oid);
      }, /may not create the credential .*lacks the prvCreatecredential privilege/],
      ['duplicate credential name', () => () => undefined, /named like SAP service account exists already in environment .*choose another name/, { credentialName: 'SAP service account' }],
      ['a server error on the deep insert (fault)', () => fake.faults.add({ host: HOST, path: '/api/data/v9.2/credentials', method: 'POST', status: 500 }), /Could not create the credential in environment .* \(HTTP 500\)\. Retry/],
    ];
    for (const [label, arrange, reason, overrides] of failures) {
      it(`${label}: the secret is undone, no row is left, the reason is given`, async () => {
        const counts = rowCounts();
        const restore = arrange();
        let outcome: MoveOutcome;
        try {
          outcome = await run({ environment: dv, ...overrides });
        } finally {
          restore();
        }
        assert.strictEqual(outcome.status, 'failed');
        if (outcome.status !== 'failed') return;
        assert.strictEqual(outcome.step, 'credential', outcome.message);
        assert.match(outcome.message, reason);
        assert.deepStrictEqual(rowCounts(), counts, 'no credential or variable left');
        assert.strictEqual(live('kv-contoso-rpa-prod', `moved-${n}`), undefined);
        assert.ok(deleted('kv-contoso-rpa-prod', `moved-${n}`), 'soft-deleted, as reported');
        assert.match(outcome.rollback.remains.join(), /recoverable/);
      });
    }

    it('cancelled after the credential was written: the credential, its variables and the secret are undone', async () => {
      const counts = rowCounts();
      const controller = new AbortController();
      const outcome = await run({ environment: dv, signal: controller.signal, purgeOnRollback: true, onProgress: (step) => step === 'credential' && controller.abort() });
      assert.strictEqual(outcome.status, 'cancelled');
      assert.deepStrictEqual(rowCounts(), counts);
      assert.strictEqual(live('kv-contoso-rpa-prod', `moved-${n}`), undefined);
      assert.strictEqual(deleted('kv-contoso-rpa-prod', `moved-${n}`), undefined, 'purged');
      assert.deepStrictEqual(outcome.status === 'cancelled' && outcome.rollback.remains, []);
    });

    it('when the credential cannot be deleted, the report says it remains and where to delete it', async () => {
      const controller = new AbortController();
      const remove = fake.faults.add({ host: HOST, path: '/api/data/v9.2/credentials(*)', method: 'DELETE', status: 503 });
      let outcome: MoveOutcome;
      try {
        outcome = await run({ environment: dv, signal: controller.signal, onProgress: (step) => step === 'credential' && controller.abort() });
      } finally {
        remove();
      }
      assert.strictEqual(outcome.status, 'cancelled');
      const remains = outcome.status === 'cancelled' ? outcome.rollback.remains : [];
      assert.match(remains[0] ?? '', new RegExp(`^credential Moved credential ${n} and its two environment variables remain in environment Contoso`));
      assert.ok(await dv.findCredentialByName(`Moved credential ${n}`), 'it does remain, as reported');
    });
  });

  describe('what the prompts list: environments, every vault, and whether each suits the environment', () => {
    it('lists the environments and every vault; the tenant that needs MFA says so; unsuitable vaults say why', async () => {
      const manager = { whenRestored: async () => undefined, accounts: [account] } as unknown as AzureSessionManager;
      const cloud = sessionCloud(manager, new AzureResourceService(clientOptions(fake)), clientOptions(fake));
      const signal = new AbortController().signal;
      const envs = await cloud.listEnvironments(signal);
      const prod = envs.environments.find((e) => e.info.urlName === 'contoso-rpa');
      assert.ok(prod, envs.environments.map((e) => e.info.urlName).join());
      assert.deepStrictEqual(envs.problems, ['Tenant Fabrikam Partner Tenant: Sign in to tenant Fabrikam Partner Tenant (MFA required)']);
      const { vaults } = await cloud.listVaults(signal);
      const fits: Record<string, string> = {};
      for (const v of vaults) {
        const fit = await cloud.vaultFit(prod, v, signal);
        fits[v.vault.name] = `${fit.verdict}${fit.reason ? `: ${fit.reason}` : ''}`;
      }
      assert.strictEqual(fits['kv-contoso-rpa-prod'], 'yes');
      assert.match(fits['kv-contoso-finance'], /^no: Dataverse .* has no Key Vault Secrets User role on vault 'kv-contoso-finance'\. Give the Dataverse service principal/);
      assert.match(fits['kv-contoso-rpa-legacy'], /^no: Dataverse .* has no Key Vault Secrets User role/);
      assert.match(fits['kv-contoso-rpa-dev'], /^no: Microsoft\.PowerPlatform is NotRegistered in subscription .*Register/);
    });
  });
});
