/**
 * Which open documents are desktop flows, and opening Robin text in the Robin language: files
 * matching `flowVault.robinFileGlobs` and `.txt` files, when their content is evidently Robin
 * (`looksLikeRobin`, as `flow-vault lint` decides). A document is switched at most once per
 * session, so a user who sets another language keeps it. A solution's `Workflows/*.json` is a
 * flow too (older exports pack the definition in it).
 */
import * as vscode from 'vscode';
import { isWorkflowJsonPath, looksLikeRobin, looksLikeSolutionXml } from './formats';
import { matchesRobinFileGlobs } from '../core/lint/config';
import type { LintEngine } from './lintEngine';
import { describeError, type Log } from './log';
import { readSettings } from './settings';
import { DOCS_SCHEME } from './ruleDocs';

export const ROBIN_LANGUAGE = 'robin';

export type FlowFormat = 'robin' | 'solution-xml' | 'workflow-json';

/** Schemes whose documents are never linted (diffs, output, our own docs). */
const SKIPPED_SCHEMES = new Set(['git', 'output', 'vscode-scm', 'debug', DOCS_SCHEME]);

export function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The format of an open document, or undefined when Flow Vault leaves it alone. */
export function flowFormatOf(document: vscode.TextDocument): FlowFormat | undefined {
  if (SKIPPED_SCHEMES.has(document.uri.scheme)) return undefined;
  if (document.languageId === ROBIN_LANGUAGE) return 'robin';
  const name = basename(document.uri.path).toLowerCase();
  if (name === 'customizations.xml') return 'solution-xml';
  if (name.endsWith('.xml') && looksLikeSolutionXml(document.getText())) {
    return 'solution-xml';
  }
  if (isWorkflowJsonPath(document.uri.path)) return 'workflow-json';
  return undefined;
}

export function matchesRobinGlobs(document: vscode.TextDocument, globs: readonly string[]): boolean {
  return globs.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}

export function registerRobinDetection(context: vscode.ExtensionContext, log: Log, engine: LintEngine): void {
  const switched = new Set<string>();
  const check = async (document: vscode.TextDocument): Promise<void> => {
    if (document.languageId === ROBIN_LANGUAGE || SKIPPED_SCHEMES.has(document.uri.scheme)) return;
    const key = document.uri.toString();
    if (switched.has(key)) return;
    const settings = readSettings(document.uri);
    let reason: string | undefined;
    if (matchesRobinGlobs(document, settings.robinFileGlobs) && looksLikeRobin(document.getText())) {
      reason = 'it matches flowVault.robinFileGlobs and its content is Robin';
    } else if (
      settings.detectRobinInTxt &&
      document.languageId === 'plaintext' &&
      basename(document.uri.path).toLowerCase().endsWith('.txt') &&
      looksLikeRobin(document.getText())
    ) {
      reason = 'its content is Robin';
    } else if (document.uri.scheme === 'file' || document.uri.scheme === 'vscode-remote') {
      // The robinFileGlobs of .flowvaultrc.json, which `flow-vault lint` reads too.
      const lintSettings = await engine.settingsFor(document.uri);
      if (
        lintSettings.config.robinFileGlobs.length > 0 &&
        matchesRobinFileGlobs(engine.enginePath(document.uri, lintSettings), lintSettings.config) &&
        looksLikeRobin(document.getText())
      ) {
        reason = 'it matches robinFileGlobs in .flowvaultrc.json and its content is Robin';
      }
    }
    if (!reason) return;
    switched.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, ROBIN_LANGUAGE);
      log.info(`Opened ${vscode.workspace.asRelativePath(document.uri)} as Robin: ${reason}.`);
    } catch (e) {
      log.warn(`Could not set the Robin language on ${vscode.workspace.asRelativePath(document.uri)}: ${describeError(e)}`);
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void check(d)));
  for (const d of vscode.workspace.textDocuments) void check(d);
}
