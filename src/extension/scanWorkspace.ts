/**
 * "Flow Vault: Scan Workspace for Hard-Coded Secrets": finds flow files (Robin files, `.txt`
 * files that are Robin, `customizations.xml`, `Workflows/*.json` of older exports, solution zips), lints each with a cancellable
 * progress notification, and puts the results in the diagnostics collection. Open documents
 * are linted from the editor's text, other files from disk.
 */
import * as vscode from 'vscode';
import type { LintService } from './diagnostics';
import { basename, flowFormatOf } from './flowDocuments';
import { FLOW_GLOBS } from './flowGlobs';
import { describeError, type Log } from './log';
import { matchesRobinFileGlobs } from '../core/lint/config';
import { CONFIG_FILE } from '../core/lint/settings';
import { plural } from './messages';
import { readSettings } from './settings';

export interface ScanSummary {
  readonly candidates: number;
  readonly linted: number;
  readonly filesWithFindings: number;
  readonly findings: number;
  readonly cancelled: boolean;
  /** Workspace-relative paths of the files with findings. */
  readonly files: readonly string[];
}

export function registerScanWorkspace(context: vscode.ExtensionContext, service: LintService, log: Log): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('flowVault.scanWorkspace', (options?: { silent?: boolean }) => scanWorkspace(service, log, options)),
  );
}

export async function scanWorkspace(service: LintService, log: Log, options?: { silent?: boolean }): Promise<ScanSummary | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Open a folder to scan it for hard-coded secrets.');
    return undefined;
  }
  const settings = readSettings();
  const exclude = settings.scanExclude.length > 0 ? `{${settings.scanExclude.join(',')}}` : undefined;
  const configGlobs = await configRobinGlobs(service, exclude);
  const robinGlobs: vscode.GlobPattern[] = [...settings.robinFileGlobs, ...configGlobs];
  const fromConfigs = new Set<vscode.GlobPattern>(configGlobs);
  const globs: vscode.GlobPattern[] = [...FLOW_GLOBS, ...robinGlobs, ...(settings.scanIncludeZips ? ['**/*.zip'] : [])];

  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Flow Vault: scanning for hard-coded secrets', cancellable: true },
    async (progress, token) => {
      const started = Date.now();
      const found = new Map<string, vscode.Uri>();
      const forced = new Set<string>();
      for (const glob of globs) {
        if (token.isCancellationRequested) break;
        let uris: vscode.Uri[];
        try {
          uris = await vscode.workspace.findFiles(glob, exclude, undefined, token);
        } catch (e) {
          // Virtual workspaces without a search provider: open files are still linted.
          log.warn(`Cannot search the workspace for ${typeof glob === 'string' ? glob : glob.pattern}: ${describeError(e)}`);
          void vscode.window.showWarningMessage('Flow Vault cannot search this workspace for files; flow files you open are still linted.');
          return undefined;
        }
        for (const u of uris) {
          found.set(u.toString(), u);
          // A configuration's glob counts for the files that configuration applies to.
          if (fromConfigs.has(glob) ? await ownGlobsMatch(service, u) : robinGlobs.includes(glob)) forced.add(u.toString());
        }
      }
      const uris = [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const maxBytes = settings.scanMaxFileSizeMB * 1024 * 1024;
      let linted = 0;
      let findings = 0;
      const files: string[] = [];
      const step = uris.length > 0 ? 100 / uris.length : 100;
      for (let i = 0; i < uris.length; i++) {
        if (token.isCancellationRequested) break;
        const uri = uris[i];
        const rel = vscode.workspace.asRelativePath(uri);
        progress.report({ message: `${i + 1}/${uris.length} ${basename(uri.path)}`, increment: step });
        try {
          const count = await lintOne(uri, open.get(uri.toString()), service, forced.has(uri.toString()), maxBytes);
          if (count === undefined) continue;
          linted++;
          if (count > 0) {
            findings += count;
            files.push(rel);
          }
        } catch (e) {
          log.warn(`Skipped ${rel}: ${describeError(e)}`);
        }
        // Yield so that cancellation and the UI stay responsive on large workspaces.
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 0));
      }
      const summary: ScanSummary = {
        candidates: uris.length,
        linted,
        filesWithFindings: files.length,
        findings,
        cancelled: token.isCancellationRequested,
        files,
      };
      log.info(
        `Workspace scan ${summary.cancelled ? 'cancelled' : 'finished'} in ${Date.now() - started} ms: ${plural(linted, 'flow file')} linted of ${uris.length} candidates, ${plural(findings, 'finding')} in ${plural(files.length, 'file')}.`,
      );
      if (!options?.silent) {
        const text = summary.cancelled
          ? `Flow Vault scan cancelled: ${plural(findings, 'hard-coded secret')} found so far in ${plural(files.length, 'file')}.`
          : findings > 0
            ? `Flow Vault found ${plural(findings, 'hard-coded secret')} in ${plural(files.length, 'file')} (${plural(linted, 'flow file')} scanned).`
            : `Flow Vault found no hard-coded secrets (${plural(linted, 'flow file')} scanned).`;
        void vscode.window.showInformationMessage(text, ...(findings > 0 ? ['Show Problems'] : [])).then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
      }
      return summary;
    },
  );
}

/**
 * The robinFileGlobs of every .flowvaultrc.json in the workspace, relative to its folder, as
 * `flow-vault lint` reads them.
 */
async function configRobinGlobs(service: LintService, exclude: string | undefined): Promise<vscode.RelativePattern[]> {
  const configs = (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, CONFIG_FILE));
  try {
    configs.push(...(await vscode.workspace.findFiles(`**/${CONFIG_FILE}`, exclude)));
  } catch {
    // No search in this workspace: the folders' own configurations only.
  }
  const patterns = new Map<string, vscode.RelativePattern>();
  for (const uri of configs) {
    const s = await service.engine.settingsFor(uri);
    if (!s.root) continue;
    for (const glob of s.config.robinFileGlobs) patterns.set(`${s.root.toString()}\u0000${glob}`, new vscode.RelativePattern(s.root, glob));
  }
  return [...patterns.values()];
}

/** True when the robinFileGlobs of the file's own configuration match it. */
async function ownGlobsMatch(service: LintService, uri: vscode.Uri): Promise<boolean> {
  const s = await service.engine.settingsFor(uri);
  return matchesRobinFileGlobs(service.engine.enginePath(uri, s), s.config);
}

/** Lints one file; returns its number of findings, or undefined when it is not a flow file. */
async function lintOne(
  uri: vscode.Uri,
  document: vscode.TextDocument | undefined,
  service: LintService,
  forceRobin: boolean,
  maxBytes: number,
): Promise<number | undefined> {
  if (document && flowFormatOf(document)) {
    const lint = await service.lintDocument(document);
    return lint ? lint.result.findings.length : undefined;
  }
  return service.lintFromDisk(uri, { forceRobin, maxBytes });
}
