/** The Credentials view's pure parts: presentation of records and health, the secret → credential index, the health queue, maker portal addresses. */
import * as assert from 'node:assert/strict';
import { ENV_VAR_TYPE, SECRET_STORE, type CredentialRecordFacts } from '../../../src/core/credentials/facts';
import type { HealthView } from '../../../src/extension/credentials/backend';
import { HealthQueue } from '../../../src/extension/credentials/healthQueue';
import { makerPortalUrl } from '../../../src/extension/credentials/makerPortal';
import {
  credentialDescription,
  credentialTooltip,
  healthIcon,
  passwordTarget,
  userNameOf,
  usedByDescription,
  variableDescription,
  type HealthState,
} from '../../../src/extension/credentials/presentation';
import { SecretUsage, usedByText } from '../../../src/extension/credentials/secretUsage';

const SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
const OTHER_SUB = '0b6e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER = `/subscriptions/${OTHER_SUB}/resourceGroups/rg-other/providers/Microsoft.KeyVault/vaults/kv-other/secrets/other-secret`;
const REF = `/subscriptions/${SUB}/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod/secrets/sap-password`;

function credential(overrides: Partial<CredentialRecordFacts> = {}, passwordValue: string | null = REF): CredentialRecordFacts {
  return {
    id: 'c1',
    name: 'SAP robot',
    active: true,
    connectionType: 1,
    username: { id: 'u', schemaName: 'new_SapUser', type: ENV_VAR_TYPE.string, currentValue: 'svc-sap@contoso.com' },
    password: { id: 'p', schemaName: 'new_SapPassword', type: ENV_VAR_TYPE.secret, secretStore: SECRET_STORE.azureKeyVault, currentValue: passwordValue ?? undefined },
    ...overrides,
  };
}

const done = (health: HealthView): HealthState => ({ state: 'done', health });

describe('credentials view: presentation', () => {
  it('reads the password reference: Key Vault path, malformed, Dataverse-kept, missing', () => {
    const kv = passwordTarget(credential());
    assert.equal(kv.kind, 'keyVault');
    assert.deepEqual(kv.kind === 'keyVault' && [kv.ref.vaultName, kv.ref.secretName, kv.ref.resourceGroup], ['kv-contoso-rpa-prod', 'sap-password', 'rg-rpa-prod']);
    assert.equal(passwordTarget(credential({}, 'https://kv.vault.azure.net/secrets/x')).kind, 'malformed');
    assert.equal(passwordTarget(credential({}, null)).kind, 'missing');
    const dv = credential({ password: { id: 'p', schemaName: 'p', type: ENV_VAR_TYPE.secret, secretStore: SECRET_STORE.dataverse, currentValue: REF } });
    assert.equal(passwordTarget(dv).kind, 'notKeyVault');
    assert.equal(passwordTarget(credential({ password: undefined })).kind, 'missing');
  });

  it('falls back to the default value when the environment has no current value', () => {
    const c = credential({ password: { id: 'p', schemaName: 'p', type: ENV_VAR_TYPE.secret, secretStore: 0, defaultValue: REF } });
    assert.equal(passwordTarget(c).kind, 'keyVault');
  });

  it('shows the user name (a text variable), never a secret variable\'s value as a user name', () => {
    assert.equal(userNameOf(credential()), 'svc-sap@contoso.com');
    const secretUser = credential({ username: { id: 'u', schemaName: 'u', type: ENV_VAR_TYPE.secret, currentValue: REF } });
    assert.equal(userNameOf(secretUser), undefined);
    assert.equal(variableDescription('username', secretUser), 'no value');
    assert.equal(variableDescription('password', credential()), 'Key Vault · kv-contoso-rpa-prod');
  });

  it('puts health first in the row, and says "checking…" until it is known', () => {
    assert.equal(credentialDescription(credential(), { state: 'pending' }), 'checking… · svc-sap@contoso.com');
    assert.equal(credentialDescription(credential(), done({ level: 'error', state: 'secret-expired', summary: 'secret expired', detail: 'd' })), 'secret expired · svc-sap@contoso.com');
    assert.equal(credentialDescription(credential({ active: false }), done({ level: 'ok', state: 'ok', summary: 'OK', detail: 'd' })), 'inactive · OK · svc-sap@contoso.com');
    assert.equal(credentialDescription(credential(), { state: 'failed', reason: 'x' }), 'health not known · svc-sap@contoso.com');
    const inactive = done({ level: 'warning', state: 'credential-inactive', summary: 'inactive', detail: 'd' });
    assert.equal(credentialDescription(credential({ active: false }), inactive), 'inactive · svc-sap@contoso.com', 'said once');
  });

  it('gives each health level its own icon; "cannot check" is not shown as broken', () => {
    const ids = (['ok', 'warning', 'error', 'unknown'] as const).map((level) => healthIcon(done({ level, state: level, summary: level, detail: '' })).id);
    assert.deepEqual(ids, ['pass', 'warning', 'error', 'question']);
    assert.notEqual(healthIcon(done({ level: 'unknown', state: 'cannot-check', summary: '', detail: '' })).color, 'problemsErrorIcon.foreground');
    assert.equal(healthIcon({ state: 'checking' }).id, 'loading~spin');
    assert.equal(healthIcon(done({ level: 'ok', state: 'ok', summary: '', detail: '' }), false).id, 'circle-slash');
  });

  it('says why and what to do in the tooltip, with names escaped and no value', () => {
    const tip = credentialTooltip(credential({ name: 'SAP *robot*' }), 'Contoso RPA', done({
        level: 'error',
        state: 'vault-unreadable-by-dataverse',
        summary: 'vault unreadable by Dataverse',
        detail: 'The Dataverse service principal has no role on the vault.\nFix: Give it Key Vault Secrets User.\n  az role assignment create --role "Key Vault Secrets User"',
      }));
    assert.match(tip, /^\*\*SAP \\\*robot\\\*\*\*/);
    assert.match(tip, /Health: \*\*vault unreadable by Dataverse\*\*\n\nThe Dataverse service principal has no role on the vault\\\./);
    assert.match(tip, /\n\nFix: Give it Key Vault Secrets User\\\./);
    assert.match(tip, /\n\n`az role assignment create --role "Key Vault Secrets User"`/);
    assert.match(tip, /secret sap\\-password in vault kv\\-contoso\\-rpa\\-prod/);
    assert.match(tip, /Secret values are never shown/);
  });

  it('counts what uses a credential', () => {
    assert.equal(usedByDescription(2, 1), '2 desktop flows · 1 workspace file');
    assert.equal(usedByDescription(0, 0), 'not used');
    assert.equal(usedByDescription(undefined, 3), '3 workspace files');
  });
});

describe('credentials view: which credentials use a secret', () => {
  it('indexes credentials by secret, case-insensitively, across environments, and forgets an environment on refresh', async () => {
    const usage = new SecretUsage();
    let fired = 0;
    usage.onDidChange(() => fired++);
    usage.addCredentials('env1', 'Contoso RPA', [credential(), credential({ id: 'c2', name: 'Other' }, OTHER)]);
    usage.addCredentials('env2', 'Contoso Dev', [credential({ id: 'c3', name: 'SAP dev' }, REF.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'))]);
    await Promise.resolve();
    assert.equal(fired, 1, 'listeners are told once per turn');
    const users = usage.usersOf(SUB, 'RG-RPA-PROD', 'kv-contoso-rpa-prod', 'SAP-PASSWORD');
    assert.deepEqual(users.map((u) => `${u.credentialName}@${u.environmentName}`), ['SAP dev@Contoso Dev', 'SAP robot@Contoso RPA']);
    assert.equal(usedByText(users), 'used by 2 credentials');
    assert.deepEqual(usage.usersOf(SUB, 'rg-rpa-prod', 'kv-contoso-rpa-prod', 'other-secret'), []);
    usage.clearEnvironment('env2');
    assert.equal(usedByText(usage.usersOf(SUB, 'rg-rpa-prod', 'kv-contoso-rpa-prod', 'sap-password')), 'used by credential SAP robot');
  });

  it('moves a credential whose password now points elsewhere, and skips credentials without a vault reference', () => {
    const usage = new SecretUsage();
    usage.addCredentials('env1', 'E', [credential()]);
    usage.addCredentials('env1', 'E', [credential({}, OTHER)]);
    assert.deepEqual(usage.usersOf(SUB, 'rg-rpa-prod', 'kv-contoso-rpa-prod', 'sap-password'), []);
    assert.equal(usage.usersOf(OTHER_SUB, 'rg-other', 'kv-other', 'other-secret').length, 1);
    usage.addCredentials('env1', 'E', [credential({}, 'not a path')]);
    assert.equal(usage.usersOf(OTHER_SUB, 'rg-other', 'kv-other', 'other-secret').length, 0);
    assert.equal(usedByText([]), undefined);
  });
});

describe('credentials view: health queue', () => {
  it('runs jobs in order, a few at a time, and resolves when idle', async () => {
    const q = new HealthQueue(2);
    const started: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const job = (n: number) => ({
      run: async () => {
        started.push(n);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
    });
    q.add([1, 2, 3, 4, 5].map(job));
    await q.whenIdle();
    assert.deepEqual(started, [1, 2, 3, 4, 5]);
    assert.equal(maxRunning, 2);
    assert.equal(q.pending, 0);
  });

  it('cancel drops queued jobs and aborts running ones; a failing job does not stop the others', async () => {
    const q = new HealthQueue(1);
    const ran: string[] = [];
    let aborted = false;
    q.add([
      {
        run: (signal) =>
          new Promise<void>((resolve) => {
            ran.push('slow');
            signal.addEventListener('abort', () => {
              aborted = true;
              resolve();
            });
          }),
      },
      { run: async () => void ran.push('never') },
    ]);
    q.cancel();
    await q.whenIdle();
    assert.deepEqual(ran, ['slow']);
    assert.ok(aborted);
    q.add([{ run: async () => Promise.reject(new Error('boom')) }, { run: async () => void ran.push('after') }]);
    await q.whenIdle();
    assert.deepEqual(ran, ['slow', 'after']);
  });
});

describe('credentials view: maker portal', () => {
  it('opens the environment\'s credentials page in the portal of its cloud', () => {
    assert.equal(makerPortalUrl('AzureCloud', 'Default-8f3c2a1e'), 'https://make.powerautomate.com/environments/Default-8f3c2a1e/credentials');
    assert.equal(makerPortalUrl('AzureChinaCloud', 'e1'), 'https://make.powerautomate.cn/environments/e1/credentials');
    assert.match(makerPortalUrl('AzureUSGovernment', 'e1'), /^https:\/\/make\.high\.powerautomate\.us\/environments\/e1\//);
  });
});
