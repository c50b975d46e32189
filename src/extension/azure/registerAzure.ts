/**
 * Azure sign-in, the Key Vault view and the Credentials view. The one entry point the extension calls:
 * `registerAzure(context)`, from `../azureLoader` on the first cloud command or when the Key Vault
 * view opens; it is bundled on its own (dist/azure.js, scripts/bundle.js) with the Azure SDKs, so
 * that activation loads none of them. Cloud features wait for workspace trust.
 */
import * as vscode from 'vscode';
import type { CredentialSource } from '../credentials';
import { registerCredentialsView, type CredentialsView, type MountCredentialsView } from '../credentials/registerCredentialsView';
import { registerSecretUseDecorations, secretUseUri } from '../credentials/secretUseDecorations';
import { SecretUsage } from '../credentials/secretUsage';
import { registerKeyVaultView, type KeyVaultView, type MountKeyVaultView } from '../keyVault/registerKeyVaultView';
import { registerRunDoctor } from '../doctor/runDoctorCommand';
import { registerMoveFeature } from '../moveToKeyVault/registerMoveFeature';
import type { MoveToKeyVaultFeature } from '../moveToKeyVault/types';
import { signIn } from './commands/signIn';
import { signInToTenant, type TenantRef } from './commands/signInToTenant';
import { signInWithAzureCli } from './commands/signInWithAzureCli';
import { signInWithMicrosoft } from './commands/signInWithMicrosoft';
import { signInWithServicePrincipal, type ServicePrincipalArgs } from './commands/signInWithServicePrincipal';
import { signOut } from './commands/signOut';
import { selectCloud } from './commands/selectCloud';
import { azureLog, setAzureLog, type AzureLog } from './log';
import { AzureSessionManager, CONTEXT_RESTORING } from './sessionManager';

export interface AzureFeatures {
  readonly manager: AzureSessionManager;
  readonly keyVault: KeyVaultView;
  readonly credentials: CredentialsView;
  readonly moveToKeyVault: MoveToKeyVaultFeature;
}

/** What the extension hands the cloud half besides the Key Vault view. */
export interface AzureHost {
  readonly mountCredentialsView?: MountCredentialsView;
  /** Adds credential names to the Get credential fix's picker. */
  readonly addCredentialSource?: (source: CredentialSource) => vscode.Disposable;
}

export function registerAzure(context: vscode.ExtensionContext, log?: AzureLog, mountKeyVaultView?: MountKeyVaultView, host: AzureHost = {}): AzureFeatures {
  if (log) setAzureLog(log);
  azureLog(context);
  const manager = new AzureSessionManager(context);
  context.subscriptions.push(manager);

  const reg = (id: string, fn: (...args: any[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  reg('flowVault.azure.signIn', () => signIn(manager));
  reg('flowVault.azure.signInWithMicrosoft', () => signInWithMicrosoft(manager));
  reg('flowVault.azure.signInWithAzureCli', () => signInWithAzureCli(manager));
  reg('flowVault.azure.signInWithServicePrincipal', (args?: ServicePrincipalArgs) => signInWithServicePrincipal(manager, args ?? {}));
  // From an error row: a TenantRef; from a tenant row's inline button: the node, which carries one.
  reg('flowVault.azure.signInToTenant', (ref?: TenantRef | { tenantRef?: TenantRef }) =>
    signInToTenant(manager, ref && 'tenantRef' in ref ? ref.tenantRef : (ref as TenantRef | undefined)),
  );
  reg('flowVault.azure.signOut', (accountId?: unknown) => signOut(manager, typeof accountId === 'string' ? accountId : undefined));
  reg('flowVault.azure.selectCloud', (name?: unknown) => selectCloud(typeof name === 'string' ? name : undefined));

  const keyVault = registerKeyVaultView(context, manager, {}, mountKeyVaultView);
  const usage = new SecretUsage();
  keyVault.provider.showCredentialUsers((vault, name) => usage.usersOf(vault.subscriptionId, vault.resourceGroup, vault.name, name), secretUseUri, (l) => usage.onDidChange(l));
  context.subscriptions.push(registerSecretUseDecorations(usage));
  const credentials = registerCredentialsView(context, manager, keyVault, usage, {
    mount: host.mountCredentialsView,
    addCredentialSource: host.addCredentialSource,
  });
  registerRunDoctor(context, manager);

  if (vscode.workspace.isTrusted) {
    void vscode.commands.executeCommand('setContext', CONTEXT_RESTORING, true);
    void manager.restore();
  } else {
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void manager.restore()));
  }
  const move = registerMoveFeature(manager, keyVault.provider.services.service, azureLog(context));
  const moveToKeyVault: MoveToKeyVaultFeature = {
    async run(source, args, scripted) {
      const result = await move.run(source, args, scripted);
      // The new secret and credential show in the views at once.
      if (result.applied) void Promise.all([keyVault.provider.reload(), credentials.provider.reload()]).catch(() => undefined);
      return result;
    },
  };
  return { manager, keyVault, credentials, moveToKeyVault };
}
