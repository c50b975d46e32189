/**
 * What the move prompts read from the cloud: environments, vaults, whether a vault will work for
 * an environment, and whether a name is taken. The Azure bundle wires the real clients; tests can
 * pass their own.
 */
import type { AzureAccount } from '../../azure/auth/accounts';
import type { DataverseEnvironmentInfo, EnvironmentClient } from '../../azure/dataverse/types';
import type { MoveVault } from '../../azure/moveToKeyVault/types';
import type { VaultCatalog, VaultEntry } from './vaultCatalog';

export interface EnvironmentEntry {
  readonly info: DataverseEnvironmentInfo;
  /** The signed-in account that sees the environment (it also checks the vaults for it). */
  readonly account: AzureAccount;
  client(): EnvironmentClient;
}

export interface EnvironmentCatalog {
  readonly environments: readonly EnvironmentEntry[];
  /** One per tenant or account that failed, with why. */
  readonly problems: readonly string[];
}

/** Whether a vault will hold a credential's secret for an environment. */
export interface VaultFit {
  /** `no`: it will not work (reason says why and the fix); `unknown`: it could not be checked. */
  readonly verdict: 'yes' | 'no' | 'unknown';
  readonly reason?: string;
}

export interface MoveCloud {
  listEnvironments(signal: AbortSignal): Promise<EnvironmentCatalog>;
  listVaults(signal: AbortSignal): Promise<VaultCatalog>;
  vaultFit(environment: EnvironmentEntry, vault: VaultEntry, signal: AbortSignal): Promise<VaultFit>;
  vaultClient(vault: VaultEntry): MoveVault & { exists(secretName: string, signal?: AbortSignal): Promise<boolean> };
}
