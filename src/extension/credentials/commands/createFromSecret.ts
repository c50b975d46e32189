/**
 * Flow Vault: Create Power Automate Credential… from an existing Key Vault secret (a secret row
 * of the Key Vault view, or picked from the loaded secrets): asks the environment, the credential
 * name and the user name, then creates the two environment variables and the credential in one
 * change set. Scripts and tests pass `{ environmentId, name, userName }` (and the secret as a Key
 * Vault node or its id) and get the new credential's id. The secret's value is never read.
 */
import * as vscode from 'vscode';
import { secretArmPath } from '../../../azure/keyVault/references';
import { AzureProblemError, classifyAzureError, describeProblemForLog } from '../../../azure/errors';
import { credentialNameProblem } from '../../../core/fix';
import { resolveNode as resolveKvNode } from '../../keyVault/commands/resolveNode';
import type { KeyVaultView } from '../../keyVault/registerKeyVaultView';
import type { SecretNode } from '../../keyVault/tree/resourceNodes';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';
import type { EnvironmentNode } from '../tree/environmentNodes';

export interface CreateFromSecretArgs {
  readonly environmentId?: string;
  readonly name?: string;
  readonly userName?: string;
  readonly description?: string;
}

/** Dataverse `credential.name` holds at most 100 characters. */
const MAX_NAME = 100;

function nameProblem(name: string): string | undefined {
  return credentialNameProblem(name) ?? (name.length > MAX_NAME ? `A Power Automate credential name is at most ${MAX_NAME} characters long.` : undefined);
}

export async function createCredentialFromSecret(
  provider: CredentialsTreeDataProvider,
  keyVault: KeyVaultView,
  ...args: unknown[]
): Promise<string | undefined> {
  const o = (args.find((a) => a && typeof a === 'object' && !('getTreeItem' in (a as object)) && !('id' in (a as object))) ?? {}) as CreateFromSecretArgs;
  const secretArg = args.find((a) => typeof a === 'string' || (a && typeof a === 'object' && ('getTreeItem' in (a as object) || 'id' in (a as object))));
  const secret = (secretArg !== undefined ? await resolveKvNode<SecretNode>(keyVault.provider, secretArg, ['secret']) : undefined) ?? (await pickSecret(keyVault));
  if (!secret) return undefined;
  const vault = secret.vaultNode.vault;
  const title = `Create a Power Automate credential for secret ${secret.name}`;

  const env = await pickEnvironment(provider, o.environmentId, title);
  if (!env) return undefined;

  const name =
    o.name ??
    (await vscode.window.showInputBox({
      title,
      prompt: `Credential name in ${env.environment.friendlyName} (what Get credential actions name)`,
      value: secret.name,
      ignoreFocusOut: true,
      validateInput: (v) => nameProblem(v) ?? null,
    }));
  if (name === undefined) return undefined;
  const problem = nameProblem(name);
  if (problem) {
    void vscode.window.showErrorMessage(`Flow Vault: ${problem}`);
    return undefined;
  }
  const userName =
    o.userName ??
    (await vscode.window.showInputBox({
      title,
      prompt: 'User name the credential returns with the password (not a secret; it is stored in a text environment variable)',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'Enter the user name of the account this secret belongs to.' : null),
    }));
  if (userName === undefined || userName.trim() === '') return undefined;

  const client = env.client();
  try {
    const existing = await client.findCredentialByName(name);
    if (existing) {
      void vscode.window.showErrorMessage(`Flow Vault: a credential named ${name} already exists in ${env.environment.friendlyName}. Choose another name.`);
      return undefined;
    }
    const reference = secretArmPath({ subscriptionId: vault.subscriptionId, resourceGroup: vault.resourceGroup, vaultName: vault.name, secretName: secret.name });
    const created = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Flow Vault: creating credential ${name} in ${env.environment.friendlyName}…` },
      () => client.createKeyVaultCredential({ name, userName: userName.trim(), secretReference: reference, description: o.description }),
    );
    env.list.insert([created.credential]);
    provider.services.changed(env);
    provider.services.log.info(`Credential ${name} created in ${env.environment.friendlyName} for secret ${secret.name} of vault ${vault.name}.`);
    void vscode.window.showInformationMessage(`Flow Vault: credential ${name} created in ${env.environment.friendlyName}. Get credential actions can now read it.`);
    return created.credential.id;
  } catch (e) {
    const p = e instanceof AzureProblemError ? e.problem : classifyAzureError(e, { operation: 'createCredential', environment: { name: env.environment.friendlyName, url: env.environment.url }, credentialName: name });
    provider.services.log.warn(`Creating credential ${name}: ${describeProblemForLog(p)}`);
    void vscode.window.showErrorMessage(`Flow Vault: could not create credential ${name} in ${env.environment.friendlyName}. ${p.message}`);
    return undefined;
  }
}

async function pickSecret(keyVault: KeyVaultView): Promise<SecretNode | undefined> {
  for (const v of keyVault.provider.loadedVaults()) v.getChildren();
  const secrets = keyVault.provider.loadedSecrets();
  if (secrets.length === 0) {
    void vscode.window.showInformationMessage('Flow Vault: no Key Vault secret is loaded yet. Expand a vault in the Key Vault view, then choose "Create Power Automate Credential…" on a secret.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    secrets.map((s) => ({ label: s.name, description: `${s.vaultNode.vault.name} · ${s.vaultNode.subscriptionNode.subscription.displayName}`, node: s })),
    { title: 'Create a Power Automate credential: choose the Key Vault secret', matchOnDescription: true, ignoreFocusOut: true },
  );
  return pick?.node;
}

async function pickEnvironment(provider: CredentialsTreeDataProvider, environmentId: string | undefined, title: string): Promise<EnvironmentNode | undefined> {
  await provider.services.manager.whenRestored();
  await provider.ensureTenants();
  await Promise.all(provider.tenants.filter((t) => !t.status.problem).map((t) => t.whenLoaded()));
  const envs = provider.environments();
  if (environmentId) {
    const env = envs.find((e) => e.environment.environmentId.toLowerCase() === environmentId.toLowerCase());
    if (!env) void vscode.window.showErrorMessage(`Flow Vault: environment ${environmentId} is not in the Credentials view (signed out, or not visible to your account).`);
    return env;
  }
  if (envs.length === 0) {
    void vscode.window.showInformationMessage('Flow Vault: no Power Platform environment is loaded. Sign in, then look at the Credentials view.');
    return undefined;
  }
  if (envs.length === 1) return envs[0];
  const pick = await vscode.window.showQuickPick(
    envs.map((e) => ({ label: e.environment.friendlyName, description: e.environment.urlName, detail: e.environment.url, env: e })),
    { title, placeHolder: 'Environment to create the credential in', matchOnDescription: true, ignoreFocusOut: true },
  );
  return pick?.env;
}
