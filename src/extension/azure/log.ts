/**
 * Where the Azure features write: the extension's log channel when the host passes one, else a
 * channel of our own. Only names, ids, codes and counts are written: never a secret value.
 */
import * as vscode from 'vscode';

export interface AzureLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

let shared: AzureLog | undefined;

export function setAzureLog(log: AzureLog): void {
  shared = log;
}

export function azureLog(context?: vscode.ExtensionContext): AzureLog {
  if (!shared) {
    const channel = vscode.window.createOutputChannel('Flow Vault: Azure', { log: true });
    context?.subscriptions.push(channel);
    shared = {
      debug: (m) => channel.debug(m),
      info: (m) => channel.info(m),
      warn: (m) => channel.warn(m),
      error: (m) => channel.error(m),
    };
  }
  return shared;
}
