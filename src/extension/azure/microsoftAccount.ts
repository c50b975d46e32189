/**
 * Sign-in through VS Code's Microsoft account provider (`microsoft`, or
 * `microsoft-sovereign-cloud` for China and US Government), with the tenant chosen by the
 * `VSCODE_TENANT:<id>` pseudo-scope.
 */
import * as vscode from 'vscode';
import { callbackAccount, type AzureAccount } from '../../azure/auth/accounts';
import { sessionScopes, sessionTokenCallback, type GetSession } from '../../azure/auth/sessionCredential';
import type { AzureCloud } from '../../azure/clouds';
import { configuredClientId } from './azureSettings';

const SOVEREIGN_SECTION = 'microsoft-sovereign-cloud';

export function microsoftAccountId(cloud: AzureCloud, sessionAccountId: string): string {
  return `ms:${cloud.name}:${sessionAccountId}`;
}

function getSessionFor(cloud: AzureCloud): GetSession {
  return async (scopes, mode) =>
    vscode.authentication.getSession(cloud.vscodeAuthProviderId, scopes, mode === 'silent' ? { silent: true } : { createIfNone: true });
}

/** Makes sure VS Code's sovereign-cloud provider points at `cloud` (asks before changing it). */
export async function ensureSovereignEnvironment(cloud: AzureCloud): Promise<boolean> {
  if (!cloud.vscodeSovereignEnvironment) return true;
  const config = vscode.workspace.getConfiguration(SOVEREIGN_SECTION);
  if (config.get<string>('environment') === cloud.vscodeSovereignEnvironment) return true;
  const change = 'Use ' + cloud.displayName;
  const answer = await vscode.window.showInformationMessage(
    `VS Code's sign-in for sovereign clouds is not set to ${cloud.displayName}. Set "microsoft-sovereign-cloud.environment" to ${cloud.vscodeSovereignEnvironment} in your user settings?`,
    { modal: true },
    change,
  );
  if (answer !== change) return false;
  await config.update('environment', cloud.vscodeSovereignEnvironment, vscode.ConfigurationTarget.Global);
  return true;
}

/** Interactive sign-in (the provider prompts); returns the signed-in session's account. */
export async function signInWithVsCode(cloud: AzureCloud, tenantId?: string): Promise<vscode.AuthenticationSession> {
  const scopes = sessionScopes([cloud.resourceManagerScope], tenantId, configuredClientId());
  return vscode.authentication.getSession(cloud.vscodeAuthProviderId, scopes, { createIfNone: true });
}

export function microsoftAccount(cloud: AzureCloud, session: { id: string; label: string }): AzureAccount {
  return callbackAccount({
    id: microsoftAccountId(cloud, session.id),
    kind: 'microsoft',
    label: session.label,
    cloud,
    identity: session.label,
    multiTenant: true,
    getToken: sessionTokenCallback({ getSession: getSessionFor(cloud), cloud, clientId: configuredClientId() }),
  });
}
