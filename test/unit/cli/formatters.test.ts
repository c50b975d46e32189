/**
 * The three formatters on a hand-built report: shapes, exact positions, SARIF schema validity,
 * zip entries as nested artifacts, and no secret anywhere.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatters, type Report } from '../../../src/cli/formatters';
import { toJsonResults } from '../../../src/cli/formatters/json';
import { toSarif } from '../../../src/cli/formatters/sarif';
import { sarifErrors } from './sarif-schema';

const SECRET = 'Summer2024!';
const cwd = path.resolve('/project');

function report(): Report {
  return {
    cwd,
    filesLinted: 3,
    tool: { name: 'Flow Vault', version: '0.1.0', informationUri: 'https://example.invalid/flow-vault' },
    rules: [
      { id: 'secret-in-password-argument', description: 'Password arguments hold a literal', docs: '# Title\n\nA password argument written as a literal.\n\nUse a credential.', defaultSeverity: 'error', fixable: true },
      { id: 'secret-in-web-request', description: 'Authorization header holds a literal', docs: 'https://example.invalid/docs/secret-in-web-request', defaultSeverity: 'warning', fixable: false },
    ],
    readErrors: [{ path: 'locked.robin', absolutePath: path.join(cwd, 'locked.robin'), message: 'Cannot read the file: permission denied.' }],
    files: [
      {
        path: 'flows/login flow.robin',
        absolutePath: path.join(cwd, 'flows', 'login flow.robin'),
        suppressed: 2,
        problems: [{ message: 'Unterminated string', start: { line: 9, column: 1 }, end: { line: 9, column: 5 } }],
        findings: [
          {
            ruleId: 'secret-in-password-argument',
            severity: 'error',
            message: 'Hard-coded password in argument Password of Email.SendEmail.AuthenticateAndSend',
            kind: 'password',
            placement: 'argument',
            fingerprint: 'fp-1',
            start: { line: 3, column: 120 },
            end: { line: 3, column: 131 },
            context: 'Email.SendEmail.AuthenticateAndSend',
            argument: 'Password',
          },
          {
            ruleId: 'secret-in-web-request',
            severity: 'warning',
            message: 'Hard-coded token in the Authorization header',
            kind: 'authorization-header',
            placement: 'embedded',
            fingerprint: 'fp-2',
            start: { line: 7, column: 40 },
            end: { line: 7, column: 60 },
          },
        ],
      },
      {
        path: 'solutions/export.zip!/customizations.xml',
        absolutePath: path.join(cwd, 'solutions', 'export.zip'),
        entry: 'customizations.xml',
        archivePath: 'solutions/export.zip',
        suppressed: 0,
        problems: [],
        findings: [
          {
            ruleId: 'secret-in-password-argument',
            severity: 'error',
            message: 'Hard-coded password in the default value of a sensitive input',
            kind: 'password',
            placement: 'input-default',
            fingerprint: 'fp-3',
            start: { line: 12, column: 7 },
            end: { line: 12, column: 18 },
            flowName: 'Orders count',
          },
        ],
      },
      { path: 'clean.robin', absolutePath: path.join(cwd, 'clean.robin'), suppressed: 0, problems: [], findings: [] },
    ],
  };
}

describe('cli formatters', () => {
  it('stylish: a block per file with aligned line:col, severity, message and rule id, then a summary', () => {
    const out = formatters.stylish!(report(), { color: false });
    const lines = out.split('\n');
    assert.equal(lines[0], 'flows/login flow.robin');
    assert.match(out, /^ +3:120 +error +Hard-coded password in argument Password of Email\.SendEmail\.AuthenticateAndSend +secret-in-password-argument$/m);
    assert.match(out, /^ +7:40 +warning +Hard-coded token in the Authorization header +secret-in-web-request$/m);
    assert.match(out, /^ +9:1 +problem +Unterminated string/m);
    assert.match(out, /^solutions\/export\.zip!\/customizations\.xml$/m);
    assert.match(out, /✖ 3 findings \(2 errors, 1 warning\) in 2 files/);
    assert.match(out, /2 findings suppressed/);
    assert.match(out, /1 file could not be read/);
    assert.ok(!out.includes('clean.robin'), 'files without findings are not listed');
    assert.ok(!out.includes('\u001b['), 'no colour codes when colour is off');
    // Rows are in line order, and the rule id column starts at the same place on each.
    const block = lines.slice(1, 4);
    assert.deepEqual(block.map((l) => l.trim().split(/\s+/)[0]), ['3:120', '7:40', '9:1']);
    const starts = block.slice(0, 2).map((l) => l.length - (l.match(/\S+$/)?.[0].length ?? 0));
    assert.equal(new Set(starts).size, 1);
    assert.match(out, /1 problem in 1 file: parts of it may not have been checked/);
  });

  it('stylish: colours when asked, and nothing at all for a clean run', () => {
    assert.match(formatters.stylish!(report(), { color: true }), /\u001b\[31merror\u001b\[39m/);
    const clean: Report = { ...report(), readErrors: [], files: [report().files[2]!] };
    assert.equal(formatters.stylish!(clean, { color: false }), '');
  });

  it('json: ESLint-like file results with 1-based positions, ruleId, severity, kind and fingerprint', () => {
    const parsed = JSON.parse(formatters.json!(report(), { color: false })) as ReturnType<typeof toJsonResults>;
    assert.equal(parsed.length, 4, 'three files and the unreadable one');
    const first = parsed[0]!;
    assert.equal(first.filePath, 'flows/login flow.robin');
    assert.deepEqual(first.messages[0], {
      ruleId: 'secret-in-password-argument',
      severity: 'error',
      kind: 'password',
      placement: 'argument',
      message: 'Hard-coded password in argument Password of Email.SendEmail.AuthenticateAndSend',
      line: 3,
      column: 120,
      endLine: 3,
      endColumn: 131,
      fingerprint: 'fp-1',
      context: 'Email.SendEmail.AuthenticateAndSend',
      argument: 'Password',
    });
    assert.equal(first.errorCount, 1);
    assert.equal(first.warningCount, 1);
    assert.equal(first.suppressedCount, 2);
    assert.deepEqual(first.problems, [{ message: 'Unterminated string', line: 9, column: 1, endLine: 9, endColumn: 5 }]);
    assert.equal(parsed[1]!.archive, 'solutions/export.zip');
    assert.equal(parsed[1]!.entry, 'customizations.xml');
    assert.equal(parsed[1]!.messages[0]!.flowName, 'Orders count');
    assert.equal(parsed[3]!.unreadable, true);
  });

  it('sarif: valid against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(formatters.sarif!(report(), { color: false })) as unknown;
    assert.deepEqual(sarifErrors(log), []);
    // The validator does reject what the schema forbids.
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    assert.notDeepEqual(sarifErrors(broken), []);
    assert.notDeepEqual(sarifErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), []);
  });

  it('sarif: driver rules with metadata, results with exact regions, fingerprints and %SRCROOT%', () => {
    const log = toSarif(report());
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    assert.equal(driver.name, 'Flow Vault');
    assert.equal(driver.version, '0.1.0');
    assert.equal(driver.informationUri, 'https://example.invalid/flow-vault');
    assert.deepEqual(
      driver.rules!.map((r) => r.id),
      ['secret-in-password-argument', 'secret-in-web-request'],
    );
    const r0 = driver.rules![0]!;
    assert.equal(r0.shortDescription!.text, 'Password arguments hold a literal');
    assert.equal(r0.fullDescription!.text, 'A password argument written as a literal.');
    assert.match(r0.help!.markdown!, /Use a credential/);
    assert.equal(r0.defaultConfiguration!.level, 'error');
    assert.equal(driver.rules![1]!.helpUri, 'https://example.invalid/docs/secret-in-web-request');
    assert.equal(driver.rules![1]!.defaultConfiguration!.level, 'warning');

    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(cwd).href + '/' } });
    const [a, b, c] = run.results!;
    assert.equal(a!.ruleId, 'secret-in-password-argument');
    assert.equal(a!.ruleIndex, 0);
    assert.equal(a!.level, 'error');
    assert.equal(b!.ruleIndex, 1);
    assert.equal(b!.level, 'warning');
    assert.deepEqual(a!.locations![0]!.physicalLocation, {
      artifactLocation: { uri: 'flows/login%20flow.robin', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 120, endLine: 3, endColumn: 131 },
    });
    assert.deepEqual(a!.partialFingerprints, { 'flowVaultFingerprint/v1': 'fp-1' });
    assert.equal(run.columnKind, 'utf16CodeUnits');

    // The zip entry: a nested artifact, with a logical location naming archive and entry.
    const loc = c!.locations![0]!;
    const idx = loc.physicalLocation!.artifactLocation!.index!;
    const entry = run.artifacts![idx]!;
    assert.equal(entry.location!.uri, 'customizations.xml');
    const parent = run.artifacts![entry.parentIndex!]!;
    assert.deepEqual(parent.location, { uri: 'solutions/export.zip', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.physicalLocation!.region, { startLine: 12, startColumn: 7, endLine: 12, endColumn: 18 });
    assert.deepEqual(
      loc.logicalLocations!.map((l) => l.fullyQualifiedName ?? l.name),
      ['solutions/export.zip!/customizations.xml', 'Orders count'],
    );

    // Problems and unreadable files are tool notifications; a read error marks the run failed.
    const inv = run.invocations![0]!;
    assert.equal(inv.executionSuccessful, false);
    assert.deepEqual(
      inv.toolExecutionNotifications!.map((n) => [n.level, n.message.text]),
      [
        ['warning', 'Unterminated string'],
        ['error', 'Cannot read the file: permission denied.'],
      ],
    );
    // No snippet anywhere.
    assert.ok(!JSON.stringify(log).includes('"snippet"'));
  });

  it('sarif: files outside the working directory get an absolute file URI', () => {
    const r = report();
    const outside = path.resolve('/elsewhere/flow.robin');
    const rep: Report = { ...r, readErrors: [], files: [{ ...r.files[0]!, path: outside, absolutePath: outside }] };
    const log = toSarif(rep);
    assert.deepEqual(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation, { uri: pathToFileURL(outside).href });
    assert.deepEqual(sarifErrors(log), []);
  });
});
