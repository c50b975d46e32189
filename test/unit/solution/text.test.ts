import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { decodeText, encodeText } from '../../../src/core/solution';
import type { DecodedText, TextFile } from '../../../src/core/solution';
import { CUSTOMIZATIONS, PUBLIC_CORPUS, rng, walk } from './helpers';

function asText(d: DecodedText): TextFile {
  assert.ok(!('binary' in d), 'binary' in d ? d.reason : '');
  return d as TextFile;
}

const SAMPLE = "SET Password TO $'''Café ✓ 😀'''\r\nIF a > b THEN\r\nEND\r\n";

describe('solution/decodeText and encodeText', () => {
  it('reads UTF-8 with and without a BOM, and writes it back the same', () => {
    const plain = Buffer.from(SAMPLE, 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    const a = asText(decodeText(plain));
    assert.deepEqual(a, { text: SAMPLE, encoding: 'utf8', bom: false, lossy: false });
    const b = asText(decodeText(withBom));
    assert.deepEqual(b, { text: SAMPLE, encoding: 'utf8', bom: true, lossy: false });
    assert.deepEqual(Buffer.from(encodeText(a.text, a)), plain);
    assert.deepEqual(Buffer.from(encodeText(b.text, b)), withBom);
  });

  it('reads UTF-16 LE and BE, with a BOM or recognised without one, keeping lone surrogates', () => {
    const text = SAMPLE + '\ud800 lone';
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      for (const bom of [true, false]) {
        const bytes = encodeText(text, { encoding, bom });
        const d = asText(decodeText(bytes));
        assert.deepEqual(d, { text, encoding, bom, lossy: false }, `${encoding} bom=${bom}`);
        assert.deepEqual(encodeText(d.text, d), bytes);
      }
    }
    const le = Buffer.from('<ImportExportXml>', 'utf16le');
    assert.equal(asText(decodeText(le)).encoding, 'utf16le');
    // A trailing odd byte is read as U+FFFD, and says so.
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]);
    assert.deepEqual(asText(decodeText(odd)), { text: 'ab\ufffd', encoding: 'utf16le', bom: true, lossy: true });
  });

  it('reads invalid UTF-8 with replacement characters, marked lossy, so it can still be linted', () => {
    const latin1 = Buffer.from("SET Password TO $'''caf\xe9 na\xefve'''\r\n", 'latin1');
    const d = asText(decodeText(latin1));
    assert.equal(d.text, "SET Password TO $'''caf\ufffd na\ufffdve'''\r\n");
    assert.equal(d.lossy, true);
    assert.equal(d.encoding, 'utf8');
    // A real U+FFFD in valid UTF-8 is not lossy.
    assert.equal(asText(decodeText(Buffer.from('a\ufffdb', 'utf8'))).lossy, false);
  });

  it('says binary for NUL bytes, control characters, invalid-everywhere bytes and UTF-32, never quoting them', () => {
    const cases: [Uint8Array, RegExp][] = [
      [Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00secret', 'latin1'), /NUL/],
      [Buffer.concat([Buffer.from('text '.repeat(3000)), Buffer.from([0])]), /NUL/],
      [Buffer.from('\x01\x02\x03\x04\x05\x06abc\x0e\x0f\x10\x11\x12', 'latin1'), /control characters/],
      [Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + (i % 64))), /not UTF-8 or UTF-16/],
      [Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), /UTF-32/],
      [Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x41]), /UTF-32/],
    ];
    for (const [bytes, reason] of cases) {
      const d = decodeText(bytes);
      assert.ok('binary' in d && d.binary, String(reason));
      assert.match(d.reason, reason);
      assert.ok(!d.reason.includes('secret'));
    }
    // With a UTF-8 BOM the bytes are text whatever they hold (as before): the control test is for BOM-less files.
    assert.deepEqual(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 1, 2, 3, 4, 5, 6, 7])), { text: '\x01\x02\x03\x04\x05\x06\x07', encoding: 'utf8', bom: true, lossy: false });
    // 16-bit binary data that looks like UTF-16 at first is still binary.
    const words = Buffer.alloc(2000);
    for (let i = 0; i < 1000; i++) words.writeUInt16LE(i % 20, 2 * i);
    assert.ok('binary' in decodeText(words));
  });

  it('reads an empty file as empty UTF-8 text', () => {
    assert.deepEqual(decodeText(new Uint8Array(0)), { text: '', encoding: 'utf8', bom: false, lossy: false });
    assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf])), { text: '', encoding: 'utf8', bom: true, lossy: false });
  });

  it('round-trips random text in every encoding', () => {
    const next = rng(5);
    for (let i = 0; i < 200; i++) {
      let text = '';
      const n = Math.floor(next() * 200);
      for (let k = 0; k < n; k++) {
        const r = next();
        text += r < 0.7 ? String.fromCharCode(0x20 + Math.floor(next() * 95)) : r < 0.8 ? '\r\n' : r < 0.9 ? String.fromCharCode(0xa0 + Math.floor(next() * 0x2000)) : '😀';
      }
      for (const encoding of ['utf8', 'utf16le', 'utf16be'] as const) {
        for (const bom of [true, false]) {
          const bytes = encodeText(text, { encoding, bom });
          const d = decodeText(bytes);
          // Without a BOM, short or mostly non-Latin UTF-16 may not be recognised.
          if (!bom && encoding !== 'utf8' && ('binary' in d || d.encoding !== encoding)) continue;
          if ('binary' in d) assert.fail(`${encoding} ${bom}: ${d.reason}`);
          assert.equal(d.text, text);
          assert.equal(d.encoding, encoding);
          assert.deepEqual(encodeText(d.text, d), bytes);
        }
      }
    }
  });

  it('decides text, lossy or binary as the plain byte-by-byte rules do, on random bytes', () => {
    // The reference: the rules written out byte by byte and with TextDecoder alone.
    const reference = (bytes: Uint8Array): string => {
      const sample = Math.min(bytes.length, 8192);
      if (bytes.indexOf(0) >= 0) return 'binary';
      let controls = 0;
      for (let i = 0; i < sample; i++) {
        const b = bytes[i];
        if ((b < 0x20 && !(b >= 0x08 && b <= 0x0d) && b !== 0x1b) || b === 0x7f) controls++;
      }
      if (sample > 0 && controls * 10 > sample) return 'binary';
      const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
      let valid = true;
      try { new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes); } catch { valid = false; }
      if (valid) return `text:${text}`;
      const head = text.slice(0, 8192);
      const bad = head.split('\ufffd').length - 1;
      return bad * 5 > head.length ? 'binary' : `lossy:${text}`;
    };
    const next = rng(11);
    const pieces = [[0x41], [0x0a], [0x01], [0x7f], [0x1b], [0xc3, 0xa9], [0xe2, 0x9c, 0x93], [0xf0, 0x9f, 0x98, 0x80], [0xc3], [0xff], [0x80]];
    for (let i = 0; i < 400; i++) {
      // Long enough to cross the 8192-byte sample, with controls and multi-byte characters around it.
      const length = next() < 0.5 ? Math.floor(next() * 200) : 8000 + Math.floor(next() * 400);
      // Each kind of piece is often absent, so that all three outcomes come up.
      const weights = pieces.map((_, k) => (k === 0 ? 1 : next() < 0.6 ? 0 : next() * (k <= 4 ? 0.2 : 1)));
      const bytes: number[] = [];
      while (bytes.length < length) {
        let r = next() * weights.reduce((a, b) => a + b, 0);
        let k = 0;
        while (r > weights[k] && k < pieces.length - 1) r -= weights[k++];
        bytes.push(...pieces[k]);
      }
      if (bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe) bytes[0] = 0x41;
      const d = decodeText(new Uint8Array(bytes));
      const got = 'binary' in d ? 'binary' : `${d.lossy ? 'lossy' : 'text'}:${d.text}`;
      assert.equal(got, reference(new Uint8Array(bytes)), `case ${i}`);
    }
  });

  it('reads every file of the public corpus as lossless UTF-8 text', function () {
    const files = walk(PUBLIC_CORPUS, (n) => /\.(txt|robin|xml|json|md)$/.test(n));
    assert.ok(files.length > 300);
    for (const file of files) {
      const d = asText(decodeText(fs.readFileSync(file)));
      assert.equal(d.lossy, false, file);
      assert.equal(d.encoding, 'utf8', file);
    }
    assert.ok(asText(decodeText(fs.readFileSync(CUSTOMIZATIONS.main))).text.includes('\u200b'));
  });
});
