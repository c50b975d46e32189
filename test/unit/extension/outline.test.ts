/** Outline (document symbols) and folding ranges of Robin scripts: pure parts of the host. */
import * as assert from 'node:assert/strict';
import { parse } from '../../../src/core/robin';
import { foldingRanges, outline, type OutlineSymbol } from '../../../src/extension/outline';

const TEXT = [
  "@@ConnectionString: ''",
  "@INPUT In_Key : { 'Type': 'String', 'DefaultValue': '' }",
  '**REGION Setup',
  '/# A block',
  'comment #/',
  'LOOP FOREACH i IN list',
  '    IF i = 1 THEN',
  "        SET x TO $'''line1",
  'line2',
  "line3'''",
  '    ELSE',
  '        WAIT 1',
  '    END',
  'END',
  '**ENDREGION',
  "BLOCK 'Try'",
  'ON BLOCK ERROR all',
  '    WAIT 2',
  'END',
  '    WAIT 3',
  'END',
  "FUNCTION 'Sub one' GLOBAL",
  '    **REGION Inner',
  '    WAIT 4',
  '    **ENDREGION',
  'END FUNCTION',
  '# [ControlRepository][PowerAutomateDesktop]',
  '{',
  '  "a": 1',
  '}',
].join('\r\n');

function shape(symbols: OutlineSymbol[]): unknown[] {
  return symbols.map((s) => [s.kind, s.name, ...(s.children.length ? [shape(s.children)] : [])]);
}

describe('host: outline', () => {
  it('lists inputs, regions and subflows, nested by containment', () => {
    const symbols = outline(parse(TEXT));
    assert.deepEqual(shape(symbols), [
      ['input', 'In_Key'],
      ['region', 'Setup'],
      ['subflow', 'Sub one', [['region', 'Inner']]],
    ]);
    const sub = symbols[2];
    assert.equal(TEXT.slice(sub.range.start, sub.range.end).split('\r\n').pop(), 'END FUNCTION');
    assert.ok(sub.range.start <= sub.selectionRange.start && sub.selectionRange.end <= sub.range.end);
  });
});

describe('host: folding ranges', () => {
  it('folds subflows, regions, blocks, branches, multi-line strings, block comments and the trailer', () => {
    const folds = foldingRanges(parse(TEXT), TEXT).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`);
    assert.deepEqual(folds, [
      '2-14 region', // **REGION Setup … **ENDREGION
      '3-4 comment', // /# … #/
      '5-12', // LOOP … (END on 13 stays visible)
      '6-9', // IF … up to the line before ELSE
      '7-8', // the multi-line string, closing line visible
      '10-11', // ELSE …
      '15-19', // BLOCK … (final END visible)
      '16-17', // ON BLOCK ERROR …
      '21-24', // FUNCTION … (END FUNCTION visible)
      '22-24 region', // **REGION Inner … **ENDREGION
      '26-29', // ControlRepository trailer
    ]);
  });

  it('copes with unbalanced and empty scripts', () => {
    assert.deepEqual(foldingRanges(parse(''), ''), []);
    const broken = 'IF a THEN\n    WAIT 1\nFUNCTION F GLOBAL\nWAIT 2';
    assert.doesNotThrow(() => foldingRanges(parse(broken), broken));
    assert.doesNotThrow(() => outline(parse(broken)));
  });
});
