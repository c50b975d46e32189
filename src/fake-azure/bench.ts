/**
 * Benchmark of the fake cloud with the real SDKs (no timed assertions anywhere; figures for the issue note).
 *
 *   npm run build && node out/src/fake-azure/bench.js
 *
 * Runs the emulator as a child process (so its memory is its own), generates a vault with 5,000 secrets
 * and a tenant with 200 subscriptions, and measures from a client process wired with the in-process agent.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { ClientSecretCredential } from '@azure/identity';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { SecretClient } from '@azure/keyvault-secrets';
import { FakeAzureAgent } from './agent';
import type { Scenario } from './scenario';

const SECRETS = Number(process.env.BENCH_SECRETS ?? 5000);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 200);

const scenario: Scenario = {
  name: 'bench',
  defaultIdentity: 'bench-sp',
  tenants: [
    {
      name: 'bench',
      displayName: 'Bench Tenant',
      subscriptions: [
        {
          displayName: 'Bench Big Vault',
          roleAssignments: [{ principal: 'bench-sp', role: 'Reader' }],
          resourceGroups: [
            {
              name: 'rg-bench',
              vaults: [
                {
                  name: 'kv-bench-5000',
                  roleAssignments: [{ principal: 'bench-sp', role: 'Key Vault Secrets User' }],
                  generate: { secrets: SECRETS, contentType: 'password' },
                },
              ],
            },
          ],
        },
      ],
      generate: { subscriptions: SUBSCRIPTIONS, vaultsPerSubscription: 1, roleAssignments: [{ principal: 'bench-sp', role: 'Reader' }] },
    },
  ],
  identities: [{ name: 'bench-sp', tenant: 'bench', clientSecret: 'bench-secret' }],
};

interface Info {
  proxyUrl: string;
  caCertPath: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

function health(port: number): Promise<{ requests: number; memory: { rssBytes: number; heapUsedBytes: number } }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/health' }, (res) => {
        let d = '';
        res.on('data', (c: Buffer) => (d += c.toString('utf8')));
        res.on('end', () => resolve(JSON.parse(d) as { requests: number; memory: { rssBytes: number; heapUsedBytes: number } }));
      })
      .on('error', reject);
  });
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowvault-bench-'));
  const file = path.join(dir, 'bench.json');
  fs.writeFileSync(file, JSON.stringify(scenario));
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'main.js'), '--scenario', file, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        const nl = buf.indexOf('\n');
        if (nl >= 0) resolve(buf.slice(0, nl));
      });
      child.once('exit', (code) => reject(new Error(`emulator exited ${code}`)));
    });
    const startupMs = performance.now() - t0;
    const info = JSON.parse(line) as Info;
    const port = Number(new URL(info.proxyUrl).port);
    const memStart = await health(port);
    const agent = new FakeAzureAgent(port, fs.readFileSync(info.caCertPath, 'utf8'));
    const opts = { agent };
    const results: Record<string, string | number> = {
      'emulator start-up (spawn -> first line)': `${startupMs.toFixed(0)} ms`,
      'emulator memory after start (RSS / heap)': `${mb(memStart.memory.rssBytes)} / ${mb(memStart.memory.heapUsedBytes)}`,
    };

    // --- 5,000 secrets ---
    for (const pageSize of [25, undefined]) {
      const label = pageSize ? `maxPageSize ${pageSize}` : 'default page size';
      const cred = new ClientSecretCredential(info.tenantId, info.clientId, info.clientSecret, opts);
      const kv = new SecretClient('https://kv-bench-5000.vault.azure.net', cred, opts);
      const before = (await health(port)).requests;
      const start = performance.now();
      const pages = kv.listPropertiesOfSecrets().byPage(pageSize ? { maxPageSize: pageSize } : undefined);
      const first = await pages.next();
      const firstMs = performance.now() - start;
      const afterFirst = (await health(port)).requests;
      let count = first.value ? (first.value as unknown[]).length : 0;
      for await (const page of pages) count += page.length;
      const allMs = performance.now() - start;
      const afterAll = (await health(port)).requests;
      results[`${SECRETS} secrets, ${label}: first page`] = `${firstMs.toFixed(0)} ms, ${afterFirst - before} requests (incl. 401 challenge + token)`;
      results[`${SECRETS} secrets, ${label}: all pages`] = `${allMs.toFixed(0)} ms, ${afterAll - before} requests, ${count} items`;
    }
    const memAfterList = await health(port);
    results['emulator memory after listing (RSS / heap)'] = `${mb(memAfterList.memory.rssBytes)} / ${mb(memAfterList.memory.heapUsedBytes)}`;

    // --- 200 subscriptions: time until the first vault of the first subscription is listed ---
    {
      const cred = new ClientSecretCredential(info.tenantId, info.clientId, info.clientSecret, opts);
      const before = (await health(port)).requests;
      const start = performance.now();
      const subs = new SubscriptionClient(cred, opts).subscriptions.list();
      const firstSub = (await subs.next()).value as { subscriptionId: string; displayName: string };
      const vaults = new KeyVaultManagementClient(cred, firstSub.subscriptionId, opts).vaults.listBySubscription();
      const firstVault = (await vaults.next()).value as { name: string } | undefined;
      const ms = performance.now() - start;
      const after = (await health(port)).requests;
      results[`${SUBSCRIPTIONS + 1} subscriptions: first vault of first subscription`] = `${ms.toFixed(0)} ms, ${after - before} requests (${firstVault?.name ?? 'none'})`;
      const startAll = performance.now();
      let n = 1;
      for await (const s of subs) {
        void s;
        n++;
      }
      results[`${SUBSCRIPTIONS + 1} subscriptions: rest of the list`] = `${(performance.now() - startAll).toFixed(0)} ms, ${n} subscriptions, ${(await health(port)).requests - after} requests`;
    }
    agent.destroy();
    const width = Math.max(...Object.keys(results).map((k) => k.length));
    for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  } finally {
    if (child.pid && child.exitCode === null) child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
