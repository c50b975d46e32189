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
import { addToBaseline, credentialNameProblem, type FixableFile } from '../core/fix';
import type { Finding } from '../core/lint/types';
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

/** What every fix command needs. */
interface FixCommandDeps {
  readonly host: FixHost;
  readonly picker: CredentialPicker;
  readonly log: Log;
}

type SimpleFix = 'markSensitive' | 'clearInputDefault' | 'suppress';

export function registerFixCommands(context: vscode.ExtensionContext, host: FixHost, picker: CredentialPicker, log: Log): void {
  const deps: FixCommandDeps = { host, picker, log };
  const simple = (kind: SimpleFix, label: string) => (uri?: unknown, ref?: unknown, options?: unknown) => simpleFix(deps, kind, label, uri, ref, options);
  context.subscriptions.push(
    vscode.commands.registerCommand('flowVault.useGetCredential', (uri?: unknown, ref?: unknown, options?: unknown) => useGetCredential(deps, uri, ref, options)),
    vscode.commands.registerCommand('flowVault.fixAllInFile', (uri?: unknown, options?: unknown) => fixAllInFile(deps, uri, options)),
    vscode.commands.registerCommand('flowVault.markSensitive', simple('markSensitive', 'Mark as sensitive')),
    vscode.commands.registerCommand('flowVault.clearInputDefault', simple('clearInputDefault', 'Clear the default value')),
    vscode.commands.registerCommand('flowVault.ignoreFinding', simple('suppress', 'Ignore this finding')),
    vscode.commands.registerCommand('flowVault.ignoreFindingInBaseline', (uri?: unknown, ref?: unknown, options?: unknown) => ignoreInBaseline(deps, uri, ref, options)),
    vscode.commands.registerCommand('flowVault.lintActiveFile', () => lintActiveFile(host)),
  );
}

/** A command that did nothing: why, as a warning unless silent. */
function fail(reason: string, silent?: boolean): FixCommandResult {
  if (!silent) void vscode.window.showWarningMessage(`Flow Vault: ${capitalise(reason)}`);
  return { applied: false, reason };
}

const NOT_APPLIED = 'the edit could not be applied (is the file read-only?).';

/** The credential name given to the command (checked), else the one the user picks; undefined when cancelled. */
async function chooseCredential(picker: CredentialPicker, given: string | undefined, title: string): Promise<string | undefined | { problem: string }> {
  if (given !== undefined) {
    const problem = credentialNameProblem(given);
    return problem ? { problem } : given;
  }
  return picker.pick(title);
}

/**
 * Asks for the credential, replaces `findings` with one Get credential action and applies the
 * edit; remembers the credential once the edit is in. A result that is not applied is final.
 */
async function replaceWithGetCredential(
  deps: FixCommandDeps,
  document: vscode.TextDocument,
  file: FixableFile,
  findings: readonly Finding[],
  args: GetCredentialArgs,
  titles: { readonly pick: string; readonly edit: string },
): Promise<{ applied: false; result: FixCommandResult } | { applied: true; name: string; fixed: number; variable: string | undefined }> {
  const name = await chooseCredential(deps.picker, args.credentialName, titles.pick);
  if (name === undefined) return { applied: false, result: { applied: false, reason: 'cancelled' } };
  if (typeof name !== 'string') return { applied: false, result: fail(name.problem, args.silent) };
  const template = readSettings(document.uri).getCredentialTemplate;
  const result = file.useGetCredential(findings, { template, credentialName: name });
  if (!result.ok) return { applied: false, result: fail(result.reason, args.silent) };
  const applied = await deps.host.apply(document, result.edits, titles.edit);
  if (!applied) return { applied: false, result: fail(NOT_APPLIED, args.silent) };
  await deps.picker.remember(name);
  return { applied: true, name, fixed: result.fixed, variable: result.variable };
}

async function useGetCredential(deps: FixCommandDeps, uri?: unknown, ref?: unknown, options?: unknown): Promise<FixCommandResult> {
  const args = argsOf(options);
  const resolved = await deps.host.resolve(uri, ref);
  if (typeof resolved === 'string') return fail(resolved, args.silent);
  const { document, lint, finding } = resolved;
  const file = deps.host.fileOf(document, lint);
  const problem = file.getCredentialProblem(finding);
  if (problem) return fail(`cannot use a Get credential action here: ${problem}.`, args.silent);
  const done = await replaceWithGetCredential(deps, document, file, [finding], args, {
    pick: 'Replace the hard-coded secret with Get credential',
    edit: 'Use a Get credential action',
  });
  if (!done.applied) return done.result;
  deps.log.info(`Replaced ${finding.ruleId} at ${lint.path}:${document.positionAt(finding.range.start).line + 1} with ${done.variable}.${finding.kind === 'username' ? 'Username' : 'Password'} (credential chosen by the user).`);
  return { applied: true, fixed: done.fixed, variable: done.variable, credentialName: done.name };
}

async function fixAllInFile(deps: FixCommandDeps, uri?: unknown, options?: unknown): Promise<FixCommandResult> {
  const args = argsOf(options);
  const document = await deps.host.documentFor(uri);
  if (!document) return fail('open a desktop flow file first.', args.silent);
  const lint = await deps.host.lintOf(document);
  if (!lint) return fail('this file is not a desktop flow that Flow Vault lints.', args.silent);
  const file = deps.host.fileOf(document, lint);
  const fixable = lint.result.findings.filter((f) => !file.getCredentialProblem(f));
  if (fixable.length === 0) {
    return fail(lint.result.findings.length === 0 ? 'there are no findings in this file.' : 'none of the findings in this file can take a Get credential action.', args.silent);
  }
  const done = await replaceWithGetCredential(deps, document, file, fixable, args, {
    pick: `Replace ${plural(fixable.length, 'hard-coded secret')} with one Get credential`,
    edit: 'Replace all hard-coded secrets with Get credential',
  });
  if (!done.applied) return done.result;
  const skipped = lint.result.findings.length - done.fixed;
  deps.log.info(`Fixed ${plural(done.fixed, 'finding')} in ${lint.path} with Get credential; ${skipped} left.`);
  if (!args.silent && skipped > 0) {
    void vscode.window.showInformationMessage(`Flow Vault replaced ${plural(done.fixed, 'hard-coded secret')}; ${plural(skipped, 'finding')} need another fix.`);
  }
  return { applied: true, fixed: done.fixed, skipped, variable: done.variable, credentialName: done.name };
}

/** Mark as sensitive, clear an input's default, or a suppression comment: one edit, no questions. */
async function simpleFix(deps: FixCommandDeps, kind: SimpleFix, label: string, uri?: unknown, ref?: unknown, options?: unknown): Promise<FixCommandResult> {
  const args = argsOf(options);
  const resolved = await deps.host.resolve(uri, ref);
  if (typeof resolved === 'string') return fail(resolved, args.silent);
  const { document, lint, finding } = resolved;
  const file = deps.host.fileOf(document, lint);
  const result = kind === 'markSensitive' ? file.markSensitive(finding) : kind === 'clearInputDefault' ? file.clearInputDefault(finding) : file.suppress(finding);
  if (!result.ok) return fail(`${label}: ${result.reason}.`, args.silent);
  const applied = await deps.host.apply(document, result.edits, label);
  if (!applied) return fail(NOT_APPLIED, args.silent);
  deps.log.info(`${label}: ${finding.ruleId} at ${lint.path}:${document.positionAt(finding.range.start).line + 1}.`);
  return { applied: true, fixed: 1, variable: result.variable };
}

async function ignoreInBaseline(deps: FixCommandDeps, uri?: unknown, ref?: unknown, options?: unknown): Promise<FixCommandResult> {
  const args = argsOf(options);
  const resolved = await deps.host.resolve(uri, ref);
  if (typeof resolved === 'string') return fail(resolved, args.silent);
  const { lint, finding } = resolved;
  const baselineUri = lint.settings.baselineUri;
  if (!baselineUri) return fail('a baseline needs a workspace folder; open the folder that holds this file.', args.silent);
  const existing = await readText(baselineUri);
  const result = addToBaseline(existing, lint.path, [finding]);
  if (!result.ok) return fail(result.reason, args.silent);
  const applied = await writeBaseline(deps.log, baselineUri, existing, result.text);
  if (!applied) return fail(`could not write ${vscode.workspace.asRelativePath(baselineUri)}.`, args.silent);
  deps.log.info(`Added ${finding.ruleId} (${lint.path}) to ${vscode.workspace.asRelativePath(baselineUri)}.`);
  deps.host.service.engine.invalidate();
  return { applied: true, fixed: 1 };
}

/** Creates the baseline file, or replaces the text of the existing one and saves it; false when that failed. */
async function writeBaseline(log: Log, baselineUri: vscode.Uri, existing: string | undefined, text: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  const metadata = { label: 'Add the finding to the Flow Vault baseline', needsConfirmation: false };
  if (existing === undefined) {
    edit.createFile(baselineUri, { ignoreIfExists: false, contents: new TextEncoder().encode(text) }, metadata);
  } else {
    const doc = await vscode.workspace.openTextDocument(baselineUri);
    edit.replace(baselineUri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text, metadata);
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
  return applied;
}

/** The number of findings in the active editor's file; undefined when there is none or it is not linted. */
async function lintActiveFile(host: FixHost): Promise<number | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) return undefined;
  const lint = await host.service.lintDocument(doc);
  return lint ? lint.result.findings.length : undefined;
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}
