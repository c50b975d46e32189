import type { AccessTokenClaims, TokenProblem } from '../tokens';
import { bearerToken } from '../tokens';
import type { Emulator, RequestContext } from './types';

export type AuthResult = { claims: AccessTokenClaims } | { problem: TokenProblem };

/** Reads and verifies the bearer token of a request (signature, lifetime); audience is the caller's job. */
export function authenticate(ctx: RequestContext, emu: Emulator): AuthResult {
  const token = bearerToken(ctx.headers.authorization);
  if (!token) return { problem: 'missing' };
  const result = emu.tokens.verify(token);
  if ('claims' in result) {
    ctx.caller = { objectId: result.claims.oid, appId: result.claims.appid, tenantId: result.claims.tid };
  }
  return result;
}

export function sameAudience(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\/+$/, '') === b.toLowerCase().replace(/\/+$/, '');
}

/** Sorted paging with an opaque marker-based skiptoken: stable when items are added or removed between pages. */
export function pageByMarker<T>(items: T[], key: (item: T) => string, pageSize: number, marker: string | undefined): { page: T[]; last?: string; more: boolean } {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let start = 0;
  if (marker !== undefined) {
    start = sorted.findIndex((i) => key(i) > marker);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + pageSize);
  const more = start + pageSize < sorted.length;
  return { page, last: page.length ? key(page[page.length - 1]) : undefined, more };
}
