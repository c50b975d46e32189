/**
 * Flow Vault: Create Secret… in a vault: a name (validated as Key Vault requires), the value in a
 * password InputBox, an optional content type. `{ name, value, contentType }` may be passed instead.
 */
import * as vscode from 'vscode';
import { validateSecretName } from '../../../azure/keyVault/references';
import { AzureProblemError } from '../../../azure/errors';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { VaultNode } from '../tree/resourceNodes';
import { optionsArg } from '../../tree/resolveNode';
import { resolveNode } from './resolveNode';
import { showProblem } from './showProblem';

export interface CreateSecretOptions {
  readonly name?: string;
  readonly value?: string;
  readonly contentType?: string;
  readonly tags?: Record<string, string>;
}

export async function createSecret(provider: KeyVaultTreeDataProvider, arg: unknown, ...rest: unknown[]): Promise<string | undefined> {
  const vault = await resolveNode<VaultNode>(provider, arg, ['vault']);
  if (!vault) return undefined;
  const o = optionsArg<CreateSecretOptions>(rest);
  const title = `Create a secret in vault ${vault.vault.name}`;
  const name =
    o.name ??
    (await vscode.window.showInputBox({
      title,
      prompt: 'Secret name: letters, digits and dashes, up to 127 characters',
      ignoreFocusOut: true,
      validateInput: (v) => validateSecretName(v.trim()),
    }))?.trim();
  if (!name) return undefined;
  const nameProblem = validateSecretName(name);
  if (nameProblem) {
    void vscode.window.showErrorMessage(`Flow Vault: ${nameProblem}`);
    return undefined;
  }
  const value =
    o.value ??
    (await vscode.window.showInputBox({
      title,
      prompt: `Value of ${name} (not shown, not kept by Flow Vault)`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.length === 0 ? 'Enter a value.' : undefined),
    }));
  if (!value) return undefined;
  const contentType =
    o.contentType ??
    (o.value === undefined
      ? await vscode.window.showInputBox({ title, prompt: 'Content type (optional), e.g. "password" or "text/plain"', ignoreFocusOut: true })
      : undefined);
  try {
    const info = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Flow Vault: creating secret ${name}…` },
      () => vault.client().createSecret(name, value, { contentType: contentType || undefined, tags: o.tags }),
    );
    vault.list.insert([{ ...info, version: undefined, id: `${info.vaultUrl}/secrets/${info.name}` }]);
    provider.services.changed(vault);
    provider.services.log.info(`Secret ${name} created in vault ${vault.vault.name}.`);
    void vscode.window.showInformationMessage(`Flow Vault: secret ${name} created in vault ${vault.vault.name}.`);
    return `${vault.id}|${name.toLowerCase()}`;
  } catch (e) {
    if (e instanceof AzureProblemError) showProblem(e.problem, provider);
    else void vscode.window.showErrorMessage(`Flow Vault: could not create secret ${name}.`);
    return undefined;
  }
}
