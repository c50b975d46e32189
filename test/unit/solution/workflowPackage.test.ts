import { strict as assert } from 'node:assert';
import { lintBytes, lintText, parseConfig, resolveConfig } from '../../../src/core/lint';
import { detectFormat, isWorkflowJsonPath, readWorkflowPackage } from '../../../src/core/solution';
import { makeZip } from '../../support/zip-writer';
import {
  PACKED_JSON_ENTRY, PACKED_SCRIPT, PACKED_SECRET, PNG_BYTES, STUB_WORKFLOW_JSON,
  packedWorkflowJson, secretPosition, solutionZipWithPackage,
} from '../../support/workflow-package';

const CLEAN_SCRIPT = "SET Server TO $'''smtp.contoso.com'''\r\nDisplay.ShowMessageDialog.ShowMessage Message: Server\r\n";

/** A Workflows JSON whose package is the given base64 text. */
function withPackage(b64: string): string {
  return JSON.stringify({ properties: { definition: { package: b64 } }, schemaversion: 'ROBIN_20211012' });
}

describe('solution/readWorkflowPackage (Workflows/*.json of older exports)', () => {
  it('unpacks script.robin from the base64 zip, with the range of the package string', () => {
    const json = packedWorkflowJson();
    const pack = readWorkflowPackage(json);
    assert.ok(pack);
    assert.equal(pack.script, PACKED_SCRIPT);
    assert.deepEqual(pack.problems, []);
    const value = json.slice(pack.range.start, pack.range.end);
    assert.ok(value.startsWith('"UEsDB') && value.endsWith('"'), 'the whole string value, quotes included');
  });

  it('leaves alone, quietly, what has no package: the modern stub, a cloud flow, text that is not JSON', () => {
    assert.equal(readWorkflowPackage(STUB_WORKFLOW_JSON), undefined);
    assert.equal(readWorkflowPackage('{"properties":{"definition":{"$schema":"x","actions":{}}}}'), undefined);
    assert.equal(readWorkflowPackage('{"properties":{"definition":{"package":null}}}'), undefined);
    assert.equal(readWorkflowPackage('not json "package"'), undefined);
  });

  it('says why a package cannot be read, at the package, never quoting it', () => {
    const notBase64 = readWorkflowPackage(withPackage('UEsDB%%%notbase64'));
    assert.ok(notBase64 && notBase64.script === undefined);
    assert.match(notBase64.problems[0]!.message, /not base64/);
    assert.deepEqual(notBase64.problems[0]!.range, notBase64.range);

    const notZip = readWorkflowPackage(withPackage(Buffer.from('hello, not a zip at all').toString('base64')));
    assert.ok(notZip && notZip.script === undefined);
    assert.match(notZip.problems[0]!.message, /not a zip archive/);

    const noScript = readWorkflowPackage(withPackage(makeZip([{ name: 'flow.manifest', data: '{}' }]).toString('base64')));
    assert.ok(noScript && noScript.script === undefined);
    assert.match(noScript.problems[0]!.message, /holds no script\.robin/);

    const binaryScript = readWorkflowPackage(withPackage(makeZip([{ name: 'script.robin', data: PNG_BYTES }]).toString('base64')));
    assert.ok(binaryScript && binaryScript.script === undefined);
    assert.match(binaryScript.problems[0]!.message, /NUL bytes/);
  });

  it('reads the package within the zip limits (a script over the entry limit is refused)', () => {
    const pack = readWorkflowPackage(packedWorkflowJson(), { maxEntryBytes: 16 });
    assert.ok(pack && pack.script === undefined);
    assert.match(pack.problems[0]!.message, /script\.robin' refused: its uncompressed size/);
  });
});

describe('solution/detectFormat for the formats of older exports and plain Robin files', () => {
  it('says workflow-json for JSON files in a Workflows folder only', () => {
    assert.equal(isWorkflowJsonPath('sol/Workflows/A-1.json'), true);
    assert.equal(isWorkflowJsonPath('sol.zip!/Workflows/A-1.json'), true);
    assert.equal(isWorkflowJsonPath('sol\\workflows\\A-1.JSON'), true);
    assert.equal(detectFormat('sol/Workflows/A-1.json', STUB_WORKFLOW_JSON), 'workflow-json');
    assert.equal(detectFormat('sol/other/A-1.json', STUB_WORKFLOW_JSON), 'other');
    assert.equal(detectFormat('package.json', '{"name":"x"}'), 'other');
  });

  it('says robin for .flow and .pad files', () => {
    assert.equal(detectFormat('flows/main.flow', CLEAN_SCRIPT), 'robin');
    assert.equal(detectFormat('flows/MAIN.PAD', CLEAN_SCRIPT), 'robin');
    assert.equal(detectFormat('flows/main.flowx', CLEAN_SCRIPT), 'other');
  });

  it('recognises Robin by content in the files the configuration names, and only there', () => {
    const maybeRobin = (p: string): boolean => p.endsWith('.rpa');
    assert.equal(detectFormat('a.rpa', CLEAN_SCRIPT, { maybeRobin }), 'robin');
    assert.equal(detectFormat('notes.rpa', 'Meeting notes\nAction items: Bob, Alice\n', { maybeRobin }), 'other');
    assert.equal(detectFormat('a.rpa', CLEAN_SCRIPT), 'other');
    assert.equal(detectFormat('a.md', CLEAN_SCRIPT, { maybeRobin }), 'other');
  });
});

describe('lint: the definition packed in a Workflows JSON', () => {
  it('finds the hard-coded password inside script.robin, at the script\'s offsets, with the package range', () => {
    const json = packedWorkflowJson();
    const result = lintText('sol/Workflows/RPA-1.json', json);
    assert.equal(result.path, 'sol/Workflows/RPA-1.json!/script.robin');
    assert.equal(result.text, PACKED_SCRIPT);
    assert.equal(result.findings.length, 1);
    const f = result.findings[0]!;
    assert.equal(f.ruleId, 'secret-in-password-argument');
    assert.equal(PACKED_SCRIPT.slice(f.range.start, f.range.end), PACKED_SECRET);
    assert.ok(!f.message.includes(PACKED_SECRET));
    assert.ok(result.packedAt && json.slice(result.packedAt.start, result.packedAt.start + 6) === '"UEsDB');
  });

  it('finds nothing in a clean packed script, and gives an empty result for the stub', () => {
    const clean = lintText('sol/Workflows/RPA-1.json', packedWorkflowJson(CLEAN_SCRIPT));
    assert.deepEqual(clean.findings, []);
    assert.deepEqual(clean.problems, []);
    assert.deepEqual(lintText('sol/Workflows/Stub.json', STUB_WORKFLOW_JSON), { path: 'sol/Workflows/Stub.json', findings: [], problems: [], suppressed: 0 });
  });

  it('reads the packed JSON inside a solution zip; the stub gives no result; PNG image data is skipped without a problem', () => {
    const results = lintBytes('sol.zip', solutionZipWithPackage());
    const packed = results.find((r) => r.path === `sol.zip!/${PACKED_JSON_ENTRY}!/script.robin`);
    assert.ok(packed, results.map((r) => r.path).join(', '));
    assert.equal(packed.findings.length, 1);
    assert.equal(packed.text, PACKED_SCRIPT);
    const at = secretPosition();
    assert.equal(PACKED_SCRIPT.split('\r\n')[at.line - 1]!.slice(at.column - 1).startsWith(PACKED_SECRET), true);
    assert.ok(!results.some((r) => r.path.includes('Stub-')), 'the stub is skipped quietly');
    const binary = results.filter((r) => r.skippedBinary);
    assert.equal(binary.length, 2);
    for (const r of binary) assert.deepEqual([r.findings, r.problems], [[], []]);
    assert.deepEqual(results.flatMap((r) => r.problems), []);
  });

  it('lints a packed script without findings in a zip as a clean file', () => {
    const results = lintBytes('sol.zip', solutionZipWithPackage(CLEAN_SCRIPT));
    const packed = results.find((r) => r.path.endsWith('!/script.robin'));
    assert.ok(packed);
    assert.deepEqual(packed.findings, []);
  });

  it('lints files of robinFileGlobs as Robin when their content is Robin, also inside zips', () => {
    const config = resolveConfig({ robinFileGlobs: ['**/*.rpa'] });
    const robin = "SET Password TO $'''Rpa-Glob-771'''\n";
    assert.equal(lintText('flows/a.rpa', robin, { config }).findings.length, 1);
    assert.equal(lintText('flows/a.rpa', robin).findings.length, 0, 'not without the setting');
    assert.equal(lintText('flows/notes.rpa', 'Password: see the wiki\n', { config }).findings.length, 0);
    const zip = makeZip([{ name: 'flows/a.rpa', data: robin }]);
    assert.equal(lintBytes('s.zip', zip, { config }).flatMap((r) => r.findings).length, 1);
    assert.equal(lintBytes('s.zip', zip).flatMap((r) => r.findings).length, 0);
  });
});

describe('config: robinFileGlobs', () => {
  it('reads an array of globs, and says what is wrong with anything else', () => {
    const good = parseConfig('{ "robinFileGlobs": ["**/*.rpa", "flows/**"] }');
    assert.deepEqual(good.problems, []);
    assert.deepEqual(resolveConfig(good.config).robinFileGlobs, ['**/*.rpa', 'flows/**']);
    const notArray = parseConfig('{ "robinFileGlobs": "**/*.rpa" }', 'rc.json');
    assert.deepEqual(notArray.problems.map((p) => p.message), ["rc.json: 'robinFileGlobs' must be an array of glob strings."]);
    const empty = parseConfig('{ "robinFileGlobs": ["", "**/*.rpa"] }', 'rc.json');
    assert.match(empty.problems[0]!.message, /'robinFileGlobs' entry "" is not a valid glob/);
    assert.deepEqual(resolveConfig(empty.config).robinFileGlobs, ['**/*.rpa']);
    assert.deepEqual(resolveConfig().robinFileGlobs, []);
  });
});
