/**
 * Engine results → what the formatters print: positions resolved to 1-based lines and UTF-16
 * columns, paths made relative to the working directory, and, as a second line of defence,
 * every message masked (the core's `maskSecrets`) of the secret characters it must never hold.
 */
import type { Engine } from './engine';
import type { ReportFile, ReportFinding, ReportProblem } from './formatters';
import { relativeOrAbsolute } from './paths';
import { joinEntryPath, splitEntryPath } from '../core/lint/entryPath';
import { maskSecrets, secretsOf } from '../core/lint/mask';
import type { FileResult, Finding } from '../core/lint/types';

export interface ReportContext {
  readonly cwd: string;
  /** The file on disk (the archive, for zip entries). */
  readonly absolutePath: string;
  /** The path that was given to the engine. */
  readonly given: string;
  /** The text the result's offsets refer to. */
  readonly text: string;
  readonly quiet: boolean;
}

export function toReportFile(engine: Engine, result: FileResult, baselined: readonly Finding[], ctx: ReportContext): ReportFile {
  const archiveDisplay = relativeOrAbsolute(ctx.cwd, ctx.absolutePath);
  const { entry } = splitEntryPath(result.path, ctx.given);
  const silenced = result.silenced ?? [];
  if (entry === undefined && result.findings.length === 0 && baselined.length === 0 && silenced.length === 0 && result.problems.length === 0) {
    // Most files: nothing to place or mask.
    return { path: archiveDisplay, absolutePath: ctx.absolutePath, findings: [], problems: [], suppressed: result.suppressed };
  }
  const text = ctx.text;
  // Most files have nothing to report: the line index is built only when a position is needed.
  let positions: ((offset: number) => { line: number; character: number }) | undefined;
  const pos = (offset: number) => {
    positions ??= engine.positions(text);
    const p = positions(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const secrets = result.findings.length + baselined.length + silenced.length > 0 ? secretsOf(text, [...result.findings, ...baselined, ...silenced]) : [];
  const keep = <F extends Finding>(list: readonly F[]): readonly F[] => (ctx.quiet ? list.filter((f) => f.severity === 'error') : list);
  const toFinding = (f: Finding): ReportFinding => {
    const x: ReportFinding = {
      ruleId: f.ruleId,
      severity: f.severity,
      message: maskSecrets(f.message, secrets),
      kind: f.kind,
      placement: f.placement,
      fingerprint: f.fingerprint,
      start: pos(f.range.start),
      end: pos(f.range.end),
      ...(f.flowName !== undefined ? { flowName: maskSecrets(f.flowName, secrets) } : {}),
      ...(f.context !== undefined ? { context: f.context } : {}),
      ...(f.argument !== undefined ? { argument: f.argument } : {}),
    };
    return x;
  };
  const byPosition = (a: ReportFinding, b: ReportFinding) => a.start.line - b.start.line || a.start.column - b.start.column;
  const findings = keep(result.findings).map(toFinding).sort(byPosition);
  const suppressedFindings = [
    ...keep(baselined).map((f): ReportFinding => ({ ...toFinding(f), suppression: { kind: 'baseline' } })),
    // The reason is the user's own text: masked like the messages, in case it quotes the secret.
    ...keep(silenced).map((f): ReportFinding => ({ ...toFinding(f), suppression: { kind: 'comment', justification: maskSecrets(f.justification, secrets) } })),
  ].sort(byPosition);
  const problems: ReportProblem[] = result.problems.map((p) => ({
    message: maskSecrets(p.message, secrets),
    ...(p.range ? { start: pos(p.range.start), end: pos(p.range.end) } : {}),
  }));
  return {
    path: entry !== undefined ? joinEntryPath(archiveDisplay, entry) : archiveDisplay,
    absolutePath: ctx.absolutePath,
    ...(entry !== undefined ? { entry, archivePath: archiveDisplay } : {}),
    findings,
    problems,
    suppressed: result.suppressed,
    ...(suppressedFindings.length > 0 ? { suppressedFindings } : {}),
  };
}
