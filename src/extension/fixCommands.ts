/**
 * The fix commands, for the palette and for code actions. Each can run without UI: pass the
 * document's Uri, a finding reference (fingerprint, range or position) and, for Get credential,
 * `{ credentialName }`:
 *
 *   executeCommand('flowVault.useGetCredential', uri, fingerprintOrRange, { credentialName: 'SAP' })
 *   executeCommand('flowVault.fixAllInFile', uri, { credentialName: 'SAP' })
 *
 * Each returns a `FixCommandResult`. Messages name the finding's kind and place, never a value.
 */
import * as vscode from 'vscode';
import { addToBaseline, credentialNameProblem } from '../core/fix';
import type { CredentialPicker } from './credentials';
import type { FixCommandResult, FixHost } from './fixHost';
import { readText } from './lintEngine';
import { describeError, type Log } from './log';
import { plural } from './messages';
import { readSettings } from './settings';

interface GetCredentialArgs {
  readonly credentialName?: string;
  /** Tests: do not show notifications. */
  readonly silent?: boolean;
}

function argsOf(v: unknown): GetCredentialArgs {
  return v && typeof v === 'object' ? (v as GetCredentialArgs) : {};
}

export function registerFixCommands(context: vscode.ExtensionContext, host: FixHost, picker: CredentialPicker, log: Log): void {
  const fail = (reason: string, silent?: boolean): FixCommandResult => {
    if (!silent) void vscode.window.showWarningMessage(`Flow Vault: ${capitalise(reason)}`);
    return { applied: false, reason };
  };

  const chooseCredential = async (given: string | undefined, title: string): Promise<string | undefined | { problem: string }> => {
    if (given !== undefined) {
      const problem = credentialNameProblem(given);
      return problem ? { problem } : given;
    }
    return picker.pick(title);
  };

  const useGetCredential = async (uri?: unknown, ref?: unknown, options?: unknown): Promise<FixCommandResult> => {
    const args = argsOf(options);
    const resolved = await host.resolve(uri, ref);
    if (typeof resolved === 'string') return fail(resolved, args.silent);
    const { document, lint, finding } = resolved;
    const file = host.fileOf(document, lint);
    const problem = file.getCredentialProblem(finding);
    if (problem) return fail(`cannot use a Get credential action here: ${problem}.`, args.silent);
    const name = await chooseCredential(args.credentialName, 'Replace the hard-coded secret with Get credential');
    if (name === undefined) return { applied: false, reason: 'cancelled' };
    if (typeof name !== 'string') return fail(name.problem, args.silent);
    const template = readSettings(document.uri).getCredentialTemplate;
    const result = file.useGetCredential([finding], { template, credentialName: name });
    if (!result.ok) return fail(result.reason, args.silent);
    const applied = await host.apply(document, result.edits, 'Use a Get credential action');
    if (!applied) return fail('the edit could not be applied (is the file read-only?).', args.silent);
    await picker.remember(name);
    log.info(`Replaced ${finding.ruleId} at ${lint.path}:${document.positionAt(finding.range.start).line + 1} with ${result.variable}.${finding.kind === 'username' ? 'Username' : 'Password'} (credential chosen by the user).`);
    return { applied: true, fixed: result.fixed, variable: result.variable, credentialName: name };
  };

  const fixAllInFile = async (uri?: unknown, options?: unknown): Promise<FixCommandResult> => {
    const args = argsOf(options);
    const document = await host.documentFor(uri);
    if (!document) return fail('open a desktop flow file first.', args.silent);
    const lint = await host.lintOf(document);
    if (!lint) return fail('this file is not a desktop flow that Flow Vault lints.', args.silent);
    const file = host.fileOf(document, lint);
    const fixable = lint.result.findings.filter((f) => !file.getCredentialProblem(f));
    if (fixable.length === 0) {
      return fail(lint.result.findings.length === 0 ? 'there are no findings in this file.' : 'none of the findings in this file can take a Get credential action.', args.silent);
    }
    const name = await chooseCredential(args.credentialName, `Replace ${plural(fixable.length, 'hard-coded secret')} with one Get credential`);
    if (name === undefined) return { applied: false, reason: 'cancelled' };
    if (typeof name !== 'string') return fail(name.problem, args.silent);
    const template = readSettings(document.uri).getCredentialTemplate;
    const result = file.useGetCredential(fixable, { template, credentialName: name });
    if (!result.ok) return fail(result.reason, args.silent);
    const applied = await host.apply(document, result.edits, 'Replace all hard-coded secrets with Get credential');
    if (!applied) return fail('the edit could not be applied (is the file read-only?).', args.silent);
    await picker.remember(name);
    const skipped = lint.result.findings.length - result.fixed;
    log.info(`Fixed ${plural(result.fixed, 'finding')} in ${lint.path} with Get credential; ${skipped} left.`);
    if (!args.silent && skipped > 0) {
      void vscode.window.showInformationMessage(`Flow Vault replaced ${plural(result.fixed, 'hard-coded secret')}; ${plural(skipped, 'finding')} need another fix.`);
    }
    return { applied: true, fixed: result.fixed, skipped, variable: result.variable, credentialName: name };
  };

  const simple = (kind: 'markSensitive' | 'clearInputDefault' | 'suppress', label: string) =>
    async (uri?: unknown, ref?: unknown, options?: unknown): Promise<FixCommandResult> => {
      const args = argsOf(options);
      const resolved = await host.resolve(uri, ref);
      if (typeof resolved === 'string') return fail(resolved, args.silent);
      const { document, lint, finding } = resolved;
      const file = host.fileOf(document, lint);
      const result = kind === 'markSensitive' ? file.markSensitive(finding) : kind === 'clearInputDefault' ? file.clearInputDefault(finding) : file.suppress(finding);
      if (!result.ok) return fail(`${label}: ${result.reason}.`, args.silent);
      const applied = await host.apply(document, result.edits, label);
      if (!applied) return fail('the edit could not be applied (is the file read-only?).', args.silent);
      log.info(`${label}: ${finding.ruleId} at ${lint.path}:${document.positionAt(finding.range.start).line + 1}.`);
      return { applied: true, fixed: 1, variable: result.variable };
    };

  const ignoreInBaseline = async (uri?: unknown, ref?: unknown, options?: unknown): Promise<FixCommandResult> => {
    const args = argsOf(options);
    const resolved = await host.resolve(uri, ref);
    if (typeof resolved === 'string') return fail(resolved, args.silent);
    const { lint, finding } = resolved;
    const baselineUri = lint.settings.baselineUri;
    if (!baselineUri) return fail('a baseline needs a workspace folder; open the folder that holds this file.', args.silent);
    const existing = await readText(baselineUri);
    const result = addToBaseline(existing, lint.path, [finding]);
    if (!result.ok) return fail(result.reason, args.silent);
    const edit = new vscode.WorkspaceEdit();
    const metadata = { label: 'Add the finding to the Flow Vault baseline', needsConfirmation: false };
    if (existing === undefined) {
      edit.createFile(baselineUri, { ignoreIfExists: false, contents: new TextEncoder().encode(result.text) }, metadata);
    } else {
      const doc = await vscode.workspace.openTextDocument(baselineUri);
      edit.replace(baselineUri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.text, metadata);
    }
    let applied = false;
    try {
      applied = await vscode.workspace.applyEdit(edit);
      if (applied && existing !== undefined) {
        const doc = await vscode.workspace.openTextDocument(baselineUri);
        await doc.save();
      }
    } catch (e) {
      log.warn(`Could not write ${vscode.workspace.asRelativePath(baselineUri)}: ${describeError(e)}`);
    }
    if (!applied) return fail(`could not write ${vscode.workspace.asRelativePath(baselineUri)}.`, args.silent);
    log.info(`Added ${finding.ruleId} (${lint.path}) to ${vscode.workspace.asRelativePath(baselineUri)}.`);
    host.service.engine.invalidate();
    return { applied: true, fixed: 1 };
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('flowVault.useGetCredential', useGetCredential),
    vscode.commands.registerCommand('flowVault.fixAllInFile', fixAllInFile),
    vscode.commands.registerCommand('flowVault.markSensitive', simple('markSensitive', 'Mark as sensitive')),
    vscode.commands.registerCommand('flowVault.clearInputDefault', simple('clearInputDefault', 'Clear the default value')),
    vscode.commands.registerCommand('flowVault.ignoreFinding', simple('suppress', 'Ignore this finding')),
    vscode.commands.registerCommand('flowVault.ignoreFindingInBaseline', ignoreInBaseline),
    vscode.commands.registerCommand('flowVault.lintActiveFile', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc) return undefined;
      const lint = await host.service.lintDocument(doc);
      return lint ? lint.result.findings.length : undefined;
    }),
  );
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}
