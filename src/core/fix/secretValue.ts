/**
 * The decoded value of a finding, for "Move to Key Vault" (which writes it to the vault and
 * nowhere else). Only literal text can move: a value with `%…%` parts, or one stored encrypted
 * for one machine (`P'…'`), cannot be read.
 */
import type { Range, StringLiteral } from '../robin/ast';
import { sourceOffsetOf } from '../robin';
import { collectLiterals } from '../lint/literals';
import type { FixableFinding, RobinText } from './getCredential';

export type SecretValueResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/** `finding` in the unit's offsets. */
export function secretValueOf(unit: RobinText, finding: Pick<FixableFinding, 'range' | 'literalRange'>): SecretValueResult {
  const { range } = finding;
  if (range.end <= range.start) return { ok: false, reason: 'the finding holds no text' };
  if (unit.text.startsWith("P'", finding.literalRange?.start ?? range.start) || unit.text.startsWith("P'", range.start)) {
    return { ok: false, reason: 'the password is stored encrypted for one machine and cannot be read: put it into the vault yourself, then use a Get credential action' };
  }
  const literal = innermostLiteral(unit, range);
  if (!literal) {
    const raw = unit.text.slice(range.start, range.end);
    return /^[0-9][0-9.]*$/.test(raw) ? { ok: true, value: raw } : { ok: false, reason: 'the secret is not a plain text literal' };
  }
  let value = '';
  for (const seg of literal.segments) {
    if (!overlaps(seg.range, range)) continue;
    if (seg.kind === 'interpolation') return { ok: false, reason: 'the secret contains a %…% expression, so its value is only known at run time' };
    for (let i = 0; i < seg.value.length; i++) {
      const at = sourceOffsetOf(seg, i);
      if (at >= range.start && at < range.end) value += seg.value[i];
    }
  }
  return value ? { ok: true, value } : { ok: false, reason: 'the secret is not a plain text literal' };
}

function innermostLiteral(unit: RobinText, range: Range): StringLiteral | undefined {
  let best: StringLiteral | undefined;
  for (const ref of collectLiterals(unit.script)) {
    const r = ref.literal.range;
    if (r.start <= range.start && range.end <= r.end && (!best || r.end - r.start < best.range.end - best.range.start)) best = ref.literal;
  }
  return best;
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}
