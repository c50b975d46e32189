/**
 * The doctor's report as text (terminal), JSON (`{ checks, summary }`, schema in
 * `schemas/doctor-report.schema.json`) and Markdown (a support ticket). Each prints only what the
 * checks hold: ids, names, codes and dates, never a secret value.
 */
import type { DoctorReport, DoctorSummary } from './report';
import { CHECK_GROUPS, GROUP_TITLES, type CheckStatus, type DoctorCheck } from './types';

/** Styling hooks for the terminal; identity functions by default. */
export interface TextStyle {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const PLAIN: TextStyle = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

export const STATUS_MARK: Readonly<Record<CheckStatus, string>> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };
export const STATUS_WORD: Readonly<Record<CheckStatus, string>> = { pass: 'pass', warn: 'warning', fail: 'fail', skip: 'skipped' };

export function summaryLine(s: DoctorSummary): string {
  return `${s.total} checks: ${s.fail} failed, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.pass} passed, ${s.skip} skipped.`;
}

function contextLine(report: DoctorReport): string[] {
  const c = report.context;
  const parts = [
    c.environment ? `environment ${c.environment}${c.environmentUrl ? ` (${c.environmentUrl})` : ''}` : undefined,
    c.machine ? `machine ${c.machine}` : undefined,
    `cloud ${c.cloud}`,
    c.signedInAs ? `signed in as ${c.signedInAs}` : undefined,
  ].filter(Boolean);
  const took = c.durationMs !== undefined ? ` in ${(c.durationMs / 1000).toFixed(1)} s` : '';
  return [`Flow Vault doctor: ${parts.join(', ')}`, `Checked ${c.checkedAt}${took}.`];
}

function label(check: DoctorCheck): string {
  return check.subject ? `${check.title}: ${check.subject}` : check.title;
}

function sameSkip(a: DoctorCheck, b: DoctorCheck): boolean {
  return a.status === 'skip' && b.status === 'skip' && a.subject === b.subject && a.evidence === b.evidence;
}

export function formatText(report: DoctorReport, style: TextStyle = PLAIN): string {
  const paint: Record<CheckStatus, (s: string) => string> = { pass: style.green, warn: style.yellow, fail: style.red, skip: style.dim };
  const out = contextLine(report);
  for (const group of CHECK_GROUPS) {
    const checks = report.checks.filter((c) => c.group === group);
    if (checks.length === 0) continue;
    out.push('', style.bold(GROUP_TITLES[group]));
    for (let i = 0; i < checks.length; i++) {
      const c = checks[i];
      // Three or more checks of one subject skipped for one reason read as one line.
      let run = i;
      while (run + 1 < checks.length && sameSkip(checks[run + 1], c)) run++;
      if (c.status === 'skip' && run - i >= 2) {
        const ids = checks.slice(i, run + 1).map((x) => x.id);
        out.push(`  ${paint.skip(STATUS_MARK.skip)} ${run - i + 1} checks${c.subject ? ` of ${c.subject}` : ''} skipped  ${style.dim(ids.join(', '))}`);
        out.push(`      ${c.evidence}`);
        i = run;
        continue;
      }
      out.push(`  ${paint[c.status](STATUS_MARK[c.status])} ${label(c)}  ${style.dim(c.id)}`);
      out.push(`      ${c.evidence}`);
      if (c.fix && c.status !== 'pass') {
        out.push(`      ${style.bold('Fix:')} ${c.fix.text}`);
        if (c.fix.command) out.push(`        ${c.fix.command}`);
        if (c.fix.url) out.push(`        ${c.fix.url}`);
      }
    }
  }
  const s = report.summary;
  const line = summaryLine(s);
  out.push('', s.status === 'fail' ? style.red(line) : s.status === 'warn' ? style.yellow(line) : style.green(line), '');
  return out.join('\n');
}

/** The JSON document: every check with all six fields (`subject` and `fix` are null when absent). */
export function toJson(report: DoctorReport): object {
  return {
    context: report.context,
    checks: report.checks.map((c) => ({
      id: c.id,
      group: c.group,
      title: c.title,
      subject: c.subject ?? null,
      status: c.status,
      evidence: c.evidence,
      fix: c.fix ? { text: c.fix.text, url: c.fix.url ?? null, command: c.fix.command ?? null } : null,
    })),
    summary: report.summary,
  };
}

export function formatJson(report: DoctorReport): string {
  return JSON.stringify(toJson(report), null, 2) + '\n';
}

/** Markdown text is escaped where a name could break a table or start markup. */
function md(s: string): string {
  return s.replace(/([\\`*_[\]|<>])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function formatMarkdown(report: DoctorReport): string {
  const c = report.context;
  const out = ['# Flow Vault doctor report', ''];
  const rows: [string, string | undefined][] = [
    ['Environment', c.environment ? `${c.environment}${c.environmentUrl ? ` (${c.environmentUrl})` : ''}` : undefined],
    ['Machine', c.machine],
    ['Cloud', c.cloud],
    ['Signed in as', c.signedInAs],
    ['Checked', `${c.checkedAt}${c.durationMs !== undefined ? ` (${(c.durationMs / 1000).toFixed(1)} s)` : ''}`],
    ['Result', summaryLine(report.summary)],
  ];
  out.push('| | |', '|---|---|', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${md(v!)} |`));
  for (const group of CHECK_GROUPS) {
    const checks = report.checks.filter((x) => x.group === group);
    if (checks.length === 0) continue;
    out.push('', `## ${GROUP_TITLES[group]}`, '', '| Status | Check | Evidence |', '|---|---|---|');
    for (const x of checks) out.push(`| ${STATUS_MARK[x.status]} ${STATUS_WORD[x.status]} | ${md(label(x))} (\`${x.id}\`) | ${md(x.evidence)} |`);
  }
  const toFix = report.checks.filter((x) => x.fix && (x.status === 'fail' || x.status === 'warn'));
  if (toFix.length) {
    out.push('', '## What to fix', '');
    for (const x of toFix) {
      out.push(`- **${md(label(x))}** (\`${x.id}\`, ${STATUS_WORD[x.status]}): ${md(x.fix!.text)}`);
      if (x.fix!.command) out.push('', '  ```sh', `  ${x.fix!.command}`, '  ```');
      if (x.fix!.url) out.push(`  ${x.fix!.url}`);
    }
  }
  out.push('');
  return out.join('\n');
}
