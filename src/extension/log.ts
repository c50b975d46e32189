/**
 * The "Flow Vault" output channel, with log levels (the user picks the level with "Developer:
 * Set Log Level…"). Only paths, counts, rule ids, positions and timings are logged: never a
 * secret value, never a line of a flow.
 */
import * as vscode from 'vscode';

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

/** An error's kind and message for the log (core errors never carry file content). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
