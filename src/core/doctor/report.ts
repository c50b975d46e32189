/** A doctor run's result: the checks in report order and their summary. */
import { CHECK_GROUPS, type CheckStatus, type DoctorCheck } from './types';

export interface DoctorSummary {
  readonly total: number;
  readonly pass: number;
  readonly warn: number;
  readonly fail: number;
  readonly skip: number;
  /** The worst status among the checks that ran: `fail`, else `warn`, else `pass` (`skip` when none ran). */
  readonly status: CheckStatus;
}

/** What the run looked at (ids and names, never a secret). */
export interface DoctorContext {
  readonly cloud: string;
  readonly environment?: string;
  readonly environmentUrl?: string;
  readonly machine?: string;
  readonly signedInAs?: string;
  /** ISO time of the run. */
  readonly checkedAt: string;
  /** Milliseconds the run took. */
  readonly durationMs?: number;
}

export interface DoctorReport {
  readonly context: DoctorContext;
  readonly checks: readonly DoctorCheck[];
  readonly summary: DoctorSummary;
}

export function summarize(checks: readonly DoctorCheck[]): DoctorSummary {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  const pass = count('pass');
  const warn = count('warn');
  const fail = count('fail');
  const skip = count('skip');
  const status: CheckStatus = fail ? 'fail' : warn ? 'warn' : pass ? 'pass' : 'skip';
  return { total: checks.length, pass, warn, fail, skip, status };
}

/** Checks in group order, keeping each group's own order. */
export function orderChecks(checks: readonly DoctorCheck[]): DoctorCheck[] {
  return CHECK_GROUPS.flatMap((g) => checks.filter((c) => c.group === g));
}

export function createReport(context: DoctorContext, checks: readonly DoctorCheck[]): DoctorReport {
  const ordered = orderChecks(checks);
  return { context, checks: ordered, summary: summarize(ordered) };
}
