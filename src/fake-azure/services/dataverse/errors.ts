/**
 * Dataverse's error replies: `{"error":{"code":"0x…","message":"…"}}` with the codes of
 * azure-apis.md §1.7. `DataverseError` is thrown by the engine and turned into a reply at the edge.
 */
import type { Reply } from '../types';
import type { TableSchema } from './tables';

export const ODATA_HEADERS = { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0' };

export const CODES = {
  missingPrivilege: '0x80040220',
  notFound: '0x80040217',
  duplicate: '0x80040237',
  throttled: '0x80072322',
  badQuery: '0x80060888',
  invalidArgument: '0x80040203',
  preconditionFailed: '0x80060882',
  notMember: '0x80072560',
  unexpected: '0x80040216',
} as const;

export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorReply(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...ODATA_HEADERS, ...headers }, body: { error: { code, message } } };
}

export function toReply(e: DataverseError): Reply {
  return errorReply(e.status, e.code, e.message, e.headers);
}

export function badQuery(message: string): DataverseError {
  return new DataverseError(400, CODES.badQuery, message);
}

export function unknownProperty(table: TableSchema, name: string): DataverseError {
  return badQuery(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);
}

export function notFound(table: TableSchema, id: string): DataverseError {
  return new DataverseError(404, CODES.notFound, `${table.logicalName} With Ids = ${id} Do Not Exist`);
}

export function duplicate(table: TableSchema, column: string): DataverseError {
  return new DataverseError(
    412,
    CODES.duplicate,
    `A record with matching key values already exists. Cannot insert duplicate key: the ${column} of ${table.logicalName} must be unique.`,
  );
}

/** The real text names the privilege, the user and the table (azure-apis.md §1.7). */
export function missingPrivilege(table: TableSchema, privilege: string, userId: string): DataverseError {
  return new DataverseError(
    403,
    CODES.missingPrivilege,
    `Principal user (Id=${userId}, type=8, roleCount=1, privilegeCount=0, accessMode=0), is missing ${privilege} privilege on OTC=${table.otc} for entity '${table.logicalName}'. context.Caller=${userId}`,
  );
}

export function throttled(retryAfterSeconds: number): DataverseError {
  return new DataverseError(429, CODES.throttled, 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.', {
    'retry-after': String(retryAfterSeconds),
  });
}

export function invalidArgument(message: string): DataverseError {
  return new DataverseError(400, CODES.invalidArgument, message);
}
