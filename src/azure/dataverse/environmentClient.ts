/**
 * One Power Platform environment's Dataverse Web API, seen by one account: typed reads a page at a
 * time (credentials with their environment variables, desktop flows, machines, machine groups) and
 * the all-or-nothing write of a Key Vault credential. A token is asked for the environment's own
 * audience (`{url}/.default`) in the environment's tenant. Every failure is thrown as a classified
 * AzureProblemError.
 */
import type { CredentialRecordFacts } from '../../core/credentials/facts';
import { CREDENTIAL_CONNECTION_TYPE, ENV_VAR_TYPE, SECRET_STORE } from '../../core/credentials/facts';
import type { AzureAccount } from '../auth/accounts';
import type { AzureClientOptions } from '../clients';
import { isDataverseUrlOfCloud } from '../clouds';
import { AzureProblemError, classified, classifyAzureError, type AzureOperation, type ProblemContext } from '../errors';
import { JsonPipelineClient, OriginMismatchError } from '../jsonPipeline';
import { parseSecretArmPath } from '../keyVault/references';
import { throwIfAborted } from '../paging';
import { mapLimit } from '../resources';
import { entityIdFromHeader, odataGuid, odataPath, odataString, preferHeader, type ODataCollection } from './odata';
import {
  CREDENTIAL_EXPAND,
  CREDENTIAL_SELECT,
  FLOW_SELECT,
  GROUP_SELECT,
  MACHINE_SELECT,
  VALUE_SELECT,
  definitionIdsOf,
  joinValues,
  toCredentialFacts,
  toDesktopFlow,
  toMachine,
  toMachineGroup,
  toValueRow,
  type ValueRow,
} from './records';
import { baseSchemaNames, uniqueSchemaNames, validateSchemaPrefix } from './schemaNames';
import type {
  CreatedCredential,
  DataverseEnvironmentInfo,
  DesktopFlowRecord,
  EnvironmentClient,
  FlowMachineGroupRecord,
  FlowMachineRecord,
  NewKeyVaultCredential,
  Page,
  PageOptions,
} from './types';

type Row = Record<string, unknown>;

export const WEB_API_VERSION = '9.2';

/** `credential.credentialtype` SingleCredential, and `credential.usagetype` codes (azure-apis.md §1.2). */
const CREDENTIAL_TYPE_SINGLE = 1;
const CREDENTIAL_USAGE = { connection: 280920000, desktopScript: 280920001 } as const;

/** Default `odata.maxpagesize` of list calls. */
export const DEFAULT_PAGE_SIZE = 100;

/** How many definition ids one `$filter` of values names (keeps URLs far below Dataverse's limit). */
const IDS_PER_FILTER = 100;

const ODATA_HEADERS = { 'OData-MaxVersion': '4.0', 'OData-Version': '4.0' };

export interface DataverseClientOptions extends AzureClientOptions {
  /** Default page size of list calls. */
  readonly pageSize?: number;
}

export class DataverseEnvironmentClient implements EnvironmentClient {
  private readonly http: JsonPipelineClient;
  private readonly pageSize: number;

  constructor(
    readonly account: AzureAccount,
    readonly environment: DataverseEnvironmentInfo,
    options: DataverseClientOptions = {},
  ) {
    if (!isDataverseUrlOfCloud(environment.url, account.cloud) || !isDataverseUrlOfCloud(environment.apiUrl, account.cloud)) {
      throw new OriginMismatchError(`Refusing to call ${safeHost(environment.apiUrl)}: it is not a Dataverse host of ${account.cloud.displayName}.`);
    }
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.http = new JsonPipelineClient(
      `${environment.apiUrl}/api/data/v${WEB_API_VERSION}/`,
      account.credential(environment.tenantId),
      `${environment.url}/.default`,
      options,
    );
  }

  private ctx(operation: AzureOperation, extra: Partial<ProblemContext> = {}): ProblemContext {
    return {
      operation,
      environment: { name: this.environment.friendlyName, url: this.environment.url },
      tenant: { id: this.environment.tenantId },
      identity: this.account.identity,
      accountKind: this.account.kind,
      ...extra,
    };
  }

  private run<T>(ctx: ProblemContext, fn: () => Promise<T>): Promise<T> {
    return classified(ctx, fn);
  }

  private async get<T>(url: string, abortSignal: AbortSignal | undefined, prefer?: string): Promise<T> {
    throwIfAborted(abortSignal);
    const res = await this.http.send<T>({ method: 'GET', url, headers: { ...ODATA_HEADERS, ...(prefer ? { Prefer: prefer } : {}) }, abortSignal });
    return res.body;
  }

  /** One page of `path` (or of `options.nextLink`), mapped. */
  private async page<T>(path: string, options: PageOptions, map: (row: Row) => T | undefined, annotations = false): Promise<Page<T>> {
    const prefer = preferHeader({ pageSize: options.pageSize ?? this.pageSize, annotations });
    const body = await this.get<ODataCollection<Row>>(options.nextLink ?? path, options.abortSignal, prefer);
    const items: T[] = [];
    for (const row of body?.value ?? []) {
      const mapped = map(row);
      if (mapped !== undefined) items.push(mapped);
    }
    const next = body?.['@odata.nextLink'];
    return { items, nextLink: typeof next === 'string' && next ? next : undefined };
  }

  /** Every row of `path`, following nextLinks. */
  private async all<T>(path: string, abortSignal: AbortSignal | undefined, map: (row: Row) => T | undefined): Promise<T[]> {
    const out: T[] = [];
    let nextLink: string | undefined;
    do {
      const p = await this.page(path, { nextLink, abortSignal, pageSize: 5000 }, map);
      out.push(...p.items);
      nextLink = p.nextLink;
    } while (nextLink);
    return out;
  }

  whoAmI(abortSignal?: AbortSignal): Promise<{ userId: string; organizationId: string; businessUnitId: string }> {
    return this.run(this.ctx('readEnvironment'), async () => {
      const b = await this.get<{ UserId?: string; OrganizationId?: string; BusinessUnitId?: string }>('WhoAmI', abortSignal);
      return { userId: b?.UserId ?? '', organizationId: b?.OrganizationId ?? '', businessUnitId: b?.BusinessUnitId ?? '' };
    });
  }

  /** The value rows of these definitions (a few requests for a page of credentials). */
  private async valuesOf(definitionIds: readonly string[], abortSignal?: AbortSignal): Promise<ValueRow[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < definitionIds.length; i += IDS_PER_FILTER) chunks.push(definitionIds.slice(i, i + IDS_PER_FILTER));
    const results = await mapLimit(chunks, 4, (ids) =>
      this.all(
        odataPath('environmentvariablevalues', {
          $select: VALUE_SELECT,
          $filter: ids.map((id) => `_environmentvariabledefinitionid_value eq ${odataGuid(id)}`).join(' or '),
        }),
        abortSignal,
        toValueRow,
      ),
    );
    return results.flat();
  }

  private async withValues(credentials: CredentialRecordFacts[], abortSignal?: AbortSignal): Promise<CredentialRecordFacts[]> {
    const ids = definitionIdsOf(credentials);
    return ids.length ? joinValues(credentials, await this.valuesOf(ids, abortSignal)) : credentials;
  }

  listCredentials(options: PageOptions = {}): Promise<Page<CredentialRecordFacts>> {
    return this.run(this.ctx('listCredentials'), async () => {
      const path = odataPath('credentials', { $select: CREDENTIAL_SELECT, $expand: CREDENTIAL_EXPAND, $orderby: 'name asc' });
      const page = await this.page(path, options, toCredentialFacts);
      return { items: await this.withValues([...page.items], options.abortSignal), nextLink: page.nextLink };
    });
  }

  findCredentialByName(name: string, abortSignal?: AbortSignal): Promise<CredentialRecordFacts | undefined> {
    return this.run(this.ctx('findCredential', { credentialName: name }), async () => {
      const path = odataPath('credentials', { $select: CREDENTIAL_SELECT, $expand: CREDENTIAL_EXPAND, $filter: `name eq ${odataString(name)}`, $top: '2' });
      const body = await this.get<ODataCollection<Row>>(path, abortSignal);
      const found = (body?.value ?? []).map(toCredentialFacts).filter((c): c is CredentialRecordFacts => !!c);
      // Dataverse compares strings case-insensitively; prefer an exact match.
      const match = found.find((c) => c.name === name) ?? found[0];
      return match ? (await this.withValues([match], abortSignal))[0] : undefined;
    });
  }

  /** One credential by id, with its variables and values. */
  getCredential(id: string, abortSignal?: AbortSignal): Promise<CredentialRecordFacts> {
    return this.run(this.ctx('findCredential'), async () => {
      const row = await this.get<Row>(odataPath(`credentials(${odataGuid(id)})`, { $select: CREDENTIAL_SELECT, $expand: CREDENTIAL_EXPAND }), abortSignal);
      const c = toCredentialFacts(row);
      if (!c) throw new Error('The credential row could not be read.');
      return (await this.withValues([c], abortSignal))[0];
    });
  }

  listDesktopFlows(options: PageOptions & { withDefinition?: boolean } = {}): Promise<Page<DesktopFlowRecord>> {
    return this.run(this.ctx('listDesktopFlows'), () => {
      const select = options.withDefinition ? [...FLOW_SELECT, 'clientdata'] : FLOW_SELECT;
      const path = odataPath('workflows', { $select: select.join(','), $filter: 'category eq 6', $orderby: 'name asc' });
      return this.page(path, options, toDesktopFlow);
    });
  }

  listMachines(options: PageOptions = {}): Promise<Page<FlowMachineRecord>> {
    return this.run(this.ctx('listMachines'), () =>
      this.page(odataPath('flowmachines', { $select: MACHINE_SELECT, $orderby: 'name asc' }), options, toMachine, true),
    );
  }

  listMachineGroups(options: PageOptions = {}): Promise<Page<FlowMachineGroupRecord>> {
    return this.run(this.ctx('listMachineGroups'), () =>
      this.page(odataPath('flowmachinegroups', { $select: GROUP_SELECT, $orderby: 'name asc' }), options, toMachineGroup),
    );
  }

  /** Schema names of definitions starting with `stem` (to pick unused ones). */
  private async schemaNamesStartingWith(stem: string, abortSignal?: AbortSignal): Promise<string[]> {
    const path = odataPath('environmentvariabledefinitions', { $select: 'schemaname', $filter: `startswith(schemaname,${odataString(stem)})` });
    return this.all(path, abortSignal, (r) => (typeof r.schemaname === 'string' ? r.schemaname : undefined));
  }

  /**
   * Creates the user-name (String) and password (Secret, Azure Key Vault) environment variables with
   * their values and the credential that binds them, in one deep insert: Dataverse writes all of it
   * in one transaction, or nothing.
   */
  createKeyVaultCredential(input: NewKeyVaultCredential, abortSignal?: AbortSignal): Promise<CreatedCredential> {
    const ctx = this.ctx('createCredential', { credentialName: input.name, secretReference: input.secretReference });
    return this.run(ctx, async () => {
      const problem = validateNewCredential(input);
      if (problem) throw new AzureProblemError({ kind: 'unknown', title: 'Cannot create the credential', message: problem, actions: [], code: 'InvalidInput' });
      const prefix = input.schemaPrefix ?? 'new';
      const taken = await this.schemaNamesStartingWith(baseSchemaNames(input.name, prefix).stem, abortSignal);
      const names = uniqueSchemaNames(input.name, taken, prefix);
      const body = deepInsertBody(input, names);
      throwIfAborted(abortSignal);
      const res = await this.http.send<Row>({ method: 'POST', url: 'credentials', headers: ODATA_HEADERS, body, abortSignal });
      const id = entityIdFromHeader(res.headers.get('odata-entityid')) ?? (typeof res.body?.credentialid === 'string' ? res.body.credentialid.toLowerCase() : undefined);
      if (!id) throw new Error('Dataverse did not say which credential it created.');
      let credential: CredentialRecordFacts;
      try {
        credential = await this.getCredential(id);
      } catch (e) {
        // Written but not readable back: undo by id and schema names, then report.
        await this.undoBySchemaNames(id, [names.userName, names.password]).catch(() => undefined);
        throw e;
      }
      const definitions = [credential.username, credential.password].filter((d): d is NonNullable<typeof d> => !!d);
      return {
        credential,
        definitionIds: definitions.map((d) => d.id),
        valueIds: definitions.map((d) => d.valueId).filter((v): v is string => !!v),
      };
    });
  }

  private async undoBySchemaNames(credentialId: string, schemaNames: readonly string[]): Promise<void> {
    await this.deleteIfExists(`credentials(${odataGuid(credentialId)})`);
    const filter = schemaNames.map((n) => `schemaname eq ${odataString(n)}`).join(' or ');
    const ids = await this.all(odataPath('environmentvariabledefinitions', { $select: 'environmentvariabledefinitionid', $filter: filter }), undefined, (r) =>
      typeof r.environmentvariabledefinitionid === 'string' ? r.environmentvariabledefinitionid : undefined,
    );
    for (const id of ids) await this.deleteIfExists(`environmentvariabledefinitions(${odataGuid(id)})`);
  }

  /** DELETE; a record already gone counts as deleted. */
  private async deleteIfExists(path: string, abortSignal?: AbortSignal): Promise<void> {
    try {
      await this.http.send({ method: 'DELETE', url: path, headers: ODATA_HEADERS, abortSignal });
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return;
      throw e;
    }
  }

  /**
   * Deletes the credential, then its variables' values and definitions. Every delete is tried; the
   * error lists what could not be deleted.
   */
  deleteCreatedCredential(created: CreatedCredential, abortSignal?: AbortSignal): Promise<void> {
    const ctx = this.ctx('deleteCredential', { credentialName: created.credential.name });
    return this.run(ctx, async () => {
      const failures: { what: string; error: unknown }[] = [];
      const attempt = async (what: string, path: string): Promise<void> => {
        try {
          await this.deleteIfExists(path, abortSignal);
        } catch (error) {
          failures.push({ what, error });
        }
      };
      await attempt(`credential ${created.credential.name}`, `credentials(${odataGuid(created.credential.id)})`);
      for (const id of created.valueIds) await attempt(`environment variable value ${id}`, `environmentvariablevalues(${odataGuid(id)})`);
      const names = new Map([created.credential.username, created.credential.password].filter((d) => !!d).map((d) => [d!.id, d!.schemaName]));
      for (const id of created.definitionIds) await attempt(`environment variable ${names.get(id) ?? id}`, `environmentvariabledefinitions(${odataGuid(id)})`);
      if (failures.length) {
        const first = classifyAzureError(failures[0].error, ctx);
        throw new AzureProblemError({
          ...first,
          title: `Could not delete ${failures.length === 1 ? failures[0].what : `${failures.length} records`}`,
          message: `Could not delete ${failures.map((f) => f.what).join(', ')} in environment ${this.environment.friendlyName}: ${first.message} Delete ${failures.length === 1 ? 'it' : 'them'} in the maker portal (Solutions → Default Solution).`,
        });
      }
    });
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

/** Why an input cannot be written, or undefined. */
export function validateNewCredential(input: NewKeyVaultCredential): string | undefined {
  const name = input.name.trim();
  if (!name) return 'Enter a credential name.';
  if (name.length > 100) return 'A credential name has at most 100 characters.';
  if (!input.userName.trim()) return 'Enter the user name.';
  if (input.userName.length > 2000) return 'The user name is longer than 2,000 characters.';
  if (!parseSecretArmPath(input.secretReference)) {
    return 'The secret reference must read /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}.';
  }
  if (input.schemaPrefix !== undefined) return validateSchemaPrefix(input.schemaPrefix);
  return undefined;
}

/** The deep-insert body: the credential with both definitions and their values nested. */
export function deepInsertBody(input: NewKeyVaultCredential, names: { userName: string; password: string }): Row {
  const reference = input.secretReference.trim();
  return {
    name: input.name.trim(),
    ...(input.description ? { description: input.description } : {}),
    connectiontype: CREDENTIAL_CONNECTION_TYPE.usernamePassword,
    credentialtype: CREDENTIAL_TYPE_SINGLE,
    // Read by Get credential actions in desktop flows (and usable by connections).
    usagetype: [CREDENTIAL_USAGE.connection, CREDENTIAL_USAGE.desktopScript].join(','),
    username: {
      schemaname: names.userName,
      displayname: `${input.name.trim()} user name`,
      type: ENV_VAR_TYPE.string,
      environmentvariabledefinition_environmentvariablevalue: [{ schemaname: names.userName, value: input.userName }],
    },
    password: {
      schemaname: names.password,
      displayname: `${input.name.trim()} password`,
      type: ENV_VAR_TYPE.secret,
      secretstore: SECRET_STORE.azureKeyVault,
      environmentvariabledefinition_environmentvariablevalue: [{ schemaname: names.password, value: reference }],
    },
  };
}
