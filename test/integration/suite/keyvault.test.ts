// The Key Vault view inside the real extension host, against the fake cloud that
// test/integration/run.ts starts with the demo scenario (HTTPS_PROXY, NODE_EXTRA_CA_CERTS and
// FLOW_VAULT_DEMO_SP in the environment); without it the suite fails. Flow Vault signs in with
// the demo service principal by itself. The tree is read through flowVault.keyVault.getChildren
// (plain snapshots); commands get node ids. What a command wrote is read back from the fake cloud
// with the Azure SDK directly, not through the view. A copy of a value is confirmed as a user
// does: the runner clicks the dialog's button (helpers.answerDialog).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activateWithFakeCloud,
  answerDialog,
  assertNoSecretIn,
  demoSecretValues,
  dialogRequestFile,
  flowVault,
  readNotification,
  REPO_ROOT,
  requireFakeCloud,
  setSetting,
  waitFor,
  type TreeSnapshot,
} from './helpers';

const CONTOSO = '8f3c2a1e-5b7d-4c9e-a1f2-3d4e5f6a7b8c';
const PROD_SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
const DEV_SUB = 'a7e3f1b9-6c2d-4e8a-b5f0-1c3d5e7f9a2b';

const seen: TreeSnapshot[] = [];

async function children(id?: string, wait = true): Promise<TreeSnapshot[]> {
  const result = await vscode.commands.executeCommand<TreeSnapshot[] | undefined>('flowVault.keyVault.getChildren', { id, wait });
  assert.ok(result, `no node ${id}`);
  seen.push(...result);
  return result;
}

async function child(parentId: string | undefined, label: string): Promise<TreeSnapshot> {
  const list = await children(parentId);
  const found = list.find((n) => n.label === label);
  assert.ok(found, `"${label}" under ${parentId ?? 'the root'}: got ${list.map((n) => n.label).join(', ')}`);
  return found;
}

/** `p`, or a failure that says what did not finish. */
function within<T>(p: Thenable<T>, what: string, ms = 30_000): Promise<T> {
  return Promise.race([Promise.resolve(p), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms))]);
}

/** A SecretClient of our own (demo service principal), to read what the fake cloud holds. */
function sdkClient(vault: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SecretClient } = require(path.join(REPO_ROOT, 'node_modules', '@azure', 'keyvault-secrets'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ClientSecretCredential } = require(path.join(REPO_ROOT, 'node_modules', '@azure', 'identity'));
  const sp = JSON.parse(fs.readFileSync(process.env.FLOW_VAULT_DEMO_SP!, 'utf8'));
  return new SecretClient(`https://${vault}.vault.azure.net`, new ClientSecretCredential(sp.tenantId, sp.clientId, sp.clientSecret));
}

describe('Key Vault view (fake cloud, demo service principal)', function () {
  this.timeout(90_000);
  let prodVault: TreeSnapshot;

  activateWithFakeCloud();

  after(async () => {
    await setSetting('flowVault.keyVault', 'pageSize', undefined);
    await setSetting('flowVault.keyVault', 'clipboardClearSeconds', undefined);
    await vscode.commands.executeCommand('flowVault.keyVault.filterSubscriptions', { all: true });
    // Nothing the view showed held a secret value of the scenario.
    assertNoSecretIn(seen);
  });

  it('loads the Azure features on the first Key Vault command', async () => {
    await children();
    assert.strictEqual((flowVault().exports as { azureLoaded?: boolean }).azureLoaded, true);
  });

  it('signs in with the demo service principal from the environment: Contoso loads, the MFA tenant says what to do', async () => {
    const roots = await waitFor(async () => {
      const r = await children();
      return r.some((n) => n.kind === 'tenant') && !r.some((n) => n.label === 'Loading tenants…') ? r : undefined;
    }, 'tenants');
    const contoso = roots.find((n) => n.label === 'Contoso');
    assert.ok(contoso);
    assert.strictEqual(contoso.icon, 'organization');
    const fabrikam = roots.find((n) => n.label === 'Fabrikam Partner Tenant');
    assert.ok(fabrikam, 'the failing tenant is shown');
    assert.strictEqual(fabrikam.contextValue, 'flowVault.tenant;problem');
    const [problem] = await children(fabrikam.id);
    assert.strictEqual(problem.kind, 'error');
    assert.strictEqual(problem.label, 'Sign in to tenant Fabrikam Partner Tenant (MFA required)');
    assert.strictEqual(problem.problemKind, 'signInRequired');
    assert.strictEqual(problem.command, 'flowVault.azure.signInToTenant');
    const subs = await children(contoso.id);
    assert.deepStrictEqual(subs.map((s) => s.label).sort(), ['Contoso RPA Development', 'Contoso RPA Production']);
  });

  it('shows secrets with their state at a glance: disabled, expired, expiring, not yet valid', async () => {
    const prod = await child(`${(await child(undefined, 'Contoso')).id}`, 'Contoso RPA Production');
    prodVault = await child(prod.id, 'kv-contoso-rpa-prod');
    assert.strictEqual(prodVault.icon, 'lock');
    assert.match(prodVault.description ?? '', /rg-rpa-prod · westeurope/);
    const secrets = await children(prodVault.id);
    const by = (name: string) => {
      const s = secrets.find((x) => x.label === name);
      assert.ok(s, name);
      return s;
    };
    assert.match(by('citrix-service-account').description!, /^disabled · password/);
    assert.strictEqual(by('citrix-service-account').icon, 'circle-slash');
    assert.match(by('citrix-service-account').contextValue!, /;disabled;/);
    assert.match(by('legacy-ftp-password').description!, /^expired 30 days ago · password/);
    assert.strictEqual(by('legacy-ftp-password').icon, 'error');
    assert.match(by('smtp-relay').description!, /^expires in (8|9) days · password/);
    assert.strictEqual(by('smtp-relay').icon, 'warning');
    assert.match(by('sharepoint-robot').description!, /^valid from \d{4}-\d\d-\d\d · password/);
    assert.strictEqual(by('sharepoint-robot').icon, 'clock');
    assert.match(by('sap-password').description!, /^password · expires \d{4}-\d\d-\d\d/);
    assert.strictEqual(by('sap-password').icon, 'key');
    const tip = by('sap-password').tooltip!;
    assert.match(tip, /rotation/);
    assert.match(tip, /quarterly/);
    assert.match(tip, /The value is not shown/);
  });

  it('lists versions of a secret, newest first, the current one marked', async () => {
    const sap = (await children(prodVault.id)).find((s) => s.label === 'sap-password')!;
    const versions = await children(sap.id);
    assert.strictEqual(versions.length, 2);
    assert.match(versions[0].description!, /^current · [0-9a-f]{8} · password · expires/);
    assert.doesNotMatch(versions[1].description!, /current/);
  });

  it('loads a large vault a page at a time with "Load more…"', async () => {
    await setSetting('flowVault.keyVault', 'pageSize', 3);
    await vscode.commands.executeCommand('flowVault.keyVault.refresh');
    const contoso = await child(undefined, 'Contoso');
    const prod = await child(contoso.id, 'Contoso RPA Production');
    const vault = await child(prod.id, 'kv-contoso-rpa-prod');
    let list = await children(vault.id);
    assert.deepStrictEqual(list.map((n) => n.kind), ['secret', 'secret', 'secret', 'loadMore']);
    const more = list.at(-1)!;
    assert.strictEqual(more.label, 'Load more…');
    assert.strictEqual(more.description, '3 secrets loaded');
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.keyVault.loadMore', more.id), 6);
    list = await children(vault.id);
    assert.strictEqual(list.filter((n) => n.kind === 'secret').length, 6);
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.keyVault.loadMore', list.at(-1)!.id), 8);
    list = await children(vault.id);
    assert.strictEqual(list.filter((n) => n.kind === 'secret').length, 8);
    assert.ok(!list.some((n) => n.kind === 'loadMore'), 'no "Load more…" after the last page');
    await setSetting('flowVault.keyVault', 'pageSize', undefined);
    await vscode.commands.executeCommand('flowVault.keyVault.refresh');
    prodVault = await child((await child((await child(undefined, 'Contoso')).id, 'Contoso RPA Production')).id, 'kv-contoso-rpa-prod');
  });

  it('copies the secret URI and the Power Platform reference', async () => {
    const id = `${prodVault.id}|sap-password`;
    const uri = await vscode.commands.executeCommand<string>('flowVault.keyVault.copySecretUri', id);
    assert.strictEqual(uri, 'https://kv-contoso-rpa-prod.vault.azure.net/secrets/sap-password');
    assert.strictEqual(await vscode.env.clipboard.readText(), uri);
    const ref = await vscode.commands.executeCommand<string>('flowVault.keyVault.copySecretReference', id);
    assert.strictEqual(ref, `/subscriptions/${PROD_SUB}/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod/secrets/sap-password`);
    assert.strictEqual(await vscode.env.clipboard.readText(), ref);
  });

  const COPY_PROMPT = 'Copy the value of secret "servicenow-api-key"';
  const copyValue = () => vscode.commands.executeCommand<boolean>('flowVault.keyVault.copySecretValue', `${prodVault.id}|servicenow-api-key`);

  it('asks before copying a value: Cancel copies nothing', async function () {
    if (!dialogRequestFile()) this.skip(); // this runner cannot click in the workbench
    await vscode.env.clipboard.writeText('what the user had copied');
    assert.strictEqual(await answerDialog(COPY_PROMPT, 'Cancel', copyValue), false);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'what the user had copied');
  });

  it('copies a value once confirmed in the dialog, and clears the clipboard when the time is up', async function () {
    if (!dialogRequestFile()) this.skip(); // this runner cannot click in the workbench
    await setSetting('flowVault.keyVault', 'clipboardClearSeconds', 2);
    assert.strictEqual(await answerDialog(COPY_PROMPT, 'Copy Value', copyValue), true);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'demo-only-snow-api-key-0000');
    await waitFor(async () => (await vscode.env.clipboard.readText()) === '', 'the clipboard to be cleared', 60_000, 100);
  });

  it('on dispose (deactivation), clears a copied value that is still on the clipboard, and nothing else', async () => {
    // The extension's clipboard guard on VS Code's own clipboard; its timer never fires here, so
    // only dispose can clear. Its record lives in memory.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SecretClipboard } = require(path.join(REPO_ROOT, 'out', 'src', 'extension', 'secretClipboard.js')) as typeof import('../../../src/extension/secretClipboard');
    const state = new Map<string, unknown>();
    const secrets = new Map<string, string>();
    const guard = () =>
      new SecretClipboard({
        clipboard: vscode.env.clipboard,
        state: { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v) } as unknown as vscode.Memento,
        secrets: { get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) },
        now: () => 0,
        schedule: () => () => undefined,
      });
    const first = guard();
    await first.copy('in-host-dispose-value-1', 600);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'in-host-dispose-value-1');
    await first.dispose();
    assert.strictEqual(await vscode.env.clipboard.readText(), '');
    const second = guard();
    await second.copy('in-host-dispose-value-2', 600);
    await vscode.env.clipboard.writeText('the user copied this');
    await second.dispose();
    assert.strictEqual(await vscode.env.clipboard.readText(), 'the user copied this');
  });

  it('sets a new version; the fake cloud holds it, keeping the content type, and the view shows it as current', async () => {
    const id = `${prodVault.id}|servicenow-api-key`;
    const version = await vscode.commands.executeCommand<string>('flowVault.keyVault.setSecretValue', id, { value: 'in-host-new-value-1' });
    assert.match(version ?? '', /^[0-9a-f]{32}$/);
    const stored = await sdkClient('kv-contoso-rpa-prod').getSecret('servicenow-api-key');
    assert.strictEqual(stored.value, 'in-host-new-value-1');
    assert.strictEqual(stored.properties.version, version);
    assert.strictEqual(stored.properties.contentType, 'api-key', 'content type kept');
    const versions = await children(id);
    assert.strictEqual(versions.length, 2);
    assert.match(versions[0].description!, /^current/);
  });

  it('disables and enables a secret; the fake cloud and the view follow', async () => {
    const id = `${prodVault.id}|erp-db-connection`;
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.keyVault.disableSecret', id), true);
    const sdk = sdkClient('kv-contoso-rpa-prod');
    const latest = async () => {
      for await (const p of sdk.listPropertiesOfSecrets()) if (p.name === 'erp-db-connection') return p;
      return undefined;
    };
    assert.strictEqual((await latest())?.enabled, false);
    let row = (await children(prodVault.id)).find((n) => n.label === 'erp-db-connection')!;
    assert.match(row.description!, /^disabled/);
    assert.match(row.contextValue!, /;disabled;/);
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.keyVault.enableSecret', id), true);
    assert.strictEqual((await latest())?.enabled, true);
    row = (await children(prodVault.id)).find((n) => n.label === 'erp-db-connection')!;
    assert.match(row.contextValue!, /;enabled;/);
  });

  it('creates a secret in a vault', async () => {
    const id = await vscode.commands.executeCommand<string>('flowVault.keyVault.createSecret', prodVault.id, {
      name: 'in-host-created',
      value: 'in-host-created-value',
      contentType: 'password',
    });
    assert.strictEqual(id, `${prodVault.id}|in-host-created`);
    const stored = await sdkClient('kv-contoso-rpa-prod').getSecret('in-host-created');
    assert.strictEqual(stored.value, 'in-host-created-value');
    assert.ok((await children(prodVault.id)).some((n) => n.label === 'in-host-created'));
  });

  it('finds a secret by name across the loaded vaults, and opens the right portal', async () => {
    const ids = await vscode.commands.executeCommand<string[]>('flowVault.keyVault.findSecret', { name: 'smtp-relay' });
    assert.deepStrictEqual(ids, [`${prodVault.id}|smtp-relay`]);
    const url = await vscode.commands.executeCommand<string>('flowVault.keyVault.openInPortal', ids[0], { dryRun: true });
    assert.strictEqual(url, `https://portal.azure.com/#@${CONTOSO}/asset/Microsoft_Azure_KeyVault/Secret/https://kv-contoso-rpa-prod.vault.azure.net/secrets/smtp-relay`);
  });

  it('shows what is wrong and what to do as error nodes: RBAC, firewall, private endpoint', async () => {
    const contoso = await child(undefined, 'Contoso');
    const prod = await child(contoso.id, 'Contoso RPA Production');
    const [rbac] = await children((await child(prod.id, 'kv-contoso-finance')).id);
    assert.strictEqual(rbac.kind, 'error');
    assert.strictEqual(rbac.problemKind, 'permissionDenied');
    assert.strictEqual(rbac.label, 'No permission to list secrets in vault kv-contoso-finance');
    assert.match(rbac.description!, /^give service principal flowvault-demo .* the Key Vault Secrets User role on the vault/);
    assert.match(rbac.contextValue!, /;retry.*;access/);
    const [fw] = await children((await child(prod.id, 'kv-contoso-rpa-secure')).id);
    assert.strictEqual(fw.problemKind, 'firewall');
    assert.match(fw.tooltip!, /The firewall of vault kv-contoso-rpa-secure blocks this network/);
    const dev = await child(contoso.id, 'Contoso RPA Development');
    const [pe] = await children((await child(dev.id, 'kv-contoso-rpa-dev')).id);
    assert.strictEqual(pe.problemKind, 'privateNetwork');
    // Retry runs again and, the cause unchanged, shows the same problem.
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.keyVault.retry', rbac.id), true);
    const [again] = await children((await child(prod.id, 'kv-contoso-finance')).id);
    assert.strictEqual(again.problemKind, 'permissionDenied');
  });

  it('cancels a slow listing, keeps the node usable, and resumes on retry', async () => {
    const secret = `${prodVault.id}|orchestrator-webhook-token`;
    const started = await children(secret, false);
    const loading = started.find((n) => n.kind === 'loading');
    assert.ok(loading, `a loading row: ${started.map((n) => n.kind).join(', ')}`);
    assert.strictEqual(loading.command, 'flowVault.keyVault.cancelLoading');
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.keyVault.cancelLoading', loading.id), true);
    // The runner holds this listing's first request (harness/fakeCloud.ts): cancelled while it
    // loads, the row says so rather than listing versions.
    const cancelled = await waitFor(async () => {
      const c = await children(secret, false);
      return c.find((n) => n.kind === 'error') ?? undefined;
    }, 'the cancelled row');
    assert.strictEqual(cancelled.problemKind, 'cancelled');
    assert.strictEqual(cancelled.label, 'Loading cancelled');
    assert.strictEqual(await within(vscode.commands.executeCommand('flowVault.keyVault.retry', cancelled.id), 'the retry', 60_000), true);
    const versions = await within(children(secret), 'the versions after the retry');
    assert.deepStrictEqual(versions.map((n) => n.kind), ['version']);
  });

  it('filters subscriptions (a persisted choice) and says so when nothing matches', async () => {
    const contoso = await child(undefined, 'Contoso');
    await vscode.commands.executeCommand('flowVault.keyVault.filterSubscriptions', { tenantId: CONTOSO, subscriptionIds: [DEV_SUB] });
    let subs = await children(contoso.id);
    assert.deepStrictEqual(subs.map((s) => s.label), ['Contoso RPA Development']);
    assert.match((await child(undefined, 'Contoso')).description!, /1 of 2 subscriptions \(filtered\)/);
    await vscode.commands.executeCommand('flowVault.keyVault.filterSubscriptions', { tenantId: CONTOSO, subscriptionIds: [] });
    subs = await children(contoso.id);
    assert.strictEqual(subs[0].label, 'No subscriptions match the filter');
    assert.strictEqual(subs[0].command, 'flowVault.keyVault.filterSubscriptions');
    await vscode.commands.executeCommand('flowVault.keyVault.filterSubscriptions', { all: true });
    subs = await children(contoso.id);
    assert.strictEqual(subs.length, 2);
  });
});

describe('Key Vault view: sign-out and service principal sign-in', function () {
  this.timeout(90_000);

  before(requireFakeCloud);

  it('signs out (the view empties: its welcome content asks to sign in), then signs in with a service principal kept in SecretStorage', async () => {
    const sp = JSON.parse(fs.readFileSync(process.env.FLOW_VAULT_DEMO_SP!, 'utf8'));
    const accountId = `sp:AzureCloud:${sp.tenantId}:${sp.clientId}`;
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.azure.signOut', accountId), true);
    assert.deepStrictEqual(await children(), []);
    const ok = await vscode.commands.executeCommand('flowVault.azure.signInWithServicePrincipal', {
      tenantId: sp.tenantId,
      clientId: sp.clientId,
      clientSecret: sp.clientSecret,
      displayName: 'in-host sign-in',
    });
    assert.strictEqual(ok, true);
    const roots = await waitFor(async () => {
      const r = await children();
      return r.some((n) => n.kind === 'tenant') ? r : undefined;
    }, 'tenants after signing in again');
    assert.ok(roots.some((n) => n.label === 'Contoso'));
    assert.ok(roots.some((n) => n.label === 'Fabrikam Partner Tenant'));
  });

  it('refuses a wrong client secret with a message that says so and holds no part of it', async function () {
    if (!dialogRequestFile()) this.skip(); // this runner cannot read the workbench's notifications
    const sp = JSON.parse(fs.readFileSync(process.env.FLOW_VAULT_DEMO_SP!, 'utf8'));
    const wrong = 'Zq8vWk3Tj5xRb7Nd';
    // Earlier suites' notifications would crowd the toasts out.
    await vscode.commands.executeCommand('notifications.clearAll');
    const ok = await vscode.commands.executeCommand('flowVault.azure.signInWithServicePrincipal', {
      tenantId: sp.tenantId,
      clientId: sp.clientId,
      clientSecret: wrong,
    });
    assert.strictEqual(ok, false);
    const message = await readNotification('invalid client secret');
    assert.match(message, /^Flow Vault: .*invalid client secret/);
    assert.ok(message.includes(sp.clientId), 'the message names the service principal');
    for (let i = 0; i + 4 <= wrong.length; i++) assert.ok(!message.includes(wrong.slice(i, i + 4)), 'the message holds a part of the wrong secret');
    for (const v of demoSecretValues()) assert.ok(!message.includes(v), 'the message holds a secret of the scenario');
  });
});
