/**
 * `flow-vault lint` finds the configuration and baseline from each file (the core's settings
 * rule): the same findings, fingerprints and baseline suppressions wherever it runs from.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import { cleanup, CLI, runCli, tempDir, write } from './helpers';

const pw = (v: string): string => `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Password: $'''${v}'''`;

/** What a finding is, wherever the command ran: the file's absolute path, rule, place, fingerprint. */
interface Seen {
  readonly file: string;
  readonly rule: string | null;
  readonly severity: string;
  readonly line: number;
  readonly column: number;
  readonly fingerprint: string | undefined;
}

function lintJson(args: readonly string[], cwd: string): { code: number | null; files: JsonFileResult[]; stderr: string } {
  const r = runCli(['lint', '--format', 'json', ...args], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { code: r.code, files: JSON.parse(r.stdout) as JsonFileResult[], stderr: r.stderr };
}

function seen(files: readonly JsonFileResult[], cwd: string, under?: string): { findings: Seen[]; suppressed: Record<string, number> } {
  const findings: Seen[] = [];
  const suppressed: Record<string, number> = {};
  for (const f of files) {
    const file = path.resolve(cwd, f.filePath);
    if (under !== undefined && !file.startsWith(under + path.sep)) continue;
    suppressed[file] = f.suppressedCount;
    for (const m of f.messages) {
      findings.push({ file, rule: m.ruleId, severity: m.severity, line: m.line, column: m.column, fingerprint: (m as { fingerprint?: string }).fingerprint });
    }
  }
  findings.sort((a, b) => (a.file + a.line + a.column < b.file + b.line + b.column ? -1 : 1));
  return { findings, suppressed };
}

/**
 * repo/.flowvaultrc.json ignores vendor/**; repo/team/.flowvaultrc.json makes password arguments a
 * warning and names its own baseline. Each flow has one password argument, one ignore comment.
 */
function makeTree(): { repo: string; outside: string } {
  const base = tempDir('fv-settings-');
  const repo = path.join(base, 'repo');
  const flow = (secret: string): string =>
    ['# flow-vault-disable-next-line secret-in-password-argument -- a test mailbox', pw(`Quiet-${secret}`), pw(secret), ''].join('\n');
  write(repo, '.flowvaultrc.json', JSON.stringify({ ignorePaths: ['vendor/**'] }));
  write(repo, 'flows/a.robin', flow('Root-Flow-Pw-1'));
  write(repo, 'flows/deep/b.robin', flow('Root-Flow-Pw-2'));
  write(repo, 'vendor/v.robin', flow('Vendor-Pw-3'));
  write(repo, 'team/.flowvaultrc.json', JSON.stringify({ rules: { 'secret-in-password-argument': 'warning' }, baseline: 'ci/accepted.json' }));
  write(repo, 'team/flows/c.robin', flow('Team-Flow-Pw-4'));
  const outside = path.join(base, 'elsewhere');
  fs.mkdirSync(outside);
  return { repo, outside };
}

describe('flow-vault lint: configuration and baseline from each file', function () {
  this.timeout(60_000);

  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first`);
  });
  after(cleanup);

  it('the configuration comes from each file, not from the working directory', () => {
    const { repo, outside } = makeTree();
    for (const [args, cwd] of [[['.'], repo], [[repo], outside]] as const) {
      const { findings } = seen(lintJson(args, cwd).files, cwd);
      const files = [...new Set(findings.map((f) => path.relative(repo, f.file).split(path.sep).join('/')))].sort();
      assert.deepEqual(files, ['flows/a.robin', 'flows/deep/b.robin', 'team/flows/c.robin'], `from ${cwd}: vendor/ is ignored by the root configuration`);
      const team = findings.filter((f) => f.file.includes(`${path.sep}team${path.sep}`));
      assert.deepEqual(team.map((f) => f.severity), ['warning'], `from ${cwd}: team/ has its own configuration`);
      assert.ok(findings.filter((f) => !team.includes(f)).every((f) => f.severity === 'error'));
    }
  });

  it('from the root, a subfolder and outside the tree: the same findings, fingerprints and suppressions', () => {
    const { repo, outside } = makeTree();
    const whole = seen(lintJson(['.'], repo).files, repo);
    assert.equal(whole.findings.length, 3);
    for (const [args, cwd, under] of [
      [[], path.join(repo, 'team'), path.join(repo, 'team')],
      [['.'], path.join(repo, 'flows', 'deep'), path.join(repo, 'flows', 'deep')],
      [[repo], outside, repo],
      [[path.join(repo, 'team', 'flows', 'c.robin')], outside, path.join(repo, 'team')],
    ] as const) {
      const part = seen(lintJson(args, cwd).files, cwd, under);
      const expected = seen(lintJson(['.'], repo).files, repo, under);
      assert.ok(part.findings.length > 0, `lint ${args.join(' ')} from ${cwd} finds something`);
      assert.deepEqual(part, expected, `lint ${args.join(' ')} from ${cwd}`);
    }
  });

  it('--write-baseline writes each configuration\'s baseline, which then applies wherever the command runs', () => {
    const { repo, outside } = makeTree();
    const w = runCli(['lint', '--write-baseline', 'flows', 'team'], repo);
    assert.equal(w.code, 0, w.stderr);
    const rootBaseline = JSON.parse(fs.readFileSync(path.join(repo, '.flowvault-baseline.json'), 'utf8')) as { findings: { path: string }[] };
    const teamBaseline = JSON.parse(fs.readFileSync(path.join(repo, 'team', 'ci', 'accepted.json'), 'utf8')) as { findings: { path: string }[] };
    assert.deepEqual(rootBaseline.findings.map((f) => f.path).sort(), ['flows/a.robin', 'flows/deep/b.robin'], 'paths relative to the root configuration\'s folder');
    assert.deepEqual(teamBaseline.findings.map((f) => f.path), ['flows/c.robin'], 'paths relative to team/');
    assert.match(w.stderr, /Wrote 2 findings to \.flowvault-baseline\.json/);
    assert.match(w.stderr, /Wrote 1 finding to team\/ci\/accepted\.json/);

    for (const [args, cwd] of [[[], repo], [[], path.join(repo, 'team')], [['.'], path.join(repo, 'flows', 'deep')], [[repo], outside]] as const) {
      const r = lintJson(args, cwd);
      const { findings, suppressed } = seen(r.files, cwd);
      assert.deepEqual(findings, [], `lint ${args.join(' ')} from ${cwd}: every finding is in a baseline`);
      // One ignore comment and one baseline entry per file.
      for (const [file, n] of Object.entries(suppressed)) assert.equal(n, 2, `${file} from ${cwd}`);
    }
  });

  it('with no configuration, the nearest baseline upward is found from each file and its folder is the root', () => {
    const base = tempDir('fv-settings-');
    const repo = path.join(base, 'repo');
    write(repo, 'flows/a.robin', pw('Lone-Pw-5') + '\n');
    assert.equal(runCli(['lint', '--write-baseline'], repo).code, 0);
    assert.ok(fs.existsSync(path.join(repo, '.flowvault-baseline.json')));
    for (const [args, cwd] of [[[], path.join(repo, 'flows')], [[path.join(repo, 'flows')], base]] as const) {
      const { findings, suppressed } = seen(lintJson(args, cwd).files, cwd);
      assert.deepEqual(findings, [], `from ${cwd}`);
      assert.deepEqual(Object.values(suppressed), [1]);
    }
    // Without the baseline the finding is there: the check above can fail.
    assert.equal(seen(lintJson(['--no-baseline'], repo).files, repo).findings.length, 1);
  });

  it('--config applies one configuration to every file, nested ones included', () => {
    const { repo } = makeTree();
    write(repo, 'strict.json', JSON.stringify({ rules: { 'secret-in-password-argument': 'error' } }));
    const { findings } = seen(lintJson(['--config', 'strict.json', '.'], repo).files, repo);
    assert.equal(findings.length, 4, 'vendor/ too: strict.json ignores nothing');
    assert.ok(findings.every((f) => f.severity === 'error'), 'team/ is an error too');
  });

  it('worker threads lint each file with its own configuration', () => {
    const { repo } = makeTree();
    const one = runCli(['lint', '--format', 'json', '--concurrency', '1', '.'], repo);
    const two = runCli(['lint', '--format', 'json', '--concurrency', '2', '.'], repo);
    assert.equal(one.code, 1);
    assert.equal(two.stdout, one.stdout);
    assert.match(one.stdout, /"severity": "warning"/);
  });

  it('a nested configuration that does not parse exits 2 naming it, also from outside the tree', () => {
    const { repo, outside } = makeTree();
    write(repo, 'team/.flowvaultrc.json', '{ "rules": { "secret-in-password-argument": "loud" } }');
    for (const [args, cwd] of [[[], repo], [[repo], outside]] as const) {
      const r = runCli(['lint', ...args], cwd);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /team[\\/]\.flowvaultrc\.json is not valid/);
      assert.match(r.stderr, /loud/);
      assert.match(r.stderr, /Fix it, or pass --config/);
      assert.equal(r.stdout, '');
    }
    // Linting only what it does not cover is fine.
    assert.equal(runCli(['lint', 'flows'], repo).code, 1);
  });

  it('a --config or --baseline file that does not exist exits 2, even with nothing to lint', () => {
    const empty = tempDir('fv-settings-');
    const config = runCli(['lint', '--config', 'absent-rc.json'], empty);
    assert.equal(config.code, 2);
    assert.match(config.stderr, /absent-rc\.json: no such file or folder\. Check the path given to --config\./);
    const baseline = runCli(['lint', '--baseline', 'absent-baseline.json'], empty);
    assert.equal(baseline.code, 2);
    assert.match(baseline.stderr, /absent-baseline\.json does not exist/);
    assert.equal(runCli(['lint'], empty).code, 0, 'without them, an empty folder is fine');
  });
});
