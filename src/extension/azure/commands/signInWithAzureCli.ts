/** Flow Vault: Sign in with the Azure CLI (uses the account of `az login`). */
import * as vscode from 'vscode';
import { azureCliCredential, readTokenClaims } from '../../../azure/auth/credentials';
import { classifyAzureError } from '../../../azure/errors';
import type { AzureSessionManager } from '../sessionManager';
import { requireTrust } from './requireTrust';

export async function signInWithAzureCli(manager: AzureSessionManager): Promise<boolean> {
  if (!(await requireTrust())) return false;
  const cloud = manager.cloud;
  try {
    const token = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Flow Vault: asking the Azure CLI for a token…' },
      () => azureCliCredential().getToken(cloud.resourceManagerScope),
    );
    const claims = token ? readTokenClaims(token.token) : {};
    await manager.addAzureCli(claims.upn ?? claims.name);
    void vscode.window.showInformationMessage(`Flow Vault: using the Azure CLI${claims.upn ? ` (${claims.upn})` : ''}.`);
    return true;
  } catch (e) {
    const p = classifyAzureError(e, { operation: 'signIn', identity: 'the Azure CLI account' });
    void vscode.window.showErrorMessage(`Flow Vault: ${p.message}`);
    return false;
  }
}
