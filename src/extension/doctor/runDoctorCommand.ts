/**
 * "Flow Vault: Check Machine Registration and Credentials": picks the account, the environment
 * and the machine, takes the credentials from the workspace's flows (or the one it was started
 * for), runs the doctor with progress and cancellation, and shows the report in the doctor view.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { AzureAccount } from '../../azure/auth/accounts';
import { listDoctorEnvironments, runDoctor, type CredentialRequest, type DoctorRequest } from '../../azure/doctor';
import { OperationCancelledError } from '../../azure/errors';
import { credentialUsesInFile } from '../../core/credentials/usedBy';
import type { AzureSessionManager } from '../azure/sessionManager';

const FLOW_FILES = '**/{*.robin,*.powerautomate,*.flow,*.pad,*.txt,customizations.xml,Workflows/*.json}';

/** What `flowVault.doctor.run` may be given (by the Credentials view, or tests). */
export interface DoctorRunArgs {
  readonly environment?: string;
  readonly machine?: string;
  readonly credentials?: readonly string[];
  readonly accountId?: string;
}

async function workspaceCredentials(token: vscode.CancellationToken): Promise<CredentialRequest[]> {
  const files = await vscode.workspace.findFiles(FLOW_FILES, '**/node_modules/**', 2000, token);
  const byName = new Map<string, { name: string; usedIn: Set<string> }>();
  for (const uri of files) {
    if (token.isCancellationRequested) break;
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      continue;
    }
    const where = vscode.workspace.asRelativePath(uri);
    for (const f of credentialUsesInFile(uri.path, text)) {
      for (const u of f.uses) {
        if (u.name === undefined || u.disabled) continue;
        const e = byName.get(u.name.toLowerCase()) ?? { name: u.name, usedIn: new Set<string>() };
        e.usedIn.add(f.flowName ? `${where} (${f.flowName})` : where);
        byName.set(u.name.toLowerCase(), e);
      }
    }
  }
  return [...byName.values()].map((e) => ({ name: e.name, usedIn: [...e.usedIn] }));
}

async function pickAccount(manager: AzureSessionManager, accountId?: string): Promise<AzureAccount | undefined> {
  await manager.whenRestored();
  const accounts = manager.accounts;
  if (accountId) return accounts.find((a) => a.id === accountId);
  if (accounts.length === 0) {
    const choice = await vscode.window.showInformationMessage('Sign in to Azure to run the doctor.', 'Sign In');
    if (choice === 'Sign In') await vscode.commands.executeCommand('flowVault.azure.signIn');
    return manager.accounts[0];
  }
  if (accounts.length === 1) return accounts[0];
  const picked = await vscode.window.showQuickPick(accounts.map((a) => ({ label: a.label, description: a.identity, account: a })), { title: 'Run the doctor as' });
  return picked?.account;
}

export function registerRunDoctor(context: vscode.ExtensionContext, manager: AzureSessionManager): void {
  let last: Omit<DoctorRequest, 'abortSignal'> | undefined;

  async function run(request: Omit<DoctorRequest, 'abortSignal'>): Promise<void> {
    last = request;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Flow Vault doctor', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        progress.report({ message: 'Reading the environment, the machine and the credentials…' });
        try {
          const report = await runDoctor({ ...request, abortSignal: controller.signal });
          const { run: _run, ...plain } = report;
          await vscode.commands.executeCommand('flowVault.doctor.showReport', plain);
        } catch (e) {
          if (e instanceof OperationCancelledError || controller.signal.aborted) return;
          void vscode.window.showErrorMessage(`The doctor could not run: ${e instanceof Error ? e.message : String(e)}`);
        }
      },
    );
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('flowVault.doctor.run', async (args: DoctorRunArgs = {}) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('The doctor signs in to Azure: trust this workspace first.');
        return;
      }
      const account = await pickAccount(manager, args.accountId);
      if (!account) return;
      let environment = args.environment;
      if (!environment) {
        const envs = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Finding your Power Platform environments…' }, () =>
          listDoctorEnvironments(account).catch((e: unknown) => {
            void vscode.window.showErrorMessage(`Could not list the environments: ${e instanceof Error ? e.message : String(e)}`);
            return undefined;
          }),
        );
        if (!envs) return;
        if (envs.length === 0) {
          void vscode.window.showWarningMessage(`${account.label} sees no Power Platform environment.`);
          return;
        }
        const picked = envs.length === 1 ? { env: envs[0] } : await vscode.window.showQuickPick(envs.map((e) => ({ label: e.friendlyName, description: e.url, env: e })), { title: 'Environment to check' });
        if (!picked) return;
        environment = picked.env.url;
      }
      const machine =
        args.machine ??
        (await vscode.window.showInputBox({ title: 'Machine that runs the flows', value: os.hostname(), prompt: 'Its name as registered in Power Automate (this computer by default).' }));
      if (machine === undefined) return;
      const credentials: readonly CredentialRequest[] | 'all' = args.credentials
        ? args.credentials.map((name) => ({ name }))
        : await (async () => {
            const source = new vscode.CancellationTokenSource();
            try {
              const found = await workspaceCredentials(source.token);
              return found.length ? found : 'all';
            } finally {
              source.dispose();
            }
          })();
      await run({ account, environment, machine: machine.trim() || undefined, credentials });
    }),
    vscode.commands.registerCommand('flowVault.doctor.rerun', async () => {
      if (last) await run(last);
      else await vscode.commands.executeCommand('flowVault.doctor.run');
    }),
  );
}
