/**
 * The cloud half of the move command: the choices (prompts, or the arguments of a scripted
 * call), then the orchestration with progress, then the file edit, last. A failure anywhere
 * leaves the file untouched and the cloud as it was, except what the message says remains.
 */
import * as vscode from 'vscode';
import { validateSecretName } from '../../azure/keyVault/references';
import { moveToKeyVault, summary } from '../../azure/moveToKeyVault/moveToKeyVault';
import { credentialNameProblem } from '../../core/fix';
import type { AzureLog } from '../azure/log';
import type { MoveArgs } from './args';
import type { EnvironmentEntry, MoveCloud } from './cloud';
import { askMoveChoices, type MoveChoices } from './prompts';
import { suggestCredentialName, suggestSecretName } from '../../core/credentials/secretNames';
import { fieldOf, type MoveCommandResult, type MoveSource, type MoveToKeyVaultFeature } from './types';
import type { VaultEntry } from './vaultCatalog';

export interface MoveSettings {
  /** Purge the secret when undoing (setting flowVault.moveToKeyVault.purgeSecretOnRollback). */
  purgeOnRollback(): boolean;
}

export function createMoveFeature(cloud: MoveCloud, log: AzureLog, settings: MoveSettings): MoveToKeyVaultFeature {
  return {
    async run(source, args, scripted) {
      const say = (kind: 'info' | 'warn' | 'error', text: string): void => {
        if (args.silent) return;
        const show = kind === 'info' ? vscode.window.showInformationMessage : kind === 'warn' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
        void show(`Flow Vault: ${text}`);
      };
      const chosen = scripted ? await scriptedChoices(cloud, source, args) : await askMoveChoices(cloud, source);
      if (!chosen) return { applied: false, reason: 'cancelled' };
      if (typeof chosen === 'string') {
        say('warn', chosen);
        return { applied: false, reason: chosen };
      }
      const { environment, vault, secretName, credentialName, userName } = chosen;
      const named = { environment: environment.info.friendlyName, vault: vault.vault.name, secretName, credentialName, userName };
      const editProblem = source.editProblem(credentialName);
      if (editProblem) {
        const reason = `Nothing was changed: the Get credential action cannot go here: ${editProblem}.`;
        say('warn', reason);
        return { applied: false, reason, ...named };
      }

      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Flow Vault: Move to Key Vault', cancellable: true },
        (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return moveToKeyVault({
            vault: cloud.vaultClient(vault),
            environment: environment.client(),
            secretName,
            value: source.value,
            credentialName,
            userName,
            // The flow's name, not its path: the description is stored in the environment.
            description: `Moved by Flow Vault from flow ${source.flowName}`,
            purgeOnRollback: settings.purgeOnRollback(),
            signal: controller.signal,
            onProgress: (_step, message) => progress.report({ message }),
          });
        },
      );

      if (outcome.status !== 'done') {
        log.warn(`Move to Key Vault (${source.where}) ${outcome.status}${outcome.problem ? ` [${outcome.problem.kind}${outcome.problem.code ? ` ${outcome.problem.code}` : ''}]` : ''}: ${outcome.message}`);
        say(outcome.status === 'cancelled' && outcome.rollback.remains.length === 0 ? 'info' : 'error', outcome.message);
        return { applied: false, reason: outcome.message, ...named, undone: outcome.rollback.undone, remains: outcome.rollback.remains };
      }

      const applied = await source.applyEdit(credentialName);
      if (!applied) {
        const report = await outcome.undo();
        const reason = `The file changed or could not be edited, so the cloud changes were undone. ${summary(report)}`;
        log.warn(`Move to Key Vault (${source.where}): ${reason}`);
        say('error', reason);
        return { applied: false, reason, ...named, undone: report.undone, remains: report.remains };
      }
      const done = `Secret ${secretName} created in vault ${vault.vault.name}; credential ${credentialName} in environment ${environment.info.friendlyName} reads it, and the flow now uses a Get credential action.`;
      log.info(`Move to Key Vault (${source.where}): ${done}`);
      say('info', done);
      return { applied: true, ...named, secretReference: outcome.secretReference };
    },
  };
}

function matchEnvironment(list: readonly EnvironmentEntry[], wanted: string): EnvironmentEntry | undefined {
  const w = wanted.toLowerCase().replace(/\/+$/, '');
  return list.find((e) => {
    const i = e.info;
    return [i.environmentId, i.organizationId, i.url, i.urlName, i.friendlyName].some((x) => x?.toLowerCase().replace(/\/+$/, '') === w);
  });
}

function matchVault(list: readonly VaultEntry[], wanted: string): VaultEntry | undefined {
  const w = wanted.toLowerCase().replace(/\/+$/, '');
  return list.find((v) => [v.vault.name, v.vault.id, v.vault.vaultUri].some((x) => x.toLowerCase().replace(/\/+$/, '') === w));
}

/** The choices of a scripted call, or why they cannot be used. Asks nothing. */
async function scriptedChoices(cloud: MoveCloud, source: MoveSource, args: MoveArgs): Promise<MoveChoices | string> {
  const signal = new AbortController().signal;
  const envs = await cloud.listEnvironments(signal);
  const environment = matchEnvironment(envs.environments, args.environment ?? '');
  if (!environment) return `Nothing was changed: no environment ${args.environment} among the signed-in accounts' environments.`;
  const vaults = await cloud.listVaults(signal);
  const vault = matchVault(vaults.vaults, args.vault ?? '');
  if (!vault) return `Nothing was changed: no vault ${args.vault} in the signed-in subscriptions.`;
  const fit = await cloud.vaultFit(environment, vault, signal).catch(() => undefined);
  if (fit?.verdict === 'no') return `Nothing was changed: vault ${vault.vault.name} will not work with environment ${environment.info.friendlyName}: ${fit.reason ?? ''}`;
  const secretName = args.secretName || suggestSecretName(source.flowName, fieldOf(source));
  const nameProblem = validateSecretName(secretName);
  if (nameProblem) return `Nothing was changed: ${nameProblem}`;
  const credentialName = args.credentialName || suggestCredentialName(source.flowName, fieldOf(source));
  const credProblem = credentialNameProblem(credentialName);
  if (credProblem) return `Nothing was changed: ${credProblem}`;
  const userName = args.userName || source.userName;
  if (!userName) return 'Nothing was changed: give userName (the flow shows none for this password).';
  return { environment, vault, secretName, credentialName, userName };
}
