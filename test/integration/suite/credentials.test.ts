// The Credentials view inside the real extension host, against the fake cloud that
// test/integration/run.ts starts with the demo scenario (Dataverse environments with their
// credentials and desktop flows). Flow Vault signs in with the demo service principal by itself.
// The tree is read through flowVault.credentials.getChildren (plain snapshots); commands get
// node ids. What a command wrote is read back through the view after a refresh, which lists the
// fake cloud's records again.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateWithFakeCloud, assertNoSecretIn, flowVault, recordMetric, setSetting, waitFor, type TreeSnapshot } from './helpers';

const CONTOSO = '8f3c2a1e-5b7d-4c9e-a1f2-3d4e5f6a7b8c';
const PROD_SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';

const seen: TreeSnapshot[] = [];

async function children(id?: string, options: { wait?: boolean; health?: boolean } = {}): Promise<TreeSnapshot[]> {
  const result = await vscode.commands.executeCommand<TreeSnapshot[] | undefined>('flowVault.credentials.getChildren', { id, wait: options.wait ?? true, health: options.health });
  assert.ok(result, `no node ${id}`);
  seen.push(...result);
  return result;
}

async function child(parentId: string | undefined, label: string, options: { health?: boolean } = {}): Promise<TreeSnapshot> {
  const list = await children(parentId, options);
  const found = list.find((n) => n.label === label);
  assert.ok(found, `"${label}" under ${parentId ?? 'the root'}: got ${list.map((n) => n.label).join(', ')}`);
  return found;
}

async function prodEnvironment(): Promise<TreeSnapshot> {
  const contoso = await waitFor(async () => {
    const roots = await children();
    return roots.find((n) => n.label === 'Contoso' && n.kind === 'tenant');
  }, 'the Contoso tenant');
  return child(contoso.id, 'Contoso RPA (Production)');
}

describe('Credentials view (fake cloud, demo service principal)', function () {
  this.timeout(120_000);
  let prod: TreeSnapshot | undefined;
  /** The production environment's row: what the first test found, or found now when it did not run. */
  const production = async (): Promise<TreeSnapshot> => (prod ??= await prodEnvironment());

  activateWithFakeCloud();

  after(async () => {
    await setSetting('flowVault.credentials', 'pageSize', undefined);
    // Nothing the view showed held a secret value of the scenario.
    assertNoSecretIn(seen);
  });

  it('lists tenants and their environments; the tenant that needs MFA says what to do, the other loads', async () => {
    const t0 = Date.now();
    const roots = await waitFor(async () => {
      const r = await children();
      return r.some((n) => n.kind === 'tenant') ? r : undefined;
    }, 'tenants');
    const contoso = roots.find((n) => n.label === 'Contoso');
    assert.ok(contoso, `Contoso among ${roots.map((r) => r.label).join(', ')}`);
    assert.strictEqual(contoso.icon, 'organization');
    const fabrikam = roots.find((n) => n.label === 'Fabrikam Partner Tenant');
    assert.ok(fabrikam, 'the failing tenant is shown');
    const [problem] = await children(fabrikam.id);
    assert.strictEqual(problem.kind, 'error');
    assert.strictEqual(problem.problemKind, 'signInRequired');
    assert.strictEqual(problem.command, 'flowVault.azure.signInToTenant');
    const envs = await children(contoso.id);
    assert.deepStrictEqual(envs.map((e) => e.label), ['Contoso RPA (Development)', 'Contoso RPA (Production)']);
    assert.ok(envs.every((e) => e.icon === 'server-environment' && e.contextValue === 'flowVault.environment'));
    prod = envs[1];
    const rows = await children(prod.id);
    recordMetric('credentials view: tenants to first credential rows (demo)', Date.now() - t0, 'ms');
    assert.ok(rows.length >= 13, `credentials: ${rows.map((r) => r.label).join(', ')}`);
    assert.match((await child(contoso.id, 'Contoso RPA (Production)')).description!, /^contoso-rpa · 1\d credentials$/);
  });

  it('shows each credential with its user name, and its health once checked', async () => {
    const prod = await production();
    const rows = await children(prod.id, { health: true });
    const by = (name: string): TreeSnapshot => {
      const r = rows.find((x) => x.label === name);
      assert.ok(r, name);
      return r;
    };
    assert.match(by('SAP service account').description!, / · RPA_SAP01$/);
    assert.match(by('SAP service account').contextValue!, /^flowVault\.credential;.*;keyVault$/);
    for (const r of rows.filter((x) => x.kind === 'credential')) {
      assert.ok(!['pending', 'checking'].includes(r.health!), `${r.label}: health settled (${r.health})`);
      assert.match(r.tooltip!, /^\*\*/);
      assert.match(r.tooltip!, /Secret values are never shown/);
    }
    // Every health state the demo environment holds, as the row shows it.
    const expected: [string, string, string, RegExp][] = [
      ['SAP service account', 'ok:ok', 'pass', /^OK · RPA_SAP01$/],
      ['ERP database reader', 'ok:ok', 'pass', /^OK · rpa_reader$/],
      ['HR portal robot', 'error:secret-deleted', 'error', /^secret deleted/],
      ['Citrix service account', 'error:secret-disabled', 'error', /^secret disabled · /],
      ['Legacy FTP upload', 'error:secret-expired', 'error', /^secret expired 30 days ago · /],
      ['SMTP relay', 'warning:secret-expiring', 'warning', /^secret expires in (8|9) days · /],
      ['Mainframe operator', 'error:vault-unreadable-by-dataverse', 'error', /^vault unreadable by Dataverse · /],
      ['SWIFT gateway', 'error:vault-unreadable-by-dataverse', 'error', /^vault unreadable by Dataverse · /],
      // Behind a firewall with a private endpoint Power Platform can use: only this machine cannot read it.
      ['Payroll database', 'unknown:cannot-check', 'question', /^cannot check: vault not reachable from here · rpa_payroll$/],
      ['Test SAP account', 'error:provider-not-registered', 'error', /^resource provider not registered · /],
      ['ServiceNow integration', 'error:reference-malformed', 'error', /^secret reference malformed · /],
      // The partner tenant's vault is hidden from the demo service principal, but ARM names its tenant.
      ['Partner portal', 'error:vault-other-tenant', 'error', /^vault in another tenant · /],
      ['Old mainframe account', 'warning:credential-inactive', 'circle-slash', /^inactive · /],
    ];
    for (const [name, health, icon, description] of expected) {
      const r = by(name);
      assert.strictEqual(r.health, health, `${name}: health`);
      assert.strictEqual(r.icon, icon, `${name}: icon`);
      assert.match(r.description!, description, `${name}: description "${r.description}"`);
    }
    assert.match(by('Mainframe operator').tooltip!, /00000007\\-0000\\-0000\\-c000\\-000000000000|Dataverse/);
    assert.doesNotMatch(by('ServiceNow integration').contextValue!, /;keyVault/);
  });

  it('shows the variables and the vault secret a credential points at', async () => {
    const prod = await production();
    const sap = await child(prod.id, 'SAP service account');
    const parts = await children(sap.id);
    assert.deepStrictEqual(parts.map((p) => p.kind), ['variable', 'variable', 'usedBy']);
    assert.match(parts[0].label, /^User name: /);
    assert.strictEqual(parts[0].description, 'RPA_SAP01');
    assert.match(parts[1].label, /^Password: /);
    assert.strictEqual(parts[1].description, 'Key Vault · kv-contoso-rpa-prod');
    const [secret] = await children(parts[1].id);
    assert.strictEqual(secret.kind, 'secret');
    assert.strictEqual(secret.label, 'sap-password');
    assert.strictEqual(secret.description, 'vault kv-contoso-rpa-prod · rg-rpa-prod');
    assert.strictEqual(secret.command, 'flowVault.credentials.revealSecret');
    const snow = await child(prod.id, 'ServiceNow integration');
    const snowPassword = (await children(snow.id)).find((p) => p.label.startsWith('Password'))!;
    const [malformed] = await children(snowPassword.id);
    assert.strictEqual(malformed.label, 'Not a Key Vault secret reference');
  });

  it('lists what uses a credential: the environment\'s desktop flows and the workspace files', async () => {
    const prod = await production();
    const sap = await child(prod.id, 'SAP service account');
    const usedById = `${sap.id}|usedBy`;
    const used = await waitFor(async () => {
      const c = await children(usedById);
      return c.some((n) => n.label.startsWith('Reading') || n.label.startsWith('Searching')) ? undefined : c;
    }, 'used by to load');
    assert.deepStrictEqual(
      used.map((u) => `${u.kind}:${u.label}`),
      ['flow:Invoice posting (SAP)', 'file:flows/post-invoices-with-credential.robin'],
    );
    const row = (await children(sap.id)).find((n) => n.kind === 'usedBy')!;
    assert.strictEqual(row.description, '1 desktop flow · 1 workspace file');
    const smtp = await child(prod.id, 'SMTP relay');
    const smtpUsed = await waitFor(async () => {
      const c = await children(`${smtp.id}|usedBy`);
      return c.some((n) => n.label.startsWith('Reading') || n.label.startsWith('Searching')) ? undefined : c;
    }, 'used by to load');
    assert.deepStrictEqual(smtpUsed.map((u) => u.label), ['Payroll export']);
    const hr = await child(prod.id, 'HR portal robot');
    const none = await waitFor(async () => {
      const c = await children(`${hr.id}|usedBy`);
      return c.some((n) => n.label.startsWith('Reading') || n.label.startsWith('Searching')) ? undefined : c;
    }, 'used by to load');
    assert.deepStrictEqual(none.map((u) => u.label), ['No desktop flow or workspace file reads this credential']);
  });

  it('copies the credential name and opens the environment in the maker portal of its cloud', async () => {
    const prod = await production();
    const sap = await child(prod.id, 'SAP service account');
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.credentials.copyName', sap.id), 'SAP service account');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'SAP service account');
    const url = await vscode.commands.executeCommand<string>('flowVault.credentials.openInMakerPortal', sap.id, { dryRun: true });
    assert.match(url, /^https:\/\/make\.powerautomate\.com\/environments\/[^/]+\/credentials$/);
  });

  it('checks an unhealthy credential with the doctor, for its environment and this credential only', async () => {
    const prod = await production();
    const ftp = await child(prod.id, 'Legacy FTP upload', { health: true });
    assert.match(ftp.contextValue!, /^flowVault\.credential;error/);
    await vscode.commands.executeCommand('flowVault.credentials.checkWithDoctor', ftp.id, { machine: '' });
    const tree = await waitFor(async () => {
      const items = await vscode.commands.executeCommand<{ label: string; children?: { label: string; description?: string }[] }[]>('flowVault.doctor.getTreeItems');
      return items && items.some((g) => g.label === 'Credentials') ? items : undefined;
    }, 'the doctor report', 60_000);
    const checks = tree.find((g) => g.label === 'Credentials')!.children ?? [];
    const text = JSON.stringify(checks);
    assert.ok(text.includes('Legacy FTP upload'), `the doctor checked the credential: ${text.slice(0, 300)}`);
    assert.ok(!text.includes('SAP service account'), 'and no other');
  });

  it('reveals the secret in the Key Vault view, which shows that the credential uses it', async () => {
    const prod = await production();
    const sap = await child(prod.id, 'SAP service account');
    const kvId = await vscode.commands.executeCommand<string>('flowVault.credentials.revealSecret', sap.id);
    assert.ok(kvId, 'revealed');
    assert.match(kvId, new RegExp(`\\|${CONTOSO}\\|${PROD_SUB}\\|kv-contoso-rpa-prod\\|sap-password$`));
    const vaultId = kvId.replace(/\|sap-password$/, '');
    const secrets = await vscode.commands.executeCommand<TreeSnapshot[]>('flowVault.keyVault.getChildren', { id: vaultId });
    const row = secrets.find((s) => s.label === 'sap-password')!;
    assert.match(row.description!, / · used by credential SAP service account$/);
    assert.match(row.contextValue!, /;usedByCredential$/);
    assert.match(row.tooltip!, /Power Automate credentials using it:\*\* SAP service account/);
    const unused = secrets.find((s) => s.label === 'servicenow-api-key')!;
    assert.doesNotMatch(unused.description ?? '', /used by/);
  });

  it('loads a large environment a page at a time with "Load more…"', async () => {
    let prod = await production();
    await setSetting('flowVault.credentials', 'pageSize', 5);
    await vscode.commands.executeCommand('flowVault.credentials.refresh');
    prod = await prodEnvironment();
    let list = await children(prod.id);
    assert.deepStrictEqual(list.map((n) => n.kind), ['credential', 'credential', 'credential', 'credential', 'credential', 'loadMore']);
    assert.strictEqual(list.at(-1)!.description, '5 credentials loaded');
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.credentials.loadMore', list.at(-1)!.id), 10);
    list = await children(prod.id);
    assert.strictEqual(list.filter((n) => n.kind === 'credential').length, 10);
    const total = await vscode.commands.executeCommand<number>('flowVault.credentials.loadMore', list.at(-1)!.id);
    assert.ok(total! > 10);
    list = await children(prod.id);
    assert.ok(!list.some((n) => n.kind === 'loadMore'), 'no "Load more…" after the last page');
    await setSetting('flowVault.credentials', 'pageSize', undefined);
    await vscode.commands.executeCommand('flowVault.credentials.refresh');
    prod = await prodEnvironment();
  });

  it('creates a credential from an existing Key Vault secret; the fake cloud holds it', async () => {
    let prod = await production();
    const env = (await children(prod.id)).length;
    assert.ok(env > 0);
    const contosoId = prod.id.split('|').slice(0, -1).join('|');
    const environmentId = prod.id.split('|').at(-1)!;
    const kvSecret = `${contosoId}|${PROD_SUB}|kv-contoso-rpa-prod|smtp-relay`;
    const created = await vscode.commands.executeCommand<string>('flowVault.credentials.createFromSecret', kvSecret, {
      environmentId,
      name: 'SMTP relay (in-host)',
      userName: 'robot2@contoso.com',
    });
    assert.match(created ?? '', /^[0-9a-f-]{36}$/);
    await vscode.commands.executeCommand('flowVault.credentials.refresh');
    prod = await prodEnvironment();
    const row = await child(prod.id, 'SMTP relay (in-host)');
    assert.match(row.description!, / · robot2@contoso\.com$/);
    const [, password] = await children(row.id);
    const [secret] = await children(password.id);
    assert.strictEqual(secret.label, 'smtp-relay');
    // A second one with the same name is refused, and nothing is written.
    const again = await vscode.commands.executeCommand<string>('flowVault.credentials.createFromSecret', kvSecret, {
      environmentId,
      name: 'SMTP relay (in-host)',
      userName: 'x',
    });
    assert.strictEqual(again, undefined);
  });

  it('cancels all loading from the view title, and loads again on refresh', async () => {
    let prod = await production();
    assert.strictEqual(await vscode.commands.executeCommand('flowVault.credentials.cancelLoading'), true);
    await vscode.commands.executeCommand('flowVault.credentials.refresh');
    prod = await prodEnvironment();
    assert.ok((await children(prod.id)).some((n) => n.kind === 'credential'));
  });
});
