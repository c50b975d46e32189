/**
 * "Mark as sensitive" (add the variable to `@SENSITIVE: […]`) and "Clear the default value"
 * (a flow input's design-time `'DefaultValue'` is stored in clear even when the input is
 * sensitive, pad-formats §2.1).
 */
import type { SensitiveStatement, Statement } from '../robin/ast';
import { statementIndexOf } from './locate';
import type { FixableFinding, RobinText } from './getCredential';
import { bomLength, eolAt, lineStartOf, nextLineStart, type TextEdit } from './text';

export type SimpleFixResult =
  | { readonly ok: true; readonly edits: TextEdit[]; readonly variable?: string }
  | { readonly ok: false; readonly reason: string };

/** The variable a finding's value is assigned to: the SET target or the flow input's name. */
export function variableOf(unit: RobinText, finding: FixableFinding): string | undefined {
  const index = statementIndexOf(unit.script, finding);
  if (index < 0) return undefined;
  const s = unit.script.statements[index];
  if (finding.placement === 'set' && s.kind === 'set') return s.variable;
  if (finding.placement === 'input-default' && (s.kind === 'input' || s.kind === 'output')) return s.name;
  return undefined;
}

export function isSensitive(unit: RobinText, variable: string): boolean {
  const lower = variable.toLowerCase();
  return unit.script.statements.some(
    (s) => s.kind === 'sensitive' && s.variables.some((v) => v.name.toLowerCase() === lower),
  );
}

/**
 * `@SENSITIVE` is a line of stored definitions (customizations.xml, files saved with their
 * header); PAD rejects it in a paste (pad-formats §1.6), so clipboard-style files without a
 * header get no such line.
 */
export function markSensitive(unit: RobinText, finding: FixableFinding): SimpleFixResult {
  const variable = variableOf(unit, finding);
  if (!variable) {
    return { ok: false, reason: 'only a variable (a SET target or a flow input) can be marked sensitive' };
  }
  if (isSensitive(unit, variable)) return { ok: false, reason: `${variable} is already marked sensitive` };
  const { text, script } = unit;
  const existing = script.statements.find((s): s is SensitiveStatement => s.kind === 'sensitive');
  if (existing) {
    const last = existing.variables[existing.variables.length - 1];
    const edit: TextEdit = last
      ? { range: { start: last.range.end, end: last.range.end }, newText: `, ${variable}` }
      : { range: { start: existing.listRange.start + 1, end: existing.listRange.end - 1 }, newText: variable };
    return { ok: true, edits: [edit], variable };
  }
  if (!hasDefinitionHeader(unit)) {
    return {
      ok: false,
      reason: 'this file has no flow header (@SENSITIVE is written only in stored definitions); mark the variable sensitive in the PAD designer',
    };
  }
  const line = `@SENSITIVE: [${variable}]`;
  const headerEnd = lastHeaderEnd(unit);
  if (headerEnd !== undefined) {
    const at = nextLineStart(text, headerEnd);
    const eol = eolAt(text, headerEnd);
    const atEnd = at === text.length && !/[\r\n]$/.test(text);
    return {
      ok: true,
      edits: [{ range: { start: at, end: at }, newText: atEnd ? eol + line : line + eol }],
      variable,
    };
  }
  const firstDecl = script.statements.find((s) => s.kind === 'input' || s.kind === 'output');
  const at = firstDecl ? lineStartOf(text, firstDecl.range.start) : bomLength(text);
  return { ok: true, edits: [{ range: { start: at, end: at }, newText: line + eolAt(text, at) }], variable };
}

/** Replaces an input's default value literal with an empty one of the same kind. */
export function clearInputDefault(unit: RobinText, finding: FixableFinding): SimpleFixResult {
  if (finding.placement !== 'input-default') return { ok: false, reason: 'the secret is not a flow input default value' };
  const lit = finding.literalRange ?? finding.range;
  const quoted = unit.text.slice(lit.start, lit.end);
  let empty: string;
  if (quoted.startsWith("$'''")) empty = "$''''''";
  else if (quoted.startsWith("'''")) empty = "''''''";
  else if (quoted.startsWith("'")) empty = "''";
  else return { ok: false, reason: 'the default value is not a string literal' };
  return { ok: true, edits: [{ range: lit, newText: empty }], variable: variableOf(unit, finding) };
}

function hasDefinitionHeader(unit: RobinText): boolean {
  return unit.script.header.length > 0 || unit.script.statements.some((s) => isHeaderStatement(s));
}

function isHeaderStatement(s: Statement): boolean {
  return s.kind === 'import' || s.kind === 'sensitive' || s.kind === 'input' || s.kind === 'output';
}

/** End of the last `@@…` header line or leading `IMPORT` line (where `@SENSITIVE` goes next). */
function lastHeaderEnd(unit: RobinText): number | undefined {
  let end: number | undefined;
  for (const a of unit.script.header) end = Math.max(end ?? 0, a.range.end);
  for (const s of unit.script.statements) {
    if (s.kind === 'comment') continue;
    if (s.kind !== 'import') break;
    end = Math.max(end ?? 0, s.range.end);
  }
  return end;
}
