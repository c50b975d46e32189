/**
 * Linting on several threads gives the same report as on one: the same bytes on standard output
 * and standard error, the same exit code and the same baseline file, whatever the number of
 * threads. And the CLI's one-pass file linting gives the core's `lintBytes` results.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../../src/cli/engine';
import { lintOneFile, type LintContext, type LintJob } from '../../../src/cli/lint-file';
import { LintThreads } from '../../../src/cli/parallel';
import * as lint from '../../../src/core/lint';
import { cleanup, EXAMPLES, FIXTURES, REPO, runCli, tempDir, write } from './helpers';
import { makeZip } from '../../support/zip-writer';
import { PUBLIC_CORPUS } from '../../support/paths';

/** Every file under `dir`, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/**
 * A tree of a few hundred files with a bit of everything: findings in Robin,
 * UTF-16 and solution XML, zips (one without flows, one with a refused entry), a broken XML, a
 * binary file, Robin and non-Robin .txt files, clean files, and one large file.
 */
function makeTree(): string {
  const dir = tempDir('fv-par-');
  const planted = fs.readFileSync(path.join(FIXTURES, 'planted.robin'));
  const clean = fs.readFileSync(path.join(FIXTURES, 'clean.robin'));
  const utf16 = fs.readFileSync(path.join(FIXTURES, 'utf16-columns.robin'));
  const notes = fs.readFileSync(path.join(FIXTURES, 'notes.txt'));
  const secrets = fs.readFileSync(path.join(EXAMPLES, 'hard-coded-secrets.robin'));
  const xml = fs.readFileSync(path.join(EXAMPLES, 'solution', 'customizations.xml'));
  for (let i = 0; i < 60; i++) {
    const d = `group${i % 7}/sub${i}`;
    write(dir, `${d}/planted.robin`, planted);
    write(dir, `${d}/clean.robin`, clean);
    write(dir, `${d}/flow.txt`, i % 3 === 0 ? secrets : clean);
    write(dir, `${d}/notes.txt`, notes);
    if (i % 5 === 0) write(dir, `${d}/utf16.robin`, utf16);
    if (i % 10 === 0) write(dir, `${d}/customizations.xml`, xml);
  }
  write(dir, 'zips/export.zip', makeZip([
    { name: 'customizations.xml', data: xml },
    { name: 'flows/planted.robin', data: planted, store: true },
  ]));
  write(dir, 'zips/empty.zip', makeZip([{ name: 'readme.md', data: 'nothing here' }]));
  write(dir, 'zips/evil.zip', makeZip([{ name: '../../escape.robin', data: 'SET a TO 1\n' }]));
  write(dir, 'broken/customizations.xml', '<ImportExportXml><Workflows><Workflow Name="x"><Category>6</Category><Definition>"oops</Definition>');
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  write(dir, 'bin/image.txt', bytes);
  // A large file, so that sorting by size matters.
  write(dir, 'big/big.robin', Buffer.concat(Array.from({ length: 100 }, () => secrets)));
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], cwd: string, env: Record<string, string> = {}): Run {
  return runCli(args, cwd, { env: { ...process.env, NO_COLOR: '1', FLOW_VAULT_CONCURRENCY: '', ...env }, maxBuffer: 256 * 1024 * 1024 });
}

describe('flow-vault lint on several threads', function () {
  this.timeout(120_000);
  after(cleanup);

  let tree: string;
  before(() => {
    tree = makeTree();
    assert.ok(filesUnder(tree).length > 200);
  });

  it('json, sarif and stylish: the same output and exit code with 1, 2 and 3 threads, auto and the environment variable', () => {
    for (const format of ['json', 'sarif', 'stylish']) {
      // One explicit non-flow file too: it is reported as not a flow.
      const args = ['lint', '--format', format, '--no-progress', '.', 'group0/sub0/notes.txt'];
      const one = run([...args, '--concurrency', '1'], tree);
      assert.equal(one.code, 1, one.stderr);
      assert.ok(one.stdout.length > 0);
      const variants: [string, Run][] = [
        ['-j 2', run([...args, '-j', '2'], tree)],
        ['--concurrency 3', run([...args, '--concurrency', '3'], tree)],
        ['auto', run(args, tree)],
        ['FLOW_VAULT_CONCURRENCY=2', run(args, tree, { FLOW_VAULT_CONCURRENCY: '2' })],
      ];
      for (const [name, r] of variants) {
        assert.equal(r.code, one.code, `${format} ${name}: ${r.stderr}`);
        assert.equal(r.stderr, one.stderr, `${format} ${name}: standard error`);
        assert.ok(r.stdout === one.stdout, `${format} ${name}: the report differs from the one-thread report`);
      }
    }
    // What the tree holds shows in the report: findings, problems, zip entries, skipped files.
    const results = JSON.parse(run(['lint', '--format', 'json', '-j', '2', '.'], tree).stdout) as { filePath: string; messages: unknown[]; problems: unknown[] }[];
    const names = results.map((r) => r.filePath);
    assert.ok(names.includes('zips/export.zip!/flows/planted.robin'));
    assert.ok(names.includes('big/big.robin'));
    assert.ok(!names.some((n) => n.endsWith('notes.txt') || n.startsWith('bin/')));
    assert.ok(results.some((r) => r.filePath.startsWith('zips/evil.zip') && r.problems.length > 0));
    assert.deepEqual(names, [...names].sort());
  });

  it('--write-baseline writes the same file on any number of threads, and the baseline applies the same', () => {
    const baselines: string[] = [];
    for (const j of ['1', '2']) {
      const w = run(['lint', '--write-baseline', '-j', j, '.'], tree);
      assert.equal(w.code, 0, w.stderr);
      baselines.push(fs.readFileSync(path.join(tree, '.flowvault-baseline.json'), 'utf8'));
    }
    assert.equal(baselines[1], baselines[0]);
    // A secret added after the baseline: reported alone, the others suppressed, on both.
    fs.appendFileSync(path.join(tree, 'group1/sub1/clean.robin'), fs.readFileSync(path.join(FIXTURES, 'added-later.snippet')));
    const one = run(['lint', '--format', 'sarif', '-j', '1', '.'], tree);
    const two = run(['lint', '--format', 'sarif', '-j', '2', '.'], tree);
    assert.equal(one.code, 1, one.stderr);
    assert.equal(two.code, one.code);
    assert.ok(two.stdout === one.stdout, 'the report with a baseline differs');
    fs.rmSync(path.join(tree, '.flowvault-baseline.json'));
  });

  it('a configuration (ignorePaths, secretWords, a rule off) reaches the workers', () => {
    write(tree, '.flowvaultrc.json', JSON.stringify({ ignorePaths: ['group2/**'], secretWords: ['Server'], rules: { 'secret-in-connection-string': 'off' } }));
    try {
      const one = run(['lint', '--format', 'json', '-j', '1', '.'], tree);
      const two = run(['lint', '--format', 'json', '-j', '2', '.'], tree);
      assert.equal(two.code, one.code, two.stderr);
      assert.ok(two.stdout === one.stdout, 'the report with a configuration differs');
      assert.ok(!one.stdout.includes('group2/'));
    } finally {
      fs.rmSync(path.join(tree, '.flowvaultrc.json'));
    }
  });

  it('the public corpus (zips included): the same JSON on 1 and 2 threads', function () {
    const one = run(['lint', '--format', 'json', '--no-baseline', '-j', '1', PUBLIC_CORPUS], tree);
    const two = run(['lint', '--format', 'json', '--no-baseline', '-j', '2', PUBLIC_CORPUS], tree);
    assert.equal(two.code, one.code, two.stderr);
    assert.equal(two.stderr, one.stderr);
    assert.ok(two.stdout === one.stdout, 'the public corpus report differs');
  });

  it('in process: worker outcomes equal main-thread outcomes, in job order; a stopped worker leaves its files to the main thread', async () => {
    const engine = createEngine();
    const ctx: LintContext = { cwd: tree, settings: [{ config: engine.defaultConfig() }], writeBaseline: false, quiet: false, debug: false };
    const jobs: LintJob[] = filesUnder(tree).map((f) => ({ absolutePath: f, given: path.relative(tree, f).split(path.sep).join('/'), explicit: false, settings: 0 }));
    const expected = jobs.map((j) => lintOneFile(engine, j, ctx));

    const threads = LintThreads.start(1);
    assert.ok(threads, 'a worker starts');
    const got = await threads.run(jobs, ctx, (j) => lintOneFile(engine, j, ctx));
    assert.deepEqual(got, expected);

    const stopped = LintThreads.start(1)!;
    stopped.close();
    const fallback = await stopped.run(jobs.slice(0, 20), ctx, (j) => lintOneFile(engine, j, ctx));
    assert.deepEqual(fallback, expected.slice(0, 20));
  });
});

describe('the CLI engine lints a file in one pass, as the core does', () => {
  it('same results as lint.lintBytes (texts aside) on the fixtures, the examples and the public corpus', () => {
    const engine = createEngine();
    const config = engine.defaultConfig();
    const files = [...filesUnder(FIXTURES), ...filesUnder(EXAMPLES), ...filesUnder(PUBLIC_CORPUS)];
    const dir = tempDir('fv-onepass-');
    const extra = [
      write(dir, 'lossy.robin', Buffer.concat([Buffer.from("SET Password TO $'''abc"), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from("'''\n")])),
      write(dir, 'binary.robin', Buffer.alloc(64, 1)),
      write(dir, 'fake.zip', Buffer.from('PK but not a zip')),
      write(dir, 'utf16be.robin', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("SET Password TO $'''Hunter2-Secret'''\n", 'utf16le').swap16()])),
    ];
    let compared = 0;
    for (const file of [...files, ...extra]) {
      const bytes = fs.readFileSync(file);
      const given = path.basename(file);
      const expected = lint.lintBytes(given, bytes, { config });
      const got = engine.lintFile(given, bytes, { config, explicit: true });
      const strip = (r: lint.FileResult) => ({ ...r, text: undefined });
      assert.deepEqual(got.results.map((x) => strip(x.result)), expected.map(strip), file);
      for (const [i, x] of got.results.entries()) {
        if (expected[i]!.text !== undefined) assert.equal(x.text, expected[i]!.text, file);
      }
      compared++;
    }
    assert.ok(compared >= files.length);
  });
});
