/**
 * The Dataverse tables the fake serves, with the column names and codes of azure-apis.md §1–§3:
 * entity set, key, primary name, columns (lookups as `_x_value`), navigation properties and the
 * labels of choice columns (for formatted-value annotations).
 */

export type ColumnType = 'string' | 'memo' | 'int' | 'bool' | 'guid' | 'datetime' | 'choice' | 'multichoice' | 'lookup';

export interface Column {
  type: ColumnType;
  /** Choice labels by code (formatted values). */
  labels?: Record<number, string>;
  /** For lookups: the entity set the lookup points at, and its single-valued navigation property. */
  target?: string;
  nav?: string;
}

export interface CollectionNav {
  /** Entity set of the related rows. */
  set: string;
  /** The lookup column on the related rows that points back (`_x_value` form). */
  foreignKey: string;
}

export interface TableSchema {
  /** Entity set name (Web API), e.g. `credentials`. */
  set: string;
  /** Logical name, e.g. `credential` (privileges: `prvCreatecredential`). */
  logicalName: string;
  key: string;
  primaryName: string;
  /** Columns by Web API property name (lookups as `_x_value`). */
  columns: Record<string, Column>;
  collections: Record<string, CollectionNav>;
  /** Columns whose value must be unique (case-insensitive), e.g. `name`, `schemaname`. */
  unique: string[];
  /** Object type code (appears in missing-privilege messages). */
  otc: number;
}

const STATE_ACTIVE = { 0: 'Active', 1: 'Inactive' };
const STATUS_ACTIVE = { 1: 'Active', 2: 'Inactive' };

function lookup(target: string, nav: string): Column {
  return { type: 'lookup', target, nav };
}

/** Columns every user-owned table has. */
function system(): Record<string, Column> {
  return {
    createdon: { type: 'datetime' },
    modifiedon: { type: 'datetime' },
    _ownerid_value: lookup('systemusers', 'ownerid'),
    _createdby_value: lookup('systemusers', 'createdby'),
    _modifiedby_value: lookup('systemusers', 'modifiedby'),
    versionnumber: { type: 'int' },
  };
}

const DEFINITIONS = 'environmentvariabledefinitions';

export const TABLES: TableSchema[] = [
  {
    set: 'credentials',
    logicalName: 'credential',
    key: 'credentialid',
    primaryName: 'name',
    otc: 10432,
    unique: ['name'],
    columns: {
      credentialid: { type: 'guid' },
      name: { type: 'string' },
      description: { type: 'memo' },
      connectiontype: {
        type: 'choice',
        labels: {
          1: 'UsernamePassword',
          2: 'UsernamePasswordList',
          3: 'UsernamePasswordListWithGroupMapping',
          4: 'CyberArkIdentity',
          5: 'CertificateBasedAuthentication',
          6: 'MachineMapping',
          7: 'ConnectionReference',
        },
      },
      credentialtype: { type: 'choice', labels: { 1: 'SingleCredential', 2: 'ListOfCredentials' } },
      usagetype: { type: 'multichoice', labels: { 280920000: 'Connection', 280920001: 'DesktopScript', 280920002: 'Network', 280920003: 'Cua' } },
      _username_value: lookup(DEFINITIONS, 'username'),
      _password_value: lookup(DEFINITIONS, 'password'),
      _certificate_value: lookup(DEFINITIONS, 'certificate'),
      _cyberarkusername_value: lookup(DEFINITIONS, 'cyberarkusername'),
      _cyberarkobject_value: lookup(DEFINITIONS, 'cyberarkobject'),
      _cyberarksafe_value: lookup(DEFINITIONS, 'cyberarksafe'),
      cyberarkapplicationid: { type: 'string' },
      statecode: { type: 'choice', labels: STATE_ACTIVE },
      statuscode: { type: 'choice', labels: STATUS_ACTIVE },
      solutionid: { type: 'guid' },
      ismanaged: { type: 'bool' },
      ...system(),
    },
    collections: { connectioninstance_CredentialId_credential: { set: 'connectioninstances', foreignKey: '_credentialid_value' } },
  },
  {
    set: DEFINITIONS,
    logicalName: 'environmentvariabledefinition',
    key: 'environmentvariabledefinitionid',
    primaryName: 'schemaname',
    otc: 380,
    unique: ['schemaname'],
    columns: {
      environmentvariabledefinitionid: { type: 'guid' },
      schemaname: { type: 'string' },
      displayname: { type: 'string' },
      description: { type: 'memo' },
      defaultvalue: { type: 'memo' },
      type: { type: 'choice', labels: { 100000000: 'String', 100000001: 'Number', 100000002: 'Boolean', 100000003: 'JSON', 100000004: 'Data source', 100000005: 'Secret' } },
      secretstore: { type: 'choice', labels: { 0: 'Azure Key Vault', 1: 'Microsoft Dataverse' } },
      valueschema: { type: 'memo' },
      isrequired: { type: 'bool' },
      statecode: { type: 'choice', labels: STATE_ACTIVE },
      statuscode: { type: 'choice', labels: STATUS_ACTIVE },
      solutionid: { type: 'guid' },
      ismanaged: { type: 'bool' },
      ...system(),
    },
    collections: {
      environmentvariabledefinition_environmentvariablevalue: { set: 'environmentvariablevalues', foreignKey: '_environmentvariabledefinitionid_value' },
      environmentvariabledefinition_credential_username: { set: 'credentials', foreignKey: '_username_value' },
      environmentvariabledefinition_credential_password: { set: 'credentials', foreignKey: '_password_value' },
    },
  },
  {
    set: 'environmentvariablevalues',
    logicalName: 'environmentvariablevalue',
    key: 'environmentvariablevalueid',
    primaryName: 'schemaname',
    otc: 381,
    unique: [],
    columns: {
      environmentvariablevalueid: { type: 'guid' },
      schemaname: { type: 'string' },
      value: { type: 'memo' },
      _environmentvariabledefinitionid_value: lookup(DEFINITIONS, 'EnvironmentVariableDefinitionId'),
      statecode: { type: 'choice', labels: STATE_ACTIVE },
      statuscode: { type: 'choice', labels: STATUS_ACTIVE },
      ...system(),
    },
    collections: {},
  },
  {
    set: 'connectioninstances',
    logicalName: 'connectioninstance',
    key: 'connectioninstanceid',
    primaryName: 'connectioninternalid',
    otc: 10250,
    unique: [],
    columns: {
      connectioninstanceid: { type: 'guid' },
      connectioninternalid: { type: 'string' },
      connectioninstancedisplayname: { type: 'string' },
      connectorinternalid: { type: 'string' },
      connectionstatus: { type: 'string' },
      _credentialid_value: lookup('credentials', 'CredentialId'),
      statecode: { type: 'choice', labels: STATE_ACTIVE },
      statuscode: { type: 'choice', labels: STATUS_ACTIVE },
      ...system(),
    },
    collections: {},
  },
  {
    set: 'workflows',
    logicalName: 'workflow',
    key: 'workflowid',
    primaryName: 'name',
    otc: 4703,
    unique: [],
    columns: {
      workflowid: { type: 'guid' },
      name: { type: 'string' },
      description: { type: 'memo' },
      category: { type: 'choice', labels: { 0: 'Workflow', 1: 'Dialog', 2: 'Business Rule', 3: 'Action', 4: 'Business Process Flow', 5: 'Modern Flow', 6: 'Desktop Flow', 7: 'AI Flow' } },
      type: { type: 'choice', labels: { 1: 'Definition', 2: 'Activation', 3: 'Template' } },
      uiflowtype: { type: 'choice', labels: { 0: 'Windows recorder (V1)', 1: 'Selenium IDE', 2: 'Power Automate Desktop', 101: 'Recording' } },
      clientdata: { type: 'memo' },
      statecode: { type: 'choice', labels: { 0: 'Draft', 1: 'Activated', 2: 'Suspended' } },
      statuscode: { type: 'choice', labels: { 1: 'Draft', 2: 'Activated', 3: 'CompanyDLPViolation' } },
      solutionid: { type: 'guid' },
      ismanaged: { type: 'bool' },
      ...system(),
    },
    collections: {},
  },
  {
    set: 'flowmachinegroups',
    logicalName: 'flowmachinegroup',
    key: 'flowmachinegroupid',
    primaryName: 'name',
    otc: 10300,
    unique: ['name'],
    columns: {
      flowmachinegroupid: { type: 'guid' },
      name: { type: 'string' },
      description: { type: 'memo' },
      flowgrouptype: { type: 'choice', labels: { 545940000: 'Keyless', 545940001: 'Standard', 545940002: 'Default' } },
      managementtype: { type: 'choice', labels: { 0: 'Customer', 1: 'Managed' } },
      statecode: { type: 'choice', labels: { 0: 'Active', 1: 'Inactive', 2: 'Maintenance' } },
      statuscode: { type: 'choice', labels: { 1: 'Active', 2: 'Inactive', 3: 'ManualMaintenance', 4: 'KeyExpired', 5: 'HmgIslandMove' } },
      keycreationdate: { type: 'datetime' },
      keyvalidityperiod: { type: 'int' },
      keyexpirygraceperiod: { type: 'int' },
      passwordchangeddate: { type: 'datetime' },
      domainsetting: { type: 'choice', labels: { 0: 'None', 1: 'AadJoined' } },
      ...system(),
    },
    collections: { flowmachinegroup_flowmachine: { set: 'flowmachines', foreignKey: '_flowmachinegroupid_value' } },
  },
  {
    set: 'flowmachines',
    logicalName: 'flowmachine',
    key: 'flowmachineid',
    primaryName: 'name',
    otc: 10301,
    unique: [],
    columns: {
      flowmachineid: { type: 'guid' },
      name: { type: 'string' },
      description: { type: 'memo' },
      agentversion: { type: 'string' },
      lastheartbeatdate: { type: 'datetime' },
      _flowmachinegroupid_value: lookup('flowmachinegroups', 'FlowMachineGroupId'),
      hostingtype: { type: 'choice', labels: { 0: 'Customer', 1: 'Hosted', 2: 'CloudPc' } },
      statecode: { type: 'choice', labels: { 0: 'Active', 1: 'Inactive', 2: 'Maintenance' } },
      statuscode: {
        type: 'choice',
        labels: {
          1: 'Active',
          2: 'Inactive',
          3: 'RequiresReconnection',
          4: 'ManualMaintenance',
          5: 'DrainMode',
          6: 'ToDelete',
          7: 'Temporary',
          8: 'Error',
          9: 'Disabled',
          10: 'Provisioning',
          11: 'RequiresGroupKey',
          12: 'ProvisionedWithError',
          13: 'HostedMachineOvercapacity',
          14: 'HostedMachineOvercapacityDeleted',
          15: 'HostedMachineOvercapacityDisabled',
        },
      },
      keydeliverystatus: { type: 'choice', labels: { 1: 'Default', 2: 'PendingNewKey', 3: 'KeyExpired' } },
      keyreceiveddate: { type: 'datetime' },
      sessioncapacity: { type: 'int' },
      overcapacitysince: { type: 'datetime' },
      ...system(),
    },
    collections: {},
  },
  {
    set: 'solutions',
    logicalName: 'solution',
    key: 'solutionid',
    primaryName: 'friendlyname',
    otc: 7100,
    unique: ['uniquename'],
    columns: {
      solutionid: { type: 'guid' },
      uniquename: { type: 'string' },
      friendlyname: { type: 'string' },
      version: { type: 'string' },
      ismanaged: { type: 'bool' },
      isvisible: { type: 'bool' },
      installedon: { type: 'datetime' },
      createdon: { type: 'datetime' },
      modifiedon: { type: 'datetime' },
      versionnumber: { type: 'int' },
    },
    collections: {},
  },
  {
    set: 'systemusers',
    logicalName: 'systemuser',
    key: 'systemuserid',
    primaryName: 'fullname',
    otc: 8,
    unique: [],
    columns: {
      systemuserid: { type: 'guid' },
      fullname: { type: 'string' },
      domainname: { type: 'string' },
      internalemailaddress: { type: 'string' },
      azureactivedirectoryobjectid: { type: 'guid' },
      applicationid: { type: 'guid' },
      isdisabled: { type: 'bool' },
      accessmode: { type: 'choice', labels: { 0: 'Read-Write', 1: 'Administrative', 2: 'Read', 3: 'Support User', 4: 'Non-interactive', 5: 'Delegated Admin' } },
      createdon: { type: 'datetime' },
      modifiedon: { type: 'datetime' },
      versionnumber: { type: 'int' },
    },
    collections: {},
  },
];

const BY_SET = new Map(TABLES.map((t) => [t.set, t]));

export function tableBySet(set: string): TableSchema | undefined {
  return BY_SET.get(set);
}

/** The lookup column (`_x_value`) behind a single-valued navigation property, if any. */
export function lookupOfNav(table: TableSchema, nav: string): string | undefined {
  return Object.entries(table.columns).find(([, c]) => c.type === 'lookup' && c.nav === nav)?.[0];
}

export type Row = Record<string, unknown>;

/** The canonical entity URL of a row: `https://{host}/api/data/v9.2/{set}({id})`. */
export function entityUrl(host: string, version: string, table: TableSchema, id: string): string {
  return `https://${host}/api/data/v${version}/${table.set}(${id})`;
}
