/**
 * OData v4 `$filter` as Dataverse reads it: comparison operators (eq ne gt ge lt le), `and`, `or`,
 * `not`, parentheses, `contains` / `startswith` / `endswith`, `null`, `true`/`false`, numbers,
 * GUIDs, date-times, strings with doubled quotes, properties (`_x_value` lookups) and
 * single-valued navigation paths (`username/schemaname`). String comparisons ignore case, as
 * SQL Server's default collation does. Parse errors are Dataverse's 400 (`0x80060888`).
 *
 * `parseFilter` is the only entry point the engine uses: an npm parser could replace the body.
 */
import { badQuery } from './errors';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; left: FilterNode; right: FilterNode }
  | { kind: 'call'; name: 'contains' | 'startswith' | 'endswith'; args: FilterNode[] }
  | { kind: 'literal'; value: Literal }
  | { kind: 'property'; path: string[] };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Literal = string | number | boolean | null | { guid: string } | { date: number };

/** What the evaluator needs: a property's value and type for a row. */
export interface PropertyResolver<R> {
  /** Throws a 400 for a property the table does not have. */
  check(path: string[]): PropertyType;
  get(row: R, path: string[]): unknown;
}

export type PropertyType = 'string' | 'number' | 'bool' | 'guid' | 'datetime';

interface Token {
  kind: 'word' | 'string' | 'number' | 'guid' | 'date' | 'punct' | 'end';
  text: string;
  pos: number;
  value?: string | number;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (pos: number): never => {
    throw badQuery(`Syntax error at position ${pos} in '${src}'.`);
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    if (c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= src.length) fail(src.length);
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += src[j++];
      }
      out.push({ kind: 'string', text: src.slice(i, j + 1), pos: i, value: text });
      i = j + 1;
      continue;
    }
    const guid = GUID.exec(rest);
    if (guid && !/[\w-]/.test(rest[guid[0].length] ?? '')) {
      out.push({ kind: 'guid', text: guid[0], pos: i, value: guid[0].toLowerCase() });
      i += guid[0].length;
      continue;
    }
    const date = DATE.exec(rest);
    if (date && date[0].length > 4 && !/[\w]/.test(rest[date[0].length] ?? '')) {
      out.push({ kind: 'date', text: date[0], pos: i, value: Date.parse(date[0]) });
      i += date[0].length;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?(?:[mMdDfFlL])?/.exec(rest);
    if (num && !/[A-Za-z_]/.test(rest[num[0].length] ?? '')) {
      out.push({ kind: 'number', text: num[0], pos: i, value: Number(num[0].replace(/[mMdDfFlL]$/, '')) });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (word) {
      out.push({ kind: 'word', text: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    if ('(),/'.includes(c)) {
      out.push({ kind: 'punct', text: c, pos: i });
      i++;
      continue;
    }
    fail(i);
  }
  out.push({ kind: 'end', text: '', pos: src.length });
  return out;
}

const COMPARE: CompareOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const FUNCTIONS = ['contains', 'startswith', 'endswith'] as const;

/** Parses a `$filter` expression; throws Dataverse's 400 on a syntax error. */
export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let p = 0;
  const peek = (): Token => tokens[p];
  const fail = (t: Token = peek()): never => {
    throw badQuery(`Syntax error at position ${t.pos} in '${src}'.`);
  };
  const isWord = (w: string): boolean => peek().kind === 'word' && peek().text === w;
  const expect = (text: string): void => {
    if (peek().text !== text) fail();
    p++;
  };

  const orExpr = (): FilterNode => {
    let left = andExpr();
    while (isWord('or')) {
      p++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const andExpr = (): FilterNode => {
    let left = notExpr();
    while (isWord('and')) {
      p++;
      left = { kind: 'and', left, right: notExpr() };
    }
    return left;
  };
  const notExpr = (): FilterNode => {
    if (isWord('not')) {
      p++;
      return { kind: 'not', operand: notExpr() };
    }
    return compareExpr();
  };
  const compareExpr = (): FilterNode => {
    const left = primary();
    const t = peek();
    if (t.kind === 'word' && (COMPARE as string[]).includes(t.text)) {
      p++;
      return { kind: 'compare', op: t.text as CompareOp, left, right: primary() };
    }
    return left;
  };
  const primary = (): FilterNode => {
    const t = peek();
    if (t.kind === 'punct' && t.text === '(') {
      p++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (t.kind === 'string') {
      p++;
      return { kind: 'literal', value: t.value as string };
    }
    if (t.kind === 'number') {
      p++;
      return { kind: 'literal', value: t.value as number };
    }
    if (t.kind === 'guid') {
      p++;
      return { kind: 'literal', value: { guid: t.value as string } };
    }
    if (t.kind === 'date') {
      p++;
      return { kind: 'literal', value: { date: t.value as number } };
    }
    if (t.kind === 'word') {
      p++;
      if (t.text === 'null') return { kind: 'literal', value: null };
      if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
      if (peek().text === '(') {
        const name = t.text.toLowerCase();
        if (!(FUNCTIONS as readonly string[]).includes(name)) throw badQuery(`An unknown function with name '${t.text}' was found.`);
        p++;
        const args = [orExpr()];
        while (peek().text === ',') {
          p++;
          args.push(orExpr());
        }
        expect(')');
        if (args.length !== 2) throw badQuery(`No function signature for the function with name '${t.text}' matches the specified arguments.`);
        return { kind: 'call', name: name as (typeof FUNCTIONS)[number], args };
      }
      const path = [t.text];
      while (peek().text === '/') {
        p++;
        const seg = peek();
        if (seg.kind !== 'word') fail(seg);
        path.push(seg.text);
        p++;
      }
      return { kind: 'property', path };
    }
    return fail(t);
  };

  if (peek().kind === 'end') fail();
  const tree = orExpr();
  if (peek().kind !== 'end') fail();
  return tree;
}

const OP_KIND: Record<CompareOp, string> = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };
const EDM: Record<PropertyType | 'null', string> = { string: 'Edm.String', number: 'Edm.Int32', bool: 'Edm.Boolean', guid: 'Edm.Guid', datetime: 'Edm.DateTimeOffset', null: 'null' };

function literalType(v: Literal): PropertyType | 'null' {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'guid' in v ? 'guid' : 'datetime';
}

/** Checks properties and operand types; throws Dataverse's 400 for an unknown column or a type clash. */
export function checkFilter<R>(node: FilterNode, props: PropertyResolver<R>): void {
  const typeOf = (n: FilterNode): PropertyType | 'null' | 'bool' => {
    switch (n.kind) {
      case 'literal':
        return literalType(n.value);
      case 'property':
        return props.check(n.path);
      case 'compare': {
        const a = typeOf(n.left);
        const b = typeOf(n.right);
        const compatible = a === b || a === 'null' || b === 'null' || (a === 'guid' && b === 'string') || (a === 'string' && b === 'guid');
        if (!compatible) {
          throw badQuery(`A binary operator with incompatible types was detected. Found operand types '${EDM[a]}' and '${EDM[b]}' for operator kind '${OP_KIND[n.op]}'.`);
        }
        return 'bool';
      }
      case 'call':
        for (const a of n.args) {
          const t = typeOf(a);
          if (t !== 'string' && t !== 'null') throw badQuery(`No function signature for the function with name '${n.name}' matches the specified arguments.`);
        }
        return 'bool';
      case 'not':
        typeOf(n.operand);
        return 'bool';
      default:
        typeOf(n.left);
        typeOf(n.right);
        return 'bool';
    }
  };
  typeOf(node);
}

function value<R>(n: FilterNode, row: R, props: PropertyResolver<R>): unknown {
  if (n.kind === 'literal') {
    const v = n.value;
    if (v !== null && typeof v === 'object') return 'guid' in v ? v.guid : v.date;
    return v;
  }
  if (n.kind === 'property') return props.get(row, n.path);
  return evaluate(n, row, props);
}

function norm(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'string') {
    const t = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
    return Number.isNaN(t) ? v.toLowerCase() : t;
  }
  return v;
}

function compare(op: CompareOp, a: unknown, b: unknown): boolean {
  const x = norm(a);
  const y = norm(b);
  if (op === 'eq') return x === y;
  if (op === 'ne') return x !== y;
  if (x === null || y === null) return false;
  const xs = x as number | string;
  const ys = y as number | string;
  switch (op) {
    case 'gt':
      return xs > ys;
    case 'ge':
      return xs >= ys;
    case 'lt':
      return xs < ys;
    default:
      return xs <= ys;
  }
}

export function evaluate<R>(n: FilterNode, row: R, props: PropertyResolver<R>): boolean {
  switch (n.kind) {
    case 'and':
      return evaluate(n.left, row, props) && evaluate(n.right, row, props);
    case 'or':
      return evaluate(n.left, row, props) || evaluate(n.right, row, props);
    case 'not':
      return !evaluate(n.operand, row, props);
    case 'compare':
      return compare(n.op, value(n.left, row, props), value(n.right, row, props));
    case 'call': {
      const [a, b] = n.args.map((x) => value(x, row, props));
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      const s = a.toLowerCase();
      const t = b.toLowerCase();
      return n.name === 'contains' ? s.includes(t) : n.name === 'startswith' ? s.startsWith(t) : s.endsWith(t);
    }
    case 'literal':
      return n.value === true;
    case 'property':
      return props.get(row, n.path) === true;
  }
}
