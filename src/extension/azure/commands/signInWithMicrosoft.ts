/** Flow Vault: Sign in with a Microsoft Account (VS Code's account provider). */
import * as vscode from 'vscode';
import type { AzureSessionManager } from '../sessionManager';
import { ensureSovereignEnvironment, signInWithVsCode } from '../microsoftAccount';
import { requireTrust } from './requireTrust';

export async function signInWithMicrosoft(manager: AzureSessionManager): Promise<boolean> {
  if (!(await requireTrust())) return false;
  const cloud = manager.cloud;
  if (!(await ensureSovereignEnvironment(cloud))) return false;
  try {
    const session = await signInWithVsCode(cloud);
    await manager.addMicrosoft({ id: session.account.id, label: session.account.label });
    void vscode.window.showInformationMessage(`Flow Vault: signed in to ${cloud.displayName} as ${session.account.label}.`);
    return true;
  } catch (e) {
    void vscode.window.showErrorMessage(`Flow Vault: sign-in with a Microsoft account did not complete (${e instanceof Error ? e.message : String(e)}).`);
    return false;
  }
}
