/**
 * Flow Vault: Sign in to Tenant. A tenant that needs an interactive sign-in (MFA, consent,
 * expired session) gets it here; the other tenants are not touched.
 */
import * as vscode from 'vscode';
import type { AzureSessionManager } from '../sessionManager';
import { signInWithVsCode } from '../microsoftAccount';
import { requireTrust } from './requireTrust';
import { signInWithServicePrincipal } from './signInWithServicePrincipal';

export interface TenantRef {
  readonly accountId: string;
  readonly tenantId: string;
  readonly tenantLabel?: string;
}

export async function signInToTenant(manager: AzureSessionManager, ref: TenantRef | undefined): Promise<boolean> {
  if (!(await requireTrust())) return false;
  if (!ref) {
    return (await vscode.commands.executeCommand<boolean>('flowVault.azure.signIn')) ?? false;
  }
  const account = manager.accounts.find((a) => a.id === ref.accountId);
  if (!account) return false;
  const name = ref.tenantLabel ?? ref.tenantId;
  switch (account.kind) {
    case 'microsoft':
      try {
        await signInWithVsCode(account.cloud, ref.tenantId);
        manager.refresh();
        return true;
      } catch (e) {
        void vscode.window.showErrorMessage(`Flow Vault: sign-in to tenant ${name} did not complete (${e instanceof Error ? e.message : String(e)}).`);
        return false;
      }
    case 'azureCli': {
      const run = 'Run az login';
      const answer = await vscode.window.showInformationMessage(
        `Tenant ${name} needs a new sign-in in the Azure CLI: run "az login --tenant ${ref.tenantId}", then refresh the Key Vault view.`,
        run,
      );
      if (answer === run) {
        const terminal = vscode.window.createTerminal('Azure CLI sign-in');
        terminal.show();
        terminal.sendText(`az login --tenant ${ref.tenantId}`);
      }
      return false;
    }
    case 'servicePrincipal':
      return signInWithServicePrincipal(manager, { tenantId: account.homeTenantId ?? ref.tenantId });
  }
}
