/**
 * Dataverse rows (Web API JSON) → the typed records of types.ts and facts.ts, and the `$select` /
 * `$expand` each read asks for. Column names and codes: azure-apis.md §1.2, §1.3, §3.1, §3.2.
 */
import type { CredentialRecordFacts, EnvironmentVariableFacts } from '../../core/credentials/facts';
import { formattedValue } from './odata';
import type { DesktopFlowRecord, FlowMachineGroupRecord, FlowMachineRecord } from './types';

type Row = Readonly<Record<string, unknown>>;

const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const n = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

export const DEFINITION_COLUMNS = ['environmentvariabledefinitionid', 'schemaname', 'displayname', 'type', 'secretstore', 'defaultvalue'];

export const CREDENTIAL_SELECT = ['credentialid', 'name', 'description', 'connectiontype', 'statecode', 'createdon', 'modifiedon', '_username_value', '_password_value'].join(',');

export const CREDENTIAL_EXPAND = ['username', 'password'].map((nav) => `${nav}($select=${DEFINITION_COLUMNS.join(',')})`).join(',');

export const VALUE_SELECT = ['environmentvariablevalueid', 'value', '_environmentvariabledefinitionid_value', 'createdon'].join(',');

export const FLOW_SELECT = ['workflowid', 'name', 'statecode', 'modifiedon'];

export const MACHINE_SELECT = [
  'flowmachineid',
  'name',
  'agentversion',
  'lastheartbeatdate',
  'statecode',
  'statuscode',
  'keydeliverystatus',
  'hostingtype',
  '_flowmachinegroupid_value',
].join(',');

export const GROUP_SELECT = ['flowmachinegroupid', 'name', 'flowgrouptype', 'statecode', 'statuscode'].join(',');

/** A definition row (without its value: values are joined in by `withCurrentValue`). */
export function toDefinitionFacts(row: Row | undefined | null): EnvironmentVariableFacts | undefined {
  if (!row) return undefined;
  const id = s(row.environmentvariabledefinitionid);
  const schemaName = s(row.schemaname);
  const type = n(row.type);
  if (!id || !schemaName || type === undefined) return undefined;
  return {
    id: id.toLowerCase(),
    schemaName,
    displayName: s(row.displayname),
    type,
    secretStore: n(row.secretstore),
    defaultValue: s(row.defaultvalue),
  };
}

export interface ValueRow {
  readonly id: string;
  readonly definitionId: string;
  readonly value?: string;
  readonly createdOn?: string;
}

export function toValueRow(row: Row): ValueRow | undefined {
  const id = s(row.environmentvariablevalueid);
  const definitionId = s(row._environmentvariabledefinitionid_value);
  if (!id || !definitionId) return undefined;
  return { id: id.toLowerCase(), definitionId: definitionId.toLowerCase(), value: s(row.value), createdOn: s(row.createdon) };
}

/** The definition with the environment's current value, when a value row exists for it. */
export function withCurrentValue(def: EnvironmentVariableFacts | undefined, values: readonly ValueRow[]): EnvironmentVariableFacts | undefined {
  if (!def) return undefined;
  // A definition has at most one value per environment; should there be more, the newest wins.
  const mine = values.filter((v) => v.definitionId === def.id).sort((a, b) => (b.createdOn ?? '').localeCompare(a.createdOn ?? ''));
  const v = mine[0];
  return v ? { ...def, currentValue: v.value, valueId: v.id } : def;
}

/** A credential row with its `username` / `password` definitions expanded (values not yet joined). */
export function toCredentialFacts(row: Row): CredentialRecordFacts | undefined {
  const id = s(row.credentialid);
  const name = s(row.name);
  if (!id || name === undefined) return undefined;
  return {
    id: id.toLowerCase(),
    name,
    description: s(row.description),
    active: (n(row.statecode) ?? 0) === 0,
    connectionType: n(row.connectiontype),
    username: toDefinitionFacts(row.username as Row | undefined),
    password: toDefinitionFacts(row.password as Row | undefined),
    createdOn: s(row.createdon),
    modifiedOn: s(row.modifiedon),
  };
}

/** Joins each credential's variables with their current values. */
export function joinValues(credentials: readonly CredentialRecordFacts[], values: readonly ValueRow[]): CredentialRecordFacts[] {
  return credentials.map((c) => ({ ...c, username: withCurrentValue(c.username, values), password: withCurrentValue(c.password, values) }));
}

/** The definition ids a page of credentials refers to. */
export function definitionIdsOf(credentials: readonly CredentialRecordFacts[]): string[] {
  const ids = new Set<string>();
  for (const c of credentials) {
    if (c.username) ids.add(c.username.id);
    if (c.password) ids.add(c.password.id);
  }
  return [...ids];
}

/** `workflow.statecode`: 0 Draft, 1 Activated, 2 Suspended. */
export function toDesktopFlow(row: Row): DesktopFlowRecord | undefined {
  const id = s(row.workflowid);
  const name = s(row.name);
  if (!id || name === undefined) return undefined;
  return { id: id.toLowerCase(), name, clientData: s(row.clientdata), active: n(row.statecode) === 1, modifiedOn: s(row.modifiedon) };
}

export function toMachine(row: Row): FlowMachineRecord | undefined {
  const id = s(row.flowmachineid);
  const name = s(row.name);
  const stateCode = n(row.statecode);
  const statusCode = n(row.statuscode);
  if (!id || name === undefined || stateCode === undefined || statusCode === undefined) return undefined;
  return {
    id: id.toLowerCase(),
    name,
    agentVersion: s(row.agentversion),
    lastHeartbeat: s(row.lastheartbeatdate),
    stateCode,
    statusCode,
    keyDeliveryStatus: n(row.keydeliverystatus),
    hostingType: n(row.hostingtype),
    groupId: s(row._flowmachinegroupid_value)?.toLowerCase(),
    groupName: formattedValue(row, '_flowmachinegroupid_value'),
  };
}

export function toMachineGroup(row: Row): FlowMachineGroupRecord | undefined {
  const id = s(row.flowmachinegroupid);
  const name = s(row.name);
  const stateCode = n(row.statecode);
  const statusCode = n(row.statuscode);
  if (!id || name === undefined || stateCode === undefined || statusCode === undefined) return undefined;
  return { id: id.toLowerCase(), name, groupType: n(row.flowgrouptype), stateCode, statusCode };
}
