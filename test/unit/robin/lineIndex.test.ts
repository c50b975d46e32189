import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../src/core/robin';

describe('robin LineIndex', () => {
  it('maps offsets to 0-based lines and characters over LF, CRLF and lone CR', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const li = new LineIndex(text);
    assert.equal(li.lineCount, 4);
    assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(li.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(li.positionAt(text.indexOf('e')), { line: 2, character: 0 });
    assert.deepEqual(li.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    assert.deepEqual(li.positionAt(text.length), { line: 3, character: 2 });
  });

  it('clamps offsets and positions', () => {
    const text = 'ab\r\ncd';
    const li = new LineIndex(text);
    assert.deepEqual(li.positionAt(-3), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(99), { line: 1, character: 2 });
    assert.equal(li.offsetAt(0, 99), 2, 'clamped before the line break');
    assert.equal(li.offsetAt(1, 1), 5);
    assert.equal(li.offsetAt(-1, 0), 0);
    assert.equal(li.offsetAt(9, 0), text.length);
    assert.equal(li.lineStart(1), 4);
    assert.equal(li.lineEnd(0), 2);
    assert.equal(li.lineEnd(1), 6);
  });

  it('round-trips every offset of a mixed text', () => {
    const text = '\uFEFFSET a TO 1\r\n\r\n\tx\ry\n\n';
    const li = new LineIndex(text);
    for (let i = 0; i <= text.length; i++) {
      const p = li.positionAt(i);
      const back = li.offsetAt(p.line, p.character);
      // An offset between \r and \n maps to the end of the line's content.
      if (text[i - 1] === '\r' && text[i] === '\n') assert.equal(back, i - 1);
      else assert.equal(back, i, `offset ${i}`);
    }
  });

  it('handles the empty text', () => {
    const li = new LineIndex('');
    assert.equal(li.lineCount, 1);
    assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
    assert.equal(li.offsetAt(0, 5), 0);
  });
});
