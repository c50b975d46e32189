/**
 * The doctor against the fake cloud's demo scenario, with the real SDKs: every check reads what
 * the clients gathered, slow parts time out on their own, this computer is a recorded Windows
 * machine, and no output holds a secret value.
 */
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { callbackAccount, type AzureAccount } from '../../src/azure/auth/accounts';
import { AZURE_CLOUDS } from '../../src/azure/clouds';
import { runDoctor, type DoctorRequest, type LocalSystem } from '../../src/azure/doctor';
import { formatJson, formatMarkdown, formatText, type DoctorCheck } from '../../src/core/doctor';
import { REPO_ROOT } from '../support/paths';
import { doctorReportErrors } from '../unit/doctor/schema';
import { allSecretValues, clientOptions, DEMO, fakeCloud, spAccount, type FakeAzure } from './azure-support';

const recorded = (name: string): string => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'doctor', name), 'utf8');

/** A Windows computer whose commands print recorded outputs and whose probes answer from a table. */
function windows(outputs: Record<string, string>, failing: Record<string, string> = {}): LocalSystem {
  return {
    platform: 'win32',
    hostname: () => 'RPA-VM-01',
    env: {},
    run: async (file, args) => {
      const key = `${file} ${args.join(' ')}`;
      if (!(key in outputs)) throw new Error(`unexpected command ${key}`);
      return outputs[key];
    },
    probe: async (host) => (failing[host] ? { dns: { ok: false, ms: 1, code: failing[host] } } : { dns: { ok: true, ms: 1 }, tls: { ok: true, ms: 2, detail: 'TLSv1.3' } }),
  };
}

const linux: LocalSystem = { platform: 'linux', hostname: () => 'build-agent', env: {}, run: async () => '', probe: async () => ({ dns: { ok: true, ms: 0 } }) };

function statusOf(checks: readonly DoctorCheck[], id: string, subject?: string): string {
  const found = checks.filter((c) => c.id === id && (subject === undefined || c.subject === subject));
  assert.strictEqual(found.length, 1, `one ${id} ${subject ?? ''}: ${found.length}`);
  return found[0].status;
}

describe('emulator: the doctor (demo scenario)', function () {
  this.timeout(60000);
  let fake: FakeAzure;
  let account: AzureAccount;
  const outputs: string[] = [];
  const run = async (over: Partial<DoctorRequest>) => {
    const report = await runDoctor({ account, environment: 'contoso-rpa', credentials: 'all', clientOptions: clientOptions(fake), system: linux, ...over });
    outputs.push(formatText(report), formatJson(report), formatMarkdown(report));
    return report;
  };

  before(async () => {
    fake = await fakeCloud();
    account = spAccount(fake);
  });
  after(async () => {
    const values = allSecretValues(fake);
    assert.ok(values.length > 5);
    for (const o of outputs) for (const v of values) assert.ok(!o.includes(v), 'no secret value of the scenario in any doctor output');
    await fake?.close();
  });

  it('finds the broken machine and every broken credential, and the JSON validates against the schema', async () => {
    const r = await run({ machine: 'RPA-VM-02' });
    assert.strictEqual(r.context.environment, 'Contoso RPA (Production)');
    assert.strictEqual(statusOf(r.checks, 'environment-reachable'), 'pass');
    assert.strictEqual(statusOf(r.checks, 'user-not-guest'), 'skip', 'a service principal is no guest');
    assert.strictEqual(statusOf(r.checks, 'machine-registered'), 'pass');
    assert.strictEqual(statusOf(r.checks, 'machine-status'), 'fail');
    assert.strictEqual(statusOf(r.checks, 'machine-heartbeat'), 'warn');
    const expect: [string, string, string][] = [
      ['SAP service account', 'credential-secret', 'pass'],
      ['Citrix service account', 'credential-secret', 'fail'],
      ['HR portal robot', 'credential-secret', 'fail'],
      ['Legacy FTP upload', 'credential-secret-expiry', 'fail'],
      ['SMTP relay', 'credential-secret-expiry', 'warn'],
      ['Mainframe operator', 'credential-dataverse-access', 'fail'],
      ['Payroll database', 'credential-network', 'pass'],
      ['Test SAP account', 'credential-network', 'fail'],
      ['Test SAP account', 'credential-provider-registered', 'fail'],
      ['SWIFT gateway', 'credential-dataverse-access', 'fail'],
      ['ServiceNow integration', 'credential-reference', 'fail'],
      ['Old mainframe account', 'credential-exists', 'warn'],
    ];
    for (const [subject, id, status] of expect) assert.strictEqual(statusOf(r.checks, id, subject), status, `${id} of ${subject}`);
    assert.deepStrictEqual(doctorReportErrors(JSON.parse(formatJson(r))), []);
    assert.strictEqual(r.summary.status, 'fail');
  });

  it('machine codes in words: a group whose key expired, a machine that needs the group key, an old runtime', async () => {
    const fin = await run({ machine: 'RPA-FIN-01', credentials: [] });
    assert.strictEqual(statusOf(fin.checks, 'machine-status'), 'fail');
    assert.strictEqual(statusOf(fin.checks, 'machine-key-delivery'), 'fail');
    assert.strictEqual(statusOf(fin.checks, 'machine-group'), 'fail');
    assert.match(fin.checks.find((c) => c.id === 'machine-group')!.evidence, /group key expired/);
    const old = await run({ machine: 'RPA-VM-OLD', credentials: [] });
    assert.strictEqual(statusOf(old.checks, 'machine-agent-version'), 'fail');
    assert.strictEqual(statusOf(old.checks, 'machine-group'), 'pass');
  });

  it('a machine registered in another environment than the credentials fails, naming both', async () => {
    const r = await run({ machine: 'RPA-DEV-01', credentials: [] });
    assert.strictEqual(statusOf(r.checks, 'machine-registered'), 'fail');
    assert.strictEqual(statusOf(r.checks, 'machine-environment'), 'fail');
    assert.match(r.checks.find((c) => c.id === 'machine-environment')!.evidence, /registered in Contoso RPA \(Development\), but the credentials live in Contoso RPA \(Production\)/);
  });

  it('named credentials: one that exists, one that does not, and the flows that use them', async () => {
    const r = await run({ machine: 'RPA-VM-01', credentials: [{ name: 'SAP service account', usedIn: ['flows/Invoice.robin'] }, { name: 'No such credential' }] });
    assert.strictEqual(statusOf(r.checks, 'credential-exists', 'SAP service account'), 'pass');
    assert.match(r.checks.find((c) => c.id === 'credential-exists' && c.subject === 'SAP service account')!.evidence, /Used in flows\/Invoice\.robin/);
    assert.strictEqual(statusOf(r.checks, 'credential-exists', 'No such credential'), 'fail');
    assert.strictEqual(statusOf(r.checks, 'vault-tenant', 'kv-contoso-rpa-prod'), 'pass');
    for (const id of ['machine-registered', 'machine-status', 'machine-heartbeat', 'machine-agent-version', 'machine-group']) assert.strictEqual(statusOf(r.checks, id), 'pass', id);
  });

  it("a vault in another tenant fails the tenant check, though the signed-in identity cannot see the vault", async () => {
    const r = await run({ machine: 'RPA-VM-01', credentials: [{ name: 'Partner portal' }] });
    assert.strictEqual(statusOf(r.checks, 'vault-tenant', 'kv-fabrikam-shared'), 'fail');
    assert.match(r.checks.find((c) => c.id === 'vault-tenant' && c.subject === 'kv-fabrikam-shared')!.evidence, /belongs to tenant [0-9a-f-]{36}; the environment is in tenant/);
  });

  it('on Linux the local checks skip; on a recorded Windows machine they read the service, the proxy and the endpoints', async () => {
    const l = await run({ machine: 'RPA-VM-01', credentials: [] });
    assert.ok(l.checks.filter((c) => c.group === 'local').every((c) => c.status === 'skip' && /runs only on Windows/.test(c.evidence)));
    const w = await run({
      credentials: [],
      system: windows(
        { 'sc.exe qc UIFlowService': recorded('sc-qc-default.txt'), 'sc.exe query UIFlowService': recorded('sc-query-stopped.txt'), 'netsh.exe winhttp show proxy': recorded('netsh-proxy-server.txt') },
        { 'servicebus.windows.net': 'ENOTFOUND' },
      ),
    });
    assert.strictEqual(w.context.machine, 'RPA-VM-01', 'this computer by its name');
    assert.strictEqual(statusOf(w.checks, 'machine-registered'), 'pass');
    assert.strictEqual(statusOf(w.checks, 'local-service'), 'fail');
    assert.strictEqual(statusOf(w.checks, 'local-proxy'), 'warn');
    assert.strictEqual(statusOf(w.checks, 'local-endpoint', 'contoso-rpa.crm4.dynamics.com'), 'pass');
    assert.strictEqual(statusOf(w.checks, 'local-endpoint', 'servicebus.windows.net'), 'fail');
  });

  it('a part that times out says so, and the others still report', async () => {
    const remove = fake.faults.add({ host: '*.crm4.dynamics.com', path: '/api/data/v9.2/flowmachines', latencyMs: 3000 });
    try {
      const started = Date.now();
      const r = await run({ machine: 'RPA-VM-02', credentials: [{ name: 'SAP service account' }], azureTimeoutMs: 1000 });
      assert.ok(Date.now() - started < 2900, 'the run does not wait for the slow part');
      const status = r.checks.find((c) => c.id === 'machine-status')!;
      assert.strictEqual(status.status, 'skip');
      assert.match(status.evidence, /timed out \(no answer in 1 s\)/);
      assert.strictEqual(statusOf(r.checks, 'credential-secret', 'SAP service account'), 'pass');
      assert.strictEqual(statusOf(r.checks, 'environment-reachable'), 'pass');
    } finally {
      remove();
    }
  });

  it('without --environment and several environments, says which to choose', async () => {
    const r = await runDoctor({ account, credentials: [], clientOptions: clientOptions(fake), system: linux, machine: 'x' });
    assert.match(r.run.environmentChoiceProblem ?? '', /Choose an environment.*Contoso RPA \(Development\).*Contoso RPA \(Production\)/);
    assert.strictEqual(statusOf(r.checks, 'environment-reachable'), 'fail');
  });

  it('a guest user is warned (Microsoft Graph /me userType)', async () => {
    const guest = callbackAccount({
      id: 'test:guest',
      kind: 'microsoft',
      label: 'Pat',
      cloud: AZURE_CLOUDS.AzureCloud,
      identity: 'pat@fabrikam.onmicrosoft.com',
      getToken: async (scopes, tenantId) => {
        const resource = scopes[0].replace(/\/\.default$/, '');
        return fake.issueToken({ identity: 'guest-partner', tenant: tenantId ?? DEMO.contoso, resource });
      },
    });
    const r = await runDoctor({ account: guest, tenantId: DEMO.contoso, environment: 'https://contoso-rpa.crm4.dynamics.com', credentials: [], clientOptions: clientOptions(fake), system: linux, machine: 'RPA-VM-01' });
    const c = r.checks.find((x) => x.id === 'user-not-guest')!;
    assert.strictEqual(c.status, 'warn', c.evidence);
  });
});
