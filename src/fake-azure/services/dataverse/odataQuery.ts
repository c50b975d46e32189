/**
 * The query options of a Dataverse Web API read (`$select`, `$filter`, `$expand`, `$top`,
 * `$orderby`, `$count`), parsed and checked against the table they apply to. Unknown columns and
 * bad syntax are Dataverse's 400.
 */
import { badQuery, unknownProperty } from './errors';
import { checkFilter, FilterNode, parseFilter, PropertyResolver, PropertyType } from './filter';
import { lookupOfNav, Row, TableSchema, tableBySet } from './tables';

export interface OrderKey {
  path: string[];
  descending: boolean;
}

export interface ExpandItem {
  nav: string;
  /** Single-valued (a lookup) or a collection. */
  kind: 'single' | 'collection';
  table: TableSchema;
  options: QueryOptions;
}

export interface QueryOptions {
  select?: string[];
  filter?: FilterNode;
  expand: ExpandItem[];
  top?: number;
  orderby: OrderKey[];
  count: boolean;
}

/** Splits on `sep` at nesting depth 0 (parentheses and quoted strings kept together). */
export function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === sep) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

function typeOfColumn(table: TableSchema, name: string): PropertyType {
  const col = table.columns[name];
  switch (col.type) {
    case 'int':
    case 'choice':
      return 'number';
    case 'bool':
      return 'bool';
    case 'guid':
    case 'lookup':
      return 'guid';
    case 'datetime':
      return 'datetime';
    default:
      return 'string';
  }
}

/** Reads properties of rows of `table`, following single-valued navigation properties through `rowsOf`. */
export function resolverFor(table: TableSchema, rowsOf: (set: string) => Row[]): PropertyResolver<Row> {
  const check = (t: TableSchema, path: string[]): PropertyType => {
    const [head, ...rest] = path;
    if (rest.length === 0) {
      if (!t.columns[head]) throw unknownProperty(t, head);
      return typeOfColumn(t, head);
    }
    const lookupColumn = lookupOfNav(t, head);
    if (!lookupColumn) throw unknownProperty(t, head);
    return check(tableBySet(t.columns[lookupColumn].target!)!, rest);
  };
  const get = (t: TableSchema, row: Row | undefined, path: string[]): unknown => {
    if (!row) return null;
    const [head, ...rest] = path;
    if (rest.length === 0) return row[head] ?? null;
    const lookupColumn = lookupOfNav(t, head)!;
    const target = tableBySet(t.columns[lookupColumn].target!)!;
    const id = row[lookupColumn];
    const related = typeof id === 'string' ? rowsOf(target.set).find((r) => r[target.key] === id) : undefined;
    return get(target, related, rest);
  };
  return { check: (p) => check(table, p), get: (row, p) => get(table, row, p) };
}

function parseTop(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw badQuery(`Invalid value '${text}' for $top query option found. The $top query option requires a non-negative integer value.`);
  return Number(text);
}

/** Parses the options of one read; `get(name)` returns the raw option text. */
export function parseQueryOptions(table: TableSchema, get: (name: string) => string | undefined, rowsOf: (set: string) => Row[]): QueryOptions {
  const props = resolverFor(table, rowsOf);
  const options: QueryOptions = { expand: [], orderby: [], count: false };
  const select = get('$select');
  if (select !== undefined) {
    options.select = splitTopLevel(select, ',');
    for (const name of options.select) if (!table.columns[name]) throw unknownProperty(table, name);
  }
  const filter = get('$filter');
  if (filter !== undefined) {
    options.filter = parseFilter(filter);
    checkFilter(options.filter, props);
  }
  const top = get('$top');
  if (top !== undefined) options.top = parseTop(top);
  const orderby = get('$orderby');
  if (orderby !== undefined) {
    options.orderby = splitTopLevel(orderby, ',').map((part) => {
      const m = /^([A-Za-z_][\w/]*)(?:\s+(asc|desc))?$/i.exec(part);
      if (!m) throw badQuery(`Syntax error at position 0 in '${part}'.`);
      const path = m[1].split('/');
      props.check(path);
      return { path, descending: (m[2] ?? '').toLowerCase() === 'desc' };
    });
  }
  const count = get('$count');
  if (count !== undefined) {
    if (!/^(true|false)$/i.test(count)) throw badQuery(`'${count}' is not a valid count option.`);
    options.count = count.toLowerCase() === 'true';
  }
  const expand = get('$expand');
  if (expand !== undefined) options.expand = splitTopLevel(expand, ',').map((item) => parseExpandItem(table, item, rowsOf));
  return options;
}

function parseExpandItem(table: TableSchema, item: string, rowsOf: (set: string) => Row[]): ExpandItem {
  const m = /^([A-Za-z_]\w*)\s*(?:\((.*)\))?$/s.exec(item);
  if (!m) throw badQuery(`Syntax error at position 0 in '${item}'.`);
  const nav = m[1];
  const lookupColumn = lookupOfNav(table, nav);
  const collection = table.collections[nav];
  if (!lookupColumn && !collection) throw unknownProperty(table, nav);
  const target = tableBySet(lookupColumn ? table.columns[lookupColumn].target! : collection.set)!;
  const inner = new Map<string, string>();
  for (const part of splitTopLevel(m[2] ?? '', ';')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw badQuery(`Syntax error at position 0 in '${part}'.`);
    const key = part.slice(0, eq).trim();
    if (!['$select', '$filter', '$orderby', '$top', '$expand'].includes(key)) throw badQuery(`The query option '${key}' is not supported in an $expand.`);
    inner.set(key, part.slice(eq + 1));
  }
  return { nav, kind: lookupColumn ? 'single' : 'collection', table: target, options: parseQueryOptions(target, (k) => inner.get(k), rowsOf) };
}
