/**
 * Dataverse security roles, reduced to what the scenarios need: every identity may do everything
 * except the privileges its environment denies it (`prvCreatecredential`, `prvReadworkflow`…).
 */
import { missingPrivilege } from './errors';
import type { DataverseCall } from './call';
import { systemUserId } from './store';
import type { TableSchema } from './tables';

export type Operation = 'Read' | 'Create' | 'Write' | 'Delete';

export function privilegeName(op: Operation, table: TableSchema): string {
  return `prv${op}${table.logicalName}`;
}

/** Throws Dataverse's 403 `0x80040220` when the caller lacks the privilege. */
export function requirePrivilege(call: DataverseCall, op: Operation, table: TableSchema): void {
  const denied = call.env.deniedPrivileges.get(call.caller.objectId);
  const privilege = privilegeName(op, table);
  if (denied && [...denied].some((p) => p.toLowerCase() === privilege.toLowerCase())) {
    throw missingPrivilege(table, privilege, systemUserId(call.env, call.caller.objectId));
  }
}
