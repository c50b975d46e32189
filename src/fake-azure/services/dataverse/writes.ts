/**
 * Writes: `POST {set}` (201 with `Prefer: return=representation`, else 204 with `OData-EntityId`),
 * `@odata.bind` for lookups, deep insert of lookups and collections, `PATCH {set}({id})` (merge;
 * `If-Match` → 412 on a stale etag; upsert when the row is missing), `DELETE {set}({id})` (a
 * definition takes its values with it; lookups to a deleted row are cleared). Unique columns,
 * privileges and Key Vault references are checked; a failed write leaves nothing behind.
 */
import { randomUUID } from 'crypto';
import type { FakeAzureState } from '../../state';
import { isGuid } from '../../util';
import type { Reply } from '../types';
import type { DataverseCall } from './call';
import { badQuery, CODES, DataverseError, duplicate, invalidArgument, notFound, ODATA_HEADERS } from './errors';
import { etagOf, shapeRow } from './expand';
import { parsePrefer } from './paging';
import { requirePrivilege } from './privileges';
import { contextUrl, queryOptions, shapeContext } from './read';
import { findRow, nextVersion, nowIso, rowsOf, systemUserId, transaction } from './store';
import { entityUrl, lookupOfNav, Row, TableSchema, tableBySet } from './tables';
import { validateSecretReference } from './keyVaultReference';

const SECRET_TYPE = 100000005;

type Body = Record<string, unknown>;

function parseBody(call: DataverseCall): Body {
  const text = call.body.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badQuery('The request body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badQuery('The request body must be a JSON object.');
  return body as Body;
}

const EDM: Record<string, string> = { int: 'Edm.Int32', choice: 'Edm.Int32', bool: 'Edm.Boolean', guid: 'Edm.Guid', datetime: 'Edm.DateTimeOffset' };

function checkValue(table: TableSchema, column: string, value: unknown): unknown {
  if (value === null) return null;
  const col = table.columns[column];
  const ok =
    col.type === 'int' || col.type === 'choice'
      ? Number.isInteger(value)
      : col.type === 'bool'
        ? typeof value === 'boolean'
        : col.type === 'guid'
          ? isGuid(value as string)
          : typeof value === 'string';
  if (!ok) throw badQuery(`Cannot convert the literal '${String(value)}' to the expected type '${EDM[col.type] ?? 'Edm.String'}'.`);
  return col.type === 'guid' ? (value as string).toLowerCase() : value;
}

/** `/set(id)`, `set(id)`, an absolute entity URL, or `$n` (a Content-ID of the same change set). */
function resolveBind(call: DataverseCall, targetSet: string, ref: unknown): string {
  if (typeof ref !== 'string') throw badQuery('An @odata.bind value must be an entity URL.');
  let text = ref.trim();
  if (/^\$\w+/.test(text)) {
    const url = call.contentIds?.get(text.slice(1));
    if (!url) throw badQuery(`The Content-ID reference '${text}' is not defined in this change set.`);
    text = url;
  }
  const m = /(?:^|\/)([A-Za-z_]\w*)\(([0-9a-fA-F-]{36})\)$/.exec(text);
  if (!m) throw badQuery(`The @odata.bind value '${ref}' is not an entity URL.`);
  const target = tableBySet(m[1]);
  if (!target || target.set !== targetSet) throw badQuery(`The @odata.bind value '${ref}' does not point at ${targetSet}.`);
  if (!findRow(call.env, target, m[2])) throw notFound(target, m[2].toLowerCase());
  return m[2].toLowerCase();
}

interface Pending {
  after: (() => void)[];
}

/** Applies the properties of a request body to `row` (create or update). */
function applyBody(call: DataverseCall, state: FakeAzureState, table: TableSchema, row: Row, body: Body, creating: boolean, pending: Pending): void {
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@odata.')) continue;
    const bind = /^(.+)@odata\.bind$/.exec(key);
    if (bind) {
      const nav = bind[1];
      const lookupColumn = lookupOfNav(table, nav);
      const collection = table.collections[nav];
      if (lookupColumn) {
        row[lookupColumn] = value === null ? null : resolveBind(call, table.columns[lookupColumn].target!, value);
      } else if (collection && Array.isArray(value)) {
        const ids = value.map((v) => resolveBind(call, collection.set, v));
        pending.after.push(() => {
          const target = tableBySet(collection.set)!;
          for (const id of ids) findRow(call.env, target, id)![collection.foreignKey] = row[table.key];
        });
      } else {
        throw badQuery(`An undeclared property '${nav}' which only has property annotations in the payload but no property value was found in the payload.`);
      }
      continue;
    }
    const lookupColumn = lookupOfNav(table, key);
    if (lookupColumn && value && typeof value === 'object' && !Array.isArray(value)) {
      if (!creating) throw badQuery(`Deep updates are not supported: '${key}' cannot be set inline in an update.`);
      const target = tableBySet(table.columns[lookupColumn].target!)!;
      row[lookupColumn] = createRow(call, state, target, value as Body);
      continue;
    }
    const collection = table.collections[key];
    if (collection && Array.isArray(value)) {
      if (!creating) throw badQuery(`Deep updates are not supported: '${key}' cannot be set inline in an update.`);
      const target = tableBySet(collection.set)!;
      pending.after.push(() => {
        for (const child of value) {
          if (!child || typeof child !== 'object') throw badQuery(`'${key}' must be an array of objects.`);
          createRow(call, state, target, { ...(child as Body) }, { column: collection.foreignKey, id: row[table.key] as string });
        }
      });
      continue;
    }
    const col = table.columns[key];
    if (!col || key === 'versionnumber' || key === 'createdon' || key === 'modifiedon') {
      throw badQuery(
        `The property '${key}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (col.type === 'lookup') throw badQuery(`Invalid property '${key}' was found in entity 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);
    if (key === table.key && !creating) continue;
    row[key] = checkValue(table, key, value);
  }
}

function checkUnique(call: DataverseCall, table: TableSchema, row: Row): void {
  for (const column of table.unique) {
    const v = row[column];
    if (typeof v !== 'string') continue;
    const clash = rowsOf(call.env, table.set).some((r) => r !== row && r[table.key] !== row[table.key] && typeof r[column] === 'string' && (r[column] as string).toLowerCase() === v.toLowerCase());
    if (clash) throw duplicate(table, column);
  }
}

/** Key Vault reference checks for secret variables (definition default values and current values). */
function validateSecrets(call: DataverseCall, state: FakeAzureState, table: TableSchema, row: Row, changed: Body): void {
  const caller = call.caller.objectId;
  if (table.set === 'environmentvariabledefinitions' && row.type === SECRET_TYPE && typeof row.defaultvalue === 'string' && ('defaultvalue' in changed || 'type' in changed)) {
    validateSecretReference(state, call.env, caller, row.defaultvalue);
  }
  if (table.set === 'environmentvariablevalues' && typeof row.value === 'string') {
    const defs = tableBySet('environmentvariabledefinitions')!;
    const def = typeof row._environmentvariabledefinitionid_value === 'string' ? findRow(call.env, defs, row._environmentvariabledefinitionid_value) : undefined;
    if (def?.type === SECRET_TYPE) validateSecretReference(state, call.env, caller, row.value);
  }
}

function createRow(call: DataverseCall, state: FakeAzureState, table: TableSchema, body: Body, parent?: { column: string; id: string }): string {
  requirePrivilege(call, 'Create', table);
  const now = nowIso();
  const user = systemUserId(call.env, call.caller.objectId);
  const row: Row = {};
  for (const c of Object.keys(table.columns)) row[c] = null;
  Object.assign(row, { statecode: 'statecode' in table.columns ? 0 : undefined, statuscode: 'statuscode' in table.columns ? 1 : undefined });
  if ('_ownerid_value' in table.columns) Object.assign(row, { _ownerid_value: user, _createdby_value: user, _modifiedby_value: user });
  if (parent) row[parent.column] = parent.id;
  const nested: Pending = { after: [] };
  applyBody(call, state, table, row, body, true, nested);
  row[table.key] = typeof row[table.key] === 'string' ? row[table.key] : randomUUID();
  if (findRow(call.env, table, row[table.key] as string)) throw new DataverseError(412, CODES.duplicate, 'A record with matching key values already exists.');
  if (row[table.primaryName] === null && table.unique.includes(table.primaryName)) {
    throw invalidArgument(`Attribute '${table.primaryName}' cannot be NULL.`);
  }
  Object.assign(row, { createdon: now, modifiedon: now, versionnumber: nextVersion() });
  for (const k of Object.keys(row)) if (row[k] === undefined) delete row[k];
  checkUnique(call, table, row);
  rowsOf(call.env, table.set).push(row);
  validateSecrets(call, state, table, row, body);
  for (const f of nested.after) f();
  return row[table.key] as string;
}

function representation(call: DataverseCall, table: TableSchema, id: string, status: number): Reply {
  const row = findRow(call.env, table, id)!;
  const options = queryOptions(call, table);
  const { ctx, applied } = shapeContext(call);
  applied.push('return=representation');
  return {
    status,
    headers: { ...ODATA_HEADERS, 'preference-applied': applied.join(','), etag: etagOf(row), 'odata-entityid': entityUrl(call.env.host, call.version, table, id) },
    body: { '@odata.context': contextUrl(call, table, options, true), ...shapeRow(table, row, options, ctx) },
  };
}

function noContent(call: DataverseCall, table: TableSchema, id: string): Reply {
  const url = entityUrl(call.env.host, call.version, table, id);
  return { status: 204, headers: { 'odata-version': '4.0', 'odata-entityid': url, location: url } };
}

export function create(call: DataverseCall, state: FakeAzureState, table: TableSchema): Reply {
  const body = parseBody(call);
  const id = transaction(call.env, () => createRow(call, state, table, body));
  return parsePrefer(call.headers['prefer']).get('return') === 'representation' ? representation(call, table, id, 201) : noContent(call, table, id);
}

export function update(call: DataverseCall, state: FakeAzureState, table: TableSchema, id: string): Reply {
  const body = parseBody(call);
  const ifMatch = call.headers['if-match'];
  const existing = findRow(call.env, table, id);
  if (!existing) {
    if (ifMatch !== undefined) throw notFound(table, id);
    const created = transaction(call.env, () => createRow(call, state, table, { ...body, [table.key]: id.toLowerCase() }));
    return parsePrefer(call.headers['prefer']).get('return') === 'representation' ? representation(call, table, created, 201) : noContent(call, table, created);
  }
  if (ifMatch !== undefined && ifMatch.trim() !== '*' && ifMatch.trim() !== etagOf(existing)) {
    throw new DataverseError(412, CODES.preconditionFailed, "The version of the existing record doesn't match the RowVersion property provided.");
  }
  requirePrivilege(call, 'Write', table);
  transaction(call.env, () => {
    const row = findRow(call.env, table, id)!;
    applyBody(call, state, table, row, body, false, { after: [] });
    checkUnique(call, table, row);
    Object.assign(row, { modifiedon: nowIso(), versionnumber: nextVersion() });
    if ('_modifiedby_value' in table.columns) row._modifiedby_value = systemUserId(call.env, call.caller.objectId);
    validateSecrets(call, state, table, row, body);
  });
  return parsePrefer(call.headers['prefer']).get('return') === 'representation' ? representation(call, table, id.toLowerCase(), 200) : noContent(call, table, id.toLowerCase());
}

export function remove(call: DataverseCall, table: TableSchema, id: string): Reply {
  const row = findRow(call.env, table, id);
  if (!row) throw notFound(table, id);
  requirePrivilege(call, 'Delete', table);
  const key = row[table.key];
  call.env.tables.set(table.set, rowsOf(call.env, table.set).filter((r) => r !== row));
  if (table.set === 'environmentvariabledefinitions') {
    call.env.tables.set('environmentvariablevalues', rowsOf(call.env, 'environmentvariablevalues').filter((v) => v._environmentvariabledefinitionid_value !== key));
  }
  // Other tables' lookups to the deleted row are cleared (cascade "RemoveLink").
  for (const [set, rows] of call.env.tables) {
    const other = tableBySet(set);
    if (!other) continue;
    const columns = Object.entries(other.columns).filter(([, c]) => c.type === 'lookup' && c.target === table.set).map(([n]) => n);
    for (const r of rows) for (const c of columns) if (r[c] === key) r[c] = null;
  }
  return { status: 204, headers: { 'odata-version': '4.0' } };
}
