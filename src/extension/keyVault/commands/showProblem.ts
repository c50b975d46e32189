/** Shows a classified problem as a notification (never with a value: problems carry none). */
import * as vscode from 'vscode';
import { describeProblemForLog, type AzureProblem } from '../../../azure/errors';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';

export function showProblem(problem: AzureProblem, provider: KeyVaultTreeDataProvider): void {
  provider.services.log.warn(describeProblemForLog(problem));
  if (problem.kind === 'cancelled') return;
  void vscode.window.showErrorMessage(`Flow Vault: ${problem.message}`);
}
