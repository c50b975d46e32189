/**
 * The Credentials view: tenants of every signed-in account (each loading, or failing, on its
 * own), their Power Platform environments, each environment's credentials a page at a time, and
 * below a credential its variables, the vault secret, and what uses it. Empty states (signed
 * out, a cloud without Key Vault credentials, no environments, no credentials) return no children
 * and set `flowVault.credentials.emptyState`, which selects the welcome view.
 */
import * as vscode from 'vscode';
import type { AzureResourceService, TenantStatus } from '../../../azure/resources';
import type { AzureSessionManager } from '../../azure/sessionManager';
import type { AzureLog } from '../../azure/log';
import { TenantTreeDataProvider } from '../../tree/TenantTreeDataProvider';
import type { CredentialsBackend } from '../backend';
import { HealthQueue } from '../healthQueue';
import type { SecretUsage } from '../secretUsage';
import { readCredentialsSettings } from '../settings';
import { WorkspaceUsage } from '../workspaceUsage';
import { CREDENTIALS_TREE, type CredNodeKind, type CredServices } from './CredNode';
import { CredTenantNode, EnvironmentNode } from './environmentNodes';
import type { CredentialNode } from './credentialNodes';

export const CREDENTIALS_VIEW_ID = CREDENTIALS_TREE.viewId;
export const CONTEXT_CREDENTIALS_EMPTY = 'flowVault.credentials.emptyState';

export type CredentialsEmptyState = 'none' | 'unsupportedCloud' | 'noEnvironments' | 'noCredentials';

export class CredentialsTreeDataProvider extends TenantTreeDataProvider<CredNodeKind, CredTenantNode, CredentialsEmptyState> {
  readonly services: CredServices;

  constructor(manager: AzureSessionManager, resources: AzureResourceService, backend: CredentialsBackend, usage: SecretUsage, log: AzureLog) {
    super({
      tree: CREDENTIALS_TREE,
      emptyStateKey: CONTEXT_CREDENTIALS_EMPTY,
      notEmpty: 'none',
      manager,
      resources,
      log,
      loadFailedMessage: 'Loading tenants for the Credentials view failed',
      logTenantProblems: false,
    });
    const self = this;
    this.services = {
      manager,
      resources,
      backend,
      log,
      usage,
      health: new HealthQueue(4),
      workspace: new WorkspaceUsage(),
      settings: readCredentialsSettings,
      changed: (node) => self.queueChange(node),
      reload: () => self.reload(),
      progress: (p) => self.showProgress(p),
    };
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('flowVault.credentials.pageSize')) void this.reload();
      }),
    );
  }

  protected tenantNode(status: TenantStatus, showAccount: boolean): CredTenantNode {
    return new CredTenantNode(status, this.services, showAccount);
  }

  protected forgetLoaded(): void {
    this.cancelAll();
    this.services.usage.clear();
    this.services.workspace.reset();
    this.services.backend.reset?.();
  }

  /** Cancels loading environments, credentials and health checks. */
  protected cancelBelowTenants(): void {
    for (const t of this.tenantNodes) t.cancelAll();
    this.services.health.cancel();
  }

  private get cloudSupported(): boolean {
    return this.manager.cloud.supportsPowerAutomateCredentials;
  }

  /** A cloud without Key Vault-backed credentials shows its welcome view instead. */
  protected override unavailable(): boolean {
    if (this.cloudSupported) return false;
    this.setEmptyState('unsupportedCloud');
    return true;
  }

  protected computeEmptyState(): CredentialsEmptyState {
    if (!this.cloudSupported && this.manager.isSignedIn) return 'unsupportedCloud';
    if (!this.tenantsSettled()) return 'none';
    const envs = this.environments();
    if (envs.length === 0) return 'noEnvironments';
    if (envs.every((e) => e.list.state === 'done' && e.list.items.length === 0)) return 'noCredentials';
    return 'none';
  }

  // --- lookups for commands and tests -------------------------------------------------------

  environments(): EnvironmentNode[] {
    return this.tenantNodes.flatMap((t) => t.environmentNodes());
  }

  loadedCredentials(): CredentialNode[] {
    return this.environments().flatMap((e) => e.credentialNodes());
  }

  /** Resolves when every queued health check has finished. */
  whenHealthChecked(): Promise<void> {
    return this.services.health.whenIdle();
  }
}
