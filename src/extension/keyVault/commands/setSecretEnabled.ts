/** Flow Vault: Enable Secret / Disable Secret (the current version, or the chosen version). */
import * as vscode from 'vscode';
import { AzureProblemError } from '../../../azure/errors';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { SecretNode, VersionNode } from '../tree/resourceNodes';
import { resolveNode } from './resolveNode';
import { showProblem } from './showProblem';
import { stripVersion } from './setSecretValue';

export async function setSecretEnabled(provider: KeyVaultTreeDataProvider, arg: unknown, enabled: boolean): Promise<boolean> {
  const node = await resolveNode<SecretNode | VersionNode>(provider, arg, ['secret', 'version']);
  if (!node) return false;
  const secret = node.kind === 'secret' ? node : node.secretNode;
  const version = node.kind === 'version' ? node.version : undefined;
  try {
    const info = await vscode.window.withProgress(
      { location: { viewId: 'flowVault.keyVault' }, title: `${enabled ? 'Enabling' : 'Disabling'} ${secret.name}…` },
      () => secret.vaultNode.client().setEnabled(secret.name, enabled, version),
    );
    // The secret row shows the current version: update it when that one changed.
    const current = node.kind === 'secret' || node.isCurrent;
    if (current) {
      secret.info = { ...secret.info, ...stripVersion(info) };
      secret.vaultNode.list.replace(secret.info);
    }
    secret.reset();
    provider.services.changed(secret);
    provider.services.log.info(`Secret ${secret.name} in vault ${secret.vaultNode.vault.name}: version ${info.version ?? ''} ${enabled ? 'enabled' : 'disabled'}.`);
    return true;
  } catch (e) {
    if (e instanceof AzureProblemError) showProblem(e.problem, provider);
    else void vscode.window.showErrorMessage(`Flow Vault: could not ${enabled ? 'enable' : 'disable'} secret ${secret.name}.`);
    return false;
  }
}
