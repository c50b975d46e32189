/** The Key Vault view's settings. */
import * as vscode from 'vscode';
import { userSetting } from '../azure/azureSettings';

export interface KeyVaultSettings {
  /** A secret expiring within this many days is shown as "expiring". */
  readonly expiringWithinDays: number;
  /** The clipboard is cleared this many seconds after "Copy Value" (if it still holds the value). */
  readonly clipboardClearSeconds: number;
  /** Secrets (and versions) per page; Key Vault returns at most 25. */
  readonly pageSize: number;
}

function clamp(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
}

export function readKeyVaultSettings(): KeyVaultSettings {
  const c = vscode.workspace.getConfiguration('flowVault.keyVault');
  return {
    expiringWithinDays: clamp(c.get('expiringWithinDays'), 0, 3650, 30),
    // Application-scoped: a workspace cannot keep a copied value on the clipboard longer.
    clipboardClearSeconds: clamp(userSetting('flowVault.keyVault', 'clipboardClearSeconds'), 1, 600, 30),
    pageSize: clamp(c.get('pageSize'), 1, 25, 25),
  };
}
