import * as assert from 'assert/strict';
import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../support/paths';

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no first line within ${timeoutMs} ms`)), timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing a line`)));
  });
}

/** A separate Node process wired only through HTTPS_PROXY + NODE_EXTRA_CA_CERTS, as a consumer would be. */
const CLIENT_SCRIPT = `
const { ClientSecretCredential } = require('@azure/identity');
const { KeyVaultManagementClient } = require('@azure/arm-keyvault');
const { SecretClient } = require('@azure/keyvault-secrets');
(async () => {
  const info = JSON.parse(process.env.FAKE_AZURE_INFO);
  const cred = new ClientSecretCredential(info.tenantId, info.clientId, info.clientSecret);
  const vaults = [];
  for await (const v of new KeyVaultManagementClient(cred, info.subscriptionId).vaults.listBySubscription()) vaults.push(v.name);
  const props = [];
  for await (const p of new SecretClient('https://kv-contoso-rpa-prod.vault.azure.net', cred).listPropertiesOfSecrets()) props.push(p.name);
  process.stdout.write(JSON.stringify({ vaults, secrets: props.length }));
})().catch((e) => { process.stderr.write(String(e && e.message)); process.exit(1); });
`;

describe('npm run fake-azure (child process)', function () {
  this.timeout(90000);
  let child: ChildProcess | undefined;

  afterEach(() => {
    // The npm wrapper does not pass SIGTERM on: signal the whole process group we started.
    if (child && child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });

  it('prints the JSON first line; the printed service principal lists the demo vaults from another process; stops cleanly', async function () {
    const root = REPO_ROOT;
    const main = path.join(root, 'out', 'src', 'fake-azure', 'main.js');
    assert.ok(fs.existsSync(main), `${main} is built by npm run build`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    child = spawn(npm, ['run', '--silent', 'fake-azure', '--', '--quiet'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const line = await firstLine(child, 30000);
    const info = JSON.parse(line) as Record<string, unknown>;
    for (const k of ['proxyUrl', 'caCertPath', 'tenantId', 'clientId', 'clientSecret', 'clouds']) assert.ok(info[k], `first line has ${k}`);
    assert.match(String(info.proxyUrl), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(fs.readFileSync(String(info.caCertPath), 'utf8').includes('BEGIN CERTIFICATE'));
    assert.equal((info.clouds as Record<string, { authorityHost: string }>).AzureCloud.authorityHost, 'https://login.microsoftonline.com');

    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', CLIENT_SCRIPT],
        {
          cwd: root,
          env: { ...process.env, HTTPS_PROXY: String(info.proxyUrl), NODE_EXTRA_CA_CERTS: String(info.caCertPath), NO_PROXY: '', no_proxy: '', FAKE_AZURE_INFO: line },
          timeout: 60000,
        },
        (err, stdout, errOut) => (err ? reject(new Error(`client failed: ${errOut || err.message}`)) : resolve(stdout)),
      );
    });
    const result = JSON.parse(out) as { vaults: string[]; secrets: number };
    assert.deepEqual(result.vaults, ['kv-contoso-finance', 'kv-contoso-rpa-legacy', 'kv-contoso-rpa-prod', 'kv-contoso-rpa-secure']);
    assert.equal(result.secrets, 8);
    assert.ok(!stderr.includes(String(info.clientSecret)), 'the secret is not logged');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    // The emulator itself (the group's node process) removes its temp dir on a clean stop.
    const deadline = Date.now() + 10000;
    while (fs.existsSync(String(info.caCertPath)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(!fs.existsSync(String(info.caCertPath)), 'temp dir removed on SIGTERM');
  });
});
