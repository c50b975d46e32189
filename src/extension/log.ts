/**
 * The "Flow Vault" output channel, with log levels (the user picks the level with "Developer:
 * Set Log Level…"). Only paths, counts, rule ids, positions and timings are logged: never a
 * secret value, never a line of a flow.
 */
import * as vscode from 'vscode';
import { errorName } from '../core/errorName';

export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(): void;
}

export function registerLog(context: vscode.ExtensionContext): Log {
  const channel = vscode.window.createOutputChannel('Flow Vault', { log: true });
  context.subscriptions.push(channel);
  return {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
    show: () => channel.show(true),
  };
}

/**
 * An unexpected error for the log: its kind (and code), never its message, which may quote file
 * content (as `flow-vault lint` names an internal error).
 */
export function describeError(e: unknown): string {
  return errorName(e);
}
