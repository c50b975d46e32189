/**
 * Baselines: accept the findings a project has today, fail only on new ones.
 *
 * ```json
 * { "version": 1, "findings": [ { "fingerprint": "…", "ruleId": "…", "path": "flows/a.robin", "flow": "…" } ] }
 * ```
 * A baseline holds no value, no excerpt and no hash of a value: fingerprints are built from the
 * rule, path, flow, subflow, context, argument and an occurrence counter (see `fingerprint.ts`).
 */
import { normalizePath, type ConfigProblem } from './config';
import { BASELINE_FILE } from './settings-files';
import type { FileResult, Finding } from './types';

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly path: string;
  readonly flow?: string;
}

export interface Baseline {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

/** A baseline of every finding in `results`, sorted by path, rule and fingerprint. */
export function createBaseline(results: readonly FileResult[]): Baseline {
  const findings: BaselineEntry[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const entry: BaselineEntry = f.flowName !== undefined
        ? { fingerprint: f.fingerprint, ruleId: f.ruleId, path: normalizePath(r.path), flow: f.flowName }
        : { fingerprint: f.fingerprint, ruleId: f.ruleId, path: normalizePath(r.path) };
      findings.push(entry);
    }
  }
  findings.sort((a, b) => cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { version: 1, findings };
}

/** The baseline as a file's text (stable order, two-space indent, final newline). */
export function formatBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

/** Reads a baseline file. Never throws: a bad file gives an empty baseline and problems. */
export function parseBaseline(text: string, sourceName = BASELINE_FILE): { baseline: Baseline; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const empty: Baseline = { version: 1, findings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    problems.push({ message: `${sourceName}: not valid JSON; the baseline is ignored.` });
    return { baseline: empty, problems };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ message: `${sourceName}: a baseline must be a JSON object with "version" and "findings".` });
    return { baseline: empty, problems };
  }
  const obj = raw as Record<string, unknown>;
  if (obj.version !== 1) {
    problems.push({ message: `${sourceName}: unsupported baseline version ${JSON.stringify(obj.version)} (expected 1); the baseline is ignored.` });
    return { baseline: empty, problems };
  }
  if (!Array.isArray(obj.findings)) {
    problems.push({ message: `${sourceName}: "findings" must be an array; the baseline is ignored.` });
    return { baseline: empty, problems };
  }
  const findings: BaselineEntry[] = [];
  let bad = 0;
  for (const e of obj.findings as unknown[]) {
    if (!e || typeof e !== 'object') { bad++; continue; }
    const x = e as Record<string, unknown>;
    if (typeof x.fingerprint !== 'string' || typeof x.ruleId !== 'string' || typeof x.path !== 'string') { bad++; continue; }
    findings.push(typeof x.flow === 'string'
      ? { fingerprint: x.fingerprint, ruleId: x.ruleId, path: x.path, flow: x.flow }
      : { fingerprint: x.fingerprint, ruleId: x.ruleId, path: x.path });
  }
  if (bad > 0) problems.push({ message: `${sourceName}: ${bad} baseline entr${bad === 1 ? 'y lacks' : 'ies lack'} "fingerprint", "ruleId" or "path" and ${bad === 1 ? 'is' : 'are'} ignored.` });
  return { baseline: { version: 1, findings }, problems };
}

/**
 * Removes the findings the baseline accepts (each entry accepts one finding with the same
 * fingerprint and rule) and adds their number to `suppressed`.
 */
export function applyBaseline(results: readonly FileResult[], baseline: Baseline): FileResult[] {
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) {
    const key = `${e.ruleId}\u0000${e.fingerprint}`;
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return results.map((r) => {
    const kept: Finding[] = [];
    let dropped = 0;
    for (const f of r.findings) {
      const key = `${f.ruleId}\u0000${f.fingerprint}`;
      const n = remaining.get(key) ?? 0;
      if (n > 0) {
        remaining.set(key, n - 1);
        dropped++;
      } else kept.push(f);
    }
    return dropped === 0 ? r : { ...r, findings: kept, suppressed: r.suppressed + dropped };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
