/**
 * An environment's rows: lookup by key, system columns on write, row versions (etags) and
 * all-or-nothing transactions (deep insert, `$batch` change sets).
 */
import type { DataverseEnvironment } from '../../state';
import { guidFromName, isoSeconds, nowSeconds } from '../../util';
import type { Row, TableSchema } from './tables';

let versionCounter = 1_000_000;

/** A new row version (Dataverse's `versionnumber`, shown as the etag). */
export function nextVersion(): number {
  return ++versionCounter;
}

export function rowsOf(env: DataverseEnvironment, set: string): Row[] {
  let rows = env.tables.get(set);
  if (!rows) {
    rows = [];
    env.tables.set(set, rows);
  }
  return rows;
}

export function findRow(env: DataverseEnvironment, table: TableSchema, id: string): Row | undefined {
  const key = id.toLowerCase();
  return rowsOf(env, table.set).find((r) => r[table.key] === key);
}

/** The `systemuser` id of an Entra object in an environment (WhoAmI's `UserId`). */
export function systemUserId(env: DataverseEnvironment, objectId: string): string {
  return guidFromName('systemuser', env.host, objectId);
}

export function nowIso(): string {
  return isoSeconds(nowSeconds()).replace(/\.\d{3}Z$/, 'Z');
}

/** Runs `fn`; when it throws, every table of the environment is put back as it was. */
export function transaction<T>(env: DataverseEnvironment, fn: () => T): T {
  const snapshot = new Map([...env.tables].map(([set, rows]) => [set, rows.map((r) => ({ ...r }))]));
  try {
    return fn();
  } catch (e) {
    env.tables.clear();
    for (const [set, rows] of snapshot) env.tables.set(set, rows);
    throw e;
  }
}

/** Async variant for change sets. */
export async function transactionAsync<T>(env: DataverseEnvironment, fn: () => Promise<T>): Promise<T> {
  const snapshot = new Map([...env.tables].map(([set, rows]) => [set, rows.map((r) => ({ ...r }))]));
  try {
    return await fn();
  } catch (e) {
    env.tables.clear();
    for (const [set, rows] of snapshot) env.tables.set(set, rows);
    throw e;
  }
}
