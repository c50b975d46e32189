/**
 * lintFile: the one way a file from disk is classified and linted, by `flow-vault lint` and by
 * the editor's workspace scan. Files found (not named) are linted only when they are flows.
 */
import * as assert from 'node:assert/strict';
import { lintBytes, lintFile, NO_PACKAGE, NOT_A_FLOW } from '../../../src/core/lint';
import { STUB_WORKFLOW_JSON } from '../../support/workflow-package';

const SECRET = 'Utf16-Pw9';
const ROBIN = `SET Greeting TO $'''hello'''\r\nSET DbPassword TO $'''${SECRET}'''\r\n`;
const NOTES = 'Meeting notes\r\nThe password policy is discussed on Monday.\r\n';

const utf16le = (s: string, bom: boolean) => new Uint8Array(Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(s, 'utf16le')]));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('lintFile: classify, decode once, lint', () => {
  for (const bom of [true, false]) {
    it(`a UTF-16 Robin .txt ${bom ? 'with' : 'without'} a BOM, found in a folder: a flow, the password found in the decoded text`, () => {
      const linted = lintFile('flows/copied.txt', utf16le(ROBIN, bom));
      assert.equal(linted.kind, 'flow');
      assert.equal(linted.text, ROBIN);
      assert.equal(linted.results.length, 1);
      const [{ result, text }] = linted.results;
      assert.equal(text, ROBIN);
      assert.deepEqual(result.findings.map((f) => [f.ruleId, text.slice(f.range.start, f.range.end)]), [['secret-in-variable', SECRET]]);
    });
  }

  it('a UTF-16 .txt that is not Robin, found in a folder: not a flow, not linted (negative case)', () => {
    const linted = lintFile('notes/minutes.txt', utf16le(NOTES, true));
    assert.deepEqual(linted, { kind: 'other', results: [] });
  });

  it('a text file named by the user that is not a flow: says so', () => {
    const linted = lintFile('notes/minutes.txt', utf8(NOTES), { explicit: true });
    assert.equal(linted.kind, 'other');
    assert.deepEqual(linted.results.map((r) => r.result.problems.map((p) => p.message)), [[NOT_A_FLOW]]);
  });

  it('a binary file: skipped when found, a problem when named', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]);
    assert.deepEqual(lintFile('image.robin', png), { kind: 'binary', results: [] });
    const named = lintFile('image.robin', png, { explicit: true });
    assert.equal(named.kind, 'binary');
    assert.deepEqual(named.results.map((r) => r.result.problems.map((p) => p.message)), [['Not linted: the file contains NUL bytes.']]);
  });

  it('a Workflows JSON without a packed definition: skipped when found, explained when named', () => {
    assert.deepEqual(lintFile('sol/Workflows/Newer-1.json', utf8(STUB_WORKFLOW_JSON)), { kind: 'other', text: STUB_WORKFLOW_JSON, results: [] });
    const named = lintFile('sol/Workflows/Newer-1.json', utf8(STUB_WORKFLOW_JSON), { explicit: true });
    assert.deepEqual(named.results.map((r) => r.result.problems.map((p) => p.message)), [[NO_PACKAGE]]);
  });

  it('mayHoldRobin (the host\'s own glob setting): Robin content is linted whatever the name; other content is not', () => {
    const robin = lintFile('scripts/login.cfg', utf8(ROBIN), { mayHoldRobin: true });
    assert.equal(robin.kind, 'flow');
    assert.equal(robin.results[0]!.result.findings.length, 1);
    assert.equal(lintFile('scripts/login.cfg', utf8(ROBIN)).kind, 'other');
    assert.equal(lintFile('scripts/notes.cfg', utf8(NOTES), { mayHoldRobin: true }).kind, 'other');
  });

  it('bytes that are not valid UTF-8: linted, with a problem that says so', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from("SET Greeting TO $'''h"), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from("'''\n")]));
    const [{ result }] = lintFile('lossy.robin', bytes).results;
    assert.deepEqual(result.problems.map((p) => p.message), ['Some bytes are not valid UTF-8 and were read as U+FFFD.']);
  });

  it('lintBytes is lintFile for a file the user named', () => {
    const bytes = utf16le(ROBIN, true);
    assert.deepEqual(lintBytes('a.txt', bytes), lintFile('a.txt', bytes, { explicit: true }).results.map((r) => r.result));
    assert.deepEqual(lintBytes('n.txt', utf8(NOTES)).map((r) => r.problems.map((p) => p.message)), [[NOT_A_FLOW]]);
  });
});
