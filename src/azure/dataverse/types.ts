/**
 * The Dataverse client's public shape: environments from the Global Discovery Service and typed
 * reads and writes of the tables Power Automate credentials, desktop flows and machines live in.
 * Every call takes an AbortSignal; lists come a page at a time.
 */
import type { AzureCloudName } from '../clouds';
import type { CredentialRecordFacts } from '../../core/credentials/facts';
import type { FlowMachineFacts, FlowMachineGroupFacts } from '../../core/doctor/facts';

export interface DataverseEnvironmentInfo {
  /** Power Platform environment id (GDS `EnvironmentId`). */
  readonly environmentId: string;
  /** Dataverse organization id (GDS `Id`). */
  readonly organizationId: string;
  readonly friendlyName: string;
  /** e.g. `contoso-rpa` (GDS `UrlName`). */
  readonly urlName: string;
  /** `https://{org}.crm4.dynamics.com`, no trailing slash: also the token audience. */
  readonly url: string;
  /** Web API base, no trailing slash (GDS `ApiUrl`). */
  readonly apiUrl: string;
  readonly tenantId: string;
  readonly cloud: AzureCloudName;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque: pass back to get the next page; undefined on the last page. */
  readonly nextLink?: string;
}

export interface PageOptions {
  /** `Prefer: odata.maxpagesize`. */
  readonly pageSize?: number;
  /** From the previous page. */
  readonly nextLink?: string;
  readonly abortSignal?: AbortSignal;
}

export interface DesktopFlowRecord {
  readonly id: string;
  readonly name: string;
  /** The stored definition (JSON holding the Robin script), when selected. */
  readonly clientData?: string;
  readonly active: boolean;
  readonly modifiedOn?: string;
}

/** A `flowmachines` row: the shape the doctor's checks read. */
export type FlowMachineRecord = FlowMachineFacts;

/** A `flowmachinegroups` row: the shape the doctor's checks read. */
export type FlowMachineGroupRecord = FlowMachineGroupFacts;

/** Input of a Key Vault-backed credential: a text variable for the user name and a secret variable for the reference. */
export interface NewKeyVaultCredential {
  readonly name: string;
  readonly description?: string;
  /** The user name (not a secret). */
  readonly userName: string;
  /** `/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/…/secrets/…`. */
  readonly secretReference: string;
  /** Prefix of the variables' schema names (the publisher prefix), default `new`. */
  readonly schemaPrefix?: string;
}

/** What a create wrote, so that it can be undone. */
export interface CreatedCredential {
  readonly credential: CredentialRecordFacts;
  readonly definitionIds: readonly string[];
  readonly valueIds: readonly string[];
}

export interface EnvironmentClient {
  readonly environment: DataverseEnvironmentInfo;
  whoAmI(abortSignal?: AbortSignal): Promise<{ userId: string; organizationId: string; businessUnitId: string }>;
  /** Credentials with their username and password variables (definition and current value) expanded. */
  listCredentials(options?: PageOptions): Promise<Page<CredentialRecordFacts>>;
  findCredentialByName(name: string, abortSignal?: AbortSignal): Promise<CredentialRecordFacts | undefined>;
  /** Desktop flows (`workflows`, category 6), with `clientdata` when `withDefinition`. */
  listDesktopFlows(options?: PageOptions & { withDefinition?: boolean }): Promise<Page<DesktopFlowRecord>>;
  listMachines(options?: PageOptions): Promise<Page<FlowMachineRecord>>;
  listMachineGroups(options?: PageOptions): Promise<Page<FlowMachineGroupRecord>>;
  /** Creates the two environment variables (definitions and values) and the credential in one change set: all or nothing. */
  createKeyVaultCredential(input: NewKeyVaultCredential, abortSignal?: AbortSignal): Promise<CreatedCredential>;
  /** Deletes what `createKeyVaultCredential` wrote (for rollback). */
  deleteCreatedCredential(created: CreatedCredential, abortSignal?: AbortSignal): Promise<void>;
}
