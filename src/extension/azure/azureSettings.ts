/**
 * The Azure settings, read from user (or machine) settings only. `flowVault.azure.cloud` is
 * declared with scope "application", so VS Code never takes it from a workspace; this reader
 * also ignores any workspace value, so a workspace can never choose where tokens go.
 */
import * as vscode from 'vscode';
import { resolveCloud, type AzureCloud } from '../../azure/clouds';

export const CLOUD_SETTING = 'flowVault.azure.cloud';
export const CLIENT_ID_SETTING = 'flowVault.azure.vscodeClientId';

/** A setting's value from user/default settings only (never workspace or folder). */
export function userSetting<T>(section: string, key: string): T | undefined {
  const inspected = vscode.workspace.getConfiguration(section).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function configuredCloud(): AzureCloud {
  return resolveCloud(userSetting<string>('flowVault.azure', 'cloud'));
}

/** An application (client) id for VS Code's Microsoft sign-in, from user settings only. */
export function configuredClientId(): string | undefined {
  const v = userSetting<string>('flowVault.azure', 'vscodeClientId');
  return typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v.trim()) ? v.trim() : undefined;
}
