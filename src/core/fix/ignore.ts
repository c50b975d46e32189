/**
 * "Ignore this finding": a suppression comment line before the statement, with the statement's
 * indentation (the lint engine honours `# flow-vault-disable-next-line <rule-id>`).
 */
import { insertionPointBefore, statementIndexOf } from './locate';
import type { FixableFinding, RobinText } from './getCredential';
import type { SimpleFixResult } from './sensitive';
import { eolAt } from './text';

export const SUPPRESSION_DIRECTIVE = 'flow-vault-disable-next-line';
// Read by src/core/lint/suppressions.ts: the comment silences the listed rule on the next statement.

export function suppressionComment(ruleId: string): string {
  return `# ${SUPPRESSION_DIRECTIVE} ${ruleId}`;
}

export function suppressFinding(unit: RobinText, finding: FixableFinding): SimpleFixResult {
  const index = statementIndexOf(unit.script, finding);
  if (index < 0) return { ok: false, reason: 'the statement that holds the secret was not found' };
  const s = unit.script.statements[index];
  const at = insertionPointBefore(unit.text, s);
  return {
    ok: true,
    edits: [{ range: { start: at.offset, end: at.offset }, newText: at.indent + suppressionComment(finding.ruleId) + eolAt(unit.text, at.offset) }],
  };
}
