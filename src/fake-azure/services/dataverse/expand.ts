/**
 * Shaping rows for a reply: `$select` projection (the key always comes back), `@odata.etag`,
 * annotations, `$filter` / `$orderby` / `$top` inside collections, and `$expand` of lookups
 * (single-valued navigation properties) and one-to-many collections, nested.
 */
import { annotate } from './annotations';
import { evaluate } from './filter';
import { QueryOptions, resolverFor } from './odataQuery';
import type { Row, TableSchema } from './tables';

export interface ShapeContext {
  rowsOf: (set: string) => Row[];
  wanted: (annotation: string) => boolean;
  /** Rows of `set` whose `column` equals `value`, through an index built once per request. */
  rowsWhere?: (set: string, column: string, value: unknown) => Row[];
}

/** An index of rows by one column's value, built lazily per (set, column) for one request. */
export function indexedLookup(rowsOf: (set: string) => Row[]): (set: string, column: string, value: unknown) => Row[] {
  const indexes = new Map<string, Map<unknown, Row[]>>();
  return (set, column, value) => {
    const key = `${set}\u0000${column}`;
    let index = indexes.get(key);
    if (!index) {
      index = new Map();
      for (const r of rowsOf(set)) {
        const list = index.get(r[column]);
        if (list) list.push(r);
        else index.set(r[column], [r]);
      }
      indexes.set(key, index);
    }
    return index.get(value) ?? [];
  };
}

export function etagOf(row: Row): string {
  return `W/"${String(row.versionnumber ?? 1)}"`;
}

/** Rows of `table` that pass `$filter`, in `$orderby` order (stable). */
export function filterAndSort(table: TableSchema, rows: Row[], options: QueryOptions, ctx: ShapeContext): Row[] {
  const props = resolverFor(table, ctx.rowsOf);
  let out = options.filter ? rows.filter((r) => evaluate(options.filter!, r, props)) : [...rows];
  if (options.orderby.length) {
    const norm = (v: unknown): number | string | null => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'string') {
        const t = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
        return Number.isNaN(t) ? v.toLowerCase() : t;
      }
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v as number;
    };
    out = out
      .map((row, index) => ({ row, index, keys: options.orderby.map((k) => norm(props.get(row, k.path))) }))
      .sort((a, b) => {
        for (let i = 0; i < options.orderby.length; i++) {
          const x = a.keys[i];
          const y = b.keys[i];
          if (x === y) continue;
          const cmp = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
          return options.orderby[i].descending ? -cmp : cmp;
        }
        return a.index - b.index;
      })
      .map((x) => x.row);
  }
  return out;
}

/** One row as the Web API returns it. */
export function shapeRow(table: TableSchema, row: Row, options: QueryOptions, ctx: ShapeContext): Row {
  const out: Row = { '@odata.etag': etagOf(row) };
  const columns = options.select ? [...new Set([...options.select, table.key])] : Object.keys(table.columns);
  for (const c of columns) {
    const v = row[c] ?? null;
    Object.assign(out, annotate(table, c, v, ctx.wanted, (set, key, id) => (ctx.rowsWhere ? ctx.rowsWhere(set, key, id)[0] : ctx.rowsOf(set).find((r) => r[key] === id))));
    out[c] = v;
  }
  for (const item of options.expand) {
    if (item.kind === 'single') {
      const lookupColumn = Object.entries(table.columns).find(([, col]) => col.type === 'lookup' && col.nav === item.nav)![0];
      const id = row[lookupColumn];
      const related = typeof id !== 'string' ? undefined : ctx.rowsWhere ? ctx.rowsWhere(item.table.set, item.table.key, id)[0] : ctx.rowsOf(item.table.set).find((r) => r[item.table.key] === id);
      out[item.nav] = related ? shapeRow(item.table, related, item.options, ctx) : null;
    } else {
      const fk = table.collections[item.nav].foreignKey;
      const id = row[table.key];
      const children = ctx.rowsWhere ? ctx.rowsWhere(item.table.set, fk, id) : ctx.rowsOf(item.table.set).filter((r) => r[fk] === id);
      let related = filterAndSort(item.table, children, item.options, ctx);
      if (item.options.top !== undefined) related = related.slice(0, item.options.top);
      out[item.nav] = related.map((r) => shapeRow(item.table, r, item.options, ctx));
    }
  }
  return out;
}

/** The `(…)` part of `@odata.context`: selected columns and expanded navigation properties. */
export function contextProjection(options: QueryOptions): string {
  const parts = [...(options.select ?? [])];
  for (const e of options.expand) parts.push(`${e.nav}(${contextProjection(e.options)})`);
  return parts.join(',');
}
