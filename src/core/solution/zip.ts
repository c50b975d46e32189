/**
 * Reading solution zips safely. The central directory is read here (a few fixed-layout records)
 * so that every limit is checked before anything is inflated: entry count, entry paths, declared
 * sizes and compression ratio. DEFLATE is fflate's streaming inflater, fed in small chunks and
 * stopped as soon as an entry grows past its declared size; sizes and CRC-32 are then checked.
 */
import type * as Fflate from 'fflate';
import type { FileProblem } from '../lint/types';

/** fflate, loaded on the first deflated entry (it costs start-up time for every run otherwise). */
let fflate: typeof Fflate | undefined;
function loadFflate(): typeof Fflate {
  return (fflate ??= require('fflate') as typeof Fflate);
}

export interface ZipLimits {
  /** Entries in the archive (directories included). */
  readonly maxEntries: number;
  /** Uncompressed bytes of all selected entries together. */
  readonly maxTotalBytes: number;
  /** Uncompressed bytes of one entry. */
  readonly maxEntryBytes: number;
  /** Uncompressed size / compressed size of one entry... */
  readonly maxRatio: number;
  /** ...checked for entries larger than this (small files of repeated text compress well). */
  readonly ratioGraceBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxEntries: 10_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 50 * 1024 * 1024,
  maxRatio: 200,
  ratioGraceBytes: 1024 * 1024,
});

export interface ZipOptions extends Partial<ZipLimits> {
  /** Which entries to inflate, by path inside the archive (default: all files). */
  readonly select?: (path: string) => boolean;
}

export interface ZipEntry {
  /** The path inside the archive, `/`-separated. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ZipResult {
  /** Selected entries that passed every check, in central-directory order. */
  readonly entries: ZipEntry[];
  /** Refused entries and archive-level problems: each names the entry and the limit. */
  readonly problems: FileProblem[];
}

interface CentralEntry {
  readonly index: number;
  readonly path: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly madeBy: number;
  readonly externalAttributes: number;
  dataStart: number;
  dataEnd: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const CHUNK = 16 * 1024;

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

class ZipFormatError extends Error {}
class TooLarge extends Error {}

/** Reads the files of a zip archive, inflating only the selected ones, within `options` limits. Never throws on bad input. */
export function readZip(bytes: Uint8Array, options: ZipOptions = {}): ZipResult {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...stripUndefined(options) };
  const problems: FileProblem[] = [];
  let central: { entries: CentralEntry[]; cdStart: number };
  try {
    central = readCentralDirectory(bytes, limits, problems);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    problems.push({ message: e.message });
    return { entries: [], problems };
  }

  // Check every entry before inflating any.
  const select = options.select ?? (() => true);
  const chosen: CentralEntry[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  for (const entry of central.entries) {
    const refuse = (why: string): void => {
      problems.push({ message: `Zip entry '${printable(entry.path)}' refused: ${why}.` });
    };
    const bad = pathProblem(entry.path);
    if (bad) { refuse(bad); continue; }
    const host = entry.madeBy >> 8;
    if ((host === 3 || host === 19) && ((entry.externalAttributes >>> 16) & 0xf000) === 0xa000) {
      refuse('it is a symbolic link');
      continue;
    }
    if (entry.path.endsWith('/')) continue; // a directory
    if (!select(entry.path)) continue;
    if (seen.has(entry.path)) { refuse('the path appears more than once in the archive; only the first was read'); continue; }
    seen.add(entry.path);
    if (entry.flags & 1) { refuse('it is encrypted'); continue; }
    if (entry.method !== 0 && entry.method !== 8) { refuse(`compression method ${entry.method} is not supported (only stored and deflate)`); continue; }
    if (entry.size > limits.maxEntryBytes) {
      refuse(`its uncompressed size (${entry.size} bytes) is over the limit of ${limits.maxEntryBytes} bytes per entry`);
      continue;
    }
    if (entry.size > limits.ratioGraceBytes) {
      const ratio = entry.compressedSize === 0 ? Infinity : entry.size / entry.compressedSize;
      if (ratio > limits.maxRatio) {
        refuse(`its compression ratio (${Number.isFinite(ratio) ? Math.round(ratio) : 'unbounded'}:1) is over the limit of ${limits.maxRatio}:1 (a zip bomb?)`);
        continue;
      }
    }
    if (entry.method === 0 && entry.compressedSize !== entry.size) { refuse('the archive is corrupt (stored entry with two different sizes)'); continue; }
    if (declaredTotal + entry.size > limits.maxTotalBytes) {
      refuse(`it would bring the uncompressed size of the entries read over the limit of ${limits.maxTotalBytes} bytes`);
      continue;
    }
    const located = locateData(bytes, entry, central.cdStart);
    if (located) { refuse(located); continue; }
    declaredTotal += entry.size;
    chosen.push(entry);
  }

  // Entries whose data overlap (the trick of overlapping zip bombs) are refused.
  const byOffset = [...chosen].sort((a, b) => a.localOffset - b.localOffset);
  const overlapping = new Set<CentralEntry>();
  for (let i = 1; i < byOffset.length; i++) {
    if (byOffset[i].localOffset < byOffset[i - 1].dataEnd) {
      overlapping.add(byOffset[i]);
      problems.push({ message: `Zip entry '${printable(byOffset[i].path)}' refused: its data overlaps another entry (a zip bomb?).` });
    }
  }

  const entries: ZipEntry[] = [];
  for (const entry of chosen) {
    if (overlapping.has(entry)) continue;
    const result = inflateEntry(bytes, entry);
    if (typeof result === 'string') problems.push({ message: `Zip entry '${printable(entry.path)}' refused: ${result}.` });
    else entries.push({ path: entry.path, bytes: result });
  }
  return { entries, problems };
}

function stripUndefined(options: ZipOptions): Partial<ZipLimits> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(DEFAULT_ZIP_LIMITS) as (keyof ZipLimits)[]) {
    const v = options[key];
    if (typeof v === 'number' && !Number.isNaN(v)) out[key] = v;
  }
  return out;
}

function readCentralDirectory(b: Uint8Array, limits: ZipLimits, problems: FileProblem[]): { entries: CentralEntry[]; cdStart: number } {
  const n = b.length;
  const notZip = 'The file is not a zip archive, or it is truncated (no end-of-central-directory record).';
  if (n < 22) throw new ZipFormatError(notZip);
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (b[i] === 0x50 && u32(b, i) === SIG_EOCD && i + 22 + u16(b, i + 20) <= n) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError(notZip);
  let total = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdStart = u32(b, eocd + 16);
  let cdLimit = eocd;
  if (total === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(b, loc) === SIG_ZIP64_LOCATOR) {
      const z = u64(b, loc + 8);
      if (z + 56 > loc || u32(b, z) !== SIG_ZIP64_EOCD) throw new ZipFormatError('The zip archive is corrupt (bad ZIP64 end-of-central-directory record).');
      total = u64(b, z + 32);
      cdSize = u64(b, z + 40);
      cdStart = u64(b, z + 48);
      cdLimit = z;
    }
  } else if (u16(b, eocd + 4) !== 0 || u16(b, eocd + 6) !== 0) {
    throw new ZipFormatError('Multi-volume zip archives are not supported.');
  }
  if (total > limits.maxEntries) {
    throw new ZipFormatError(`The zip archive has ${total} entries, over the limit of ${limits.maxEntries}; it was not read.`);
  }
  if (cdStart + cdSize > cdLimit) throw new ZipFormatError('The zip archive is corrupt or truncated (its central directory is out of bounds).');

  const entries: CentralEntry[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const cdEnd = cdStart + cdSize;
  let p = cdStart;
  for (let k = 0; k < total; k++) {
    if (p + 46 > cdEnd || u32(b, p) !== SIG_CENTRAL) {
      problems.push({ message: `The zip archive is corrupt (central directory record ${k + 1} of ${total} is damaged); the entries after it were not read.` });
      break;
    }
    const nameLength = u16(b, p + 28);
    const extraLength = u16(b, p + 30);
    const commentLength = u16(b, p + 32);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > cdEnd) {
      problems.push({ message: `The zip archive is corrupt (central directory record ${k + 1} of ${total} is truncated); the entries after it were not read.` });
      break;
    }
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    let localOffset = u32(b, p + 42);
    // ZIP64 extra field: the 64-bit values of the fields that hold 0xFFFFFFFF, in this order.
    for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = u16(b, x);
      const len = u16(b, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const end = q + len;
        if (size === 0xffffffff && q + 8 <= end) { size = u64(b, q); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= end) { compressedSize = u64(b, q); q += 8; }
        if (localOffset === 0xffffffff && q + 8 <= end) { localOffset = u64(b, q); q += 8; }
      }
      x += 4 + len;
    }
    entries.push({
      index: k,
      path: decoder.decode(b.subarray(p + 46, p + 46 + nameLength)),
      madeBy: u16(b, p + 4),
      flags: u16(b, p + 8),
      method: u16(b, p + 10),
      crc: u32(b, p + 16),
      compressedSize,
      size,
      externalAttributes: u32(b, p + 38),
      localOffset,
      dataStart: 0,
      dataEnd: 0,
    });
    p = next;
  }
  return { entries, cdStart };
}

/** Why an entry path is refused, or undefined. */
function pathProblem(path: string): string | undefined {
  if (path === '') return 'its path is empty';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'its path holds control characters';
  if (path.includes('\\')) return 'its path holds a backslash (it could climb out of the archive on Windows)';
  if (path.startsWith('/')) return 'its path is absolute';
  if (/^[A-Za-z]:/.test(path)) return 'its path starts with a drive letter';
  if (path.split('/').some((s) => s === '..')) return "its path climbs out of the archive ('..')";
  return undefined;
}

/** Finds the entry's data after its local header; returns why it cannot, or undefined. */
function locateData(b: Uint8Array, entry: CentralEntry, cdStart: number): string | undefined {
  const p = entry.localOffset;
  if (p + 30 > b.length || u32(b, p) !== SIG_LOCAL) return 'the archive is corrupt (its local header is missing)';
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
  const end = start + entry.compressedSize;
  if (end > cdStart || end > b.length) return 'the archive is corrupt or truncated (its data runs past the end)';
  entry.dataStart = start;
  entry.dataEnd = end;
  return undefined;
}

function inflateEntry(b: Uint8Array, entry: CentralEntry): Uint8Array | string {
  let out: Uint8Array;
  if (entry.method === 0) {
    out = b.slice(entry.dataStart, entry.dataEnd);
  } else {
    out = new Uint8Array(entry.size);
    let written = 0;
    const inflater = new (loadFflate().Inflate)((chunk) => {
      if (written + chunk.length > entry.size) throw new TooLarge();
      out.set(chunk, written);
      written += chunk.length;
    });
    try {
      if (entry.dataStart === entry.dataEnd) inflater.push(new Uint8Array(0), true);
      for (let p = entry.dataStart; p < entry.dataEnd; p += CHUNK) {
        const end = Math.min(p + CHUNK, entry.dataEnd);
        inflater.push(b.subarray(p, end), end === entry.dataEnd);
      }
    } catch (e) {
      if (e instanceof TooLarge) return `it inflates to more than its declared size of ${entry.size} bytes (a zip bomb?)`;
      return 'the archive is corrupt (its compressed data cannot be inflated)';
    }
    if (written !== entry.size) return `the archive is corrupt (it inflates to ${written} bytes, not the declared ${entry.size})`;
  }
  if (crc32(out) !== entry.crc) return 'the archive is corrupt (CRC-32 mismatch)';
  return out;
}

let CRC_TABLE: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[i] = c >>> 0;
    }
  }
  const t = CRC_TABLE;
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = t[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function printable(path: string): string {
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 200 ? clean.slice(0, 200) + '…' : clean;
}
