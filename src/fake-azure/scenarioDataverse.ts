/**
 * The Dataverse part of a scenario environment: credentials (with their environment variables),
 * desktop flows, machines and groups, connections, solutions and privileges, all referring to each
 * other by name. Ids are derived from the environment host and the name, as elsewhere.
 * Choice columns take a code or the label of `services/dataverse/tables.ts` ("RequiresReconnection").
 */
import type { ScenarioTime } from './scenario';
import type { DataverseEnvironment, FakeAzureState } from './state';
import { guidFromName, isoSeconds } from './util';
import { Row, TableSchema, tableBySet } from './services/dataverse/tables';
import { nextVersion, systemUserId } from './services/dataverse/store';

export interface ScenarioDataverse {
  /** Credentials; each gets a String variable for the user name and a Secret variable for the reference. */
  credentials?: ScenarioCredential[];
  /** Further environment variables. */
  environmentVariables?: ScenarioEnvironmentVariable[];
  desktopFlows?: ScenarioDesktopFlow[];
  machineGroups?: ScenarioMachineGroup[];
  machines?: ScenarioMachine[];
  /** Desktop flow connections (`connectioninstances`) that use a credential. */
  connections?: { name: string; displayName?: string; connector?: string; credential?: string; status?: string }[];
  solutions?: { uniqueName: string; friendlyName?: string; version: string; managed?: boolean }[];
  /** Dataverse privileges an identity lacks, e.g. `{ "principal": "megan", "deny": ["prvCreatecredential"] }`. */
  privileges?: { principal: string; deny: string[] }[];
  /** Every Web API request answers 429 with this Retry-After. */
  throttle?: boolean | { retryAfter?: number };
  /** Bulk rows for benchmarks: `credentials` named `{prefix} 00001`…, each pointing at `secret` in `vault`. */
  generate?: { credentials: number; prefix?: string; vault?: string; secret?: string };
}

export interface ScenarioCredential {
  name: string;
  description?: string;
  /** The user name (a String variable). */
  userName?: string;
  /** The Key Vault secret: `{ vault, secret }` (the reference is built from the vault's place), or a raw reference. */
  secret?: { vault: string; secret: string } | string;
  /** Schema name prefix of the two variables (default `cr7f1`). */
  schemaPrefix?: string;
  connectionType?: number | string;
  /** Usage codes or labels (default DesktopScript). */
  usage?: (number | string)[];
  state?: 'Active' | 'Inactive';
  createdOn?: ScenarioTime;
  owner?: string;
}

export interface ScenarioEnvironmentVariable {
  schemaName: string;
  displayName?: string;
  type?: number | string;
  defaultValue?: string;
  /** The current value (an `environmentvariablevalue` row). */
  value?: string;
  secretStore?: number | string;
}

export interface ScenarioDesktopFlow {
  name: string;
  description?: string;
  /** Robin text; lines joined with CRLF. */
  script: string | string[];
  state?: 'Draft' | 'Activated';
  /** 6 (desktop flow, default) or 5 (cloud flow) */
  category?: number;
  modifiedOn?: ScenarioTime;
}

export interface ScenarioMachineGroup {
  name: string;
  description?: string;
  type?: number | string;
  state?: number | string;
  status?: number | string;
  keyCreated?: ScenarioTime;
  /** Days. */
  keyValidity?: number;
}

export interface ScenarioMachine {
  name: string;
  group?: string;
  description?: string;
  agentVersion?: string;
  lastHeartbeat?: ScenarioTime;
  state?: number | string;
  status?: number | string;
  keyDeliveryStatus?: number | string;
  hostingType?: number | string;
  keyReceived?: ScenarioTime;
}

/** A choice column's code from a code or a label. */
export function codeOf(table: TableSchema, column: string, value: number | string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const labels = table.columns[column].labels ?? {};
  const hit = Object.entries(labels).find(([, l]) => l.toLowerCase() === value.toLowerCase());
  if (!hit) throw new Error(`${table.logicalName}.${column}: unknown value '${value}' (one of ${Object.values(labels).join(', ')})`);
  return Number(hit[0]);
}

function table(set: string): TableSchema {
  return tableBySet(set)!;
}

function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** Fills an environment's tables from its scenario entry. */
export function seedDataverse(
  state: FakeAzureState,
  env: DataverseEnvironment,
  sd: ScenarioDataverse,
  t: (v: ScenarioTime | undefined) => number | undefined,
): void {
  const when = (v: ScenarioTime | undefined, fallback: number): string => isoSeconds(t(v) ?? fallback).replace(/\.\d{3}Z$/, 'Z');
  const start = t('now')!;
  const rows = (set: string): Row[] => {
    let r = env.tables.get(set);
    if (!r) env.tables.set(set, (r = []));
    return r;
  };
  const id = (kind: string, name: string): string => guidFromName(kind, env.host, name);
  const tenantIdentities = state.identities.filter((i) => i.tenantIds.includes(env.tenantId));
  const admin = tenantIdentities.find((i) => i.kind === 'user') ?? tenantIdentities[0];
  const ownerOf = (name: string | undefined): string => {
    const who = name ? state.findIdentity(name) : admin;
    return who ? systemUserId(env, who.objectId) : guidFromName('systemuser', env.host, 'system');
  };
  const system = (created: string, owner?: string): Row => ({
    createdon: created,
    modifiedon: created,
    _ownerid_value: ownerOf(owner),
    _createdby_value: ownerOf(owner),
    _modifiedby_value: ownerOf(owner),
    versionnumber: nextVersion(),
  });

  for (const who of tenantIdentities) {
    rows('systemusers').push({
      systemuserid: systemUserId(env, who.objectId),
      fullname: who.kind === 'user' ? who.displayName : `# ${who.displayName}`,
      domainname: who.userPrincipalName ?? `${who.appId}@${env.host}`,
      internalemailaddress: who.mail ?? who.userPrincipalName ?? null,
      azureactivedirectoryobjectid: who.objectId,
      applicationid: who.appId ?? null,
      isdisabled: false,
      accessmode: who.kind === 'user' ? 0 : 4,
      createdon: when('-400d', start),
      modifiedon: when('-400d', start),
      versionnumber: nextVersion(),
    });
  }

  const defs = table('environmentvariabledefinitions');
  const addVariable = (v: ScenarioEnvironmentVariable, created: string): string => {
    const defId = id('envvardef', v.schemaName);
    const type = codeOf(defs, 'type', v.type, 100000000);
    rows(defs.set).push({
      environmentvariabledefinitionid: defId,
      schemaname: v.schemaName,
      displayname: v.displayName ?? v.schemaName,
      description: null,
      defaultvalue: v.defaultValue ?? null,
      type,
      secretstore: type === 100000005 ? codeOf(defs, 'secretstore', v.secretStore, 0) : null,
      valueschema: null,
      isrequired: false,
      statecode: 0,
      statuscode: 1,
      solutionid: null,
      ismanaged: false,
      ...system(created),
    });
    if (v.value !== undefined) {
      rows('environmentvariablevalues').push({
        environmentvariablevalueid: id('envvarvalue', v.schemaName),
        schemaname: v.schemaName,
        value: v.value,
        _environmentvariabledefinitionid_value: defId,
        statecode: 0,
        statuscode: 1,
        ...system(created),
      });
    }
    return defId;
  };
  for (const v of sd.environmentVariables ?? []) addVariable(v, when('-100d', start));

  const creds = table('credentials');
  /** A row of the credentials table: user name and password as environment variables, no certificate or CyberArk, unmanaged. */
  const credentialRow = (c: {
    name: string;
    description: string | null;
    connectiontype: number;
    usagetype: string;
    userDef: string | null;
    passwordDef: string | null;
    inactive: boolean;
    created: string;
    owner?: string;
  }): Row => ({
    credentialid: id('credential', c.name),
    name: c.name,
    description: c.description,
    connectiontype: c.connectiontype,
    credentialtype: 1,
    usagetype: c.usagetype,
    _username_value: c.userDef,
    _password_value: c.passwordDef,
    _certificate_value: null,
    _cyberarkusername_value: null,
    _cyberarkobject_value: null,
    _cyberarksafe_value: null,
    cyberarkapplicationid: null,
    statecode: c.inactive ? 1 : 0,
    statuscode: c.inactive ? 2 : 1,
    solutionid: null,
    ismanaged: false,
    ...system(c.created, c.owner),
  });
  for (const c of sd.credentials ?? []) {
    const created = when(c.createdOn, start - 60 * 86400);
    const prefix = c.schemaPrefix ?? 'cr7f1';
    const base = pascal(c.name);
    const userDef = c.userName !== undefined ? addVariable({ schemaName: `${prefix}_${base}UserName`, displayName: `${c.name} user name`, type: 100000000, value: c.userName }, created) : null;
    let passwordDef: string | null = null;
    if (c.secret !== undefined) {
      let reference: string;
      if (typeof c.secret === 'string') reference = c.secret;
      else {
        const vault = state.findVault(c.secret.vault);
        if (!vault) throw new Error(`Credential '${c.name}': unknown vault '${c.secret.vault}'`);
        reference = `${state.vaultResourceId(vault)}/secrets/${c.secret.secret}`;
      }
      passwordDef = addVariable({ schemaName: `${prefix}_${base}Password`, displayName: `${c.name} password`, type: 100000005, secretStore: 0, value: reference }, created);
    }
    rows(creds.set).push(credentialRow({
      name: c.name,
      description: c.description ?? null,
      connectiontype: codeOf(creds, 'connectiontype', c.connectionType, 1),
      usagetype: (c.usage ?? ['DesktopScript']).map((u) => codeOf(creds, 'usagetype', u, 280920001)).join(','),
      userDef,
      passwordDef,
      inactive: c.state === 'Inactive',
      created,
      owner: c.owner,
    }));
  }

  if (sd.generate) {
    const g = sd.generate;
    const prefix = g.prefix ?? 'Generated credential';
    const vault = g.vault ? state.findVault(g.vault) : undefined;
    if (g.vault && !vault) throw new Error(`Environment ${env.name}: generate names unknown vault '${g.vault}'`);
    const reference = vault ? `${state.vaultResourceId(vault)}/secrets/${g.secret ?? 'generated-secret'}` : undefined;
    const created = when('-30d', start);
    for (let i = 1; i <= g.credentials; i++) {
      const name = `${prefix} ${String(i).padStart(5, '0')}`;
      const base = `gen${i}`;
      const userDef = addVariable({ schemaName: `cr7f1_${base}UserName`, displayName: `${name} user name`, type: 100000000, value: `robot${i}` }, created);
      const passwordDef = reference ? addVariable({ schemaName: `cr7f1_${base}Password`, displayName: `${name} password`, type: 100000005, secretStore: 0, value: reference }, created) : null;
      rows(creds.set).push(credentialRow({ name, description: null, connectiontype: 1, usagetype: '280920001', userDef, passwordDef, inactive: false, created }));
    }
  }

  for (const f of sd.desktopFlows ?? []) {
    const script = Array.isArray(f.script) ? f.script.join('\r\n') : f.script;
    const state = f.state ?? 'Activated';
    const wf = table('workflows');
    rows(wf.set).push({
      workflowid: id('workflow', f.name),
      name: f.name,
      description: f.description ?? null,
      category: f.category ?? 6,
      type: 1,
      uiflowtype: (f.category ?? 6) === 6 ? 2 : null,
      clientdata: clientDataOf(script),
      statecode: codeOf(wf, 'statecode', state, 1),
      statuscode: codeOf(wf, 'statuscode', state, 2),
      solutionid: null,
      ismanaged: false,
      ...system(when(f.modifiedOn, start - 7 * 86400)),
    });
  }

  const groups = table('flowmachinegroups');
  for (const g of sd.machineGroups ?? []) {
    rows(groups.set).push({
      flowmachinegroupid: id('flowmachinegroup', g.name),
      name: g.name,
      description: g.description ?? null,
      flowgrouptype: codeOf(groups, 'flowgrouptype', g.type, 545940001),
      managementtype: 0,
      statecode: codeOf(groups, 'statecode', g.state, 0),
      statuscode: codeOf(groups, 'statuscode', g.status, 1),
      keycreationdate: when(g.keyCreated, start - 30 * 86400),
      keyvalidityperiod: g.keyValidity ?? 90,
      keyexpirygraceperiod: 7,
      passwordchangeddate: null,
      domainsetting: 0,
      ...system(when('-200d', start)),
    });
  }
  const machines = table('flowmachines');
  for (const m of sd.machines ?? []) {
    const groupName = m.group ?? m.name;
    let groupId = id('flowmachinegroup', groupName);
    if (!rows(groups.set).some((g) => g.flowmachinegroupid === groupId)) {
      if (m.group) throw new Error(`Machine '${m.name}': unknown group '${m.group}'`);
      // A standalone machine sits in its own "Default" group.
      rows(groups.set).push({
        flowmachinegroupid: groupId,
        name: groupName,
        description: null,
        flowgrouptype: 545940002,
        managementtype: 0,
        statecode: 0,
        statuscode: 1,
        keycreationdate: null,
        keyvalidityperiod: null,
        keyexpirygraceperiod: null,
        passwordchangeddate: null,
        domainsetting: 0,
        ...system(when('-200d', start)),
      });
      groupId = id('flowmachinegroup', groupName);
    }
    rows(machines.set).push({
      flowmachineid: id('flowmachine', m.name),
      name: m.name,
      description: m.description ?? null,
      agentversion: m.agentVersion ?? null,
      lastheartbeatdate: m.lastHeartbeat === undefined ? null : when(m.lastHeartbeat, start),
      _flowmachinegroupid_value: groupId,
      hostingtype: codeOf(machines, 'hostingtype', m.hostingType, 0),
      statecode: codeOf(machines, 'statecode', m.state, 0),
      statuscode: codeOf(machines, 'statuscode', m.status, 1),
      keydeliverystatus: codeOf(machines, 'keydeliverystatus', m.keyDeliveryStatus, 1),
      keyreceiveddate: when(m.keyReceived, start - 30 * 86400),
      sessioncapacity: 1,
      overcapacitysince: null,
      ...system(when('-150d', start)),
    });
  }

  for (const c of sd.connections ?? []) {
    const credentialId = c.credential ? id('credential', c.credential) : null;
    if (credentialId && !rows('credentials').some((r) => r.credentialid === credentialId)) throw new Error(`Connection '${c.name}': unknown credential '${c.credential}'`);
    rows('connectioninstances').push({
      connectioninstanceid: id('connectioninstance', c.name),
      connectioninternalid: c.name,
      connectioninstancedisplayname: c.displayName ?? c.name,
      connectorinternalid: c.connector ?? 'shared_uiflow',
      connectionstatus: c.status ?? 'Connected',
      _credentialid_value: credentialId,
      statecode: 0,
      statuscode: 1,
      ...system(when('-30d', start)),
    });
  }

  for (const s of sd.solutions ?? []) {
    const installed = when('-90d', start);
    rows('solutions').push({
      solutionid: id('solution', s.uniqueName),
      uniquename: s.uniqueName,
      friendlyname: s.friendlyName ?? s.uniqueName,
      version: s.version,
      ismanaged: s.managed ?? true,
      isvisible: true,
      installedon: installed,
      createdon: installed,
      modifiedon: installed,
      versionnumber: nextVersion(),
    });
  }

  for (const p of sd.privileges ?? []) {
    const who = state.findIdentity(p.principal);
    if (!who) throw new Error(`Environment ${env.name}: privileges for unknown identity '${p.principal}'`);
    env.deniedPrivileges.set(who.objectId, new Set(p.deny));
  }
  if (sd.throttle) env.throttle = { retryAfterSeconds: sd.throttle === true ? 1 : sd.throttle.retryAfter ?? 1 };
}

/**
 * A desktop flow's `clientdata`: JSON whose `properties.definition` is the Robin script (INFERRED
 * shape: the real column is documented only as "the flow data"; the solution export's Workflows
 * JSON uses `properties.definition` too).
 */
export function clientDataOf(script: string): string {
  return JSON.stringify({
    properties: {
      definition: script,
      inputs: { schema: { properties: {}, type: 'object' } },
      outputs: { schema: { properties: {}, type: 'object' } },
      connectionReferences: {},
    },
    schemaVersion: 'ROBIN_20211012',
  });
}
