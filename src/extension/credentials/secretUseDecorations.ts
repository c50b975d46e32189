/**
 * The badge on a Key Vault secret that Power Automate credentials use: the secret's row carries a
 * `flowvault-secret-use:` URI naming the secret, and this provider decorates it with "C" and
 * the names of the credentials.
 */
import * as vscode from 'vscode';
import type { VaultInfo } from '../../azure/resources';
import { secretKey } from './presentation';
import type { SecretUsage } from './secretUsage';

export const SECRET_USE_SCHEME = 'flowvault-secret-use';

export function secretUseUri(vault: VaultInfo, secretName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SECRET_USE_SCHEME, path: `/${secretKey(vault.subscriptionId, vault.resourceGroup, vault.name, secretName)}` });
}

export function registerSecretUseDecorations(usage: SecretUsage): vscode.Disposable {
  const emitter = new vscode.EventEmitter<undefined>();
  const provider: vscode.FileDecorationProvider = {
    onDidChangeFileDecorations: emitter.event,
    provideFileDecoration(uri) {
      if (uri.scheme !== SECRET_USE_SCHEME) return undefined;
      const users = usage.usersOfKey(uri.path.slice(1));
      if (users.length === 0) return undefined;
      return new vscode.FileDecoration('C', `Used by ${users.map((u) => `credential ${u.credentialName} (${u.environmentName})`).join(', ')}`, new vscode.ThemeColor('charts.blue'));
    },
  };
  const listening = usage.onDidChange(() => emitter.fire(undefined));
  return vscode.Disposable.from(vscode.window.registerFileDecorationProvider(provider), emitter, { dispose: () => listening.dispose() });
}
