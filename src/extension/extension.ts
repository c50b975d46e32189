/**
 * Flow Vault's VS Code host: it only adapts. The engine (src/core) lints and computes fixes;
 * each `register…` function wires one concern. Activation is implied by the contributions
 * (commands, views) plus the Robin language and folders holding flow files (package.json
 * `activationEvents`), and loads only what the linter needs: the Azure half loads on first use
 * (./azureOnDemand). Linting and fixes work in untrusted and virtual workspaces.
 */
import * as vscode from 'vscode';
import { registerAzureOnDemand } from './azureOnDemand';
import { registerCodeActions } from './codeActions';
import { CredentialPicker, noCredentials, type CredentialSource } from './credentials';
import { registerDiagnostics } from './diagnostics';
import { registerDoctorView } from './doctor/registerDoctorView';
import { FixHost } from './fixHost';
import { registerFixCommands } from './fixCommands';
import { registerRobinDetection } from './flowDocuments';
import { LintEngine } from './lintEngine';
import { registerMoveToKeyVault } from './moveToKeyVault/command';
import { registerLog } from './log';
import { registerRuleDocs } from './ruleDocs';
import { registerScanWorkspace } from './scanWorkspace';
import { registerSecretClipboard } from './secretClipboard';
import { registerSymbols } from './symbols';

/** What other parts of the extension (the cloud views, later) can use. */
export interface FlowVaultApi {
  /** Adds credential names to the Get credential picker. */
  addCredentialSource(source: CredentialSource): vscode.Disposable;
  /** Whether the Azure features are loaded: not at activation, on first use. */
  readonly azureLoaded: boolean;
  /**
   * How an open flow document is linted: the path it is linted under, each finding's rule, range
   * and fingerprint (what a baseline entry matches; diagnostics do not show it), and how many
   * findings ignore comments and the baseline suppressed. Undefined when it is not a flow.
   */
  lintOf(document: vscode.TextDocument): Promise<DocumentLintSummary | undefined>;
}

export interface DocumentLintSummary {
  readonly path: string;
  readonly findings: readonly { readonly ruleId: string; readonly range: vscode.Range; readonly fingerprint: string }[];
  readonly suppressed: number;
}

export function activate(context: vscode.ExtensionContext): FlowVaultApi {
  const started = performance.now();
  const log = registerLog(context);
  log.info(`Flow Vault ${context.extension.packageJSON.version ?? ''} activating (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'}).`);
  const engine = new LintEngine(log);
  context.subscriptions.push(engine);

  registerRuleDocs(context);
  registerRobinDetection(context, log, engine);
  const service = registerDiagnostics(context, engine, log);
  registerScanWorkspace(context, service, log);

  const picker = new CredentialPicker(context.workspaceState);
  context.subscriptions.push(picker.addSource(noCredentials));
  const host = new FixHost(service);
  registerFixCommands(context, host, picker, log);
  registerCodeActions(context, host);
  registerSymbols(context);
  registerDoctorView(context);
  // A secret value that a closed or reloaded window left on the clipboard is cleared when due.
  registerSecretClipboard(context);
  // Sign-in, the Key Vault and Credentials views (src/extension/azure, keyVault, credentials), loaded on first use.
  const azure = registerAzureOnDemand(context, log, (source) => picker.addSource(source));
  registerMoveToKeyVault(context, host, azure, log);
  context.subscriptions.push(vscode.commands.registerCommand('flowVault.showLog', () => log.show()));
  log.info(`Activated in ${Math.round(performance.now() - started)} ms.`);

  return {
    addCredentialSource: (source) => picker.addSource(source),
    get azureLoaded() {
      return azure.isLoaded;
    },
    async lintOf(document) {
      const lint = await service.current(document);
      if (!lint) return undefined;
      return {
        path: lint.path,
        suppressed: lint.result.suppressed,
        findings: lint.result.findings.map((f) => ({
          ruleId: f.ruleId,
          fingerprint: f.fingerprint,
          range: new vscode.Range(document.positionAt(f.range.start), document.positionAt(f.range.end)),
        })),
      };
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
