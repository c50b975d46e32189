/**
 * JSON output: an array with one object per linted file (zip entries are files of their own),
 * shaped like ESLint's (`filePath`, `messages`, counts). Positions are 1-based; columns count
 * UTF-16 code units and `endColumn` is the column just after the secret. No value, no snippet.
 */
import type { Formatter, ReportFile, ReportFinding } from './model';

export interface JsonMessage {
  ruleId: string;
  severity: string;
  kind: string;
  placement: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  flowName?: string;
  context?: string;
  argument?: string;
}

export interface JsonFileResult {
  filePath: string;
  /** Set for a zip entry: the archive and the entry's path inside it. */
  archive?: string;
  entry?: string;
  messages: JsonMessage[];
  problems: { message: string; line?: number; column?: number; endLine?: number; endColumn?: number }[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  suppressedCount: number;
  /**
   * The suppressed findings, as ESLint gives them: `kind` is `baseline` (the baseline accepts it)
   * or `directive` (an ignore comment, with the reason written after `--`).
   */
  suppressedMessages?: (JsonMessage & { suppressions: ({ kind: 'baseline' } | { kind: 'directive'; justification: string })[] })[];
  /** True when the file could not be read at all (the run then exits 2). */
  unreadable?: boolean;
}

export function toJsonResults(files: readonly ReportFile[]): JsonFileResult[] {
  return files.map((file) => {
    const toMessage = (f: ReportFinding): JsonMessage => {
      const m: JsonMessage = {
        ruleId: f.ruleId,
        severity: f.severity,
        kind: f.kind,
        placement: f.placement,
        message: f.message,
        line: f.start.line,
        column: f.start.column,
        endLine: f.end.line,
        endColumn: f.end.column,
        fingerprint: f.fingerprint,
      };
      if (f.flowName !== undefined) m.flowName = f.flowName;
      if (f.context !== undefined) m.context = f.context;
      if (f.argument !== undefined) m.argument = f.argument;
      return m;
    };
    const messages = file.findings.map(toMessage);
    const result: JsonFileResult = {
      filePath: file.path,
      messages,
      problems: file.problems.map((p) => ({
        message: p.message,
        ...(p.start ? { line: p.start.line, column: p.start.column } : {}),
        ...(p.end ? { endLine: p.end.line, endColumn: p.end.column } : {}),
      })),
      errorCount: file.findings.filter((f) => f.severity === 'error').length,
      warningCount: file.findings.filter((f) => f.severity === 'warning').length,
      infoCount: file.findings.filter((f) => f.severity === 'info').length,
      suppressedCount: file.suppressed,
    };
    if (file.suppressedFindings && file.suppressedFindings.length > 0) {
      result.suppressedMessages = file.suppressedFindings.map((f) => ({
        ...toMessage(f),
        suppressions: [f.suppression?.kind === 'comment' ? { kind: 'directive', justification: f.suppression.justification } : { kind: 'baseline' }],
      }));
    }
    if (file.entry !== undefined) {
      result.archive = file.archivePath;
      result.entry = file.entry;
    }
    return result;
  });
}

export const json: Formatter = (report) => {
  const results = toJsonResults(report.files);
  for (const e of report.readErrors) {
    results.push({
      filePath: e.path,
      messages: [],
      problems: [{ message: e.message }],
      errorCount: 0,
      warningCount: 0,
      infoCount: 0,
      suppressedCount: 0,
      unreadable: true,
    });
  }
  return JSON.stringify(results, null, 2) + '\n';
};
