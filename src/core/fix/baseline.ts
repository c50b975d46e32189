/**
 * "Ignore this finding (add to baseline)": the new text of `.flowvault-baseline.json` with the
 * finding's entry added. The entry holds the fingerprint, rule, path and flow: never a value.
 */
import { formatBaseline, parseBaseline, type BaselineEntry } from '../lint/baseline';
import { normalizePath } from '../lint/config';
import type { Finding } from '../lint/types';

export type BaselineEditResult = { readonly ok: true; readonly text: string; readonly added: number } | { readonly ok: false; readonly reason: string };

/**
 * `existing` is the baseline file's current text (undefined: no file yet). `path` is the path the
 * findings were linted under (relative to the baseline's folder, as the CLI does). A baseline
 * that does not parse is left alone rather than overwritten.
 */
export function addToBaseline(
  existing: string | undefined,
  path: string,
  findings: readonly Pick<Finding, 'fingerprint' | 'ruleId' | 'flowName'>[],
): BaselineEditResult {
  let entries: BaselineEntry[] = [];
  if (existing !== undefined && existing.trim() !== '') {
    const parsed = parseBaseline(existing);
    if (parsed.problems.length > 0) {
      return { ok: false, reason: `${parsed.problems[0].message} Fix the file first; Flow Vault does not overwrite it.` };
    }
    entries = [...parsed.baseline.findings];
  }
  const normal = normalizePath(path);
  let added = 0;
  for (const f of findings) {
    const has = entries.some((e) => e.fingerprint === f.fingerprint && e.ruleId === f.ruleId && e.path === normal);
    if (has) continue;
    entries.push(f.flowName !== undefined
      ? { fingerprint: f.fingerprint, ruleId: f.ruleId, path: normal, flow: f.flowName }
      : { fingerprint: f.fingerprint, ruleId: f.ruleId, path: normal });
    added++;
  }
  if (added === 0) return { ok: false, reason: 'the baseline already accepts this finding' };
  entries.sort((a, b) => cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { ok: true, text: formatBaseline({ version: 1, findings: entries }), added };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
