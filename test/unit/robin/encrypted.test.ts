/**
 * Direct-encrypted values `P'<base64>'` (pad-formats §2.1): one value wherever a value can stand,
 * with the arguments after it intact; the blob is never decoded or copied.
 */
import { strict as assert } from 'node:assert';
import type { CallStatement, EncryptedValue, SetStatement, Value, VariableDeclaration } from '../../../src/core/robin/ast';
import { forEachScriptValue, parse } from '../../../src/core/robin';
import { argValue, asAction, one, parseClean, rangeOf } from './helpers';

const BLOB = 'AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAAexample+/==';
const ENC = `P'${BLOB}'`;

function encrypted(text: string, v: Value | undefined, nth = 0): EncryptedValue {
  assert.ok(v && v.kind === 'encrypted', `expected an encrypted value, got ${v?.kind}`);
  const r = rangeOf(text, ENC, nth);
  assert.deepEqual(v, { kind: 'encrypted', range: r, contentRange: { start: r.start + 2, end: r.end - 1 } });
  return v as EncryptedValue;
}

describe("robin direct-encrypted values P'…'", () => {
  it('reads the value and every argument after it, with exact ranges', () => {
    const text = `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: NewBrowser Control: appmask['Web Page \\'h\\'']['Input password'] Text: ${ENC} Mode: WebAutomation.PopulateTextMode.Replace EmulateTyping: True UnfocusAfterPopulate: False WaitForPageToLoadTimeout: 60`;
    const a = asAction(one(text));
    assert.deepEqual(a.args.map((x) => x.name), ['BrowserInstance', 'Control', 'Text', 'Mode', 'EmulateTyping', 'UnfocusAfterPopulate', 'WaitForPageToLoadTimeout']);
    encrypted(text, argValue(a, 'Text'));
    const byName = new Map(a.args.map((x) => [x.name, x] as const));
    assert.deepEqual(byName.get('Text')?.range, rangeOf(text, `Text: ${ENC}`));
    assert.deepEqual(byName.get('Mode')?.range, rangeOf(text, 'Mode: WebAutomation.PopulateTextMode.Replace'));
    assert.deepEqual(argValue(a, 'Mode').range, rangeOf(text, 'WebAutomation.PopulateTextMode.Replace'));
    assert.deepEqual(byName.get('EmulateTyping')?.range, rangeOf(text, 'EmulateTyping: True'));
    assert.deepEqual(argValue(a, 'EmulateTyping'), { kind: 'boolean', range: rangeOf(text, 'True'), value: true });
    assert.deepEqual(byName.get('UnfocusAfterPopulate')?.range, rangeOf(text, 'UnfocusAfterPopulate: False'));
    assert.deepEqual(byName.get('WaitForPageToLoadTimeout')?.range, rangeOf(text, 'WaitForPageToLoadTimeout: 60'));
    assert.deepEqual(argValue(a, 'WaitForPageToLoadTimeout'), { kind: 'number', range: rangeOf(text, '60'), text: '60' });
    assert.equal(a.range.end, text.length);
  });

  it('is one value in SET, CALL arguments, @INPUT properties, annotations and conditions', () => {
    const text = [
      `@@Secret: ${ENC}`,
      `@INPUT pw : { 'DefaultValue': ${ENC}, 'Type': 'Text' }`,
      `SET x TO ${ENC}`,
      `CALL Login Pwd: ${ENC} User: $'''u'''`,
      `IF (Custom.Check.Run Key: ${ENC}) THEN`,
      'END',
      `SET l TO [${ENC}, 1]`,
      '',
    ].join('\n');
    const script = parseClean(text);
    const found: EncryptedValue[] = [];
    forEachScriptValue(script, (v) => { if (v.kind === 'encrypted') found.push(v); });
    assert.equal(found.length, 6);
    found.forEach((v, i) => encrypted(text, v, i));
    const decl = script.statements.find((s) => s.kind === 'input') as VariableDeclaration;
    assert.deepEqual(decl.properties?.entries.map((e) => e.value.kind), ['encrypted', 'string']);
    encrypted(text, (script.statements.find((s) => s.kind === 'set') as SetStatement).value, 2);
    const call = script.statements.find((s) => s.kind === 'call') as CallStatement;
    assert.deepEqual(call.args.map((x) => [x.name, x.value?.kind]), [['Pwd', 'encrypted'], ['User', 'string']]);
  });

  it('an unterminated value runs to the end of its line, with a message that does not quote it', () => {
    const text = `SET x TO P'${BLOB}\nSET y TO 1`;
    const script = parse(text);
    const v = (script.statements[0] as SetStatement).value;
    assert.equal(v.kind, 'encrypted');
    assert.deepEqual(v.range, { start: 9, end: text.indexOf('\n') });
    assert.equal(script.statements[1].kind, 'set');
    assert.equal(script.messages.length, 1);
    assert.ok(!script.messages[0].message.includes(BLOB.slice(0, 8)));
  });

  it('negative: a variable P, P then a space and a string, %P%, lower-case p', () => {
    const v1 = (one('SET x TO P') as SetStatement).value;
    assert.deepEqual(v1.kind === 'expression' && v1.variables, ['P']);
    const a = asAction(one("Custom.Thing.Do Foo: P Bar: 'b'"));
    assert.deepEqual(a.args.map((x) => [x.name, x.value?.kind]), [['Foo', 'expression'], ['Bar', 'string']]);
    const s = parse("SET x TO P 'abc'");
    assert.ok(!JSON.stringify(s.statements).includes('"encrypted"'));
    const pct = one("SET x TO $'''%P%'''") as SetStatement;
    assert.equal(pct.value.kind, 'string');
    const lower = parse("SET x TO p'abc'");
    assert.ok(!JSON.stringify(lower.statements).includes('"encrypted"'));
  });
});
