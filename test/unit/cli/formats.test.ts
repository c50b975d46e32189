/**
 * The CLI on the formats beyond Robin files and customizations.xml: Workflows JSON files whose
 * definition is packed (unpacked and inside a solution zip), `.flow` and `.pad` files, the
 * configuration's robinFileGlobs, and binary files (counted once, not reported one by one).
 */
import * as assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import type { JsonFileResult } from '../../../src/cli/formatters/json';
import { cleanup, runCli, tempDir, write } from './helpers';
import { sarifErrors } from './sarif-schema';
import {
  PACKED_JSON_ENTRY, PACKED_SECRET, PNG_BYTES, STUB_WORKFLOW_JSON, packedWorkflowJson, secretPosition, solutionZipWithPackage,
} from '../../support/workflow-package';

const FLOW_SECRET = 'Flow-File-5521';
const PAD_SECRET = 'Pad-File-6632';
const RPA_SECRET = 'Rpa-Glob-7743';
const SECRETS = [PACKED_SECRET, FLOW_SECRET, PAD_SECRET, RPA_SECRET];

function noSecret(...outputs: string[]): void {
  for (const out of outputs) for (const s of SECRETS) assert.ok(!out.includes(s), `a secret leaked: ${s.slice(0, 3)}…`);
}

/** A project with every format: an unpacked solution, a solution zip, .flow/.pad files, image data. */
function project(): string {
  const dir = tempDir('fv-formats-');
  write(dir, 'solution/Workflows/RPAChallenge-1.json', packedWorkflowJson());
  write(dir, 'solution/Workflows/Stub-2.json', STUB_WORKFLOW_JSON);
  write(dir, 'exports/Solution_1_0.zip', solutionZipWithPackage());
  write(dir, 'flows/main.flow', `SET Password TO $'''${FLOW_SECRET}'''\n`);
  write(dir, 'flows/login.pad', `SET Password TO $'''${PAD_SECRET}'''\n`);
  write(dir, 'images/data/ImageRepository_1.txt', PNG_BYTES);
  return dir;
}

describe('flow-vault lint: packed Workflows JSON, .flow/.pad, robinFileGlobs, binary files', function () {
  this.timeout(60_000);
  after(cleanup);

  it('stylish: findings inside the packed script at the JSON file, .flow and .pad as Robin, one line for binary files', () => {
    const dir = project();
    const r = runCli(['lint', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const at = secretPosition();
    const lines = r.stdout.split('\n');
    const block = (path: string): string => {
      const i = lines.indexOf(path);
      assert.ok(i >= 0, `no block for ${path} in:\n${r.stdout}`);
      return lines[i + 1]!;
    };
    assert.match(block('solution/Workflows/RPAChallenge-1.json!/script.robin'), new RegExp(`^\\s*${at.line}:${at.column}\\s+error\\s.*secret-in-password-argument$`));
    assert.match(block(`exports/Solution_1_0.zip!/${PACKED_JSON_ENTRY}!/script.robin`), new RegExp(`^\\s*${at.line}:${at.column}\\s+error`));
    assert.match(block('flows/main.flow'), /secret-in-variable/);
    assert.match(block('flows/login.pad'), /secret-in-variable/);
    assert.doesNotMatch(r.stdout, /Stub-2|NUL bytes|ImageRepository/);
    // Two PNG entries in the zip, one image file in a folder: counted on one line.
    assert.equal(lines.filter((l) => /binary/.test(l)).length, 1);
    assert.match(r.stdout, /^ {2}3 binary files skipped \(not text: image repository data and the like\)$/m);
    noSecret(r.stdout, r.stderr);
  });

  it('without binary files: no binary line', () => {
    const dir = tempDir('fv-formats-');
    write(dir, 'flows/main.flow', `SET Password TO $'''${FLOW_SECRET}'''\n`);
    const r = runCli(['lint', '.'], dir);
    assert.doesNotMatch(r.stdout, /binary/);
  });

  it('names why a binary file or a stub named on the command line is not linted', () => {
    const dir = project();
    const r = runCli(['lint', 'images/data/ImageRepository_1.txt', 'solution/Workflows/Stub-2.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /images\/data\/ImageRepository_1\.txt\n\s+problem\s+Not linted: the file contains NUL bytes\./);
    assert.match(r.stdout, /Stub-2\.json\n\s+problem\s+Not linted: this Workflows JSON holds no packed definition/);
    assert.doesNotMatch(r.stdout, /binary files? skipped/);
  });

  it('SARIF: valid, the packed script nested in the JSON (and in the zip), the binary count in the run properties', () => {
    const dir = project();
    const r = runCli(['lint', '--format', 'sarif', '.'], dir);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    assert.deepEqual(sarifErrors(log), []);
    const run = log.runs[0]!;
    assert.equal(run.properties?.binaryFilesSkipped, 3);
    const artifacts = run.artifacts!;
    const packed = run.results!.filter((x) => x.ruleId === 'secret-in-password-argument');
    assert.equal(packed.length, 2);
    const at = secretPosition();
    const names = packed.map((x) => x.locations![0]!.logicalLocations![0]!.fullyQualifiedName).sort();
    assert.deepEqual(names, [
      `exports/Solution_1_0.zip!/${PACKED_JSON_ENTRY}!/script.robin`,
      'solution/Workflows/RPAChallenge-1.json!/script.robin',
    ]);
    for (const x of packed) {
      const loc = x.locations![0]!.physicalLocation!;
      assert.equal(loc.region!.startLine, at.line);
      assert.equal(loc.region!.startColumn, at.column);
      assert.equal(loc.region!.endColumn, at.column + PACKED_SECRET.length);
      const entry = artifacts[loc.artifactLocation!.index!]!;
      assert.equal(entry.location!.uri, 'script.robin');
      const json = artifacts[entry.parentIndex!]!;
      assert.equal(json.mimeType, 'application/json');
      assert.match(json.location!.uri!, /RPAChallenge-[^/]*\.json$/);
    }
    const inZip = artifacts.find((a) => a.location?.uri === PACKED_JSON_ENTRY)!;
    assert.equal(artifacts[inZip.parentIndex!]!.mimeType, 'application/zip');
    noSecret(r.stdout, r.stderr);
  });

  it('JSON: the packed script as an entry of its JSON file, with line and column inside it', () => {
    const dir = project();
    const r = runCli(['lint', '--format', 'json', 'solution'], dir);
    const results = JSON.parse(r.stdout) as JsonFileResult[];
    assert.deepEqual(results.map((f) => f.filePath), ['solution/Workflows/RPAChallenge-1.json!/script.robin']);
    const [file] = results;
    assert.equal(file!.archive, 'solution/Workflows/RPAChallenge-1.json');
    assert.equal(file!.entry, 'script.robin');
    assert.deepEqual([file!.messages[0]!.line, file!.messages[0]!.column], [secretPosition().line, secretPosition().column]);
    noSecret(r.stdout, r.stderr);
  });

  it('robinFileGlobs in .flowvaultrc.json: matching files are flows when their content is Robin', () => {
    const dir = tempDir('fv-formats-');
    write(dir, 'flows/login.rpa', `SET Password TO $'''${RPA_SECRET}'''\n`);
    write(dir, 'flows/notes.rpa', 'Meeting notes\nThe password is in the vault.\n');
    const before = runCli(['lint', '--format', 'json', '.'], dir);
    assert.deepEqual(JSON.parse(before.stdout), [], before.stderr);
    write(dir, '.flowvaultrc.json', '{ "robinFileGlobs": ["**/*.rpa"] }');
    const after = runCli(['lint', '--format', 'json', '.'], dir);
    assert.equal(after.code, 0, after.stderr);
    const results = JSON.parse(after.stdout) as JsonFileResult[];
    assert.deepEqual(results.map((f) => [f.filePath, f.messages.map((m) => m.ruleId)]), [['flows/login.rpa', ['secret-in-variable']]]);
    noSecret(after.stdout, after.stderr);
  });

  it('a robinFileGlobs that is not an array of globs stops the run with a message', () => {
    const dir = tempDir('fv-formats-');
    write(dir, 'flows/main.flow', "SET x TO 1\n");
    write(dir, '.flowvaultrc.json', '{ "robinFileGlobs": "**/*.rpa" }');
    const r = runCli(['lint', '.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /'robinFileGlobs' must be an array of glob strings/);
  });
});
