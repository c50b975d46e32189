/**
 * The move's prompts, in order: environment, vault (every vault, those that will not work for
 * the environment listed with the reason), secret name (suggested, checked against Key Vault's
 * rules and for a secret of that name), credential name, user name (prefilled from the flow).
 * Escape at any prompt returns undefined: nothing has been changed by then.
 */
import * as vscode from 'vscode';
import { validateSecretName } from '../../azure/keyVault/references';
import { credentialNameProblem } from '../../core/fix';
import type { EnvironmentEntry, MoveCloud, VaultFit } from './cloud';
import type { MoveSource } from './types';
import type { VaultEntry } from './vaultCatalog';
import { suggestCredentialName, suggestSecretName } from '../../core/credentials/secretNames';
import { fieldOf } from './types';

export interface MoveChoices {
  readonly environment: EnvironmentEntry;
  readonly vault: VaultEntry;
  readonly secretName: string;
  readonly credentialName: string;
  readonly userName: string;
}

const TITLE = 'Move to Key Vault';
const steps = 5;

type Picked<T> = vscode.QuickPickItem & { value?: T; problem?: string };

/** Runs `load` with an AbortSignal that the QuickPick's closing cancels. */
function cancellable<T>(token: vscode.CancellationToken, load: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const sub = token.onCancellationRequested(() => controller.abort());
  return load(controller.signal).finally(() => sub.dispose());
}

async function pick<T>(
  step: number,
  placeHolder: string,
  items: (token: vscode.CancellationToken) => Promise<Picked<T>[]>,
): Promise<T | undefined> {
  const cts = new vscode.CancellationTokenSource();
  try {
    const chosen = await vscode.window.showQuickPick(items(cts.token), {
      title: `${TITLE} (${step}/${steps})`,
      placeHolder,
      ignoreFocusOut: true,
      matchOnDescription: true,
      matchOnDetail: true,
    }, cts.token);
    if (!chosen) return undefined;
    if (chosen.problem) {
      void vscode.window.showWarningMessage(`Flow Vault: ${chosen.problem}`);
      return undefined;
    }
    return chosen.value;
  } finally {
    cts.cancel();
    cts.dispose();
  }
}

export async function askEnvironment(cloud: MoveCloud): Promise<EnvironmentEntry | undefined> {
  return pick<EnvironmentEntry>(1, 'Power Platform environment that gets the credential', (token) =>
    cancellable(token, async (signal) => {
      const { environments, problems } = await cloud.listEnvironments(signal);
      const items: Picked<EnvironmentEntry>[] = environments.map((e) => ({
        label: e.info.friendlyName,
        description: e.info.url.replace(/^https:\/\//, ''),
        detail: `Tenant ${e.info.tenantId}`,
        value: e,
      }));
      if (items.length === 0) {
        items.push({ label: '$(info) No Power Platform environment found', detail: 'Sign in with an account that has a Dataverse environment.', problem: 'no Power Platform environment was found for the signed-in accounts.' });
      }
      for (const p of problems) items.push({ label: `$(warning) ${p}`, problem: p });
      return items;
    }),
  );
}

function fitDetail(fit: VaultFit, env: EnvironmentEntry): string {
  if (fit.verdict === 'yes') return `$(pass) Suits ${env.info.friendlyName}${fit.reason ? `: ${fit.reason}` : ''}`;
  if (fit.verdict === 'no') return `$(error) Will not work with ${env.info.friendlyName}: ${fit.reason ?? 'see the Credentials view'}`;
  return `$(question) Not checked: ${fit.reason ?? 'the vault could not be checked'}`;
}

export async function askVault(cloud: MoveCloud, env: EnvironmentEntry): Promise<VaultEntry | undefined> {
  const fits = new Map<VaultEntry, VaultFit>();
  const chosen = await pick<VaultEntry>(2, `Key Vault for the secret (the vault must work with ${env.info.friendlyName})`, (token) =>
    cancellable(token, async (signal) => {
      const { vaults, problems } = await cloud.listVaults(signal);
      await Promise.all(
        vaults.map(async (v) => {
          try {
            fits.set(v, await cloud.vaultFit(env, v, signal));
          } catch {
            fits.set(v, { verdict: 'unknown' });
          }
        }),
      );
      const rank = (v: VaultEntry): number => ({ yes: 0, unknown: 1, no: 2 })[fits.get(v)?.verdict ?? 'unknown'];
      const sorted = [...vaults].sort((a, b) => rank(a) - rank(b) || a.vault.name.localeCompare(b.vault.name));
      const items: Picked<VaultEntry>[] = sorted.map((v) => ({
        label: v.vault.name,
        description: `${v.subscription.displayName}${v.vault.location ? ` · ${v.vault.location}` : ''}`,
        detail: fitDetail(fits.get(v) ?? { verdict: 'unknown' }, env),
        value: v,
      }));
      if (items.length === 0) items.push({ label: '$(info) No key vault found', detail: 'Create a vault in the Azure portal, or sign in with an account that can see one.', problem: 'no key vault was found in the signed-in subscriptions.' });
      for (const p of problems) items.push({ label: `$(warning) ${p}`, problem: p });
      return items;
    }),
  );
  if (!chosen) return undefined;
  const fit = fits.get(chosen);
  if (fit?.verdict === 'no') {
    const go = 'Use It Anyway';
    const answer = await vscode.window.showWarningMessage(
      `Vault ${chosen.vault.name} will not work with environment ${env.info.friendlyName}: ${fit.reason ?? ''}`,
      { modal: true, detail: 'Power Automate would not be able to read the secret until this is fixed.' },
      go,
    );
    if (answer !== go) return undefined;
  }
  return chosen;
}

export async function askSecretName(cloud: MoveCloud, vault: VaultEntry, source: MoveSource): Promise<string | undefined> {
  const client = cloud.vaultClient(vault);
  const taken = new Map<string, Promise<string | undefined>>();
  const check = (name: string): Promise<string | undefined> => {
    const key = name.toLowerCase();
    let p = taken.get(key);
    if (!p) {
      p = client.exists(name).then(
        (exists) => (exists ? `Vault ${vault.vault.name} already has a secret named ${name}: choose another name.` : undefined),
        () => undefined, // Could not check: the create step refuses an existing name anyway.
      );
      taken.set(key, p);
    }
    return p;
  };
  const name = await vscode.window.showInputBox({
    title: `${TITLE} (3/${steps})`,
    prompt: `Name of the new secret in vault ${vault.vault.name}: letters, digits and dashes, up to 127 characters. The value is read from ${source.where} and not shown.`,
    value: suggestSecretName(source.flowName, fieldOf(source)),
    ignoreFocusOut: true,
    validateInput: async (v) => validateSecretName(v.trim()) ?? (await check(v.trim())),
  });
  return name?.trim() || undefined;
}

export async function askCredentialName(env: EnvironmentEntry, source: MoveSource): Promise<string | undefined> {
  const client = env.client();
  const existing = new Map<string, Promise<string | undefined>>();
  const check = (name: string): Promise<string | undefined> => {
    let p = existing.get(name);
    if (!p) {
      p = client.findCredentialByName(name).then(
        (found) => (found ? `Environment ${env.info.friendlyName} already has a credential named ${name}: choose another name.` : undefined),
        () => undefined,
      );
      existing.set(name, p);
    }
    return p;
  };
  const name = await vscode.window.showInputBox({
    title: `${TITLE} (4/${steps})`,
    prompt: `Name of the Power Automate credential in ${env.info.friendlyName}: the flow's Get credential action reads it.`,
    value: suggestCredentialName(source.flowName, fieldOf(source)),
    ignoreFocusOut: true,
    validateInput: async (v) => credentialNameProblem(v.trim()) ?? source.editProblem(v.trim()) ?? (await check(v.trim())),
  });
  return name?.trim() || undefined;
}

export async function askUserName(source: MoveSource): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: `${TITLE} (5/${steps})`,
    prompt: source.userName
      ? 'User name of the credential (from the flow; not a secret).'
      : 'User name of the credential (not a secret): the account the password belongs to.',
    value: source.userName ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the user name the password belongs to.'),
  });
  return name?.trim() || undefined;
}

/** All five prompts; undefined as soon as one is cancelled. */
export async function askMoveChoices(cloud: MoveCloud, source: MoveSource): Promise<MoveChoices | undefined> {
  const environment = await askEnvironment(cloud);
  if (!environment) return undefined;
  const vault = await askVault(cloud, environment);
  if (!vault) return undefined;
  const secretName = await askSecretName(cloud, vault, source);
  if (!secretName) return undefined;
  const credentialName = await askCredentialName(environment, source);
  if (!credentialName) return undefined;
  const userName = await askUserName(source);
  if (!userName) return undefined;
  return { environment, vault, secretName, credentialName, userName };
}
