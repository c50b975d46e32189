/**
 * Flow Vault: Copy Secret Value. An explicit, confirmed action, always: a modal asks first; the
 * value goes to the clipboard only (never to a log, a message or the tree) and is cleared after
 * `flowVault.keyVault.clipboardClearSeconds` if the clipboard still holds it, also when the window
 * is closed or reloaded first (../../secretClipboard).
 */
import * as vscode from 'vscode';
import { AzureProblemError } from '../../../azure/errors';
import type { SecretClipboard } from '../../secretClipboard';
import { readKeyVaultSettings } from '../settings';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { SecretNode, VersionNode } from '../tree/resourceNodes';
import { showProblem } from './showProblem';
import { resolveNode } from './resolveNode';

export async function copySecretValue(provider: KeyVaultTreeDataProvider, clipboard: SecretClipboard, arg: unknown): Promise<boolean> {
  const node = await resolveNode<SecretNode | VersionNode>(provider, arg, ['secret', 'version']);
  if (!node) return false;
  const secret = node.kind === 'secret' ? node : node.secretNode;
  const version = node.kind === 'version' ? node.version : undefined;
  const seconds = readKeyVaultSettings().clipboardClearSeconds;
  const copy = 'Copy Value';
  const answer = await vscode.window.showWarningMessage(
    `Copy the value of secret "${secret.name}"${version ? ` (version ${version.slice(0, 8)})` : ''} from vault ${secret.vaultNode.vault.name} to the clipboard?`,
    { modal: true, detail: `Anything that reads the clipboard can see it. Flow Vault clears the clipboard after ${seconds} seconds if it still holds the value.` },
    copy,
  );
  if (answer !== copy) return false;
  let value: string;
  try {
    value = await secret.vaultNode.client().getSecretValue(secret.name, version);
  } catch (e) {
    if (e instanceof AzureProblemError) showProblem(e.problem, provider);
    else void vscode.window.showErrorMessage(`Flow Vault: could not read secret ${secret.name}.`);
    return false;
  }
  try {
    await clipboard.copy(value, seconds);
  } catch {
    void vscode.window.showErrorMessage('Flow Vault: the clipboard is not available (the browser may have refused access to it).');
    return false;
  }
  void vscode.window.setStatusBarMessage(`Copied the value of ${secret.name}; the clipboard is cleared in ${seconds} s`, Math.min(seconds, 10) * 1000);
  return true;
}
