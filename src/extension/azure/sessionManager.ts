/**
 * The accounts Flow Vault is signed in with, in the configured cloud: restored at start (and
 * only once the workspace is trusted), added by the sign-in commands, removed by sign-out. The
 * demo service principal (FLOW_VAULT_DEMO_SP in the process environment) is added automatically.
 */
import * as vscode from 'vscode';
import { azureCliAccount, servicePrincipalAccount, servicePrincipalAccountId, type AzureAccount } from '../../azure/auth/accounts';
import type { ServicePrincipalCredentialSecret } from '../../azure/auth/credentials';
import { readDemoServicePrincipal } from '../../azure/auth/demo';
import { AZURE_CLOUDS, type AzureCloud } from '../../azure/clouds';
import { AccountStore, type StoredAccount } from './accountStore';
import { configuredCloud } from './azureSettings';
import { azureLog } from './log';
import { microsoftAccount } from './microsoftAccount';

export const CONTEXT_SIGNED_IN = 'flowVault.azure.signedIn';
export const CONTEXT_RESTORING = 'flowVault.azure.restoring';

export class AzureSessionManager implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when accounts are added or removed, or the cloud changes. */
  readonly onDidChangeAccounts = this.emitter.event;
  private readonly store: AccountStore;
  private active: AzureAccount[] = [];
  private restored = false;
  /** The demo account was signed out of: keep it out until the next start. */
  private demoDismissed = false;
  private restoring: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.store = new AccountStore(context);
    this.disposables.push(
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('flowVault.azure')) void this.restore();
      }),
    );
  }

  get cloud(): AzureCloud {
    return configuredCloud();
  }

  /** Whether cloud features may run (a trusted workspace). */
  get allowed(): boolean {
    return vscode.workspace.isTrusted;
  }

  get accounts(): readonly AzureAccount[] {
    return this.active;
  }

  get isSignedIn(): boolean {
    return this.active.length > 0;
  }

  get isRestored(): boolean {
    return this.restored;
  }

  /** Waits for the first restore (tests, commands that run early). */
  whenRestored(): Promise<void> {
    return this.restoring ?? (this.restored ? Promise.resolve() : this.restore());
  }

  /** Rebuilds the accounts of the configured cloud from storage and the demo environment. */
  restore(): Promise<void> {
    if (!this.allowed) return Promise.resolve();
    const run = async (): Promise<void> => {
      await vscode.commands.executeCommand('setContext', CONTEXT_RESTORING, true);
      const cloud = this.cloud;
      const accounts: AzureAccount[] = [];
      for (const stored of this.store.list()) {
        if (stored.cloud !== cloud.name) continue;
        const account = await this.fromStored(stored, cloud);
        if (account) accounts.push(account);
      }
      const demo = readDemoServicePrincipal();
      if (demo && !this.demoDismissed && (demo.cloud ?? AZURE_CLOUDS.AzureCloud).name === cloud.name) {
        const account = servicePrincipalAccount({
          tenantId: demo.tenantId,
          clientId: demo.clientId,
          secret: demo.secret,
          cloud,
          displayName: demo.displayName ?? 'demo',
        });
        if (!accounts.some((a) => a.id === account.id)) {
          accounts.push(account);
          azureLog().info(`Signed in with the demo service principal ${demo.clientId} (from the process environment).`);
        }
      }
      this.active = accounts;
      this.restored = true;
      await vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, accounts.length > 0);
      await vscode.commands.executeCommand('setContext', CONTEXT_RESTORING, false);
      this.emitter.fire();
    };
    const p = run().finally(() => {
      if (this.restoring === p) this.restoring = undefined;
    });
    this.restoring = p;
    return p;
  }

  private async fromStored(stored: StoredAccount, cloud: AzureCloud): Promise<AzureAccount | undefined> {
    switch (stored.kind) {
      case 'servicePrincipal': {
        const secret = await this.store.secretOf(stored.id);
        if (!secret || !stored.tenantId || !stored.clientId) {
          azureLog().warn(`Service principal ${stored.clientId ?? stored.id}: its secret is no longer in SecretStorage; sign in again.`);
          return undefined;
        }
        return servicePrincipalAccount({ tenantId: stored.tenantId, clientId: stored.clientId, secret, cloud, displayName: stored.displayName });
      }
      case 'azureCli':
        return azureCliAccount(cloud, { label: stored.label, identity: stored.displayName });
      case 'microsoft':
        if (!stored.sessionAccountId) return undefined;
        return microsoftAccount(cloud, { id: stored.sessionAccountId, label: stored.label });
    }
  }

  async addServicePrincipal(input: {
    tenantId: string;
    clientId: string;
    secret: ServicePrincipalCredentialSecret;
    displayName?: string;
  }): Promise<AzureAccount> {
    const cloud = this.cloud;
    const id = servicePrincipalAccountId(cloud, input.tenantId, input.clientId);
    await this.store.save(
      { id, kind: 'servicePrincipal', cloud: cloud.name, label: `Service principal ${input.displayName ?? input.clientId}`, tenantId: input.tenantId, clientId: input.clientId, displayName: input.displayName },
      input.secret,
    );
    await this.restore();
    return this.active.find((a) => a.id === id)!;
  }

  async addAzureCli(identity?: string): Promise<AzureAccount> {
    const cloud = this.cloud;
    const id = `cli:${cloud.name}`;
    await this.store.save({ id, kind: 'azureCli', cloud: cloud.name, label: identity ? `Azure CLI (${identity})` : 'Azure CLI', displayName: identity });
    await this.restore();
    return this.active.find((a) => a.id === id)!;
  }

  async addMicrosoft(session: { id: string; label: string }): Promise<AzureAccount> {
    const cloud = this.cloud;
    const account = microsoftAccount(cloud, session);
    await this.store.save({ id: account.id, kind: 'microsoft', cloud: cloud.name, label: session.label, sessionAccountId: session.id });
    await this.restore();
    return this.active.find((a) => a.id === account.id) ?? account;
  }

  /** Forgets an account (and its stored secret). The demo account comes back at the next start. */
  async signOut(accountId: string): Promise<void> {
    const demo = readDemoServicePrincipal();
    if (demo && accountId === servicePrincipalAccountId(this.cloud, demo.tenantId, demo.clientId)) this.demoDismissed = true;
    await this.store.remove(accountId);
    this.active = this.active.filter((a) => a.id !== accountId);
    await vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, this.active.length > 0);
    this.emitter.fire();
  }

  /** Tells listeners that a tenant's sign-in changed (after an interactive sign-in). */
  refresh(): void {
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
