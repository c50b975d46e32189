/**
 * Flow Vault: Sign in with a Service Principal (client secret or certificate). The secret, or the
 * certificate's path, goes to SecretStorage; nothing goes to settings.
 */
import * as vscode from 'vscode';
import { servicePrincipalCredential, type ServicePrincipalCredentialSecret } from '../../../azure/auth/credentials';
import { classifyAzureError } from '../../../azure/errors';
import type { AzureSessionManager } from '../sessionManager';
import { requireTrust } from './requireTrust';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/i;

export interface ServicePrincipalArgs {
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly certificatePath?: string;
  readonly kind?: 'secret' | 'certificate';
  readonly displayName?: string;
}

export async function signInWithServicePrincipal(manager: AzureSessionManager, args: ServicePrincipalArgs = {}): Promise<boolean> {
  if (!(await requireTrust())) return false;
  const cloud = manager.cloud;
  const tenantId =
    args.tenantId ??
    (await vscode.window.showInputBox({
      title: `Sign in with a service principal (${cloud.displayName})`,
      prompt: 'Tenant id (GUID) or its primary domain (contoso.onmicrosoft.com)',
      ignoreFocusOut: true,
      validateInput: (v) => (GUID.test(v.trim()) || DOMAIN.test(v.trim()) ? undefined : 'Enter a tenant id (GUID) or a domain name.'),
    }))?.trim();
  if (!tenantId) return false;
  const clientId =
    args.clientId ??
    (await vscode.window.showInputBox({
      title: `Sign in with a service principal (${cloud.displayName})`,
      prompt: 'Application (client) id of the app registration',
      ignoreFocusOut: true,
      validateInput: (v) => (GUID.test(v.trim()) ? undefined : 'Enter the application (client) id, a GUID.'),
    }))?.trim();
  if (!clientId) return false;

  let kind = args.kind ?? (args.clientSecret ? 'secret' : args.certificatePath ? 'certificate' : undefined);
  if (!kind) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Client secret', auth: 'secret' as const, detail: 'Kept in VS Code SecretStorage (encrypted by the operating system).' },
        { label: 'Certificate (PEM file with the private key)', auth: 'certificate' as const, detail: 'The file path is kept in SecretStorage; the file stays where it is.' },
      ],
      { title: 'How does the service principal authenticate?', ignoreFocusOut: true },
    );
    if (!pick) return false;
    kind = pick.auth;
  }

  let secret: ServicePrincipalCredentialSecret;
  if (kind === 'secret') {
    const clientSecret =
      args.clientSecret ??
      (await vscode.window.showInputBox({
        title: 'Client secret',
        prompt: 'The client secret (kept hidden, stored in SecretStorage)',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v ? undefined : 'Enter the client secret.'),
      }));
    if (!clientSecret) return false;
    secret = { kind: 'secret', clientSecret };
  } else {
    let certificatePath = args.certificatePath;
    if (!certificatePath) {
      const picked = await vscode.window.showOpenDialog({
        title: 'PEM file with the private key and the certificate',
        canSelectMany: false,
        filters: { 'PEM certificate': ['pem'], 'All files': ['*'] },
      });
      certificatePath = picked?.[0]?.fsPath;
    }
    if (!certificatePath) return false;
    secret = { kind: 'certificate', certificatePath };
  }

  // Check the credential before keeping it.
  try {
    const credential = servicePrincipalCredential({ tenantId, clientId }, secret, cloud);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Flow Vault: checking the service principal…' },
      () => credential.getToken(cloud.resourceManagerScope),
    );
  } catch (e) {
    const p = classifyAzureError(e, {
      operation: 'signIn',
      tenant: { id: tenantId },
      identity: `service principal ${clientId}`,
      sensitiveValues: secret.kind === 'secret' ? [secret.clientSecret] : [],
    });
    void vscode.window.showErrorMessage(`Flow Vault: ${p.message}`);
    return false;
  }
  await manager.addServicePrincipal({ tenantId, clientId, secret, displayName: args.displayName });
  void vscode.window.showInformationMessage(`Flow Vault: signed in to ${cloud.displayName} with service principal ${args.displayName ?? clientId}.`);
  return true;
}
