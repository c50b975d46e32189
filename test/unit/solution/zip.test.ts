import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { zipSync, type Zippable } from 'fflate';
import { DEFAULT_ZIP_LIMITS, decodeText, readCustomizations, readZip } from '../../../src/core/solution';
import { CUSTOMIZATIONS, ZIPS, readUtf8, rng } from './helpers';

const MTIME = new Date('2024-01-01T00:00:00Z');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function makeZip(files: Zippable, level: 0 | 6 | 9 = 6): Uint8Array {
  return zipSync(files, { level, mtime: MTIME });
}

/** Offsets of the central directory records, by entry order. */
function centralRecords(zip: Uint8Array): number[] {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = view.readUInt16LE(eocd + 10);
  let p = view.readUInt32LE(eocd + 16);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(p);
    p += 46 + view.readUInt16LE(p + 28) + view.readUInt16LE(p + 30) + view.readUInt16LE(p + 32);
  }
  return out;
}

function patch32(zip: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = zip.slice();
  Buffer.from(copy.buffer).writeUInt32LE(value >>> 0, offset);
  return copy;
}

describe('solution/readZip', () => {
  describe('on the real solution zips', function () {
    before(function () {
    });

    for (const [label, zipFile, xmlFile, entryCount, flowCount] of [
      ['PADFramework', ZIPS.main, CUSTOMIZATIONS.main, 134, 13],
      ['PADFramework_LocalConnectors', ZIPS.localConnectors, CUSTOMIZATIONS.localConnectors, 97, 10],
    ] as const) {
      it(`reads ${label}: every entry, and the same desktop flows as the unpacked solution`, () => {
        const bytes = fs.readFileSync(zipFile);
        const all = readZip(bytes);
        assert.deepEqual(all.problems, []);
        assert.equal(all.entries.length, entryCount);
        assert.ok(all.entries.some((e) => e.path === 'solution.xml'));
        assert.ok(all.entries.some((e) => e.path.startsWith('Workflows/') && e.path.endsWith('.json')));

        const only = readZip(bytes, { select: (p) => p === 'customizations.xml' });
        assert.deepEqual(only.problems, []);
        assert.deepEqual(only.entries.map((e) => e.path), ['customizations.xml']);
        assert.deepEqual(only.entries[0].bytes, all.entries.find((e) => e.path === 'customizations.xml')!.bytes);

        const decoded = decodeText(only.entries[0].bytes);
        assert.ok(!('binary' in decoded));
        assert.equal(decoded.lossy, false);
        const zipped = readCustomizations(decoded.text);
        const unpacked = readCustomizations(readUtf8(xmlFile));
        assert.deepEqual(zipped.problems, []);
        assert.equal(zipped.flows.length, flowCount);
        assert.deepEqual(zipped.flows.map((f) => [f.name, f.workflowId]), unpacked.flows.map((f) => [f.name, f.workflowId]));
        // The zips are a later export than the unpacked copy: most definitions are identical.
        const same = zipped.flows.filter((f, i) => f.definition!.text === unpacked.flows[i].definition!.text).length;
        assert.ok(same >= flowCount - 3, `${same} of ${flowCount}`);
        // In the zip the XML has CRLF line ends; the definitions still decode.
        assert.ok(decoded.text.includes('\r\n'));
      });
    }

    it('reports a truncated real zip and a corrupted one', () => {
      const bytes = new Uint8Array(fs.readFileSync(ZIPS.main));
      for (const cut of [10, 1000, bytes.length >> 1, bytes.length - 30]) {
        const r = readZip(bytes.subarray(0, cut));
        assert.deepEqual(r.entries, []);
        assert.match(r.problems[0].message, /not a zip archive, or it is truncated/);
      }
      // Damage the compressed data of customizations.xml (the first entry, at offset 0).
      const corrupt = bytes.slice();
      for (let i = 200; i < 1200; i += 7) corrupt[i] ^= 0x5a;
      const r = readZip(corrupt, { select: (p) => p === 'customizations.xml' });
      assert.deepEqual(r.entries, []);
      assert.equal(r.problems.length, 1);
      assert.match(r.problems[0].message, /^Zip entry 'customizations.xml' refused: the archive is corrupt/);
    });
  });

  it('reads stored and deflated entries, and skips directories', () => {
    const zip = makeZip({ 'a.txt': text('hello'), 'dir/': new Uint8Array(0), 'dir/b.robin': [text("SET x TO 1\r\n".repeat(100)), { level: 9 }], 'c.bin': [new Uint8Array([0, 1, 2]), { level: 0 }] });
    const r = readZip(zip);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.entries.map((e) => e.path), ['a.txt', 'dir/b.robin', 'c.bin']);
    assert.equal(new TextDecoder().decode(r.entries[1].bytes), 'SET x TO 1\r\n'.repeat(100));
    assert.deepEqual([...r.entries[2].bytes], [0, 1, 2]);
  });

  it('refuses a zip bomb by its compression ratio, before inflating it', () => {
    const bomb = makeZip({ 'customizations.xml': [new Uint8Array(5 * 1024 * 1024).fill(0x41), { level: 9 }], 'ok.txt': text('fine') });
    assert.ok(bomb.length < 30_000);
    const r = readZip(bomb);
    assert.deepEqual(r.entries.map((e) => e.path), ['ok.txt']);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /^Zip entry 'customizations.xml' refused: its compression ratio \(\d+:1\) is over the limit of 200:1/);
    // Not selected: not inflated, not reported.
    assert.deepEqual(readZip(bomb, { select: (p) => p.endsWith('.txt') }).problems, []);
    // Over the per-entry and total limits too, when the ratio is allowed.
    assert.match(readZip(bomb, { maxRatio: 1e9, maxEntryBytes: 1e6 }).problems[0].message, /uncompressed size \(5242880 bytes\) is over the limit of 1000000 bytes per entry/);
    assert.match(readZip(bomb, { maxRatio: 1e9, maxTotalBytes: 1e6 }).problems[0].message, /over the limit of 1000000 bytes$|over the limit of 1000000 bytes\./);
    assert.equal(readZip(bomb, { maxRatio: 1e9 }).entries.length, 2);
  });

  it('stops inflating an entry that grows past its declared size', () => {
    const zip = makeZip({ 'liar.txt': [new Uint8Array(4 * 1024 * 1024).fill(0x42), { level: 9 }] });
    const [record] = centralRecords(zip);
    // Declare 1000 bytes: ratio and size limits pass, the data does not.
    const lying = patch32(zip, record + 24, 1000);
    const r = readZip(lying);
    assert.deepEqual(r.entries, []);
    assert.match(r.problems[0].message, /^Zip entry 'liar.txt' refused: it inflates to more than its declared size of 1000 bytes/);
    // Declared larger than it is: a size mismatch.
    const short = patch32(zip, record + 24, 4 * 1024 * 1024 + 5);
    assert.match(readZip(short, { maxRatio: 1e9 }).problems[0].message, /inflates to 4194304 bytes, not the declared 4194309/);
    // A CRC mismatch.
    const badCrc = patch32(zip, record + 16, 0x12345678);
    assert.match(readZip(badCrc, { maxRatio: 1e9 }).problems[0].message, /CRC-32 mismatch/);
  });

  it('refuses entry paths that climb out of the archive, absolute paths, drive letters, backslashes and symlinks', () => {
    const zip = makeZip({
      '../evil.txt': text('x'),
      'a/../../evil2.txt': text('x'),
      '/etc/passwd': text('x'),
      'C:/Windows/evil.txt': text('x'),
      'a\\..\\evil3.txt': text('x'),
      'link': [text('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }],
      'mode.txt': [text('ok'), { os: 3, attrs: (0o100644 << 16) >>> 0 }],
      'safe/..file.txt': text('ok'),
    });
    const r = readZip(zip);
    assert.deepEqual(r.entries.map((e) => e.path), ['mode.txt', 'safe/..file.txt']);
    const messages = r.problems.map((p) => p.message);
    assert.deepEqual(messages, [
      "Zip entry '../evil.txt' refused: its path climbs out of the archive ('..').",
      "Zip entry 'a/../../evil2.txt' refused: its path climbs out of the archive ('..').",
      "Zip entry '/etc/passwd' refused: its path is absolute.",
      "Zip entry 'C:/Windows/evil.txt' refused: its path starts with a drive letter.",
      "Zip entry 'a\\..\\evil3.txt' refused: its path holds a backslash (it could climb out of the archive on Windows).",
      "Zip entry 'link' refused: it is a symbolic link.",
    ]);
    // Refused paths are reported even when not selected: the archive is suspicious.
    assert.equal(readZip(zip, { select: () => false }).problems.length, 6);
  });

  it('refuses an archive with too many entries before reading any', () => {
    const files: Zippable = {};
    for (let i = 0; i < 50; i++) files[`f${i}.txt`] = text(String(i));
    const zip = makeZip(files);
    const r = readZip(zip, { maxEntries: 10 });
    assert.deepEqual(r.entries, []);
    assert.deepEqual(r.problems.map((p) => p.message), ['The zip archive has 50 entries, over the limit of 10; it was not read.']);
    assert.equal(readZip(zip).entries.length, 50);

    const many: Zippable = {};
    for (let i = 0; i <= DEFAULT_ZIP_LIMITS.maxEntries; i++) many[`m/${i}`] = [new Uint8Array(0), { level: 0 }];
    assert.match(readZip(makeZip(many, 0)).problems[0].message, /has 10001 entries, over the limit of 10000/);
  });

  it('refuses overlapping entries and duplicate paths', () => {
    const zip = makeZip({ 'a.txt': text('first file'), 'b.txt': text('second file') });
    const [, second] = centralRecords(zip);
    const overlapping = patch32(zip, second + 42, 0);
    const r = readZip(overlapping);
    assert.deepEqual(r.entries.map((e) => e.path), ['a.txt']);
    assert.match(r.problems[0].message, /^Zip entry 'b.txt' refused: its data overlaps another entry/);

    const dup = zip.slice();
    dup[second + 46] = 'a'.charCodeAt(0); // the second name becomes a.txt
    const d = readZip(dup);
    assert.deepEqual(d.entries.map((e) => e.path), ['a.txt']);
    assert.match(d.problems[0].message, /^Zip entry 'a.txt' refused: the path appears more than once/);
  });

  it('refuses encrypted entries and unknown compression methods', () => {
    const zip = makeZip({ 'a.txt': text('aaaaaaaaaa') });
    const [record] = centralRecords(zip);
    const encrypted = zip.slice();
    encrypted[record + 8] |= 1;
    assert.match(readZip(encrypted).problems[0].message, /refused: it is encrypted/);
    const lzma = zip.slice();
    lzma[record + 10] = 14;
    assert.match(readZip(lzma).problems[0].message, /compression method 14 is not supported/);
  });

  it('says so for a file that is not a zip, and never throws on garbage', () => {
    for (const bytes of [new Uint8Array(0), text('hello'), text('<ImportExportXml/>'), new Uint8Array(100_000).fill(0x50)]) {
      const r = readZip(bytes);
      assert.deepEqual(r.entries, []);
      assert.match(r.problems[0].message, /not a zip archive/);
    }
    // A valid end record pointing at nonsense.
    const eocd = new Uint8Array(22);
    Buffer.from(eocd.buffer).writeUInt32LE(0x06054b50, 0);
    Buffer.from(eocd.buffer).writeUInt16LE(3, 10);
    Buffer.from(eocd.buffer).writeUInt32LE(500, 12);
    assert.match(readZip(eocd).problems[0].message, /corrupt or truncated/);
    const next = rng(11);
    for (let i = 0; i < 300; i++) {
      const zip = makeZip({ 'x.txt': text('some text '.repeat(50)), 'y/z.robin': text('SET a TO 1') }).slice();
      for (let k = 0; k < 4; k++) zip[Math.floor(next() * zip.length)] = Math.floor(next() * 256);
      const r = readZip(zip);
      assert.ok(Array.isArray(r.entries) && Array.isArray(r.problems));
    }
  });
});
