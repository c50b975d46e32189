/**
 * What the Credentials view needs from the cloud and from the core, as one interface: the view
 * is built and tested against it, and `dataverseBackend.ts` implements it with the Dataverse
 * client, the credential facts gatherer and the core's health and "used by" checks. No vscode.
 */
import type { AzureAccount } from '../../azure/auth/accounts';
import type { TenantInfo } from '../../azure/resources';
import type { DataverseEnvironmentInfo, EnvironmentClient } from '../../azure/dataverse/types';
import type { CredentialRecordFacts } from '../../core/credentials/facts';

/** How healthy a credential is, said for people. Never holds a secret. */
export interface HealthView {
  /** `unknown`: Flow Vault cannot check (for example, no access to the vault yourself). */
  readonly level: 'ok' | 'warning' | 'error' | 'unknown';
  /** Which state, e.g. `secret-expired` (`CredentialHealthState` of the core). */
  readonly state: string;
  /** A few words for the row: "OK", "secret expired", "vault unreadable by Dataverse". */
  readonly summary: string;
  /** Why, and what to do: lines separated by `\n`; a line indented by two spaces is a command. */
  readonly detail: string;
}

export interface CredentialsBackend {
  /** The Power Platform environments with Dataverse in one tenant (Global Discovery Service). Throws an AzureProblemError. */
  listEnvironments(account: AzureAccount, tenant: TenantInfo, signal?: AbortSignal): Promise<readonly DataverseEnvironmentInfo[]>;
  /** The Web API client of one environment, for this account. */
  environmentClient(account: AzureAccount, environment: DataverseEnvironmentInfo): EnvironmentClient;
  /** Gathers the facts one credential's health depends on and says what they mean. */
  checkHealth(account: AzureAccount, environment: DataverseEnvironmentInfo, credential: CredentialRecordFacts, signal?: AbortSignal): Promise<HealthView>;
  /** Forgets what was cached (a refresh reads everything again). */
  reset?(): void;
  /** Names of the credentials a desktop flow stored in Dataverse reads with Get credential (its `clientdata`). */
  credentialsReadBy(clientData: string): readonly string[];
}
