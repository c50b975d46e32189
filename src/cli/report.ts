/**
 * Engine results → what the formatters print: positions resolved to 1-based lines and UTF-16
 * columns, paths made relative to the working directory, and, as a second line of defence,
 * every message scrubbed of the secret characters it must never hold.
 */
import type { Engine } from './engine';
import type { ReportFile, ReportFinding, ReportProblem } from './formatters';
import { relativeOrAbsolute } from './paths';
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

/** Replaces each occurrence of each secret in `message` with asterisks. */
export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) {
    if (s.length === 0) continue;
    if (out.includes(s)) out = out.split(s).join('*'.repeat(Math.min(s.length, 8)));
  }
  return out;
}

/** The secrets of a file: the text of each finding's range (short ones too: masking is cheap). */
function secretsOf(text: string, findings: readonly Finding[]): string[] {
  const set = new Set<string>();
  for (const f of findings) {
    const s = text.slice(f.range.start, f.range.end).trim();
    if (s.length >= 2) set.add(s);
  }
  // Longest first, so that a secret holding another is masked whole.
  return [...set].sort((a, b) => b.length - a.length);
}

export function toReportFile(engine: Engine, result: FileResult, baselined: readonly Finding[], ctx: ReportContext): ReportFile {
  const archiveDisplay = relativeOrAbsolute(ctx.cwd, ctx.absolutePath);
  let entry: string | undefined;
  if (result.path !== ctx.given && result.path.startsWith(ctx.given + '!/')) {
    entry = result.path.slice(ctx.given.length + 2);
  } else if (result.path !== ctx.given && result.path.includes('!/')) {
    entry = result.path.slice(result.path.indexOf('!/') + 2);
  }
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
      message: scrub(f.message, secrets),
      kind: f.kind,
      placement: f.placement,
      fingerprint: f.fingerprint,
      start: pos(f.range.start),
      end: pos(f.range.end),
      ...(f.flowName !== undefined ? { flowName: scrub(f.flowName, secrets) } : {}),
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
    ...keep(silenced).map((f): ReportFinding => ({ ...toFinding(f), suppression: { kind: 'comment', justification: scrub(f.justification, secrets) } })),
  ].sort(byPosition);
  const problems: ReportProblem[] = result.problems.map((p) => ({
    message: scrub(p.message, secrets),
    ...(p.range ? { start: pos(p.range.start), end: pos(p.range.end) } : {}),
  }));
  return {
    path: entry !== undefined ? `${archiveDisplay}!/${entry}` : archiveDisplay,
    absolutePath: ctx.absolutePath,
    ...(entry !== undefined ? { entry, archivePath: archiveDisplay } : {}),
    findings,
    problems,
    suppressed: result.suppressed,
    ...(suppressedFindings.length > 0 ? { suppressedFindings } : {}),
  };
}
