/**
 * Whether a vault will work for the credentials of an environment, in one short line: for a
 * picker that lists every vault with the reason instead of hiding the ones that will not work.
 * The checks are the ones a credential's health runs (`vaultChecks.ts`), in the same order.
 */
import type { DataverseAccessFacts, SubscriptionFacts, VaultFacts } from './facts';
import {
  dataverseAccessProblem,
  networkProblem,
  providerProblem,
  tenantProblem,
  type HealthFix,
  type HealthSeverity,
  type VaultProblemState,
} from './vaultChecks';

export interface VaultSuitabilityInput {
  /** Tenant of the Power Platform environment. */
  readonly environmentTenantId: string;
  readonly vault: VaultFacts;
  readonly subscription?: SubscriptionFacts;
  readonly dataverseAccess?: DataverseAccessFacts;
}

export interface VaultSuitability {
  /** False when credentials of the environment cannot work with this vault as it is. */
  readonly suitable: boolean;
  /** `ok`: nothing wrong seen; `warning`: may not work; `error`: will not work; `unknown`: not checked. */
  readonly severity: HealthSeverity;
  /** One short line, for a picker's description; undefined when nothing is wrong. */
  readonly reason?: string;
  readonly problem?: VaultProblemState | 'vault-not-found' | 'cannot-check';
  readonly fix?: HealthFix;
}

export function vaultSuitability(input: VaultSuitabilityInput): VaultSuitability {
  const { vault, subscription, dataverseAccess } = input;
  if (vault.status === 'not-found') return { suitable: false, severity: 'error', problem: 'vault-not-found', reason: 'Vault not found.' };
  if (vault.status !== 'found') {
    return {
      suitable: true,
      severity: 'unknown',
      problem: 'cannot-check',
      reason: vault.status === 'no-access' ? "Not checked: you cannot read this vault's settings." : `Not checked: ${vault.reason ?? 'its settings could not be read'}.`,
    };
  }
  const problem =
    tenantProblem(input.environmentTenantId, vault, subscription) ??
    providerProblem(subscription) ??
    networkProblem(vault) ??
    dataverseAccessProblem(dataverseAccess, vault);
  if (problem) {
    return { suitable: problem.severity !== 'error', severity: problem.severity, problem: problem.state, reason: problem.reason, fix: problem.fix };
  }
  if (!dataverseAccess || dataverseAccess.status === 'unknown') {
    return { suitable: true, severity: 'unknown', problem: 'cannot-check', reason: "Dataverse's access to this vault was not checked." };
  }
  return { suitable: true, severity: 'ok' };
}

const ORDER: Record<HealthSeverity, number> = { ok: 0, unknown: 1, warning: 2, error: 3 };

/** Sorts vaults for a picker: the ones that will work first, then by name. */
export function compareSuitability(a: { name: string; suitability: VaultSuitability }, b: { name: string; suitability: VaultSuitability }): number {
  return ORDER[a.suitability.severity] - ORDER[b.suitability.severity] || a.name.localeCompare(b.name);
}
