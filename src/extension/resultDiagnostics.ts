/**
 * What the diagnostics of a lint result say and where they go, before the host turns them into
 * `vscode.Diagnostic`s: one finding or problem each, every message, flow name and problem masked
 * with the secrets of the file (the core's `maskSecrets`, as in the CLI's reports). Pure: no `vscode`.
 */
import type { Range } from '../core/robin/ast';
import { LineIndex } from '../core/robin/lineIndex';
import { maskSecrets, secretsOf } from '../core/lint/mask';
import type { FileResult, Severity } from '../core/lint/types';

export interface PlainDiagnostic {
  /** In offsets of the text the host shows; undefined: the start of the file. */
  readonly range?: Range;
  readonly message: string;
  /** A finding's severity; undefined for a problem (shown as information). */
  readonly severity?: Severity;
  readonly ruleId?: string;
}

/** The secrets a result's messages are masked with: the text of its findings, silenced ones too. */
export function secretsOfResult(result: FileResult, text: string): string[] {
  const silenced = result.silenced ?? [];
  return result.findings.length + silenced.length > 0 ? secretsOf(text, [...result.findings, ...silenced]) : [];
}

/**
 * The diagnostics of a result whose offsets refer to `text`. With `zipEntry` (a flow inside a
 * zip) they all go at the start of the zip, each message saying the entry, the flow and the line.
 */
export function resultDiagnostics(result: FileResult, text: string, zipEntry?: string): PlainDiagnostic[] {
  const secrets = secretsOfResult(result, text);
  const mask = (message: string): string => maskSecrets(message, secrets);
  if (zipEntry === undefined) {
    return [
      ...result.findings.map((f) => ({ range: f.range, message: mask(f.message), severity: f.severity, ruleId: f.ruleId })),
      ...result.problems.map((p) => ({ ...(p.range ? { range: p.range } : {}), message: mask(p.message) })),
    ];
  }
  const index = new LineIndex(text);
  return [
    ...result.findings.map((f) => ({
      message: `${zipEntry}${f.flowName ? ` (${mask(f.flowName)})` : ''}, line ${index.positionAt(f.range.start).line + 1}: ${mask(f.message)}`,
      severity: f.severity,
      ruleId: f.ruleId,
    })),
    ...result.problems.map((p) => ({ message: `${zipEntry}: ${mask(p.message)}` })),
  ];
}
