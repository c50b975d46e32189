/**
 * Quick fixes for Flow Vault diagnostics, linked by `diagnostic.code` (the rule id) and range:
 * "Use a Get credential action…" (preferred; asks for the credential), "Move to Key Vault and use a
 * Get credential action…" (creates the secret and the credential first), "Replace all … in this
 * file…", "Mark as sensitive", "Clear the default value", "Ignore" (comment) and "Ignore"
 * (baseline). Edits that need no input are attached directly; the others run a command.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/lint/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { FixHost } from './fixHost';
import type { FixableFile } from '../core/fix';
import { MOVE_COMMAND } from './moveToKeyVault/command';

export const SELECTOR: vscode.DocumentSelector = [
  { language: 'robin' },
  { pattern: '**/customizations.xml' },
  { pattern: '**/*.xml' },
];

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = d.code;
  if (typeof code === 'object' && code !== null && 'value' in code) return String(code.value);
  return typeof code === 'string' ? code : undefined;
}

export class FlowVaultCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly host: FixHost) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => ruleIdOf(d) !== undefined);
    if (ours.length === 0) return [];
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // A definition packed in a Workflows JSON cannot be edited in place (the diagnostic says so).
    const lint = await this.host.lintOf(document);
    if (!lint || token.isCancellationRequested) return [];
    const file = this.host.fileOf(document, lint);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = findingFor(document, lint.result.findings, diagnostic);
      if (!finding) continue;
      const uri = document.uri;

      const getCredential = new vscode.CodeAction('Use a Get credential action…', vscode.CodeActionKind.QuickFix);
      getCredential.diagnostics = [diagnostic];
      const problem = file.getCredentialProblem(finding);
      if (problem) {
        getCredential.disabled = { reason: `Get credential cannot go here: ${problem}.` };
      } else {
        getCredential.isPreferred = true;
        getCredential.command = { command: 'flowVault.useGetCredential', title: getCredential.title, arguments: [uri, finding.fingerprint] };
      }
      actions.push(getCredential);
      if (!problem) actions.push(moveToKeyVaultAction(file, finding, diagnostic, uri));

      const variable = file.sensitiveVariable(finding);
      if (variable) {
        const result = file.markSensitive(finding);
        if (result.ok) {
          const action = new vscode.CodeAction(`Mark ${variable} as sensitive`, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.edit = this.host.workspaceEdit(document, result.edits, 'Mark as sensitive');
          actions.push(action);
        }
      }

      if (finding.placement === 'input-default') {
        const result = file.clearInputDefault(finding);
        if (result.ok) {
          const action = new vscode.CodeAction('Clear the default value of this flow input', vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.edit = this.host.workspaceEdit(document, result.edits, 'Clear the default value');
          actions.push(action);
        }
      }

      const suppress = file.suppress(finding);
      if (suppress.ok) {
        const action = new vscode.CodeAction(`Ignore ${finding.ruleId} on this statement (comment)`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.edit = this.host.workspaceEdit(document, suppress.edits, 'Ignore this finding');
        actions.push(action);
      }

      if (lint.settings.baselineUri) {
        const baselineName = lint.settings.baselineUri.path.slice(lint.settings.baselineUri.path.lastIndexOf('/') + 1);
        const action = new vscode.CodeAction(`Ignore this finding in the baseline (${baselineName})`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { command: 'flowVault.ignoreFindingInBaseline', title: action.title, arguments: [uri, finding.fingerprint] };
        actions.push(action);
      }
    }
    const fixable = lint.result.findings.filter((f) => !file.getCredentialProblem(f));
    if (fixable.length > 1) {
      const all = new vscode.CodeAction(`Replace all ${fixable.length} hard-coded secrets in this file with Get credential…`, vscode.CodeActionKind.QuickFix);
      all.diagnostics = ours;
      all.command = { command: 'flowVault.fixAllInFile', title: all.title, arguments: [document.uri] };
      actions.push(all);
    }
    return actions;
  }
}

/** Beside every Get credential fix: the move, disabled with the reason when the value cannot move. */
function moveToKeyVaultAction(file: FixableFile, finding: Finding, diagnostic: vscode.Diagnostic, uri: vscode.Uri): vscode.CodeAction {
  const action = new vscode.CodeAction('Move to Key Vault and use a Get credential action…', vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  const value = file.secretValue(finding);
  if (!vscode.workspace.isTrusted) action.disabled = { reason: 'Moving a secret to Key Vault needs a trusted workspace.' };
  else if (!value.ok) action.disabled = { reason: `The value cannot be moved: ${value.reason}.` };
  else action.command = { command: MOVE_COMMAND, title: action.title, arguments: [uri, finding.fingerprint] };
  return action;
}

/** The finding a diagnostic stands for: same rule, same range. */
export function findingFor(document: vscode.TextDocument, findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const ruleId = ruleIdOf(d);
  const start = document.offsetAt(d.range.start);
  const end = document.offsetAt(d.range.end);
  return (
    findings.find((f) => f.ruleId === ruleId && f.range.start === start && f.range.end === end) ??
    findings.find((f) => f.ruleId === ruleId && f.range.start <= end && start <= f.range.end)
  );
}

export function registerCodeActions(context: vscode.ExtensionContext, host: FixHost): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FlowVaultCodeActions(host), {
      providedCodeActionKinds: FlowVaultCodeActions.kinds,
    }),
  );
}
