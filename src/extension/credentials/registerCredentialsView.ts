/**
 * The Credentials view (`flowVault.credentials` in the Flow Vault container) and its commands,
 * one file per command under ./commands. It lives in the cloud half (dist/azure.js) with the Key
 * Vault view, whose secrets it reveals and badges.
 */
import * as vscode from 'vscode';
import type { AzureClientOptions } from '../../azure/clients';
import { AzureResourceService } from '../../azure/resources';
import type { CredentialSource } from '../credentials';
import type { AzureSessionManager } from '../azure/sessionManager';
import { azureLog } from '../azure/log';
import type { KeyVaultView } from '../keyVault/registerKeyVaultView';
import { readKeyVaultSettings } from '../keyVault/settings';
import { readSettings } from '../settings';
import type { CredentialsBackend } from './backend';
import { checkWithDoctor } from './commands/checkWithDoctor';
import { copyCredentialName } from './commands/copyCredentialName';
import { createCredentialFromSecret } from './commands/createFromSecret';
import { getCredentialChildren, type CredGetChildrenArgs } from './commands/getChildren';
import { openInMakerPortal } from './commands/openInMakerPortal';
import { refreshCredentials } from './commands/refresh';
import { revealSecret } from './commands/revealSecret';
import { DataverseCredentialsBackend } from './dataverseBackend';
import { dataverseCredentialSource } from './dataverseCredentialSource';
import type { SecretUsage } from './secretUsage';
import { CREDENTIALS_VIEW_ID, CredentialsTreeDataProvider } from './tree/CredentialsTreeDataProvider';
import { CREDENTIALS_TREE, type CredNode } from './tree/CredNode';
import { commandRegistrar, registerListCommands } from '../tree/treeCommands';
import { createTreeView, type MountedView, type MountView } from '../tree/treeView';

export type CredentialsView = MountedView<CredentialsTreeDataProvider, CredNode>;

export type MountCredentialsView = MountView<CredentialsTreeDataProvider, CredNode>;

const createCredentialsTreeView: MountCredentialsView = (provider) => createTreeView(CREDENTIALS_VIEW_ID, provider);

export interface CredentialsViewOptions {
  readonly clientOptions?: AzureClientOptions;
  readonly backend?: CredentialsBackend;
  readonly mount?: MountCredentialsView;
  /** Adds the view's credential names to the Get credential picker. */
  readonly addCredentialSource?: (source: CredentialSource) => vscode.Disposable;
}

export function registerCredentialsView(
  context: vscode.ExtensionContext,
  manager: AzureSessionManager,
  keyVault: KeyVaultView,
  usage: SecretUsage,
  options: CredentialsViewOptions = {},
): CredentialsView {
  const log = azureLog(context);
  const backend =
    options.backend ??
    new DataverseCredentialsBackend({
      clientOptions: options.clientOptions,
      expiringWithinDays: () => readKeyVaultSettings().expiringWithinDays,
      template: () => readSettings().getCredentialTemplate,
    });
  const provider = new CredentialsTreeDataProvider(manager, new AzureResourceService(options.clientOptions), backend, usage, log);
  const view = (options.mount ?? createCredentialsTreeView)(provider);

  const reg = commandRegistrar(context);
  reg('flowVault.credentials.refresh', (node?: unknown) => refreshCredentials(provider, node));
  registerListCommands(context, CREDENTIALS_TREE, provider, ['tenant', 'environment']);
  reg('flowVault.credentials.revealSecret', (node: unknown, ...rest: unknown[]) => revealSecret(provider, keyVault, node, ...rest));
  reg('flowVault.credentials.openInMakerPortal', (node: unknown, ...rest: unknown[]) => openInMakerPortal(provider, node, ...rest));
  reg('flowVault.credentials.copyName', (node: unknown) => copyCredentialName(provider, node));
  reg('flowVault.credentials.checkWithDoctor', (node: unknown, ...rest: unknown[]) => checkWithDoctor(provider, node, ...rest));
  reg('flowVault.credentials.createFromSecret', (...args: unknown[]) => createCredentialFromSecret(provider, keyVault, ...args));
  reg('flowVault.credentials.getChildren', async (args?: CredGetChildrenArgs) => {
    await manager.whenRestored();
    return getCredentialChildren(provider, args ?? {});
  });

  if (options.addCredentialSource) context.subscriptions.push(options.addCredentialSource(dataverseCredentialSource(provider)));
  context.subscriptions.push(view, provider);
  return { provider, view };
}
