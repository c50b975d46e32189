/**
 * What "Move to Key Vault" needs and what it reports. The secret value is an input only: no
 * result, progress message or problem carries it.
 */
import type { CreatedCredential, EnvironmentClient } from '../dataverse/types';
import type { AzureProblem } from '../errors';
import type { VaultInfo } from '../resources';
import type { DeletedSecretInfo, SecretInfo, WriteOptions } from '../keyVault/vaultClient';

/** The vault side: `VaultClient` is one. */
export interface MoveVault {
  readonly vault: Pick<VaultInfo, 'id' | 'name' | 'subscriptionId' | 'resourceGroup' | 'vaultUri'>;
  createSecret(secretName: string, value: string, options?: WriteOptions): Promise<SecretInfo>;
  deleteSecret(secretName: string, signal?: AbortSignal): Promise<DeletedSecretInfo>;
  purgeDeletedSecret(secretName: string, signal?: AbortSignal): Promise<void>;
}

/** The Dataverse side. */
export type MoveEnvironment = Pick<EnvironmentClient, 'environment' | 'createKeyVaultCredential' | 'deleteCreatedCredential'>;

export interface MoveRequest {
  readonly vault: MoveVault;
  readonly environment: MoveEnvironment;
  readonly secretName: string;
  /** The hard-coded value: written to the vault, nowhere else. */
  readonly value: string;
  readonly credentialName: string;
  /** Not a secret: the credential's user name variable holds it. */
  readonly userName: string;
  readonly description?: string;
  /** Prefix of the environment variables' schema names (publisher prefix). */
  readonly schemaPrefix?: string;
  /** On rollback, purge the soft-deleted secret too (when the vault allows it). */
  readonly purgeOnRollback?: boolean;
  /** Cancellation takes effect between steps; a write that has started completes, then is undone. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (step: MoveStep, message: string) => void;
}

export type MoveStep = 'secret' | 'credential' | 'rollback';

/** What undoing did, in sentences for people (names only). */
export interface RollbackReport {
  /** What was undone. */
  readonly undone: readonly string[];
  /** What could not be undone, and what to do about it. */
  readonly remains: readonly string[];
}

export interface MoveDone {
  readonly status: 'done';
  readonly secret: SecretInfo;
  /** The ARM path the credential's password variable holds. */
  readonly secretReference: string;
  readonly credential: CreatedCredential;
  /** Undoes the cloud steps (when the file edit that follows fails). */
  undo(): Promise<RollbackReport>;
}

export interface MoveNotDone {
  readonly status: 'failed' | 'cancelled';
  /** The step that failed (undefined: cancelled before any). */
  readonly step?: Exclude<MoveStep, 'rollback'>;
  /** Why, and its fix (failed only). */
  readonly problem?: AzureProblem;
  readonly rollback: RollbackReport;
  /** One paragraph: what happened, why, the fix, what was undone and what remains. */
  readonly message: string;
}

export type MoveOutcome = MoveDone | MoveNotDone;
