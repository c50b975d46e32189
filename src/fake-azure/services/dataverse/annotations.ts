/**
 * Formatted values and lookup annotations, sent when the request says
 * `Prefer: odata.include-annotations="*"` (or names them, with `*` wildcards).
 */
import type { Row, TableSchema } from './tables';
import { tableBySet } from './tables';

export const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
export const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
export const ASSOCIATED_NAV = 'Microsoft.Dynamics.CRM.associatednavigationproperty';

/** Which annotations a `odata.include-annotations` value asks for. */
export function annotationFilter(pref: string | undefined): (name: string) => boolean {
  if (pref === undefined) return () => false;
  const patterns = pref
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((p) => new RegExp('^' + p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$', 'i'));
  return (name) => patterns.some((re) => re.test(name));
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const h = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The annotations of one column's value. */
export function annotate(
  table: TableSchema,
  column: string,
  value: unknown,
  wanted: (name: string) => boolean,
  findRow: (set: string, key: string, id: unknown) => Row | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const col = table.columns[column];
  if (!col || value === null || value === undefined) return out;
  let formatted: string | undefined;
  switch (col.type) {
    case 'choice':
      formatted = col.labels?.[Number(value)];
      break;
    case 'multichoice':
      formatted = String(value)
        .split(',')
        .map((v) => col.labels?.[Number(v)] ?? v)
        .join('; ');
      break;
    case 'bool':
      formatted = value ? 'Yes' : 'No';
      break;
    case 'int':
      formatted = Number(value).toLocaleString('en-US');
      break;
    case 'datetime':
      formatted = formatDate(String(value));
      break;
    case 'lookup': {
      const target = tableBySet(col.target!)!;
      const related = findRow(target.set, target.key, value);
      if (related && related[target.primaryName] !== undefined) formatted = String(related[target.primaryName]);
      if (wanted(ASSOCIATED_NAV)) out[`${column}@${ASSOCIATED_NAV}`] = col.nav;
      if (wanted(LOOKUP_LOGICAL_NAME)) out[`${column}@${LOOKUP_LOGICAL_NAME}`] = target.logicalName;
      break;
    }
    default:
      break;
  }
  if (formatted !== undefined && wanted(FORMATTED)) out[`${column}@${FORMATTED}`] = formatted;
  return out;
}
