/**
 * Which finding a command or code action means: by fingerprint, by range or at a position.
 * Pure (offsets only); the host turns editor positions into offsets.
 */
import type { Finding } from '../core/lint/types';

export type FindingRef =
  | { readonly fingerprint: string }
  | { readonly start: number; readonly end: number; readonly ruleId?: string };

export function selectFinding<F extends Pick<Finding, 'range' | 'fingerprint' | 'ruleId'>>(
  findings: readonly F[],
  ref: FindingRef,
): F | undefined {
  if ('fingerprint' in ref) return findings.find((f) => f.fingerprint === ref.fingerprint);
  const candidates = ref.ruleId ? findings.filter((f) => f.ruleId === ref.ruleId) : findings;
  const exact = candidates.find((f) => f.range.start === ref.start && f.range.end === ref.end);
  if (exact) return exact;
  // The finding under the cursor or selection: smallest range that touches it.
  const touching = candidates
    .filter((f) => f.range.start <= ref.end && ref.start <= f.range.end)
    .sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start));
  return touching[0];
}

/** The finding on the cursor's line that is nearest to the cursor (for palette commands). */
export function nearestOnLine<F extends Pick<Finding, 'range'>>(
  findings: readonly F[],
  offset: number,
  lineStart: number,
  lineEnd: number,
  statementOf?: (f: F) => { start: number; end: number } | undefined,
): F | undefined {
  const onLine = findings.filter((f) => {
    const st = statementOf?.(f) ?? f.range;
    return st.start <= lineEnd && lineStart <= st.end;
  });
  const distance = (f: F): number =>
    offset < f.range.start ? f.range.start - offset : offset > f.range.end ? offset - f.range.end : 0;
  return onLine.sort((a, b) => distance(a) - distance(b))[0];
}
