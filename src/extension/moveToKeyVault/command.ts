/**
 * `flowVault.moveToKeyVault`: "Move to Key Vault and use a Get credential action" on the finding
 * at the cursor, or on the one the arguments name (see ./args.ts). This half resolves the
 * finding, reads its value and prepares the Get credential edit (the same edit as
 * `flowVault.useGetCredential`); the cloud half, loaded on demand, asks, writes to Key Vault and
 * Dataverse, and applies the edit last.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { AzureOnDemand } from '../azureOnDemand';
import type { FixHost } from '../fixHost';
import type { Log } from '../log';
import { readSettings } from '../settings';
import { parseMoveCall } from './args';
import type { MoveCommandResult, MoveSource } from './types';

export const MOVE_COMMAND = 'flowVault.moveToKeyVault';

export function registerMoveToKeyVault(context: vscode.ExtensionContext, host: FixHost, azure: AzureOnDemand, log: Log): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(MOVE_COMMAND, (a?: unknown, b?: unknown, c?: unknown) => moveToKeyVault(host, azure, log, a, b, c)),
  );
}

async function moveToKeyVault(host: FixHost, azure: AzureOnDemand, log: Log, a?: unknown, b?: unknown, c?: unknown): Promise<MoveCommandResult> {
  const call = parseMoveCall(a, b, c);
  const fail = (reason: string): MoveCommandResult => {
    if (!call.args.silent) void vscode.window.showWarningMessage(`Flow Vault: ${reason}`);
    return { applied: false, reason };
  };
  if (!vscode.workspace.isTrusted) return fail('Moving a secret to Key Vault needs a trusted workspace: trust this folder first.');
  const resolved = await host.resolve(call.uri, call.ref);
  if (typeof resolved === 'string') return fail(resolved);
  const { document, lint, finding } = resolved;
  const file = host.fileOf(document, lint);
  const problem = file.getCredentialProblem(finding);
  if (problem) return fail(`A Get credential action cannot go here: ${problem}.`);
  const value = file.secretValue(finding);
  if (!value.ok) return fail(`This value cannot be moved to Key Vault: ${value.reason}.`);

  const version = document.version;
  const template = readSettings(document.uri).getCredentialTemplate;
  const line = document.positionAt(finding.range.start).line + 1;
  const edit = (credentialName: string) => file.useGetCredential([finding], { template, credentialName });
  const source: MoveSource = {
    where: `${lint.path}:${line}`,
    value: value.value,
    kind: finding.kind,
    flowName: finding.flowName ?? path.basename(document.uri.path).replace(/\.[^.]+$/, ''),
    argument: finding.argument,
    context: finding.context,
    userName: file.userName(finding),
    editProblem: (name) => {
      const r = edit(name);
      return r.ok ? undefined : r.reason;
    },
    applyEdit: async (name) => {
      // The cloud steps take a while: if the text changed meanwhile, find the finding again and
      // make the edit only if it still holds the same value.
      let target = { file, finding };
      if (document.isClosed) return false;
      if (document.version !== version) {
        const again = await host.resolve(document.uri, finding.fingerprint);
        if (typeof again === 'string') return false;
        target = { file: host.fileOf(document, again.lint), finding: again.finding };
        const now = target.file.secretValue(target.finding);
        if (!now.ok || now.value !== value.value) return false;
      }
      const r = target.file.useGetCredential([target.finding], { template, credentialName: name });
      if (!r.ok) return false;
      const applied = await host.apply(document, r.edits, 'Move to Key Vault and use a Get credential action');
      if (applied) log.info(`Replaced ${finding.ruleId} at ${lint.path}:${line} with ${r.variable}.${finding.kind === 'username' ? 'Username' : 'Password'} (credential ${name}).`);
      return applied;
    },
  };
  let features;
  try {
    features = azure.load();
  } catch {
    return fail('the Azure features could not be loaded; see the Flow Vault log.');
  }
  return features.moveToKeyVault.run(source, call.args, call.scripted);
}
