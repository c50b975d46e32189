/**
 * API keys written into the path of a URL (`https://v6.exchangerate-api.com/v6/<key>/latest/USD`,
 * `https://maker.ifttt.com/trigger/x/with/key/<key>`). A segment is a key when both its place and
 * its shape say so:
 *
 * - right after a segment that names a key (`/key/`, `/apikey/`, `/token/`, `/access_key/`…):
 *   16+ key characters with a digit or mixed case that do not read as words (a GUID counts);
 * - right after a version (`/v1/`, `/v6/`, `/v1.0/`) or `/api/`: a stronger shape, 24 to 64 hex
 *   digits or 20+ base62 characters mixing upper case, lower case and digits (or 24+ lower case
 *   and digits), with high entropy and no words; a GUID there is a resource id, not a key.
 *
 * Anywhere else a segment is left alone: resource ids (`/users/<guid>`, `/orders/<24-hex>`), git
 * and content hashes (`/commit/<sha>`, `app.3f1e0c9a.js`), dates, versions, slugs, file names
 * and SharePoint/Graph ids are not keys, and their place says so.
 */

/** Segments after which the next one is a key. */
const KEY_SEGMENTS = new Set([
  'key', 'apikey', 'api-key', 'api_key', 'accesskey', 'access-key', 'access_key', 'authkey', 'auth-key', 'auth_key',
  'licensekey', 'license-key', 'license_key', 'token', 'accesstoken', 'access-token', 'access_token', 'authtoken',
  'auth-token', 'auth_token', 'apitoken', 'api-token', 'api_token',
]);
const VERSION_RE = /^v\d{1,2}(?:\.\d{1,2})?$/;
const KEY_CHARS_RE = /^[A-Za-z0-9_-]+$/;
const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_RE = /^(?:[0-9a-f]{24,64}|[0-9A-F]{24,64})$/;
/** Runs of 4+ letters with a vowel, in lower or camel case: what words are made of, and random keys rarely hold. */
const WORD_RE = /[A-Z]?[a-z]{3,}/g;
const VOWEL_RE = /[aeiouy]/i;

export interface PathKey {
  /** Offsets of the key segment in the text. */
  readonly start: number;
  readonly end: number;
  /** The segment before it (`v6`, `key`, `api`): a fixed word, never part of the secret. */
  readonly after: string;
}

/** Key segments of the URL path in `text[start, end)` (from the first `/` after the host to before `?`/`#`). */
export function pathKeys(text: string, start: number, end: number): PathKey[] {
  const out: PathKey[] = [];
  let prevStart = -1;
  let i = start;
  while (i <= end) {
    let j = text.indexOf('/', i);
    if (j < 0 || j > end) j = end;
    // Only long segments after a short one are looked at: most paths hold none.
    if (prevStart >= 0 && j - i >= 16 && j - i <= 128 && i - 1 - prevStart <= 16) {
      const prev = text.slice(prevStart, i - 1).toLowerCase();
      if (isKey(text.slice(i, j), prev)) out.push({ start: i, end: j, after: prev });
    }
    prevStart = i;
    i = j + 1;
  }
  return out;
}

function isKey(seg: string, prev: string): boolean {
  if (KEY_SEGMENTS.has(prev)) return GUID_RE.test(seg) || looksKey(seg);
  if (prev === 'api' || VERSION_RE.test(prev)) return !GUID_RE.test(seg) && looksStrongKey(seg);
  return false;
}

/** Key characters, a digit or mixed case, some letters, not words. */
function looksKey(seg: string): boolean {
  if (!KEY_CHARS_RE.test(seg)) return false;
  const digits = count(seg, /[0-9]/g);
  const upper = count(seg, /[A-Z]/g);
  const lower = count(seg, /[a-z]/g);
  if (upper + lower === 0) return false;
  if (digits === 0 && (upper === 0 || lower === 0)) return false;
  return wordShare(seg) < 0.5;
}

/** 24-64 hex digits with letters and digits; or base62 with all three classes (or lower case and 4+ digits), high entropy, no words. */
function looksStrongKey(seg: string): boolean {
  if (!KEY_CHARS_RE.test(seg)) return false;
  const digits = count(seg, /[0-9]/g);
  const upper = count(seg, /[A-Z]/g);
  const lower = count(seg, /[a-z]/g);
  if (HEX_RE.test(seg)) return digits > 0 && upper + lower > 0;
  if (seg.includes('-') || seg.includes('_')) {
    // Separators: only a base64url key with every class and no words (`AbC3-dEf9_…`).
    if (digits === 0 || upper === 0 || lower === 0) return false;
  }
  const mixed = upper > 0 && lower > 0 && digits > 0 && seg.length >= 20;
  const lowerAlnum = upper === 0 && lower > 0 && digits >= 4 && seg.length >= 24;
  if (!mixed && !lowerAlnum) return false;
  return wordShare(seg) < 0.4 && entropy(seg) >= 3.5;
}

function count(s: string, re: RegExp): number {
  const m = s.match(re);
  return m ? m.length : 0;
}

/** The share of characters that sit in word-like runs (`ProcessInvoicesV2Handler` → 0.9). */
function wordShare(seg: string): number {
  let inWords = 0;
  for (const w of seg.match(WORD_RE) ?? []) if (w.length >= 4 && VOWEL_RE.test(w)) inWords += w.length;
  return inWords / seg.length;
}

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const freq = new Map<string, number>();
  for (const c of s) freq.set(c, (freq.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of freq.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
