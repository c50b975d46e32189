/** The Credentials view's settings. */
import * as vscode from 'vscode';

export interface CredentialsSettings {
  /** Credentials per page (Dataverse `Prefer: odata.maxpagesize`). */
  readonly pageSize: number;
}

export function readCredentialsSettings(): CredentialsSettings {
  const v = vscode.workspace.getConfiguration('flowVault.credentials').get<unknown>('pageSize');
  return { pageSize: typeof v === 'number' && Number.isFinite(v) ? Math.min(5000, Math.max(1, Math.round(v))) : 100 };
}
