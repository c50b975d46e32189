/**
 * The built `flow-vault` CLI run as a child process on fixtures: exit codes, the three output
 * formats, exact SARIF regions, no secret in any output, baselines, configuration, globs, zips,
 * unreadable and binary files, folder recursion.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import { cleanup, CLI, copyFixtures, EXAMPLES, FIXTURES, locate, REPO, runCli, tempDir, write } from './helpers';
import { sarifErrors } from './sarif-schema';
import { makeZip } from '../../support/zip-writer';

const PLANTED = 'Planted-Secret-7431';
const EMOJI_SECRET = 'Emoji-Secret-5150';
const ADDED_LATER = 'Added-Later-9911';
/** Every fake secret in the fixtures and examples: none may appear in any output. */
const SECRETS = [
  PLANTED,
  EMOJI_SECRET,
  ADDED_LATER,
  'Lighthouse2024!',
  'Autumn2024!',
  'fake-token-Meadow2024',
  'Spring2024!',
  'Password123!',
  'Glacier2024!',
  'Orchard2024!',
];

function json(stdout: string): JsonFileResult[] {
  return JSON.parse(stdout) as JsonFileResult[];
}

function assertNoSecret(output: string, where: string): void {
  for (const s of SECRETS) assert.ok(!output.includes(s), `${where} holds the secret ${s}`);
}

describe('flow-vault CLI (built, as a child process)', function () {
  this.timeout(60_000);

  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first`);
  });
  after(cleanup);

  describe('commands and usage', () => {
    it('--version prints the package version', () => {
      const r = runCli(['--version'], os.tmpdir());
      assert.equal(r.code, 0);
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
      assert.equal(r.stdout.trim(), pkg.version);
    });

    it('help, --help, help lint and help doctor explain commands, options and exit codes', () => {
      const main = runCli(['--help'], os.tmpdir());
      assert.equal(main.code, 0);
      assert.match(main.stdout, /Usage: flow-vault <command>/);
      assert.match(main.stdout, /lint \[paths\.\.\.\]/);
      assert.match(main.stdout, /rules/);
      assert.match(main.stdout, /doctor \[paths\.\.\.\]/);
      const doctor = runCli(['help', 'doctor'], os.tmpdir());
      assert.equal(doctor.code, 0);
      for (const opt of ['--environment', '--machine', '--credential', '--cloud', '--format', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH']) {
        assert.ok(doctor.stdout.includes(opt), `doctor help mentions ${opt}`);
      }
      assert.equal(runCli(['doctor', '-h'], os.tmpdir()).stdout, doctor.stdout);
      assert.equal(runCli(['help'], os.tmpdir()).stdout, main.stdout);
      const lint = runCli(['help', 'lint'], os.tmpdir());
      assert.equal(lint.code, 0);
      for (const opt of ['--format', '--output', '--config', '--baseline', '--no-baseline', '--write-baseline', '--max-warnings', '--quiet', '--no-color', '--no-progress']) {
        assert.ok(lint.stdout.includes(opt), `lint help mentions ${opt}`);
      }
      assert.match(lint.stdout, /Exit codes:[\s\S]*0 [\s\S]*1 [\s\S]*2 /);
      assert.equal(runCli(['lint', '-h'], os.tmpdir()).stdout, lint.stdout);
    });

    it('usage errors exit 2 with a message', () => {
      const dir = tempDir();
      for (const args of [[], ['--format', 'json'], ['lint', '--format', 'xml'], ['lint', '--bogus'], ['lint', '--max-warnings', 'many'], ['frobnicate'], ['help', 'frobnicate'], ['lint', '--no-baseline', '--write-baseline']]) {
        const r = runCli(args, dir);
        assert.equal(r.code, 2, args.join(' '));
        assert.match(r.stderr, /flow-vault/);
        assert.equal(r.stdout, '', args.join(' '));
      }
    });

    it('rules lists every rule id with its description', () => {
      const r = runCli(['rules'], os.tmpdir());
      assert.equal(r.code, 0);
      assert.match(r.stdout, /secret-in-password-argument\s+error/);
      const list = JSON.parse(runCli(['rules', '--format', 'json'], os.tmpdir()).stdout) as { id: string; description: string }[];
      assert.ok(list.length >= 5);
      for (const rule of list) {
        assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
        assert.ok(r.stdout.includes(rule.id));
        assert.ok(rule.description.length > 0);
      }
    });
  });

  describe('exit codes and formats', () => {
    it('a clean file: exit 0 and no output', () => {
      const dir = copyFixtures(tempDir(), ['clean.robin']);
      const r = runCli(['lint', 'clean.robin'], dir);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      assert.equal(r.stdout, '');
    });

    it('stylish: the file, then line:col  severity  message  rule-id, and a summary; exit 1', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      const r = runCli(['lint', 'planted.robin'], dir);
      assert.equal(r.code, 1, r.stderr);
      const where = locate(fs.readFileSync(path.join(dir, 'planted.robin'), 'utf8'), PLANTED);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], 'planted.robin');
      assert.match(lines[1]!, new RegExp(`^\\s+${where.line}:${where.column}\\s+error\\s+\\S.*\\s+secret-in-password-argument$`));
      assert.match(r.stdout, /✖ 1 finding \(1 error, 0 warnings\) in 1 file/);
      assertNoSecret(r.stdout + r.stderr, 'stylish output');
    });

    it('json: file results with 1-based positions, rule, severity, kind and fingerprint', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin', 'clean.robin']);
      const r = runCli(['lint', '--format', 'json', '.'], dir);
      assert.equal(r.code, 1, r.stderr);
      const results = json(r.stdout);
      assert.deepEqual(results.map((x) => x.filePath).sort(), ['clean.robin', 'planted.robin']);
      const planted = results.find((x) => x.filePath === 'planted.robin')!;
      assert.equal(planted.messages.length, 1);
      const m = planted.messages[0]!;
      const where = locate(fs.readFileSync(path.join(dir, 'planted.robin'), 'utf8'), PLANTED);
      assert.deepEqual(
        { line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn },
        { line: 3, column: where.column, endLine: 3, endColumn: where.endColumn },
      );
      assert.equal(m.ruleId, 'secret-in-password-argument');
      assert.equal(m.severity, 'error');
      assert.equal(m.kind, 'password');
      assert.match(m.fingerprint, /\S{8,}/);
      assert.equal(planted.errorCount, 1);
      assertNoSecret(r.stdout + r.stderr, 'json output');
    });

    it('sarif: schema-valid, with the exact region of the planted secret', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin', 'clean.robin']);
      const r = runCli(['lint', '--format', 'sarif'], dir);
      assert.equal(r.code, 1, r.stderr);
      const log = JSON.parse(r.stdout) as Sarif.Log;
      assert.deepEqual(sarifErrors(log), []);
      const run = log.runs[0]!;
      assert.equal(run.tool.driver.name, 'Flow Vault');
      assert.ok(run.tool.driver.rules!.some((x) => x.id === 'secret-in-password-argument'));
      assert.equal(run.results!.length, 1);
      const result = run.results![0]!;
      assert.equal(run.tool.driver.rules![result.ruleIndex!]!.id, result.ruleId);
      const where = locate(fs.readFileSync(path.join(dir, 'planted.robin'), 'utf8'), PLANTED);
      assert.deepEqual(result.locations![0]!.physicalLocation, {
        artifactLocation: { uri: 'planted.robin', uriBaseId: '%SRCROOT%' },
        region: { startLine: 3, startColumn: where.column, endLine: 3, endColumn: where.endColumn },
      });
      assert.equal(where.column, 131, 'the planted secret starts at column 131 of line 3');
      assert.ok(result.partialFingerprints && Object.values(result.partialFingerprints)[0]);
      assertNoSecret(r.stdout + r.stderr, 'sarif output');
    });

    it('sarif: columns count UTF-16 code units (a character outside the BMP counts 2)', () => {
      const dir = copyFixtures(tempDir(), ['utf16-columns.robin']);
      const r = runCli(['lint', '--format', 'sarif', 'utf16-columns.robin'], dir);
      assert.equal(r.code, 1, r.stderr);
      const log = JSON.parse(r.stdout) as Sarif.Log;
      const text = fs.readFileSync(path.join(dir, 'utf16-columns.robin'), 'utf8');
      const where = locate(text, EMOJI_SECRET); // JS string indices are UTF-16 units
      const lineText = text.split('\n')[where.line - 1]!;
      assert.equal([...lineText.slice(0, where.column - 1)].length, where.column - 2, 'one surrogate pair before the secret');
      const region = log.runs[0]!.results!.find((x) => x.ruleId === 'secret-in-password-argument')!.locations![0]!.physicalLocation!.region;
      assert.deepEqual(region, { startLine: 2, startColumn: where.column, endLine: 2, endColumn: where.endColumn });
      assertNoSecret(r.stdout, 'sarif output');
    });

    it('CRLF line ends, a UTF-8 BOM and UTF-16 give the same lines and columns', () => {
      const dir = tempDir();
      const lf = fs.readFileSync(path.join(FIXTURES, 'planted.robin'), 'utf8');
      const crlf = lf.replace(/\n/g, '\r\n');
      write(dir, 'crlf.robin', crlf);
      write(dir, 'bom.robin', '\uFEFF' + lf);
      write(dir, 'utf16.robin', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]));
      const r = runCli(['lint', '--format', 'json'], dir);
      assert.equal(r.code, 1, r.stderr);
      const where = locate(lf, PLANTED);
      const results = json(r.stdout);
      assert.equal(results.length, 3);
      for (const f of results) {
        const m = f.messages[0]!;
        assert.deepEqual([m.line, m.column, m.endLine, m.endColumn], [where.line, where.column, where.endLine, where.endColumn], f.filePath);
      }
    });

    it('no secret value appears in any format, on the examples and fixtures', () => {
      const dir = tempDir();
      copyFixtures(dir, ['planted.robin', 'utf16-columns.robin', 'clean.robin']);
      fs.cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true });
      for (const format of ['stylish', 'json', 'sarif']) {
        const r = runCli(['lint', '--format', format, '.'], dir);
        assert.equal(r.code, 1, `${format}: ${r.stderr}`);
        assertNoSecret(r.stdout + r.stderr, `${format} output`);
      }
      // ... nor in the baseline file.
      const w = runCli(['lint', '--write-baseline', '.'], dir);
      assert.equal(w.code, 0, w.stderr);
      assertNoSecret(fs.readFileSync(path.join(dir, '.flowvault-baseline.json'), 'utf8') + w.stdout + w.stderr, 'baseline');
    });

    it('--output writes the report to a file; --quiet shows errors only; --max-warnings', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      const r = runCli(['lint', '--format', 'json', '--output', 'reports/out.json'], dir);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.equal(json(fs.readFileSync(path.join(dir, 'reports', 'out.json'), 'utf8'))[0]!.messages.length, 1);

      // Make the rule a warning: warnings alone exit 0, unless --max-warnings is exceeded.
      write(dir, '.flowvaultrc.json', JSON.stringify({ rules: { 'secret-in-password-argument': 'warning' } }));
      const warn = runCli(['lint'], dir);
      assert.equal(warn.code, 0, warn.stderr);
      assert.match(warn.stdout, /warning/);
      assert.equal(runCli(['lint', '--max-warnings', '1'], dir).code, 0);
      const over = runCli(['lint', '--max-warnings', '0'], dir);
      assert.equal(over.code, 1);
      assert.match(over.stderr, /max-warnings/);
      const quiet = runCli(['lint', '--quiet', '--max-warnings', '0'], dir);
      assert.equal(quiet.code, 0);
      assert.equal(quiet.stdout, '');
    });
  });

  describe('baseline and configuration', () => {
    it('round trip: --write-baseline, then lint exits 0; a new secret exits 1 with only the new finding', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin', 'utf16-columns.robin']);
      const w = runCli(['lint', '--write-baseline'], dir);
      assert.equal(w.code, 0, w.stderr);
      assert.match(w.stderr, /Wrote \d+ findings? to \.flowvault-baseline\.json/);
      const baseline = JSON.parse(fs.readFileSync(path.join(dir, '.flowvault-baseline.json'), 'utf8')) as { findings: unknown[] };
      assert.ok(baseline.findings.length >= 2);

      const again = runCli(['lint'], dir);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.match(again.stdout, /suppressed/);
      const j = json(runCli(['lint', '--format', 'json'], dir).stdout);
      assert.equal(j.reduce((n, f) => n + f.messages.length, 0), 0);
      assert.equal(j.reduce((n, f) => n + f.suppressedCount, 0), baseline.findings.length);
      assert.equal(j.reduce((n, f) => n + (f.suppressedMessages?.length ?? 0), 0), baseline.findings.length);
      // SARIF: accepted findings are results with an external suppression.
      const sarifRun = runCli(['lint', '--format', 'sarif'], dir);
      assert.equal(sarifRun.code, 0);
      const log = JSON.parse(sarifRun.stdout) as Sarif.Log;
      assert.deepEqual(sarifErrors(log), []);
      assert.equal(log.runs[0]!.results!.length, baseline.findings.length);
      for (const res of log.runs[0]!.results!) assert.equal(res.suppressions![0]!.kind, 'external');
      assertNoSecret(sarifRun.stdout, 'sarif output with suppressions');

      // A new secret in a new file and one more in an old file: only those two are reported.
      const snippet = fs.readFileSync(path.join(FIXTURES, 'added-later.snippet'), 'utf8');
      write(dir, 'sub/new.robin', snippet);
      fs.appendFileSync(path.join(dir, 'planted.robin'), snippet);
      const after = runCli(['lint', '--format', 'json'], dir);
      assert.equal(after.code, 1, after.stderr);
      const found = json(after.stdout).flatMap((f) => f.messages.map((m) => ({ file: f.filePath, rule: m.ruleId, line: m.line })));
      assert.deepEqual(found.sort((a, b) => (a.file < b.file ? -1 : 1)), [
        { file: 'planted.robin', rule: 'secret-in-connection-string', line: 4 },
        { file: 'sub/new.robin', rule: 'secret-in-connection-string', line: 1 },
      ]);

      // The baseline is found from a subfolder too, and --no-baseline shows everything.
      const fromSub = runCli(['lint', '--format', 'json', '.'], path.join(dir, 'sub'));
      assert.equal(json(fromSub.stdout)[0]!.messages.length, 1);
      const all = json(runCli(['lint', '--format', 'json', '--no-baseline'], dir).stdout);
      assert.equal(all.reduce((n, f) => n + f.messages.length, 0), baseline.findings.length + 2);
    });

    it('ignore comments: JSON suppressedMessages (directive) and SARIF inSource suppressions, with the reason masked', () => {
      const dir = tempDir();
      const pw = (v: string): string => `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Password: $'''${v}'''`;
      write(dir, 'flow.robin', [
        // A reason that quotes the secret: it is the user's text, and still masked.
        `# flow-vault-disable-next-line secret-in-password-argument -- test box, ${PLANTED} is not real`,
        pw(PLANTED),
        '# flow-vault-disable-next-line',
        pw(ADDED_LATER),
        pw(EMOJI_SECRET),
      ].join('\n') + '\n');
      const r = runCli(['lint', '--format', 'json'], dir);
      assert.equal(r.code, 1, r.stderr);
      const [file] = json(r.stdout);
      assert.equal(file!.messages.length, 1);
      assert.equal(file!.suppressedCount, 2);
      assert.deepEqual(file!.suppressedMessages!.map((m) => [m.line, m.ruleId, m.suppressions]), [
        [2, 'secret-in-password-argument', [{ kind: 'directive', justification: 'test box, ******** is not real' }]],
        [4, 'secret-in-password-argument', [{ kind: 'directive', justification: '' }]],
      ]);
      const prints = new Set([...file!.messages, ...file!.suppressedMessages!].map((m) => m.fingerprint));
      assert.equal(prints.size, 3);
      assertNoSecret(r.stdout, 'json output with ignore comments');

      const s = runCli(['lint', '--format', 'sarif'], dir);
      assert.equal(s.code, 1);
      const log = JSON.parse(s.stdout) as Sarif.Log;
      assert.deepEqual(sarifErrors(log), []);
      const results = log.runs[0]!.results!;
      assert.equal(results.length, 3);
      assert.deepEqual(results.map((x) => x.suppressions ?? []), [
        [],
        [{ kind: 'inSource', status: 'accepted', justification: 'test box, ******** is not real' }],
        [{ kind: 'inSource', status: 'accepted' }],
      ]);
      assertNoSecret(s.stdout, 'sarif output with ignore comments');

      const stylish = runCli(['lint'], dir);
      assert.match(stylish.stdout, /2 findings suppressed/);
      assertNoSecret(stylish.stdout, 'stylish output with ignore comments');
    });

    it('--baseline FILE: a missing file is a usage error; a broken one exits 2 naming it', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      const missing = runCli(['lint', '--baseline', 'nope.json'], dir);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /nope\.json/);
      assert.match(missing.stderr, /--write-baseline/);
      write(dir, 'broken.json', '{ not json');
      const broken = runCli(['lint', '--baseline', 'broken.json'], dir);
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /broken\.json/);
      const custom = runCli(['lint', '--write-baseline', '--baseline', 'ci/accepted.json'], dir);
      assert.equal(custom.code, 0, custom.stderr);
      assert.equal(runCli(['lint', '--baseline', 'ci/accepted.json'], dir).code, 0);
    });

    it('a .flowvaultrc.json found upward turns a rule off; --config picks another file', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      fs.mkdirSync(path.join(dir, 'flows'));
      fs.renameSync(path.join(dir, 'planted.robin'), path.join(dir, 'flows', 'planted.robin'));
      assert.equal(runCli(['lint', '.'], path.join(dir, 'flows')).code, 1);
      write(dir, '.flowvaultrc.json', '{\n  // comments are allowed\n  "rules": { "secret-in-password-argument": "off" }\n}\n');
      const off = runCli(['lint', '.'], path.join(dir, 'flows'));
      assert.equal(off.code, 0, off.stdout + off.stderr);
      assert.equal(off.stdout, '');
      write(dir, 'strict.json', '{ "rules": { "secret-in-password-argument": "error" } }');
      assert.equal(runCli(['lint', '--config', '../strict.json', '.'], path.join(dir, 'flows')).code, 1);
    });

    it('ignorePaths in the configuration leave files out; an empty folder exits 0 with a note', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      write(dir, 'vendor/copy.robin', fs.readFileSync(path.join(FIXTURES, 'planted.robin'), 'utf8'));
      write(dir, '.flowvaultrc.json', JSON.stringify({ ignorePaths: ['vendor/**'] }));
      const r = runCli(['lint', '--format', 'json'], dir);
      assert.equal(r.code, 1);
      assert.deepEqual(json(r.stdout).map((f) => f.filePath), ['planted.robin']);
      const only = runCli(['lint', 'vendor'], dir);
      assert.equal(only.code, 0);
      assert.match(only.stderr, /ignorePaths/);
      const empty = tempDir();
      const e = runCli(['lint'], empty);
      assert.equal(e.code, 0);
      assert.match(e.stderr, /No desktop-flow files found/);
    });

    it('a configuration that does not parse exits 2 naming the file and what to do', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      write(dir, '.flowvaultrc.json', '{ "rules": { "secret-in-password-argument": "loud" } ');
      const r = runCli(['lint'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /\.flowvaultrc\.json/);
      assert.match(r.stderr, /--config/);
      assert.equal(r.stdout, '');
      const missing = runCli(['lint', '--config', 'absent.json'], dir);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /absent\.json/);
    });
  });

  describe('inputs', () => {
    it('folders are searched recursively, skipping node_modules and .git; plain-text .txt files are skipped', () => {
      const dir = tempDir();
      const planted = fs.readFileSync(path.join(FIXTURES, 'planted.robin'), 'utf8');
      write(dir, 'a/b/c/deep.robin', planted);
      write(dir, 'a/flow.powerautomate', planted);
      write(dir, 'a/subflow.txt', planted);
      write(dir, 'a/notes.txt', fs.readFileSync(path.join(FIXTURES, 'notes.txt'), 'utf8'));
      write(dir, 'node_modules/pkg/x.robin', planted);
      write(dir, '.git/x.robin', planted);
      write(dir, 'a/node_modules/y.robin', planted);
      write(dir, 'a/readme.md', planted);
      const r = runCli(['lint', '--format', 'json'], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(json(r.stdout).map((f) => f.filePath).sort(), ['a/b/c/deep.robin', 'a/flow.powerautomate', 'a/subflow.txt']);
    });

    it('globs are expanded (quoted, so the shell leaves them alone); a glob with no match exits 2', () => {
      const dir = tempDir();
      const planted = fs.readFileSync(path.join(FIXTURES, 'planted.robin'), 'utf8');
      write(dir, 'flows/one.robin', planted);
      write(dir, 'flows/sub/two.robin', planted);
      write(dir, 'flows/sub/three.txt', planted);
      write(dir, 'node_modules/four.robin', planted);
      const r = runCli(['lint', '--format', 'json', 'flows/**/*.robin'], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(json(r.stdout).map((f) => f.filePath).sort(), ['flows/one.robin', 'flows/sub/two.robin']);
      const all = runCli(['lint', '--format', 'json', '**/*.{robin,txt}'], dir);
      assert.deepEqual(json(all.stdout).map((f) => f.filePath).sort(), ['flows/one.robin', 'flows/sub/three.txt', 'flows/sub/two.robin']);
      const none = runCli(['lint', 'nothing/**/*.robin'], dir);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /nothing\/\*\*\/\*\.robin/);
      const missing = runCli(['lint', 'missing.robin'], dir);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /missing\.robin/);
    });

    it('a solution zip: findings in its entries, named archive.zip!/entry', () => {
      const dir = tempDir();
      const xml = fs.readFileSync(path.join(EXAMPLES, 'solution', 'customizations.xml'));
      const planted = fs.readFileSync(path.join(FIXTURES, 'planted.robin'));
      fs.writeFileSync(
        path.join(dir, 'Export_1_0_0_0.zip'),
        makeZip([
          { name: 'solution.xml', data: fs.readFileSync(path.join(EXAMPLES, 'solution', 'solution.xml')) },
          { name: 'customizations.xml', data: xml },
          { name: 'flows/planted.robin', data: planted, store: true },
        ]),
      );
      for (const format of ['json', 'sarif', 'stylish']) {
        const r = runCli(['lint', '--format', format, '.'], dir);
        assert.equal(r.code, 1, r.stderr);
        assertNoSecret(r.stdout + r.stderr, `${format} output for a zip`);
        if (format === 'json') {
          const files = json(r.stdout).filter((f) => f.messages.length > 0);
          const names = files.map((f) => f.filePath).sort();
          assert.deepEqual(names, ['Export_1_0_0_0.zip!/customizations.xml', 'Export_1_0_0_0.zip!/flows/planted.robin']);
          const inZip = files.find((f) => f.filePath.endsWith('planted.robin'))!;
          assert.equal(inZip.archive, 'Export_1_0_0_0.zip');
          assert.equal(inZip.entry, 'flows/planted.robin');
          const where = locate(planted.toString('utf8'), PLANTED);
          assert.equal(inZip.messages[0]!.line, where.line);
          assert.equal(inZip.messages[0]!.column, where.column);
          const xmlFinding = files.find((f) => f.filePath.endsWith('customizations.xml'))!.messages[0]!;
          assert.equal(xmlFinding.flowName, 'Example: Orders count');
          const at = locate(xml.toString('utf8'), 'Orchard2024!');
          assert.deepEqual([xmlFinding.line, xmlFinding.column], [at.line, at.column]);
        }
        if (format === 'sarif') {
          const log = JSON.parse(r.stdout) as Sarif.Log;
          assert.deepEqual(sarifErrors(log), []);
          const res = log.runs[0]!.results!.find((x) => x.locations![0]!.physicalLocation!.artifactLocation!.uri === 'flows/planted.robin')!;
          const art = log.runs[0]!.artifacts![res.locations![0]!.physicalLocation!.artifactLocation!.index!]!;
          assert.equal(log.runs[0]!.artifacts![art.parentIndex!]!.location!.uri, 'Export_1_0_0_0.zip');
        }
        if (format === 'stylish') assert.match(r.stdout, /^Export_1_0_0_0\.zip!\/flows\/planted\.robin$/m);
      }
    });

    it('a problem inside one file is reported for it and the run goes on', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      // A zip whose entry climbs out of the archive: refused, reported, the other file still linted.
      fs.writeFileSync(path.join(dir, 'evil.zip'), makeZip([{ name: '../../escape.robin', data: 'SET a TO 1\n' }]));
      write(dir, 'broken.xml', '<ImportExportXml><Workflows><Workflow Name="x"><Category>6</Category><Definition>"oops</Definition>');
      const r = runCli(['lint', '--format', 'json', '.', 'broken.xml'], dir);
      assert.equal(r.code, 1, r.stderr);
      const results = json(r.stdout);
      assert.equal(results.find((f) => f.filePath === 'planted.robin')!.messages.length, 1);
      const problems = results.filter((f) => f.problems.length > 0).map((f) => f.filePath);
      assert.ok(problems.some((p) => p.startsWith('evil.zip')), `a problem for evil.zip in ${JSON.stringify(results)}`);
      const stylish = runCli(['lint', '.'], dir);
      assert.match(stylish.stdout, /problem/);
    });

    it('an unreadable file exits 2 and names the file; the others are still linted', function () {
      const dir = copyFixtures(tempDir(), ['planted.robin', 'clean.robin']);
      const locked = path.join(dir, 'locked.robin');
      fs.copyFileSync(path.join(FIXTURES, 'planted.robin'), locked);
      fs.chmodSync(locked, 0o000);
      let r;
      if (process.getuid && process.getuid() === 0) {
        // root reads anything: run the CLI as an unprivileged user instead, when that user can
        // reach the built CLI and its packages (not in a checkout under a private home folder).
        fs.chmodSync(dir, 0o755);
        for (const f of ['planted.robin', 'clean.robin']) fs.chmodSync(path.join(dir, f), 0o644);
        const nobody = { uid: 65534, gid: 65534 };
        const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(CLI)})`, '--', '--version'], { ...nobody, encoding: 'utf8' });
        if (probe.error || probe.status !== 0) {
          fs.chmodSync(locked, 0o644);
          this.skip();
        }
        r = runCli(['lint', '--format', 'json', '.'], dir, nobody);
      } else {
        r = runCli(['lint', '--format', 'json', '.'], dir);
      }
      fs.chmodSync(locked, 0o644);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /locked\.robin/);
      assert.match(r.stderr, /permission denied/);
      const results = json(r.stdout);
      assert.equal(results.find((f) => f.filePath === 'planted.robin')!.messages.length, 1);
      assert.equal(results.find((f) => f.filePath === 'locked.robin')!.unreadable, true);
    });

    it('a binary file: skipped in a folder, handled without a crash when named', () => {
      const dir = copyFixtures(tempDir(), ['clean.robin']);
      const bytes = Buffer.alloc(4096);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
      write(dir, 'image.txt', bytes);
      write(dir, 'data.robin', bytes);
      const folder = runCli(['lint', '--format', 'json', '.'], dir);
      assert.equal(folder.code, 0, folder.stderr);
      assert.ok(!json(folder.stdout).some((f) => f.filePath === 'image.txt'));
      const named = runCli(['lint', '--format', 'json', 'image.txt', 'data.robin'], dir);
      assert.equal(named.code, 0, named.stderr);
      assert.doesNotMatch(named.stderr, /internal error/);
      const sarif = runCli(['lint', '--format', 'sarif', 'image.txt', 'data.robin'], dir);
      assert.deepEqual(sarifErrors(JSON.parse(sarif.stdout)), []);
    });

    it('no progress line when standard error is not a terminal', () => {
      const dir = tempDir();
      const clean = fs.readFileSync(path.join(FIXTURES, 'clean.robin'), 'utf8');
      for (let i = 0; i < 210; i++) write(dir, `f${i}.robin`, clean);
      const r = runCli(['lint'], dir);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
    });

    it('loads only what a command needs: nothing of the engine for --version, never editor or Azure code', () => {
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      const loaded = (args: string[]): string[] => {
        const script = `const m = require(${JSON.stringify(CLI)});
          const sink = { write: () => true };
          m.main(${JSON.stringify(args)}, { stdout: sink, stderr: sink, cwd: process.cwd(), env: {} }).then(() => {
            process.stdout.write(JSON.stringify(Object.keys(require.cache)));
          });`;
        const r = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        return (JSON.parse(r.stdout) as string[]).map((f) => f.split(path.sep).join('/'));
      };
      const version = loaded(['--version']);
      // errorName (how any unexpected error is named) is all of the core that main needs up front.
      assert.deepEqual(version.filter((f) => f.includes('/node_modules/') || (f.includes('/src/core/') && !f.endsWith('/src/core/errorName.js'))), []);
      const lint = loaded(['lint', '--format', 'json', 'planted.robin']);
      assert.ok(lint.some((f) => f.includes('/src/core/lint/')));
      for (const heavy of ['/src/extension/', '/src/azure/', '/node_modules/@azure/', '/node_modules/vscode', '/node_modules/tinyglobby/', '/node_modules/sax/']) {
        assert.deepEqual(lint.filter((f) => f.includes(heavy)), [], heavy);
      }
    });

    it('the bin shim runs the CLI', function () {
      const shim = path.join(REPO, 'bin', 'flow-vault.js');
      const built = path.join(REPO, 'out', 'src', 'cli', 'main.js');
      assert.ok(fs.existsSync(built), `${built} is built by npm run build`);
      assert.ok((fs.statSync(shim).mode & 0o111) !== 0, 'bin/flow-vault.js is executable');
      const dir = copyFixtures(tempDir(), ['planted.robin']);
      const r = spawnSync(process.execPath, [shim, 'lint', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(json(r.stdout)[0]!.messages.length, 1);
    });
  });
});
