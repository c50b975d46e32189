/**
 * Linting on several threads gives the same report as on one: the same bytes on standard output
 * and standard error, the same exit code and the same baseline file, whatever the number of
 * threads. And what the CLI reports for solution zips, against findings placed by hand.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../../src/cli/engine';
import { lintOneFile, type LintContext, type LintJob } from '../../../src/cli/lint-file';
import { LintThreads } from '../../../src/cli/parallel';
import { cleanup, EXAMPLES, FIXTURES, REPO, runCli, tempDir, write } from './helpers';
import { makeZip } from '../../support/zip-writer';
import { PUBLIC_CORPUS } from '../../support/paths';
import { PACKED_JSON_ENTRY, PNG_BYTES, STUB_WORKFLOW_JSON, packedWorkflowJson, secretPosition } from '../../support/workflow-package';

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

describe('flow-vault lint on solution zips: findings at known places', () => {
  after(cleanup);

  /** What the CLI reports for one file: per report file, its path, entry and findings as `rule line:column`. */
  function lintOne(name: string, bytes: Buffer, explicit = false) {
    const dir = tempDir('fv-zip-');
    write(dir, name, bytes);
    const engine = createEngine();
    const ctx: LintContext = { cwd: dir, settings: [{ config: engine.defaultConfig() }], writeBaseline: false, quiet: false, debug: false };
    const outcome = lintOneFile(engine, { absolutePath: path.join(dir, name), given: name, explicit, settings: 0 }, ctx);
    if (outcome.type !== 'linted') throw new Error(`not linted: ${JSON.stringify(outcome)}`);
    return {
      binarySkipped: outcome.binarySkipped,
      files: outcome.files.map((f) => ({
        path: f.path,
        entry: f.entry,
        findings: f.findings.map((x) => `${x.ruleId} ${x.start.line}:${x.start.column}`),
        problems: f.problems.map((p) => p.message),
      })),
    };
  }

  // Line 2 of the XML holds the definition: `      <Definition>&quot;SET DbPassword TO $'''` is 46 characters.
  const XML = [
    '<ImportExportXml><Workflows><Workflow WorkflowId="{00000000-0000-0000-0000-000000000001}" Name="Zipped"><Type>1</Type><Category>6</Category><UIFlowType>2</UIFlowType>',
    "      <Definition>&quot;SET DbPassword TO $'''xmlPw-3'''&quot;</Definition>",
    '</Workflow></Workflows></ImportExportXml>',
  ].join('\r\n');
  // The secret of line 2 starts after `SET DbPassword TO $'''` (22 characters).
  const ROBIN = "SET Greeting TO $'''hello'''\nSET DbPassword TO $'''zipPw-2'''\n";
  // The same line in UTF-16 with a BOM, after `# é` (columns count UTF-16 code units; the BOM is not one).
  const WIDE = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("# \u00e9\r\nSET DbPassword TO $'''wide-Pw4'''\r\n", 'utf16le')]);

  it('a solution zip: customizations.xml, Robin entries in UTF-8 and UTF-16, a packed Workflows JSON, image data skipped', () => {
    const zip = makeZip([
      { name: 'customizations.xml', data: XML },
      { name: 'flows/extra.robin', data: ROBIN, store: true },
      { name: 'flows/wide.robin', data: WIDE },
      { name: PACKED_JSON_ENTRY, data: packedWorkflowJson() },
      { name: 'Workflows/Newer-0000.json', data: STUB_WORKFLOW_JSON },
      { name: 'ImageRepository/image.txt', data: PNG_BYTES },
      { name: 'readme.md', data: 'Password: not-a-flow-file' },
    ]);
    const packed = secretPosition();
    assert.deepEqual(lintOne('export.zip', zip), {
      binarySkipped: 1,
      files: [
        { path: 'export.zip!/customizations.xml', entry: 'customizations.xml', findings: ['secret-in-variable 2:47'], problems: [] },
        { path: 'export.zip!/flows/extra.robin', entry: 'flows/extra.robin', findings: ['secret-in-variable 2:23'], problems: [] },
        { path: 'export.zip!/flows/wide.robin', entry: 'flows/wide.robin', findings: ['secret-in-variable 2:23'], problems: [] },
        {
          path: `export.zip!/${PACKED_JSON_ENTRY}!/script.robin`,
          entry: `${PACKED_JSON_ENTRY}!/script.robin`,
          findings: [`secret-in-password-argument ${packed.line}:${packed.column}`],
          problems: [],
        },
      ],
    });
  });

  it('a zip with an entry that climbs out of the archive: a problem on the archive, the other entries linted', () => {
    const zip = makeZip([
      { name: '../../escape.robin', data: ROBIN },
      { name: 'flows/extra.robin', data: ROBIN },
    ]);
    const got = lintOne('evil.zip', zip);
    assert.deepEqual(got.files.map((f) => [f.path, f.entry, f.findings]), [
      ['evil.zip', undefined, []],
      ['evil.zip!/flows/extra.robin', 'flows/extra.robin', ['secret-in-variable 2:23']],
    ]);
    assert.equal(got.files[0]!.problems.length, 1);
    assert.match(got.files[0]!.problems[0]!, /climbs out of the archive/);
  });

  it('a zip without flows gives no report file; a broken zip, a problem and no findings', () => {
    assert.deepEqual(lintOne('empty.zip', makeZip([{ name: 'readme.md', data: 'nothing here' }])), { binarySkipped: 0, files: [] });
    const broken = lintOne('broken.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    assert.equal(broken.files.length, 1);
    assert.equal(broken.files[0]!.path, 'broken.zip');
    assert.deepEqual(broken.files[0]!.findings, []);
    assert.equal(broken.files[0]!.problems.length, 1);
  });
});
