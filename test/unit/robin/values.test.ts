import { strict as assert } from 'node:assert';
import type {
  DataTableValue, ElementReference, ExpressionValue, ListValue, ObjectValue, SetStatement, TextSegment, Value,
} from '../../../src/core/robin/ast';
import { MAX_NEST, parse } from '../../../src/core/robin';
import { argValue, asAction, asString, one, rangeOf, plain } from './helpers';

function valueOf(text: string): Value {
  const s = one(text) as SetStatement;
  assert.equal(s.kind, 'set');
  return s.value;
}

function expr(v: Value): ExpressionValue {
  assert.equal(v.kind, 'expression');
  return v as ExpressionValue;
}

describe('robin values', () => {
  it('reads numbers, negative and decimal', () => {
    const text = 'SET x TO -1.5';
    assert.deepEqual(plain(valueOf(text)), { kind: 'number', range: rangeOf(text, '-1.5'), text: '-1.5' });
    assert.deepEqual(plain(valueOf('SET x TO 42')), { kind: 'number', range: { start: 9, end: 11 }, text: '42' });
  });

  it('reads True / False in any case', () => {
    assert.deepEqual(plain(valueOf('SET x TO True')), { kind: 'boolean', range: { start: 9, end: 13 }, value: true });
    assert.deepEqual(plain(valueOf('set x to FALSE')), { kind: 'boolean', range: { start: 9, end: 14 }, value: false });
  });

  it('reads lists, nested and empty', () => {
    const text = "SET x TO [1, 'a', $'''b''', [2, []]]";
    const v = valueOf(text) as ListValue;
    assert.equal(v.kind, 'list');
    assert.deepEqual(v.range, rangeOf(text, "[1, 'a', $'''b''', [2, []]]"));
    assert.deepEqual(v.items.map((i) => i.kind), ['number', 'string', 'string', 'list']);
    const inner = v.items[3] as ListValue;
    assert.deepEqual(inner.range, rangeOf(text, '[2, []]'));
    assert.deepEqual(plain(inner.items[1]), { kind: 'list', range: rangeOf(text, '[]'), items: [] });
  });

  it('reads objects with nested values', () => {
    const text = "SET x TO { 'Id': x, 'Name': { 'm': 1 } }";
    const v = valueOf(text) as ObjectValue;
    assert.equal(v.kind, 'object');
    assert.deepEqual(v.range, { start: 9, end: text.length });
    assert.equal(v.entries.length, 2);
    assert.equal((asString(v.entries[0].key).segments[0] as TextSegment).value, 'Id');
    assert.deepEqual(v.entries[0].key.range, rangeOf(text, "'Id'"));
    assert.deepEqual(expr(v.entries[0].value).variables, ['x']);
    assert.equal(v.entries[1].value.kind, 'object');
    assert.deepEqual(v.entries[1].value.range, rangeOf(text, "{ 'm': 1 }"));
  });

  it('reads the empty object {{ }}', () => {
    const text = 'SET x TO {{ }}';
    assert.deepEqual(plain(valueOf(text)), { kind: 'object', range: rangeOf(text, '{{ }}'), entries: [] });
    assert.deepEqual(plain(valueOf('SET x TO {}')), { kind: 'object', range: { start: 9, end: 11 }, entries: [] });
  });

  it('reads data tables with a header and rows', () => {
    const text = "SET t TO { ^['Name', 'Start Time'], [$'''''', $''''''], [x, 2] }";
    const v = valueOf(text) as DataTableValue;
    assert.equal(v.kind, 'datatable');
    assert.deepEqual(v.range, { start: 9, end: text.length });
    assert.equal(v.header.length, 2);
    assert.deepEqual(v.header[1].range, rangeOf(text, "'Start Time'"));
    assert.equal(v.rows.length, 2);
    assert.deepEqual(v.rows[0].map((c) => c.kind), ['string', 'string']);
    assert.deepEqual(v.rows[1].map((c) => c.kind), ['expression', 'number']);
    const headerOnly = valueOf("SET t TO { ^['A', 'B'] }") as DataTableValue;
    assert.equal(headerOnly.kind, 'datatable');
    assert.deepEqual(headerOnly.rows, []);
  });

  it("reads appmask['Screen']['Element'] with escaped quotes as an element reference", () => {
    const text = "WebAutomation.PopulateTextField.PopulateTextField Control: appmask['Input password \\'password\\'']['Txt_Pwd'] Text: $'''x'''";
    const a = asAction(one(text));
    const el = argValue(a, 'Control') as ElementReference;
    assert.deepEqual(plain(el), {
      kind: 'element',
      range: rangeOf(text, "appmask['Input password \\'password\\'']['Txt_Pwd']"),
      repository: 'appmask',
      names: ["Input password 'password'", 'Txt_Pwd'],
    });
  });

  it('treats an IMPORT alias as an element repository, and other roots as variables', () => {
    const script = parse("IMPORT 'imageRepo.imgrepo' AS imgrepo\nMouseAndKeyboard.MoveMouseToImage Image: imgrepo['Image 1'] X: Config_Object['a']['b']");
    assert.deepEqual(script.messages, []);
    const a = asAction(script.statements[1]);
    assert.equal(argValue(a, 'Image').kind, 'element');
    const x = expr(argValue(a, 'X'));
    assert.deepEqual(x.variables, ['Config_Object']);
    assert.equal(x.strings.length, 2);
  });

  it('reads enums Module.Type.Value', () => {
    const text = 'Text.SplitText.Split Text: x StandardDelimiter: Text.StandardDelimiter.NewLine';
    const a = asAction(one(text));
    assert.deepEqual(plain(argValue(a, 'StandardDelimiter')), { kind: 'enum', range: rangeOf(text, 'Text.StandardDelimiter.NewLine'), text: 'Text.StandardDelimiter.NewLine' });
  });

  it('reads variables and property paths as expressions with their root variable', () => {
    const text = 'SET x TO obj.a.b';
    const v = expr(valueOf(text));
    assert.deepEqual(plain(v), { kind: 'expression', range: rangeOf(text, 'obj.a.b'), text: 'obj.a.b', strings: [], variables: ['obj'] });
    assert.deepEqual(expr(valueOf('SET x TO y')).variables, ['y']);
    assert.deepEqual(expr(valueOf('SET x TO GLOBAL.txt_Name')).variables, ['txt_Name']);
    assert.deepEqual(expr(valueOf("SET x TO GLOBAL.obj_Config['x']")).variables, ['obj_Config']);
  });

  it('reads arithmetic, comparison, index and call expressions', () => {
    const text = "SET x TO 'Folder: ' + path + Row['Amount'] * Items[-1]";
    const v = expr(valueOf(text));
    assert.deepEqual(v.range, { start: 9, end: text.length });
    assert.equal(v.text, "'Folder: ' + path + Row['Amount'] * Items[-1]");
    assert.deepEqual(v.strings.map((s) => s.range), [rangeOf(text, "'Folder: '"), rangeOf(text, "'Amount'")]);
    assert.deepEqual(v.variables, ['path', 'Row', 'Items']);
    const c = expr(valueOf("SET x TO Contains(a, $'''b''', False) AND NOT(n >= 5) OR x <> 'y'"));
    assert.deepEqual(c.variables, ['a', 'n', 'x']);
    assert.equal(c.strings.length, 2);
    const n = expr(valueOf('SET x TO Items[Items.Count - 1]'));
    assert.deepEqual(n.variables, ['Items']);
  });

  it('reads parenthesised conditions', () => {
    const text = "IF (WorkItem_Status = 'Fail' AND Count >= Max['W']) = True THEN\nEND";
    const script = parse(text);
    assert.deepEqual(script.messages, []);
    const s = script.statements[0];
    assert.equal(s.kind, 'control');
    const cond = s.kind === 'control' ? s.condition : undefined;
    assert.ok(cond && cond.kind === 'expression');
    assert.equal(cond.text, "(WorkItem_Status = 'Fail' AND Count >= Max['W']) = True");
    assert.deepEqual(cond.variables, ['WorkItem_Status', 'Count', 'Max']);
  });

  it('stops an argument value at the next argument name', () => {
    const text = 'Variables.RemoveItemFromList.RemoveItemFromListByIndex ItemIndex: List_SubflowNames.Count - 1 List: List_SubflowNames';
    const a = asAction(one(text));
    assert.deepEqual(argValue(a, 'ItemIndex').range, rangeOf(text, 'List_SubflowNames.Count - 1'));
    assert.deepEqual(argValue(a, 'List').range, rangeOf(text, 'List_SubflowNames', 1));
  });

  it(`caps nesting at ${MAX_NEST} levels without overflowing the stack`, () => {
    for (const open of ['[', '{', '(']) {
      const text = 'SET x TO ' + open.repeat(10000) + '1';
      const script = parse(text);
      assert.equal(script.statements.length, 1);
      assert.ok(script.messages.length >= 1 && script.messages.length <= 2, `${open}: ${script.messages.length} messages`);
    }
    const closed = 'SET x TO ' + '['.repeat(10000) + ']'.repeat(10000);
    const script = parse(closed);
    assert.equal(script.statements[0].kind, 'set');
    assert.equal(script.messages.length, 1);
    assert.match(script.messages[0].message, /Nesting deeper/);
    let v = (script.statements[0] as SetStatement).value;
    let depth = 0;
    while (v.kind === 'list') {
      depth++;
      v = v.items[0];
    }
    assert.equal(depth, MAX_NEST);
    assert.equal(v.kind, 'expression');
  });

  it('keeps strings found in a value it could not read', () => {
    const text = "A.B X: [1, 2 $'''secret''' Y: 2";
    const script = parse(text);
    const a = asAction(script.statements[0]);
    const x = argValue(a, 'X');
    assert.equal(x.kind, 'expression');
    assert.deepEqual(x.kind === 'expression' && x.strings.map((s) => s.range), [rangeOf(text, "$'''secret'''")]);
    assert.ok(script.messages.length > 0);
  });
});
