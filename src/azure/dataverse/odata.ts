/**
 * The OData v4 pieces the Dataverse Web API speaks: string literals in `$filter`, query strings,
 * and server-driven paging (`Prefer: odata.maxpagesize`, `@odata.nextLink`).
 */

/** An OData string literal: single quotes, a quote inside doubled (`O'Brien` → `'O''Brien'`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A GUID literal for `$filter` (unquoted); refuses anything that is not a GUID. */
export function odataGuid(value: string): string {
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value)) {
    throw new Error('Not a GUID.');
  }
  return value.toLowerCase();
}

/**
 * `set?$select=…&$filter=…` with each value percent-encoded (spaces as `%20`, which the Web API
 * expects, never `+`). Undefined options are left out; keys keep their `$`.
 */
export function odataPath(entitySet: string, options: Readonly<Record<string, string | undefined>> = {}): string {
  const parts = Object.entries(options)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length ? `${entitySet}?${parts.join('&')}` : entitySet;
}

/** `Prefer` header values for a read. */
export function preferHeader(options: { pageSize?: number; annotations?: boolean }): string | undefined {
  const parts: string[] = [];
  if (options.pageSize && options.pageSize > 0) parts.push(`odata.maxpagesize=${Math.floor(options.pageSize)}`);
  if (options.annotations) parts.push('odata.include-annotations="OData.Community.Display.V1.FormattedValue"');
  return parts.length ? parts.join(',') : undefined;
}

/** A collection response. */
export interface ODataCollection<T> {
  readonly value?: T[];
  readonly '@odata.nextLink'?: string;
}

/** The formatted value of a column (`{column}@OData.Community.Display.V1.FormattedValue`). */
export function formattedValue(row: Readonly<Record<string, unknown>>, column: string): string | undefined {
  const v = row[`${column}@OData.Community.Display.V1.FormattedValue`];
  return typeof v === 'string' && v ? v : undefined;
}

/** The id in an `OData-EntityId` header: `https://…/api/data/v9.2/credentials(<guid>)`. */
export function entityIdFromHeader(header: string | undefined): string | undefined {
  const m = header ? /\(([0-9a-fA-F-]{36})\)\s*$/.exec(header) : null;
  return m ? m[1].toLowerCase() : undefined;
}
