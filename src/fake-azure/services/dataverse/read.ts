/** `GET {set}` and `GET {set}({id})`: queries with paging, counts and annotations. */
import type { Reply } from '../types';
import { annotationFilter } from './annotations';
import type { DataverseCall } from './call';
import { notFound, ODATA_HEADERS } from './errors';
import { contextProjection, filterAndSort, indexedLookup, ShapeContext, shapeRow } from './expand';
import { parseQueryOptions, QueryOptions } from './odataQuery';
import { decodeSkipToken, DEFAULT_PAGE_SIZE, nextLinkFor, pageSizeOf, parsePrefer } from './paging';
import { requirePrivilege } from './privileges';
import { findRow, rowsOf } from './store';
import type { Row, TableSchema } from './tables';

export function shapeContext(call: DataverseCall): { ctx: ShapeContext; applied: string[] } {
  const prefer = parsePrefer(call.headers['prefer']);
  const annotations = prefer.get('odata.include-annotations');
  const applied = annotations !== undefined ? [`odata.include-annotations="${annotations}"`] : [];
  const all = (set: string): Row[] => rowsOf(call.env, set);
  return { ctx: { rowsOf: all, wanted: annotationFilter(annotations), rowsWhere: indexedLookup(all) }, applied };
}

export function queryOptions(call: DataverseCall, table: TableSchema): QueryOptions {
  return parseQueryOptions(table, (name) => call.query.get(name) ?? undefined, (set) => rowsOf(call.env, set));
}

function metadataBase(call: DataverseCall): string {
  return `https://${call.env.host}/api/data/v${call.version}/$metadata#`;
}

export function contextUrl(call: DataverseCall, table: TableSchema, options: QueryOptions, entity: boolean): string {
  const projection = contextProjection(options);
  return `${metadataBase(call)}${table.set}${projection ? `(${projection})` : ''}${entity ? '/$entity' : ''}`;
}

function headersWith(applied: string[]): Record<string, string> {
  return applied.length ? { ...ODATA_HEADERS, 'preference-applied': applied.join(',') } : { ...ODATA_HEADERS };
}

export function readList(call: DataverseCall, table: TableSchema): Reply {
  requirePrivilege(call, 'Read', table);
  const options = queryOptions(call, table);
  const { ctx, applied } = shapeContext(call);
  const matching = filterAndSort(table, rowsOf(call.env, table.set), options, ctx);
  let page: Row[];
  let nextLink: string | undefined;
  if (options.top !== undefined) {
    page = matching.slice(0, options.top);
  } else {
    const requested = pageSizeOf(parsePrefer(call.headers['prefer']));
    if (requested !== undefined) applied.push(`odata.maxpagesize=${requested}`);
    const size = requested ?? DEFAULT_PAGE_SIZE;
    const token = call.query.get('$skiptoken');
    const offset = token ? decodeSkipToken(token) : 0;
    page = matching.slice(offset, offset + size);
    if (offset + size < matching.length) nextLink = nextLinkFor(call.url, offset + size, Math.floor((offset + size) / size) + 1);
  }
  const body: Record<string, unknown> = { '@odata.context': contextUrl(call, table, options, false) };
  if (options.count) body['@odata.count'] = matching.length;
  body.value = page.map((r) => shapeRow(table, r, options, ctx));
  if (nextLink) body['@odata.nextLink'] = nextLink;
  return { status: 200, headers: headersWith(applied), body };
}

export function readOne(call: DataverseCall, table: TableSchema, id: string): Reply {
  requirePrivilege(call, 'Read', table);
  const options = queryOptions(call, table);
  const row = findRow(call.env, table, id);
  if (!row) throw notFound(table, id);
  const { ctx, applied } = shapeContext(call);
  return {
    status: 200,
    headers: { ...headersWith(applied), etag: String(row.versionnumber ? `W/"${String(row.versionnumber)}"` : 'W/"1"') },
    body: { '@odata.context': contextUrl(call, table, options, true), ...shapeRow(table, row, options, ctx) },
  };
}
