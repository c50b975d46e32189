/**
 * ESLint-style "stylish" output: a block per file (its path, then one aligned line per finding:
 * `line:col  severity  message  rule-id`), then a summary. No source text is shown, so no
 * secret can leak through it.
 */
import { createColors, visibleLength, type Colors } from '../color';
import { countReport, type Formatter, type ReportFile } from './model';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function severityLabel(c: Colors, severity: string): string {
  if (severity === 'error') return c.red('error');
  if (severity === 'warning') return c.yellow('warning');
  if (severity === 'info') return c.blue('info');
  return c.red(severity);
}

function table(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        if (i === row.length - 1) return cell;
        const pad = ' '.repeat((widths[i] ?? 0) - visibleLength(cell));
        // The position column is right-aligned like ESLint's; the others are left-aligned.
        return i === 0 ? pad + cell : cell + pad;
      })
      .join('  ')
      .replace(/\s+$/, ''),
  );
}

function fileBlock(c: Colors, file: ReportFile): string[] {
  // Problems (a statement that does not parse, a refused zip entry) and findings, in line order;
  // problems without a position first.
  const entries: { line: number; column: number; row: string[] }[] = [];
  for (const p of file.problems) {
    const pos = p.start ? `${p.start.line}:${p.start.column}` : '';
    entries.push({ line: p.start?.line ?? 0, column: p.start?.column ?? 0, row: [pos, c.yellow('problem'), p.message, ''] });
  }
  for (const f of file.findings) {
    entries.push({
      line: f.start.line,
      column: f.start.column,
      row: [`${f.start.line}:${f.start.column}`, severityLabel(c, f.severity), f.message, c.dim(f.ruleId)],
    });
  }
  entries.sort((a, b) => a.line - b.line || a.column - b.column);
  return [c.underline(file.path), ...table(entries.map((e) => e.row)).map((r) => '  ' + r)];
}

export const stylish: Formatter = (report, options) => {
  const c = createColors(options.color);
  const out: string[] = [];
  const shown = report.files.filter((f) => f.findings.length > 0 || f.problems.length > 0);
  for (const file of shown) {
    out.push(...fileBlock(c, file), '');
  }
  const n = countReport(report.files);
  const binary = report.binaryFilesSkipped ?? 0;
  const total = n.errors + n.warnings + n.infos;
  if (total > 0) {
    const parts = [plural(n.errors, 'error'), plural(n.warnings, 'warning')];
    if (n.infos > 0) parts.push(plural(n.infos, 'info'));
    const line = `\u2716 ${plural(total, 'finding')} (${parts.join(', ')}) in ${plural(n.filesWithFindings, 'file')}`;
    out.push(n.errors > 0 ? c.red(c.bold(line)) : n.warnings > 0 ? c.yellow(c.bold(line)) : c.bold(line));
  } else if (shown.length > 0 || n.suppressed > 0 || report.readErrors.length > 0 || binary > 0) {
    out.push(c.green(`\u2714 No findings in ${plural(report.filesLinted, 'file')}`));
  }
  if (n.suppressed > 0) {
    out.push(c.dim(`  ${plural(n.suppressed, 'finding')} suppressed (baseline or ignore comments)`));
  }
  if (n.problems > 0) {
    const files = report.files.filter((f) => f.problems.length > 0).length;
    out.push(c.yellow(`  ${plural(n.problems, 'problem')} in ${plural(files, 'file')}: parts of ${files === 1 ? 'it' : 'them'} may not have been checked`));
  }
  if (binary > 0) {
    out.push(c.dim(`  ${binary} binary ${binary === 1 ? 'file' : 'files'} skipped (not text: image repository data and the like)`));
  }
  if (report.readErrors.length > 0) {
    out.push(c.red(`  ${plural(report.readErrors.length, 'file')} could not be read (see the messages on standard error)`));
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
};
