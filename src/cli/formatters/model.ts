/**
 * What the formatters print: the engine's results with positions resolved to 1-based lines and
 * columns (UTF-16 code units, end column exclusive, as in SARIF and ESLint). There is no field
 * that could carry a secret: no snippet, no source line, only where and what kind.
 */
import type { SecretKind, SecretPlacement, Severity } from '../../core/lint/types';

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export interface ReportFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly kind: SecretKind;
  readonly placement: SecretPlacement;
  readonly fingerprint: string;
  readonly start: Position;
  /** The position just after the secret's last character. */
  readonly end: Position;
  readonly flowName?: string;
  readonly context?: string;
  readonly argument?: string;
  /**
   * Suppressed findings only: what silenced it, the baseline or an ignore comment, with the
   * comment's reason (empty when it gives none).
   */
  readonly suppression?: { readonly kind: 'baseline' } | { readonly kind: 'comment'; readonly justification: string };
}

export interface ReportProblem {
  readonly message: string;
  readonly start?: Position;
  readonly end?: Position;
}

export interface ReportFile {
  /** For display: relative to the working directory when inside it, `/`-separated. */
  readonly path: string;
  /** Absolute path of the file on disk (the archive, for a zip entry). */
  readonly absolutePath: string;
  /** For an entry of a zip: the entry's path inside the archive, `/`-separated. */
  readonly entry?: string;
  /** For an entry of a zip: the archive's display path. */
  readonly archivePath?: string;
  readonly findings: readonly ReportFinding[];
  readonly problems: readonly ReportProblem[];
  /** Findings silenced by an ignore comment or the baseline (counted in `suppressed`). */
  readonly suppressed: number;
  /**
   * The suppressed findings (`suppressed` counts them), each with its `suppression`, for the
   * reports that list them (SARIF `suppressions`, JSON `suppressedMessages`).
   */
  readonly suppressedFindings?: readonly ReportFinding[];
}

/** A file that could not be read at all (not a problem inside a file). */
export interface ReadError {
  readonly path: string;
  readonly absolutePath: string;
  readonly message: string;
}

export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  /** Markdown, or a URL. */
  readonly docs?: string;
  readonly defaultSeverity: Severity;
  readonly fixable: boolean;
  /** The severity the configuration sets, or 'off'. */
  readonly setting?: Severity | 'off';
}

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

export interface Report {
  readonly cwd: string;
  readonly files: readonly ReportFile[];
  readonly readErrors: readonly ReadError[];
  readonly rules: readonly RuleInfo[];
  readonly tool: ToolInfo;
  /** How many files were read and linted (a zip counts once). */
  readonly filesLinted: number;
  /**
   * Binary files left out without a message each: found in folders or by globs, or entries of
   * solution zips (image repository data). A binary file named on the command line is not
   * counted here: it gets a problem saying why it was not linted.
   */
  readonly binaryFilesSkipped?: number;
}

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
  readonly problems: number;
  readonly filesWithFindings: number;
}

export function countReport(files: readonly ReportFile[]): Counts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let suppressed = 0;
  let problems = 0;
  let filesWithFindings = 0;
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
      else infos++;
    }
    if (f.findings.length > 0) filesWithFindings++;
    suppressed += f.suppressed;
    problems += f.problems.length;
  }
  return { errors, warnings, infos, suppressed, problems, filesWithFindings };
}

export type Formatter = (report: Report, options: { color: boolean }) => string;
