import { strict as assert } from 'node:assert';
import type { InterpolationSegment, SetStatement, TextSegment } from '../../../src/core/robin/ast';
import { parse, sourceOffsetOf, stringLiteralText } from '../../../src/core/robin';
import { asString, one, rangeOf, textOf } from './helpers';

function setValue(text: string) {
  const s = one(text) as SetStatement;
  assert.equal(s.kind, 'set');
  return asString(s.value);
}

describe('robin strings', () => {
  it('reads $\'\'\'…\'\'\' with exact ranges', () => {
    const text = "SET x TO $'''hello'''";
    const lit = setValue(text);
    assert.equal(lit.quote, "$'''");
    assert.deepEqual(lit.range, rangeOf(text, "$'''hello'''"));
    assert.deepEqual(lit.contentRange, rangeOf(text, 'hello'));
    assert.equal(lit.terminated, true);
    assert.equal(lit.segments.length, 1);
    const seg = lit.segments[0] as TextSegment;
    assert.equal(seg.kind, 'text');
    assert.equal(seg.value, 'hello');
    assert.deepEqual(seg.range, rangeOf(text, 'hello'));
    // No escapes: the map is empty, 1:1 from the segment start.
    assert.deepEqual(seg.map, []);
    assert.equal(sourceOffsetOf(seg, 0), 13);
    assert.equal(sourceOffsetOf(seg, 3), 16);
  });

  it('reads the empty string $\'\'\'\'\'\' with no segments', () => {
    const text = "SET x TO $''''''";
    const lit = setValue(text);
    assert.deepEqual(lit.segments, []);
    assert.deepEqual(lit.contentRange, { start: 13, end: 13 });
    assert.deepEqual(lit.range, { start: 9, end: 16 });
    assert.deepEqual(stringLiteralText(lit), { literal: true, text: '' });
  });

  it('decodes \\\', \\\\, \\" and %% and maps decoded indexes back to source', () => {
    const text = "SET x TO $'''a\\'b\\\\c%%d\\\"e'''";
    //                      a \' b \\ c %% d \" e
    const lit = setValue(text);
    assert.equal(lit.segments.length, 1);
    const seg = lit.segments[0] as TextSegment;
    assert.equal(seg.value, "a'b\\c%d\"e");
    const c = text.indexOf("a\\'");
    assert.deepEqual(seg.range, { start: c, end: text.length - 3 });
    // One pair at the start and one after every escape.
    assert.deepEqual(seg.map, [[0, c], [2, c + 3], [4, c + 6], [6, c + 9], [8, c + 12]]);
    const expected = [c, c + 1, c + 3, c + 4, c + 6, c + 7, c + 9, c + 10, c + 12];
    for (let i = 0; i < seg.value.length; i++) assert.equal(sourceOffsetOf(seg, i), expected[i], `index ${i}`);
    assert.equal(sourceOffsetOf(seg, seg.value.length), seg.range.end);
    // Clamped.
    assert.equal(sourceOffsetOf(seg, -5), c);
    assert.equal(sourceOffsetOf(seg, 99), seg.range.end);
    assert.deepEqual(stringLiteralText(lit), { literal: true, text: "a'b\\c%d\"e" });
  });

  it('keeps a backslash before an ordinary letter', () => {
    const lit = setValue("SET x TO $'''C:\\Temp\\\\x\\n'''");
    assert.equal((lit.segments[0] as TextSegment).value, 'C:\\Temp\\x\\n');
  });

  it('ends at the first unescaped \'\'\' (\\\'\'\'\' is an apostrophe then the close)', () => {
    const text = "Text.ToNumber Text: $'''\\'\\''''";
    const s = one(text);
    assert.equal(s.kind, 'action');
    const lit = asString(s.kind === 'action' ? s.args[0].value : undefined);
    assert.equal((lit.segments[0] as TextSegment).value, "''");
    assert.equal(lit.range.end, text.length);
  });

  it('splits %expr% interpolations, with quotes and nested brackets inside', () => {
    const text = "SET x TO $'''A %obj['x']% B %Table[0]['Status']% C %a + b%'''";
    const lit = setValue(text);
    assert.deepEqual(lit.segments.map((s) => s.kind), ['text', 'interpolation', 'text', 'interpolation', 'text', 'interpolation']);
    const i1 = lit.segments[1] as InterpolationSegment;
    assert.equal(i1.expression, "obj['x']");
    assert.deepEqual(i1.range, rangeOf(text, "%obj['x']%"));
    assert.deepEqual(i1.expressionRange, rangeOf(text, "obj['x']"));
    assert.equal(i1.value?.kind, 'expression');
    assert.deepEqual(i1.value?.kind === 'expression' && i1.value.variables, ['obj']);
    const i2 = lit.segments[3] as InterpolationSegment;
    assert.equal(i2.expression, "Table[0]['Status']");
    const t2 = lit.segments[2] as TextSegment;
    assert.equal(t2.value, ' B ');
    assert.deepEqual(t2.range, rangeOf(text, ' B '));
    assert.deepEqual(t2.map, []);
    assert.equal(sourceOffsetOf(t2, 1), t2.range.start + 1);
    const i3 = lit.segments[5] as InterpolationSegment;
    assert.equal(i3.value?.kind === 'expression' && i3.value.text, 'a + b');
    const flat = stringLiteralText(lit);
    assert.equal(flat.literal, false);
    assert.equal(flat.text, "A %obj['x']% B %Table[0]['Status']% C %a + b%");
  });

  it("reads %''% as an empty string and inlines plain quoted interpolations", () => {
    const text = "SET x TO $'''%''%'''";
    const lit = setValue(text);
    assert.equal(lit.segments.length, 1);
    const seg = lit.segments[0] as InterpolationSegment;
    assert.equal(seg.kind, 'interpolation');
    assert.equal(seg.expression, "''");
    assert.equal(seg.value?.kind, 'string');
    assert.deepEqual(stringLiteralText(lit), { literal: true, text: '' });
    const lit2 = setValue("SET x TO $'''a%' '%b%'s\\'x'%'''");
    assert.deepEqual(stringLiteralText(lit2), { literal: true, text: "a bs'x" });
  });

  it('handles %% next to an interpolation', () => {
    const lit = setValue("SET x TO $'''%N%%% done'''");
    assert.deepEqual(lit.segments.map((s) => s.kind), ['interpolation', 'text']);
    assert.equal((lit.segments[1] as TextSegment).value, '% done');
  });

  it('spans several lines, with blank lines and lines that look like statements', () => {
    const text = "SET Body TO $'''Line one\r\n\r\nEND\n# not a comment\nIF x THEN'''\nSET y TO 1";
    const script = parse(text);
    assert.deepEqual(script.messages, []);
    assert.equal(script.statements.length, 2);
    const set = script.statements[0] as SetStatement;
    const lit = asString(set.value);
    assert.equal((lit.segments[0] as TextSegment).value, 'Line one\r\n\r\nEND\n# not a comment\nIF x THEN');
    assert.deepEqual(lit.range, { start: text.indexOf("$'''"), end: text.indexOf("'''\n") + 3 });
    assert.deepEqual(set.range, { start: 0, end: text.indexOf("'''\n") + 3 });
    assert.equal(script.statements[1].kind, 'set');
    assert.deepEqual(script.statements[1].range, rangeOf(text, 'SET y TO 1'));
  });

  it('maps a multi-line segment with escapes on several lines', () => {
    const text = "SET x TO $'''a\\'\nb\\\\\nc'''";
    const lit = setValue(text);
    const seg = lit.segments[0] as TextSegment;
    assert.equal(seg.value, "a'\nb\\\nc");
    const c = text.indexOf('c');
    assert.equal(sourceOffsetOf(seg, seg.value.indexOf('c')), c);
    assert.equal(sourceOffsetOf(seg, seg.value.indexOf('b')), text.indexOf('b'));
    assert.equal(sourceOffsetOf(seg, seg.value.indexOf("'")), text.indexOf("\\'"));
  });

  it("reads plain '…' strings with \\' and \\\\ (no interpolation)", () => {
    const text = "@@secretName: '%obj_Config[\\'Sec\\'] \\\\ %'\nSET x TO 1";
    const script = parse(text);
    assert.deepEqual(script.messages, []);
    const a = script.statements[0].annotations[0];
    const lit = asString(a.value);
    assert.equal(lit.quote, "'");
    assert.equal(lit.segments.length, 1);
    assert.equal((lit.segments[0] as TextSegment).value, "%obj_Config['Sec'] \\ %");
    assert.deepEqual(lit.range, rangeOf(text, "'%obj_Config[\\'Sec\\'] \\\\ %'"));
  });

  it("reads '''…''' plain triple strings over several lines", () => {
    const text = "@INPUT x : { 'Description': '''one\ntwo %x% it\\'s''', 'Type': 'String' }";
    const s = one(text);
    assert.equal(s.kind, 'input');
    const props = s.kind === 'input' ? s.properties : undefined;
    assert.ok(props);
    const lit = asString(props.entries[0].value);
    assert.equal(lit.quote, "'''");
    assert.deepEqual(lit.segments.map((x) => x.kind), ['text']);
    assert.equal((lit.segments[0] as TextSegment).value, "one\ntwo %x% it's");
    assert.deepEqual(lit.range, rangeOf(text, "'''one\ntwo %x% it\\'s'''"));
  });

  it('reports an unterminated $\'\'\' and runs it to the end of the input', () => {
    const text = "SET x TO $'''abc\nSET y TO 1\n";
    const script = parse(text);
    assert.equal(script.statements.length, 1);
    const lit = asString((script.statements[0] as SetStatement).value);
    assert.equal(lit.terminated, false);
    assert.deepEqual(lit.range, { start: 9, end: text.length });
    assert.deepEqual(lit.contentRange, { start: 13, end: text.length });
    assert.equal(script.messages.length, 1);
    assert.match(script.messages[0].message, /Unterminated string/);
    assert.deepEqual(script.messages[0].range, { start: 9, end: 13 });
  });

  it("stops an unterminated '…' at the end of its line", () => {
    const text = "SET x TO 'abc\nSET y TO 1";
    const script = parse(text);
    assert.equal(script.statements.length, 2);
    const lit = asString((script.statements[0] as SetStatement).value);
    assert.equal(lit.terminated, false);
    assert.deepEqual(lit.range, rangeOf(text, "'abc"));
    assert.equal(script.messages.length, 1);
    assert.equal(script.statements[1].kind, 'set');
  });

  it('reports a lone % and keeps it as text', () => {
    const text = "SET x TO $'''100% done'''";
    const script = parse(text);
    const lit = asString((script.statements[0] as SetStatement).value);
    assert.deepEqual(lit.segments.map((s) => s.kind), ['text']);
    assert.equal((lit.segments[0] as TextSegment).value, '100% done');
    assert.equal(script.messages.length, 1);
    assert.deepEqual(script.messages[0].range, rangeOf(text, '%'));
    assert.ok(!script.messages[0].message.includes('done'), 'messages never quote the text');
  });

  it('never quotes source text in messages', () => {
    const secret = 'Sup3rS3cret';
    const script = parse(`SET x TO $'''${secret}\nA.B C: [${secret}\nSET ${secret}`);
    for (const m of script.messages) assert.ok(!m.message.includes(secret), m.message);
    for (const s of script.statements) if (s.kind === 'unrecognised') assert.ok(!s.message.includes(secret));
  });

  it('textOf helper sanity', () => {
    assert.equal(textOf('abc', { start: 1, end: 2 }), 'b');
  });
});
