import { strict as assert } from 'node:assert';
import type { Range, Script, StringLiteral } from '../../../src/core/robin/ast';
import { forEachScriptValue, sourceOffsetOf } from '../../../src/core/robin';

function inside(r: Range, outer: Range, what: string): void {
  assert.ok(r.start <= r.end, `${what}: start after end`);
  assert.ok(r.start >= outer.start && r.end <= outer.end, `${what} [${r.start},${r.end}) outside [${outer.start},${outer.end})`);
}

function checkString(text: string, lit: StringLiteral, perChar: boolean): void {
  inside(lit.contentRange, lit.range, 'string content');
  let at = lit.contentRange.start;
  for (const seg of lit.segments) {
    assert.equal(seg.range.start, at, 'segments are contiguous');
    assert.ok(seg.range.end > seg.range.start, 'segments are not empty');
    at = seg.range.end;
    if (seg.kind === 'text' && perChar) {
      // Decoded characters map into the segment, in order; unescaped runs read as in the source.
      let prev = -1;
      for (let i = 0; i <= seg.value.length; i++) {
        const o = sourceOffsetOf(seg, i);
        assert.ok(o > prev && o >= seg.range.start && o <= seg.range.end, 'mapping is increasing and inside');
        if (i < seg.value.length && seg.value[i] !== '%' && text[o] !== '\\') assert.equal(text[o], seg.value[i]);
        prev = o;
      }
      assert.equal(sourceOffsetOf(seg, seg.value.length), seg.range.end);
    } else if (seg.kind === 'interpolation') {
      assert.equal(text[seg.range.start], '%');
      assert.equal(text[seg.range.end - 1], '%');
      assert.equal(text.slice(seg.expressionRange.start, seg.expressionRange.end), seg.expression);
    }
  }
  assert.equal(at, lit.segments.length > 0 ? lit.contentRange.end : at, 'segments end at the content end');
}

/**
 * Structural checks that must hold for any input. The per-character check of string decoding
 * runs on texts up to 200k characters.
 */
export function checkInvariants(text: string, script: Script): void {
  const perChar = text.length <= 200_000;
  const all: Range = { start: 0, end: text.length };
  let last = -1;
  for (const s of script.statements) {
    inside(s.range, all, `${s.kind} statement`);
    assert.ok(s.range.start >= last, 'statements in source order');
    last = s.range.start;
    assert.ok(s.depth >= 0 && Number.isInteger(s.depth));
    for (const a of s.annotations) inside(a.range, all, 'annotation');
  }
  for (const m of script.messages) inside(m.range, all, 'message');
  forEachScriptValue(script, (v, visit) => {
    inside(v.range, all, v.kind);
    if (visit.statement && visit.role !== 'annotation' && v.kind !== 'string') {
      // Values sit inside their statement (strings may run on past a broken statement's end).
      assert.ok(v.range.start >= visit.statement.range.start, 'value starts inside its statement');
    }
    if (v.kind === 'string') checkString(text, v, perChar);
  });
}
