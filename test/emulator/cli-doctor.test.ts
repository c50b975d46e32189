/**
 * `flow-vault doctor` as a user runs it: a separate process signed in with the standard AZURE_*
 * variables, reaching the fake cloud's demo scenario only through HTTPS_PROXY and the test CA.
 */
import * as assert from 'assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { doctorReportErrors } from '../unit/doctor/schema';
import { allSecretValues, fakeCloud, type FakeAzure } from './azure-support';

const CLI = path.join(REPO_ROOT, 'bin', 'flow-vault.js');

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('flow-vault doctor (child process, demo scenario)', function () {
  this.timeout(90000);
  let fake: FakeAzure;
  let dir: string;
  const outputs: string[] = [];

  function run(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Result> {
    const c = fake.credentials;
    const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, ...fake.env, AZURE_TENANT_ID: c.tenantId, AZURE_CLIENT_ID: c.clientId, AZURE_CLIENT_SECRET: c.clientSecret };
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete base[k];
      else base[k] = v;
    }
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'doctor', ...args], { cwd: dir, env: base });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => {
        outputs.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      });
    });
  }

  before(async () => {
    fake = await fakeCloud();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-doctor-'));
    fs.mkdirSync(path.join(dir, 'flows'));
    fs.writeFileSync(
      path.join(dir, 'flows', 'Invoice.robin'),
      "PowerAutomateSecretVariables.GetCredential Credential: 'SAP service account' Timeout: 0 Credential=> SapCredential\n" +
        "PowerAutomateSecretVariables.GetCredential Credential: 'Legacy FTP upload' Timeout: 0 Credential=> FtpCredential\n",
    );
  });
  after(async () => {
    const values = allSecretValues(fake);
    for (const o of outputs) for (const v of values) assert.ok(!o.includes(v), 'no secret value of the scenario in the output');
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 with the failures of the flows\' credentials and the machine, in text', async () => {
    const r = await run(['--environment', 'https://contoso-rpa.crm4.dynamics.com', '--machine', 'RPA-VM-02', '--no-color', 'flows']);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /^Flow Vault doctor: environment Contoso RPA \(Production\)/);
    assert.match(r.stdout, /✗ Machine status {2}machine-status\n {6}Status of RPA-VM-02: requires reconnection/);
    assert.match(r.stdout, /Credential exists in the environment: SAP service account {2}credential-exists\n {6}SAP service account exists \(credential id [0-9a-f-]+\)\. Used in flows\/Invoice\.robin\./);
    assert.match(r.stdout, /✗ Secret is not expired or about to expire: Legacy FTP upload/);
    assert.match(r.stdout, /\d+ checks: \d+ failed/);
  });

  it('--format json validates against the schema; --format markdown is a support ticket', async () => {
    const j = await run(['-e', 'Contoso RPA (Production)', '-m', 'RPA-FIN-01', '-c', 'Citrix service account', '-f', 'json']);
    assert.strictEqual(j.code, 1);
    const doc = JSON.parse(j.stdout);
    assert.deepStrictEqual(doctorReportErrors(doc), []);
    const byId = (id: string) => doc.checks.find((c: { id: string }) => c.id === id);
    assert.strictEqual(byId('machine-group').status, 'fail');
    assert.strictEqual(byId('credential-secret').status, 'fail');
    assert.strictEqual(byId('credential-secret').fix.command, 'az keyvault secret set-attributes --vault-name kv-contoso-rpa-prod --name citrix-service-account --subscription 5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c --enabled true');
    const m = await run(['-e', 'contoso-rpa', '-m', 'RPA-FIN-01', '-c', 'Citrix service account', '-f', 'markdown']);
    assert.match(m.stdout, /^# Flow Vault doctor report\n/);
    assert.match(m.stdout, /\n## What to fix\n/);
  });

  it('exits 0 when nothing fails', async () => {
    const r = await run(['-e', 'contoso-rpa', '-m', 'RPA-VM-01', '-c', 'SAP service account', '--no-color']);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 failed/);
  });

  it('exits 2 and says what to do: several environments and none chosen', async () => {
    const r = await run(['-m', 'RPA-VM-01', '-c', 'SAP service account']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /Choose an environment with --environment URL or name\. Environments you can see: Contoso RPA \(Development\) \(https:\/\/contoso-rpa-dev\.crm\.dynamics\.com\); Contoso RPA \(Production\)/);
    assert.strictEqual(r.stdout, '');
  });

  it('exits 2 on a half-set service principal, a wrong secret, and a usage error', async () => {
    const half = await run(['-e', 'contoso-rpa'], { AZURE_CLIENT_SECRET: undefined });
    assert.strictEqual(half.code, 2);
    assert.match(half.stderr, /AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH is not set/);
    const wrong = await run(['-e', 'contoso-rpa'], { AZURE_CLIENT_SECRET: 'not-the-secret' });
    assert.strictEqual(wrong.code, 2);
    assert.match(wrong.stderr, /The service principal could not sign in/);
    assert.ok(!wrong.stderr.includes('not-the-secret'));
    const usage = await run(['--format', 'xml']);
    assert.strictEqual(usage.code, 2);
    assert.match(usage.stderr, /Unknown format "xml"\. Use one of: text, json, markdown\./);
  });
});
