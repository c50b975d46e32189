/**
 * Flow Vault: Copy Secret Value. An explicit, confirmed action: a modal asks first; the value goes
 * to the clipboard only (never to a log, a message or the tree) and is cleared after
 * `flowVault.keyVault.clipboardClearSeconds` if the clipboard still holds it.
 *
 * Tests may skip the modal with `{ skipConfirmation: true }`, honoured only when the extension
 * runs under test (ExtensionMode.Test or FLOW_VAULT_TEST=1 in the process environment).
 */
import * as vscode from 'vscode';
import { AzureProblemError } from '../../../azure/errors';
import { copyWithTimedClear } from '../clipboard';
import { readKeyVaultSettings } from '../settings';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { SecretNode, VersionNode } from '../tree/resourceNodes';
import { showProblem } from './showProblem';
import { optionsArg } from '../../tree/resolveNode';
import { resolveNode } from './resolveNode';

export interface CopyValueOptions {
  readonly skipConfirmation?: boolean;
}

export function testMode(context: vscode.ExtensionContext): boolean {
  return context.extensionMode === vscode.ExtensionMode.Test || process.env.FLOW_VAULT_TEST === '1';
}

export async function copySecretValue(
  context: vscode.ExtensionContext,
  provider: KeyVaultTreeDataProvider,
  arg: unknown,
  ...rest: unknown[]
): Promise<boolean> {
  const node = await resolveNode<SecretNode | VersionNode>(provider, arg, ['secret', 'version']);
  if (!node) return false;
  const secret = node.kind === 'secret' ? node : node.secretNode;
  const version = node.kind === 'version' ? node.version : undefined;
  const seconds = readKeyVaultSettings().clipboardClearSeconds;
  const options = optionsArg<CopyValueOptions>(rest);
  const skip = options.skipConfirmation === true && testMode(context);
  if (!skip) {
    const copy = 'Copy Value';
    const answer = await vscode.window.showWarningMessage(
      `Copy the value of secret "${secret.name}"${version ? ` (version ${version.slice(0, 8)})` : ''} from vault ${secret.vaultNode.vault.name} to the clipboard?`,
      { modal: true, detail: `Anything that reads the clipboard can see it. Flow Vault clears the clipboard after ${seconds} seconds if it still holds the value.` },
      copy,
    );
    if (answer !== copy) return false;
  }
  let value: string;
  try {
    value = await secret.vaultNode.client().getSecretValue(secret.name, version);
  } catch (e) {
    if (e instanceof AzureProblemError) showProblem(e.problem, provider);
    else void vscode.window.showErrorMessage(`Flow Vault: could not read secret ${secret.name}.`);
    return false;
  }
  try {
    await copyWithTimedClear(value, seconds);
  } catch {
    void vscode.window.showErrorMessage('Flow Vault: the clipboard is not available (the browser may have refused access to it).');
    return false;
  }
  void vscode.window.setStatusBarMessage(`Copied the value of ${secret.name}; the clipboard is cleared in ${seconds} s`, Math.min(seconds, 10) * 1000);
  return true;
}
