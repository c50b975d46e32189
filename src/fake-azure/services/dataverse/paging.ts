/**
 * Server-driven paging as Dataverse does it: `Prefer: odata.maxpagesize=N` (default 5,000 rows),
 * answered with `Preference-Applied`, and an `@odata.nextLink` holding a `$skiptoken` cookie
 * that this server reads back (`<cookie pagenumber="2" pagingcookie="…" istracking="False" />`).
 */
import { badQuery } from './errors';

export const DEFAULT_PAGE_SIZE = 5000;

/** The `Prefer` header's preferences, lower-cased names: `odata.maxpagesize`, `return`, `odata.include-annotations`. */
export function parsePrefer(header: string | string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const text = Array.isArray(header) ? header.join(',') : header ?? '';
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (!name) continue;
    const value = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    out.set(name, value);
  }
  return out;
}

export function pageSizeOf(prefer: Map<string, string>): number | undefined {
  const v = prefer.get('odata.maxpagesize');
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function encodeSkipToken(offset: number, pageNumber: number): string {
  return `<cookie pagenumber="${pageNumber}" pagingcookie="${encodeURIComponent(`<cookie skip="${offset}" />`)}" istracking="False" />`;
}

/** The row offset a `$skiptoken` from this server points at. */
export function decodeSkipToken(token: string): number {
  const m = /pagingcookie="([^"]*)"/.exec(token);
  const inner = m ? decodeURIComponent(m[1]) : '';
  const skip = /skip="(\d+)"/.exec(inner);
  if (!skip) throw badQuery('The $skiptoken is not valid.');
  return Number(skip[1]);
}

/** The next page's link: the same URL with `$skiptoken` replaced. */
export function nextLinkFor(url: URL, offset: number, pageNumber: number): string {
  const next = new URL(url.toString());
  next.searchParams.delete('$skiptoken');
  const query = next.search ? `${next.search}&` : '?';
  return `${next.origin}${next.pathname}${query}$skiptoken=${encodeURIComponent(encodeSkipToken(offset, pageNumber))}`;
}
