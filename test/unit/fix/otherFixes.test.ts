/**
 * "Mark as sensitive", "Clear the default value", "Ignore" (comment and baseline): exact text.
 */
import * as assert from 'node:assert/strict';
import { addToBaseline, applyEdits, clearInputDefault, markSensitive, suppressFinding } from '../../../src/core/fix';
import { lintScript, parseBaseline } from '../../../src/core/lint';
import { parse } from '../../../src/core/robin';
import { findingAt, lines, unit } from './helpers';

function apply(text: string, result: ReturnType<typeof markSensitive>): string {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return applyEdits(text, result.edits);
}

const HEADER = ["@@ConnectionString: ''", "@@Type: 'Local'", "IMPORT 'controlRepo.appmask' AS appmask"];

describe('fix: Mark as sensitive', () => {
  it('adds the SET variable to an existing @SENSITIVE list', () => {
    const text = lines('\r\n', ...HEADER, '@SENSITIVE: [Enc_Key, Other]', "SET txt_Pwd TO $'''Sens-1'''");
    const out = apply(text, markSensitive(unit(text), findingAt(text, 'Sens-1', 'set')));
    assert.equal(out, lines('\r\n', ...HEADER, '@SENSITIVE: [Enc_Key, Other, txt_Pwd]', "SET txt_Pwd TO $'''Sens-1'''"));
  });

  it('fills an empty list', () => {
    const text = lines('\n', ...HEADER, '@SENSITIVE: []', "SET txt_Pwd TO $'''Sens-2'''");
    assert.equal(apply(text, markSensitive(unit(text), findingAt(text, 'Sens-2', 'set'))),
      lines('\n', ...HEADER, '@SENSITIVE: [txt_Pwd]', "SET txt_Pwd TO $'''Sens-2'''"));
  });

  it('creates the line after the header and IMPORT lines, before @INPUT', () => {
    const text = lines('\r\n', ...HEADER, "@INPUT In_Key : { 'Type': 'String', 'DefaultValue': 'Sens-3' }", 'WAIT 1');
    const f = findingAt(text, 'Sens-3', 'input-default', { literal: "'Sens-3'", ruleId: 'secret-in-input-default' });
    assert.equal(apply(text, markSensitive(unit(text), f)),
      lines('\r\n', ...HEADER, '@SENSITIVE: [In_Key]', "@INPUT In_Key : { 'Type': 'String', 'DefaultValue': 'Sens-3' }", 'WAIT 1'));
  });

  it('refuses in a clipboard-style file without a header, and for a variable already sensitive', () => {
    const clip = lines('\n', "SET txt_Pwd TO $'''Sens-4'''");
    const r1 = markSensitive(unit(clip), findingAt(clip, 'Sens-4', 'set'));
    assert.equal(r1.ok, false);
    if (!r1.ok) assert.match(r1.reason, /no flow header/);
    const text = lines('\n', ...HEADER, '@SENSITIVE: [TXT_PWD]', "SET txt_Pwd TO $'''Sens-5'''");
    const r2 = markSensitive(unit(text), findingAt(text, 'Sens-5', 'set'));
    assert.equal(r2.ok, false);
    const arg = lines('\n', ...HEADER, "Email.SendEmail.AuthenticateAndSend Password: $'''Sens-6'''");
    assert.equal(markSensitive(unit(arg), findingAt(arg, 'Sens-6', 'argument')).ok, false);
  });
});

describe('fix: Clear the default value', () => {
  it('empties the literal and keeps its quotes', () => {
    const text = lines('\n', ...HEADER, '@SENSITIVE: [Enc_Dec_Key]',
      "@INPUT Enc_Dec_Key : { 'Description': '', 'FriendlyName': 'Enc_Dec_Key', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'Def-12345' }");
    const f = findingAt(text, 'Def-12345', 'input-default', { literal: "'Def-12345'", ruleId: 'secret-in-input-default' });
    assert.equal(apply(text, clearInputDefault(unit(text), f)), lines('\n', ...HEADER, '@SENSITIVE: [Enc_Dec_Key]',
      "@INPUT Enc_Dec_Key : { 'Description': '', 'FriendlyName': 'Enc_Dec_Key', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' }"));
    const triple = lines('\n', "@INPUT K : { 'DefaultValue': $'''Def-2''' }");
    assert.equal(apply(triple, clearInputDefault(unit(triple), findingAt(triple, 'Def-2', 'input-default'))), lines('\n', "@INPUT K : { 'DefaultValue': $'''''' }"));
  });
});

describe('fix: Ignore (suppression comment)', () => {
  it('inserts the comment before the statement with its indentation and line ending, and the linter honours it', () => {
    const text = lines('\r\n',
      'IF x THEN',
      "\tEmail.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 25 Username: $'''u''' Password: $'''Ign-Pass-1''' From: $'''f'''",
      'END',
    );
    const before = lintScript({ script: parse(text), text, toFileOffset: (o) => o }, { path: 'a.robin' });
    const finding = before.findings.find((f) => text.slice(f.range.start, f.range.end) === 'Ign-Pass-1');
    assert.ok(finding, 'the linter reports the planted password');
    const out = apply(text, suppressFinding(unit(text), finding));
    assert.equal(out, lines('\r\n',
      'IF x THEN',
      `\t# flow-vault-disable-next-line ${finding.ruleId}`,
      "\tEmail.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 25 Username: $'''u''' Password: $'''Ign-Pass-1''' From: $'''f'''",
      'END',
    ));
    const after = lintScript({ script: parse(out), text: out, toFileOffset: (o) => o }, { path: 'a.robin' });
    assert.equal(after.findings.filter((f) => f.ruleId === finding.ruleId).length, 0);
    assert.ok(after.suppressed >= 1);
  });

  it('goes above the statement\'s @@ annotations', () => {
    const text = lines('\n', "    @@copilotGeneratedAction: 'False'", "SET pwd TO $'''Ign-2'''");
    const out = apply(text, suppressFinding(unit(text), findingAt(text, 'Ign-2', 'set', { ruleId: 'secret-in-variable' })));
    assert.equal(out, lines('\n', '    # flow-vault-disable-next-line secret-in-variable', "    @@copilotGeneratedAction: 'False'", "SET pwd TO $'''Ign-2'''"));
  });
});

describe('fix: Ignore (baseline)', () => {
  const finding = { fingerprint: 'abc123', ruleId: 'secret-in-variable', flowName: undefined };

  it('creates a baseline with the entry (no value in it)', () => {
    const r = addToBaseline(undefined, './flows\\main.robin', [finding]);
    assert.ok(r.ok);
    assert.equal(r.text, '{\n  "version": 1,\n  "findings": [\n    {\n      "fingerprint": "abc123",\n      "ruleId": "secret-in-variable",\n      "path": "flows/main.robin"\n    }\n  ]\n}\n');
  });

  it('adds to an existing baseline in sorted order, once', () => {
    const first = addToBaseline(undefined, 'b.robin', [{ fingerprint: 'z', ruleId: 'secret-in-variable', flowName: undefined }]);
    assert.ok(first.ok);
    const second = addToBaseline(first.text, 'a.xml', [{ fingerprint: 'y', ruleId: 'secret-in-input-default', flowName: 'My Flow' }]);
    assert.ok(second.ok);
    const parsed = parseBaseline(second.text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.baseline.findings.map((f) => f.path), ['a.xml', 'b.robin']);
    assert.equal(parsed.baseline.findings[0].flow, 'My Flow');
    const again = addToBaseline(second.text, 'a.xml', [{ fingerprint: 'y', ruleId: 'secret-in-input-default', flowName: 'My Flow' }]);
    assert.equal(again.ok, false);
  });

  it('leaves a broken baseline alone', () => {
    const r = addToBaseline('{ not json', 'a.robin', [finding]);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /does not overwrite/);
  });
});
