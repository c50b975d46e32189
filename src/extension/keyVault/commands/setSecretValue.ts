/**
 * Flow Vault: Set New Secret Version… The value is typed into a password InputBox (never shown),
 * written as a new version that keeps the content type and tags of the current one, and then
 * forgotten. `{ value }` may be passed by tests and other features instead of the prompt.
 */
import * as vscode from 'vscode';
import { AzureProblemError } from '../../../azure/errors';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { SecretNode } from '../tree/resourceNodes';
import { optionsArg } from '../../tree/resolveNode';
import { resolveNode } from './resolveNode';
import { showProblem } from './showProblem';

export interface SetValueOptions {
  readonly value?: string;
}

export async function setSecretValue(provider: KeyVaultTreeDataProvider, arg: unknown, ...rest: unknown[]): Promise<string | undefined> {
  const node = await resolveNode<SecretNode>(provider, arg, ['secret']);
  if (!node) return undefined;
  const options = optionsArg<SetValueOptions>(rest);
  const value =
    typeof options.value === 'string'
      ? options.value
      : await vscode.window.showInputBox({
          title: `New version of secret ${node.name} (vault ${node.vaultNode.vault.name})`,
          prompt: 'The new value. It is not shown and not kept by Flow Vault; content type and tags of the current version are kept.',
          password: true,
          ignoreFocusOut: true,
          validateInput: (v) => (v.length === 0 ? 'Enter a value (an empty secret is rarely what you want).' : undefined),
        });
  if (value === undefined || value.length === 0) return undefined;
  try {
    const info = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Flow Vault: setting a new version of ${node.name}…` },
      () => node.vaultNode.client().setSecretValue(node.name, value),
    );
    node.info = { ...node.info, ...stripVersion(info) };
    node.vaultNode.list.replace(node.info);
    node.reset();
    provider.services.changed(node);
    provider.services.log.info(`Secret ${node.name} in vault ${node.vaultNode.vault.name}: new version ${info.version ?? ''} set.`);
    void vscode.window.showInformationMessage(`Flow Vault: secret ${node.name} has a new version (${(info.version ?? '').slice(0, 8)}).`);
    return info.version;
  } catch (e) {
    if (e instanceof AzureProblemError) showProblem(e.problem, provider);
    else void vscode.window.showErrorMessage(`Flow Vault: could not set secret ${node.name}${e instanceof Error && /name/i.test(e.message) ? `: ${e.message}` : '.'}`);
    return undefined;
  }
}

/** A secret row shows the latest version's attributes without its version id. */
export function stripVersion<T extends { version?: string; id: string; name: string; vaultUrl: string }>(info: T): T {
  return { ...info, version: undefined, id: `${info.vaultUrl}/secrets/${info.name}` };
}
