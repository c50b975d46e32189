/**
 * Bytes to text and back: BOMs, UTF-16 with or without a BOM, binary files, invalid UTF-8.
 */
import * as nodeBuffer from 'node:buffer';

export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be';

export interface TextFile {
  /** The text, without the BOM. */
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly bom: boolean;
  /**
   * True when some bytes were not valid in the encoding and were read as U+FFFD: the text can be
   * linted, but writing it back would not give the same bytes.
   */
  readonly lossy: boolean;
}

export interface BinaryFile {
  readonly binary: true;
  /** Why the bytes are not taken as text (never quotes them). */
  readonly reason: string;
}

export type DecodedText = TextFile | BinaryFile;

/** How much of the start of a file the heuristics look at. */
const SAMPLE = 8192;

/** Controls other than `\b \t \n \v \f \r` and ESC, and DEL: what makes a file "mostly control characters". */
const CONTROL = /[\x00-\x07\x0e-\x1a\x1c-\x1f\x7f]/;

/** Node's Buffer, when there is one: native NUL search, ASCII/UTF-8 validation and decoding. */
const NodeBuffer: typeof Buffer | undefined = typeof Buffer === 'function' ? Buffer : undefined;
const isUtf8 = typeof nodeBuffer.isUtf8 === 'function' ? nodeBuffer.isUtf8 : undefined;
const isAscii = typeof nodeBuffer.isAscii === 'function' ? nodeBuffer.isAscii : undefined;
const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LOSSY_UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function asBuffer(bytes: Uint8Array): Buffer | undefined {
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
}

/**
 * Decodes a file's bytes: a UTF-8 or UTF-16 BOM decides the encoding; without one, UTF-16 is
 * recognised by its NUL bytes, then UTF-8 is tried (invalid sequences read as U+FFFD, `lossy`).
 * NUL bytes, mostly control characters, or mostly invalid UTF-8 mean binary.
 *
 * The common case (UTF-8 without NUL bytes) costs a native NUL search, a native validation, the
 * decoding itself and a count of control bytes over the first 8 KB; the UTF-16 guess runs only
 * when there are NUL bytes.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const n = bytes.length;
  if (n >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return { binary: true, reason: 'UTF-32 text is not supported' };
  }
  if (n >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    return { binary: true, reason: 'UTF-32 text is not supported' };
  }
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3), true);
  if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), true, true);
  if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), false, true);

  // Without NUL bytes, neither UTF-16 (in Latin scripts) nor binary by that test.
  const buffer = asBuffer(bytes);
  if ((buffer ? buffer.indexOf(0) : bytes.indexOf(0)) >= 0) {
    const guess = guessUtf16(bytes);
    if (guess) return decodeUtf16(bytes, guess === 'le', false);
    return { binary: true, reason: 'the file contains NUL bytes' };
  }
  if (mostlyControls(bytes)) return { binary: true, reason: 'the file is mostly control characters' };
  return decodeUtf8(bytes, false);
}

/** 1 for the control bytes that count against text: controls other than `\b \t \n \v \f \r` and ESC, and DEL. */
const CONTROL_BYTE = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) CONTROL_BYTE[b] = b >= 0x08 && b <= 0x0d ? 0 : b === 0x1b ? 0 : 1;
CONTROL_BYTE[0x7f] = 1;

/** Too many control characters in the first `SAMPLE` bytes (a branch-free count). */
function mostlyControls(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, SAMPLE);
  let controls = 0;
  for (let i = 0; i < sample; i++) controls += CONTROL_BYTE[bytes[i]];
  return sample > 0 && controls * 10 > sample;
}

/** UTF-16 without a BOM: text in Latin scripts has a NUL in every other byte. */
function guessUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  const pairs = Math.min(bytes.length, SAMPLE) >> 1;
  if (pairs < 1) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) zeroEven++;
    if (bytes[2 * i + 1] === 0) zeroOdd++;
  }
  // Mostly on one side; the other side only for the few characters like U+0100 or U+2000.
  if (zeroOdd * 10 >= pairs * 3 && zeroEven * 8 <= zeroOdd) return 'le';
  if (zeroEven * 10 >= pairs * 3 && zeroOdd * 8 <= zeroEven) return 'be';
  return undefined;
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  const buffer = asBuffer(bytes);
  if (buffer && isAscii && isUtf8) {
    // ASCII is copied as Latin-1, the cheapest decoding there is.
    if (isAscii(buffer)) return buffer.toString('latin1');
    return isUtf8(buffer) ? buffer.toString('utf8') : undefined;
  }
  try {
    return FATAL_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeUtf8(bytes: Uint8Array, bom: boolean): DecodedText {
  const strict = strictUtf8(bytes);
  const text = strict ?? LOSSY_UTF8.decode(bytes);
  if (strict !== undefined) return { text, encoding: 'utf8', bom, lossy: false };
  // Mostly invalid: not text in any encoding we read.
  const head = text.slice(0, SAMPLE);
  let bad = 0;
  for (let i = head.indexOf('\ufffd'); i >= 0; i = head.indexOf('\ufffd', i + 1)) bad++;
  if (bad * 5 > head.length) return { binary: true, reason: 'the file is not UTF-8 or UTF-16 text' };
  return { text, encoding: 'utf8', bom, lossy: true };
}
function decodeUtf16(bytes: Uint8Array, le: boolean, bom: boolean): DecodedText {
  const odd = (bytes.length & 1) === 1;
  const even = odd ? bytes.subarray(0, bytes.length - 1) : bytes;
  let text = utf16Units(even, le);
  if (odd) text += '\ufffd';
  const head = text.slice(0, SAMPLE);
  if (CONTROL.test(head)) {
    let controls = 0;
    for (let i = 0; i < head.length; i++) {
      const u = head.charCodeAt(i);
      if ((u < 0x20 && !(u >= 0x08 && u <= 0x0d) && u !== 0x1b) || u === 0x7f) controls++;
    }
    if (controls * 10 > head.length) return { binary: true, reason: 'the file is mostly control characters' };
  }
  return { text, encoding: le ? 'utf16le' : 'utf16be', bom, lossy: odd };
}

/** UTF-16 code units (an even number of bytes) as a string, lone surrogates kept. */
function utf16Units(bytes: Uint8Array, le: boolean): string {
  if (NodeBuffer) {
    // A copy: swapping must not change the caller's bytes (and aligns the data).
    const copy = NodeBuffer.from(bytes);
    if (!le) copy.swap16();
    return copy.toString('utf16le');
  }
  const units = bytes.length >> 1;
  const parts: string[] = [];
  const chunk = new Array<number>(Math.min(units, 8192));
  for (let base = 0; base < units; base += 8192) {
    const count = Math.min(8192, units - base);
    chunk.length = count;
    for (let k = 0; k < count; k++) {
      const i = 2 * (base + k);
      chunk[k] = le ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    }
    parts.push(String.fromCharCode.apply(null, chunk));
  }
  return parts.join('');
}

/**
 * Encodes text as `decodeText` read it (the inverse for any text that was not `lossy`). UTF-8
 * turns lone surrogates into U+FFFD; UTF-16 keeps them.
 */
export function encodeText(text: string, options: { encoding: TextEncodingName; bom: boolean }): Uint8Array {
  if (options.encoding === 'utf8') {
    const body = new TextEncoder().encode(text);
    if (!options.bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const le = options.encoding === 'utf16le';
  const offset = options.bom ? 2 : 0;
  const out = new Uint8Array(offset + text.length * 2);
  if (options.bom) {
    out[0] = le ? 0xff : 0xfe;
    out[1] = le ? 0xfe : 0xff;
  }
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    const j = offset + 2 * i;
    out[j] = le ? u & 0xff : u >> 8;
    out[j + 1] = le ? u >> 8 : u & 0xff;
  }
  return out;
}
