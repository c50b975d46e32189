/** The `flowVault.*` settings, read for one resource (settings may differ per folder). */
import * as vscode from 'vscode';
import { DEFAULT_GET_CREDENTIAL_TEMPLATE } from '../core/fix';

export interface FlowVaultSettings {
  readonly lintEnabled: boolean;
  readonly lintRun: 'onType' | 'onSave';
  readonly debounceMs: number;
  /** From user settings only in an untrusted workspace (a restricted configuration). */
  readonly getCredentialTemplate: string;
  readonly robinFileGlobs: readonly string[];
  readonly detectRobinInTxt: boolean;
  readonly scanExclude: readonly string[];
  readonly scanIncludeZips: boolean;
  readonly scanMaxFileSizeMB: number;
}

export const SECTION = 'flowVault';

export function readSettings(scope?: vscode.ConfigurationScope): FlowVaultSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const strings = (key: string): string[] => (c.get<unknown[]>(key) ?? []).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  const template = c.get<string>('getCredential.template');
  return {
    lintEnabled: c.get<boolean>('lint.enable', true),
    lintRun: c.get<string>('lint.run') === 'onSave' ? 'onSave' : 'onType',
    debounceMs: clamp(c.get<number>('lint.debounceMs', 300), 0, 10000, 300),
    getCredentialTemplate: typeof template === 'string' && template.trim() !== '' ? template : DEFAULT_GET_CREDENTIAL_TEMPLATE,
    robinFileGlobs: strings('robinFileGlobs'),
    detectRobinInTxt: c.get<boolean>('detectRobinInTxt', true),
    scanExclude: strings('scan.exclude'),
    scanIncludeZips: c.get<boolean>('scan.includeZips', true),
    scanMaxFileSizeMB: clamp(c.get<number>('scan.maxFileSizeMB', 20), 1, 1024, 20),
  };
}

function clamp(n: number | undefined, min: number, max: number, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
