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

  it('agrees with splitting on /\\r\\n|\\r|\\n/ on every text of up to 4 pieces of text and line breaks', () => {
    const pieces = ['a', 'bc', '\r', '\n', '\r\n', '\n\r', '\r\r', '\n\n'];
    let texts = [''];
    let checked = 0;
    for (let length = 1; length <= 4; length++) {
      texts = texts.flatMap((t) => pieces.map((p) => t + p));
      for (const text of texts) {
        // The lines and their breaks, in order: content, break, content, …, content.
        const parts = text.split(/(\r\n|\r|\n)/);
        const li = new LineIndex(text);
        assert.equal(li.lineCount, (parts.length + 1) / 2, JSON.stringify(text));
        let offset = 0;
        for (let i = 0; i < parts.length; i += 2) {
          const line = i / 2;
          const end = offset + parts[i]!.length;
          assert.deepEqual(li.positionAt(offset), { line, character: 0 }, JSON.stringify(text));
          assert.deepEqual(li.positionAt(end), { line, character: parts[i]!.length }, JSON.stringify(text));
          assert.equal(li.lineEnd(line), end, JSON.stringify(text));
          offset = end + (parts[i + 1]?.length ?? 0);
        }
        checked++;
      }
    }
    assert.equal(checked, 8 + 64 + 512 + 4096);
  });

  it('describes an offset in 1-based words for messages', () => {
    assert.equal(new LineIndex('ab\r\ncd').describe(5), 'line 2, column 2');
  });

  it('handles the empty text', () => {
    const li = new LineIndex('');
    assert.equal(li.lineCount, 1);
    assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
    assert.equal(li.offsetAt(0, 5), 0);
  });
});
