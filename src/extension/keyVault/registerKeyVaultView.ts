/**
 * The Key Vault view (`flowVault.keyVault` in the Flow Vault container) and its commands, one
 * file per command under ./commands.
 */
import * as vscode from 'vscode';
import { AzureResourceService } from '../../azure/resources';
import type { AzureClientOptions } from '../../azure/clients';
import type { AzureSessionManager } from '../azure/sessionManager';
import { azureLog } from '../azure/log';
import { secretClipboard } from '../secretClipboard';
import { copySecretReference } from './commands/copySecretReference';
import { copySecretUri } from './commands/copySecretUri';
import { copySecretValue } from './commands/copySecretValue';
import { createSecret } from './commands/createSecret';
import { filterSubscriptions } from './commands/filterSubscriptions';
import { findSecret } from './commands/findSecret';
import { getChildren, type GetChildrenArgs } from './commands/getChildren';
import { openAccessSettings } from './commands/openAccessSettings';
import { openInPortal } from './commands/openInPortal';
import { setSecretEnabled } from './commands/setSecretEnabled';
import { setSecretValue } from './commands/setSecretValue';
import { SubscriptionFilter } from './subscriptionFilter';
import { commandRegistrar, registerListCommands } from '../tree/treeCommands';
import { createTreeView, type MountedView, type MountView } from '../tree/treeView';
import { KeyVaultTreeDataProvider, VIEW_ID } from './tree/KeyVaultTreeDataProvider';
import { KEY_VAULT_TREE, type KvNode } from './tree/KvNode';

export type KeyVaultView = MountedView<KeyVaultTreeDataProvider, KvNode>;

export type MountKeyVaultView = MountView<KeyVaultTreeDataProvider, KvNode>;

const createKeyVaultTreeView: MountKeyVaultView = (provider) => createTreeView(VIEW_ID, provider);

export function registerKeyVaultView(
  context: vscode.ExtensionContext,
  manager: AzureSessionManager,
  clientOptions: AzureClientOptions = {},
  mount: MountKeyVaultView = createKeyVaultTreeView,
): KeyVaultView {
  const log = azureLog(context);
  const filter = new SubscriptionFilter(context.globalState);
  const provider = new KeyVaultTreeDataProvider(manager, new AzureResourceService(clientOptions), filter, log, clientOptions);
  const view = mount(provider);
  const clipboard = secretClipboard(context);

  const updateMessage = (): void => {
    view.message = filter.isAnyFiltered() && manager.isSignedIn ? 'Some subscriptions are hidden by the subscription filter.' : undefined;
  };
  updateMessage();

  const reg = commandRegistrar(context);
  reg('flowVault.keyVault.refresh', async () => {
    await manager.whenRestored();
    await provider.reload();
  });
  reg('flowVault.keyVault.clearSubscriptionFilter', () => filter.clear());
  reg('flowVault.keyVault.filterSubscriptions', (...args: unknown[]) => filterSubscriptions(provider, filter, ...args));
  reg('flowVault.keyVault.findSecret', (...args: unknown[]) => findSecret(provider, view, ...args));
  registerListCommands(context, KEY_VAULT_TREE, provider, ['tenant', 'subscription', 'vault', 'secret']);
  reg('flowVault.keyVault.copySecretUri', (node: unknown) => copySecretUri(provider, node));
  reg('flowVault.keyVault.copySecretReference', (node: unknown) => copySecretReference(provider, node));
  reg('flowVault.keyVault.copySecretValue', (node: unknown) => copySecretValue(provider, clipboard, node));
  reg('flowVault.keyVault.setSecretValue', (node: unknown, ...rest: unknown[]) => setSecretValue(provider, node, ...rest));
  reg('flowVault.keyVault.enableSecret', (node: unknown) => setSecretEnabled(provider, node, true));
  reg('flowVault.keyVault.disableSecret', (node: unknown) => setSecretEnabled(provider, node, false));
  reg('flowVault.keyVault.createSecret', (node: unknown, ...rest: unknown[]) => createSecret(provider, node, ...rest));
  reg('flowVault.keyVault.openInPortal', (node: unknown, ...rest: unknown[]) => openInPortal(provider, node, ...rest));
  reg('flowVault.keyVault.openAccessSettings', (node: unknown, ...rest: unknown[]) => openAccessSettings(provider, node, ...rest));
  reg('flowVault.keyVault.getChildren', async (args?: GetChildrenArgs) => {
    await manager.whenRestored();
    return getChildren(provider, args ?? {});
  });

  context.subscriptions.push(
    view,
    provider,
    filter,
    filter.onDidChange(updateMessage),
    manager.onDidChangeAccounts(updateMessage),
    clipboard,
  );
  return { provider, view };
}
