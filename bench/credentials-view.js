#!/usr/bin/env node
// The Credentials view with 2,000 credentials in one environment: `node bench/credentials-view.js`
// after a build (`npm run build`). Starts the fake cloud in process with the demo scenario plus an
// environment of N generated credentials (their secrets spread over the demo vault's), and drives
// the view's real tree provider (outside VS Code, with the stand-in vscode module of the tests) as
// VS Code does: list the root, expand the tenant and the environment, render every row, click
// "Load more…" until the end. Prints, and writes to bench-output/credentials-view.json:
//   - time to the first credential row (from the view's first request for its root),
//   - time to all N rows, and the slowest single render of the environment's rows,
//   - time until the health of the first page and of all N rows is known.
// Figures for the note; nothing is asserted.
//
// usage: node bench/credentials-view.js [--credentials N] [--page-size N] [--runs N] [--no-health]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out');
const { values: args } = parseArgs({
  options: {
    credentials: { type: 'string', default: '2000' },
    'page-size': { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    'no-health': { type: 'boolean', default: false },
  },
});
const N = Number(args.credentials);
const PAGE = Number(args['page-size']);
const RUNS = Number(args.runs);
/** Rows only: health answers at once, to see the listing without the checks' requests beside it. */
const NO_HEALTH = args['no-health'];

require(path.join(OUT, 'test', 'support', 'vscodeStub.js')).installVscodeStub();
const { stub } = require(path.join(OUT, 'test', 'support', 'vscodeStub.js'));
const { startFakeAzure } = require(path.join(OUT, 'src', 'fake-azure', 'index.js'));
const { servicePrincipalAccount } = require(path.join(OUT, 'src', 'azure', 'auth', 'accounts.js'));
const { AZURE_CLOUDS } = require(path.join(OUT, 'src', 'azure', 'clouds.js'));
const { AzureResourceService } = require(path.join(OUT, 'src', 'azure', 'resources.js'));
const { DataverseCredentialsBackend } = require(path.join(OUT, 'src', 'extension', 'credentials', 'dataverseBackend.js'));
const { SecretUsage } = require(path.join(OUT, 'src', 'extension', 'credentials', 'secretUsage.js'));
const { CredentialsTreeDataProvider } = require(path.join(OUT, 'src', 'extension', 'credentials', 'tree', 'CredentialsTreeDataProvider.js'));

function scenario() {
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'fake-azure', 'scenarios', 'demo.json'), 'utf8'));
  const contoso = demo.tenants.find((t) => t.name === 'contoso');
  const secrets = ['sap-password', 'erp-db-connection', 'smtp-relay', 'legacy-ftp-password', 'citrix-service-account'];
  contoso.environments.push({
    name: 'contoso-rpa-scale',
    url: 'https://contoso-rpa-scale.crm4.dynamics.com',
    displayName: 'Contoso RPA (Scale)',
    credentials: Array.from({ length: N }, (_, i) => ({
      name: `Robot ${String(i + 1).padStart(5, '0')}`,
      userName: `robot${i + 1}`,
      secret: { vault: 'kv-contoso-rpa-prod', secret: secrets[i % secrets.length] },
    })),
  });
  return demo;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(fake, account) {
  stub.settings['flowVault.credentials.pageSize'] = PAGE;
  const manager = { cloud: AZURE_CLOUDS.AzureCloud, isSignedIn: true, accounts: [account], onDidChangeAccounts: () => ({ dispose() {} }), whenRestored: async () => {} };
  const options = { agent: fake.agent };
  const backend = new DataverseCredentialsBackend({ clientOptions: options });
  if (NO_HEALTH) backend.checkHealth = async () => ({ level: 'ok', state: 'not-checked', summary: '', detail: '' });
  const provider = new CredentialsTreeDataProvider(manager, new AzureResourceService(options), backend, new SecretUsage(), { debug() {}, info() {}, warn() {}, error() {} });
  const t0 = performance.now();
  const render = async (node) => {
    const kids = await provider.getChildren(node);
    for (const k of kids) provider.getTreeItem(k);
    return kids;
  };
  await render(undefined);
  await provider.ensureTenants();
  const tenant = (await render(undefined)).find((n) => n.snapshot().label === 'Contoso');
  await tenant.whenLoaded();
  const env = (await render(tenant)).find((n) => n.snapshot().label === 'Contoso RPA (Scale)');
  await env.whenLoaded();
  let rows = await render(env);
  const firstRow = performance.now() - t0;
  const firstPage = env.credentialNodes();
  const firstHealth = Promise.all(firstPage.map((c) => waitHealth(c))).then(() => performance.now() - t0);
  let slowestRender = 0;
  while (rows.some((r) => r.kind === 'loadMore')) {
    await env.loadMore();
    const r0 = performance.now();
    rows = await render(env);
    slowestRender = Math.max(slowestRender, performance.now() - r0);
  }
  const allRows = performance.now() - t0;
  const count = rows.filter((r) => r.kind === 'credential').length;
  const firstPageHealth = await firstHealth;
  await provider.whenHealthChecked();
  const allHealth = performance.now() - t0;
  const states = {};
  for (const c of env.credentialNodes()) {
    const h = c.snapshot().health;
    states[h] = (states[h] ?? 0) + 1;
  }
  provider.dispose();
  return { firstRow, allRows, count, slowestRender, firstPageHealth, allHealth, states, requests: fake.requests.length };
}

function waitHealth(node) {
  return new Promise((resolve) => {
    const check = () => (node.health.state === 'done' || node.health.state === 'failed' ? resolve() : setTimeout(check, 5));
    check();
  });
}

async function main() {
  const fake = await startFakeAzure({ scenario: scenario(), log: false });
  try {
    const c = fake.credentials;
    const account = servicePrincipalAccount({ tenantId: c.tenantId, clientId: c.clientId, secret: { kind: 'secret', clientSecret: c.clientSecret }, cloud: AZURE_CLOUDS.AzureCloud, displayName: 'flowvault-demo', transport: { agent: fake.agent } });
    const results = [];
    for (let i = 0; i < RUNS; i++) {
      fake.clearRequests();
      results.push(await once(fake, account));
    }
    const pick = (k) => Math.round(median(results.map((r) => r[k])));
    const summary = {
      credentials: N,
      pageSize: PAGE,
      runs: RUNS,
      firstRowMs: pick('firstRow'),
      allRowsMs: pick('allRows'),
      slowestRenderMs: Math.round(median(results.map((r) => r.slowestRender)) * 10) / 10,
      firstPageHealthMs: pick('firstPageHealth'),
      allHealthMs: pick('allHealth'),
      rows: results[0].count,
      requestsPerRun: pick('requests'),
      healthStates: results[0].states,
    };
    console.log(`Credentials view, ${N} credentials in one environment, ${PAGE} a page${NO_HEALTH ? ', health not checked' : ''} (median of ${RUNS}; fake cloud in process, no VS Code rendering):`);
    console.log(`  first credential row      ${summary.firstRowMs} ms`);
    console.log(`  all ${summary.rows} rows             ${summary.allRowsMs} ms (slowest render of the environment's rows: ${summary.slowestRenderMs} ms)`);
    console.log(`  health of the first page  ${summary.firstPageHealthMs} ms`);
    console.log(`  health of all rows        ${summary.allHealthMs} ms (${summary.requestsPerRun} requests a run)`);
    console.log(`  health states             ${JSON.stringify(summary.healthStates)}`);
    fs.mkdirSync(path.join(ROOT, 'bench-output'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench-output', `credentials-view${NO_HEALTH ? '-no-health' : ''}.json`), JSON.stringify({ ...summary, noHealth: NO_HEALTH }, null, 2) + '\n');
  } finally {
    await fake.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
