/** Flow Vault: Select Azure Cloud (a user setting; a workspace cannot choose the cloud). */
import * as vscode from 'vscode';
import { AZURE_CLOUD_NAMES, AZURE_CLOUDS } from '../../../azure/clouds';
import { configuredCloud } from '../azureSettings';

export async function selectCloud(name?: string): Promise<boolean> {
  const current = configuredCloud();
  let chosen = name;
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(
      AZURE_CLOUD_NAMES.map((n) => ({
        label: AZURE_CLOUDS[n].displayName,
        description: n === current.name ? 'current' : undefined,
        detail: `${AZURE_CLOUDS[n].resourceManagerEndpoint} · *${AZURE_CLOUDS[n].keyVaultDnsSuffix}`,
        name: n,
      })),
      { title: 'Azure cloud for Flow Vault (user setting)' },
    );
    chosen = pick?.name;
  }
  if (!chosen || !(chosen in AZURE_CLOUDS)) return false;
  await vscode.workspace.getConfiguration('flowVault.azure').update('cloud', chosen, vscode.ConfigurationTarget.Global);
  return true;
}
