// The CLI installs like any npm tool: `npm pack` (its `prepare` bundles the CLI), the tarball
// installed into an empty folder, `npx flow-vault lint` run there on a copy of examples/. The
// package has no run-time dependencies, so the install needs no registry; `--prefer-offline`
// keeps npm from asking it anything it does not have to.
import * as assert from 'assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeCloud, type FakeAzure } from './azure-support';

const REPO = path.resolve(__dirname, '..', '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** npm and npx as a user runs them: no npm_* variables inherited from an `npm run` around the tests. */
function run(command: string, args: string[], cwd: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) {
    if (/^npm_/i.test(key)) delete env[key];
  }
  delete env.FORCE_COLOR;
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReportFile {
  filePath: string;
  messages: { ruleId: string; line: number; column: number }[];
}

const findings = (stdout: string): string[] =>
  (JSON.parse(stdout) as JsonReportFile[]).flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId}`)).sort();

describe('the npm package (npm pack, install, npx flow-vault)', function () {
  this.timeout(180_000);
  let scratch: string;
  let tarball: string;
  let files: string[];
  let app: string;

  before(function () {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-pack-'));
    const t0 = Date.now();
    const packed = run('npm', ['pack', '--json', '--pack-destination', scratch], REPO);
    assert.equal(packed.code, 0, packed.stderr);
    // prepare's own output comes first on stdout; the JSON report is the last thing printed.
    const report = JSON.parse(packed.stdout.slice(packed.stdout.lastIndexOf('\n[\n') + 1)) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(scratch, report[0]!.filename);
    files = report[0]!.files.map((f) => f.path).sort();
    const t1 = Date.now();
    app = path.join(scratch, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'flows', version: '1.0.0', private: true }));
    const installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], app);
    assert.equal(installed.code, 0, installed.stderr);
    fs.cpSync(path.join(REPO, 'examples'), path.join(app, 'examples'), { recursive: true });
    console.log(`      (npm pack ${t1 - t0} ms, npm install ${Date.now() - t1} ms)`);
  });

  after(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('carries the bin shim, the CLI bundle (doctor apart) and the report schema, and no sources, tests or extension', () => {
    assert.deepEqual(files, [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'bin/flow-vault.js',
      'dist/cli/doctor.js', 'dist/cli/lint-worker.js', 'dist/cli/main.js',
      'package.json', 'schemas/doctor-report.schema.json',
    ]);
    const size = fs.statSync(tarball).size;
    assert.ok(size < 2_000_000, `the tarball is small (${size} bytes)`);
  });

  it('installs with no other package', () => {
    const modules = fs.readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(modules, ['flow-vault']);
  });

  it('runs `npx flow-vault lint` on examples/: exit 1 and the same findings as the development build', () => {
    const installed = run('npx', ['--no', 'flow-vault', 'lint', '--format', 'json', '--no-progress', 'examples'], app);
    assert.equal(installed.code, 1, installed.stderr);
    const got = findings(installed.stdout);
    assert.ok(got.some((f) => f.startsWith('examples/hard-coded-secrets.robin:') && f.endsWith(' secret-in-password-argument')), got.join('\n'));
    assert.ok(got.some((f) => f.startsWith('examples/solution/customizations.xml:')), got.join('\n'));
    assert.ok(!got.some((f) => f.startsWith('examples/clean.robin:')), 'nothing in the clean flow');
    const dev = run(process.execPath, [path.join(REPO, 'out', 'src', 'cli', 'main.js'), 'lint', '--format', 'json', '--no-progress', 'examples'], app);
    assert.deepEqual(got, findings(dev.stdout));
  });

  it('gives the same findings with -j 2 (the worker bundle is in the package; a worker that fails falls back to the main thread)', () => {
    const one = run('npx', ['--no', 'flow-vault', 'lint', '--format', 'json', '--no-progress', 'examples'], app);
    const two = run('npx', ['--no', 'flow-vault', 'lint', '--format', 'json', '--no-progress', '-j', '2', 'examples'], app);
    assert.equal(two.code, 1, two.stderr);
    assert.deepEqual(findings(two.stdout), findings(one.stdout));
  });

  it('runs `npx flow-vault doctor` from its own bundle against the fake cloud: JSON report, exit 1 for the demo\'s failures', async () => {
    const fake: FakeAzure = await fakeCloud();
    try {
      const c = fake.credentials;
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: scratch, ...fake.env, AZURE_TENANT_ID: c.tenantId, AZURE_CLIENT_ID: c.clientId, AZURE_CLIENT_SECRET: c.clientSecret };
      // Asynchronous: the fake answers from this process.
      const r = await new Promise<Run>((resolve, reject) => {
        const child = spawn('npx', ['--no', 'flow-vault', 'doctor', '-e', 'contoso-rpa.crm4.dynamics.com', '-m', 'RPA-VM-01', '-c', 'Legacy FTP upload', '-f', 'json'], { cwd: app, env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as { checks: { id: string; subject?: string; status: string }[] };
      assert.equal(report.checks.find((k) => k.id === 'credential-secret-expiry' && k.subject === 'Legacy FTP upload')?.status, 'fail');
      assert.equal(report.checks.find((k) => k.id === 'machine-registered')?.status, 'pass');
    } finally {
      await fake.close();
    }
  });

  it('exits 0 on a clean flow and says its version', () => {
    const clean = run('npx', ['--no', 'flow-vault', 'lint', 'examples/clean.robin'], app);
    assert.equal(clean.code, 0, clean.stderr);
    const version = run('npx', ['--no', '--', 'flow-vault', '--version'], app);
    assert.equal(version.code, 0, version.stderr);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.match(version.stdout, new RegExp(pkg.version.replace(/\./g, '\\.')));
  });
});
