import * as crypto from 'crypto';

/** A v5-style UUID derived from a name, so scenarios without explicit ids get stable ones. */
export function guidFromName(...parts: string[]): string {
  const h = crypto.createHash('sha1').update('flow-vault-fake-azure:' + parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function randomGuid(): string {
  return crypto.randomUUID();
}

/** 32 lowercase hex characters, the shape of a Key Vault object version. */
export function randomVersion(): string {
  return crypto.randomBytes(16).toString('hex');
}

export function versionFromName(...parts: string[]): string {
  return crypto.createHash('sha1').update('kv-version:' + parts.join('\u0000')).digest('hex').slice(0, 32);
}

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(s: string | undefined): s is string {
  return !!s && GUID_RE.test(s);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * A point in time, in Unix seconds. Accepts a number (seconds), an ISO date string, "now", or a
 * relative offset from `base` such as "+30d", "-2h", "+90m", "+45s" (so scenarios stay valid over time).
 */
export function parseTime(value: unknown, base = nowSeconds()): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Math.floor(value);
  if (typeof value !== 'string') throw new Error(`Not a time: ${JSON.stringify(value)}`);
  if (value === 'now') return base;
  const rel = /^([+-])(\d+(?:\.\d+)?)([smhdwy])$/.exec(value.trim());
  if (rel) {
    const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
    const delta = Number(rel[2]) * unit[rel[3]];
    return Math.floor(rel[1] === '+' ? base + delta : base - delta);
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`Not a time: ${JSON.stringify(value)}`);
  return Math.floor(ms / 1000);
}

/** Glob with `*` (any run of characters) and `?` (one character), matched case-insensitively. */
export function globToRegExp(glob: string): RegExp {
  const esc = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${esc}$`, 'i');
}

export function base64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

export function fromBase64url(s: string): Buffer {
  return Buffer.from(s, 'base64url');
}

export function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

/** Azure's 7-digit fractional ISO time, e.g. 2020-01-01T12:00:00.0000000Z. */
export function armTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, '.0000000Z');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Encode an opaque paging cursor the way Azure services do (base64 of a small JSON document). */
export function encodeSkipToken(marker: string): string {
  return Buffer.from(JSON.stringify({ NextMarker: marker, TargetLocation: 0 })).toString('base64');
}

export function decodeSkipToken(token: string | null): string | undefined {
  if (!token) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { NextMarker?: unknown };
    return typeof parsed.NextMarker === 'string' ? parsed.NextMarker : undefined;
  } catch {
    return undefined;
  }
}

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** True when `ip` (IPv4) is inside `rule` ("1.2.3.4" or "1.2.3.0/24"). */
export function ipInRule(ip: string, rule: string): boolean {
  const [addr, bitsText] = rule.replace(/'/g, '').split('/');
  const a = ipToInt(ip);
  const b = ipToInt(addr);
  if (a === undefined || b === undefined) return false;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) === (b & mask);
}

/** Normalises an IPv4-mapped IPv6 address (::ffff:127.0.0.1) to plain IPv4. */
export function plainIp(addr: string | undefined): string {
  if (!addr) return '127.0.0.1';
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr === '::1' ? '127.0.0.1' : addr;
}
