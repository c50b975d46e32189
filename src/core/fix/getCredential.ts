/**
 * "Use a Get credential action": insert the action (from the template) on its own line before
 * the statement, and replace the secret with `Credential.Password` (or `%Credential.Password%`
 * inside an interpolated string). One call fixes one finding or many ("fix all"): every finding
 * uses the same credential name, and one Get credential line serves every later finding it is
 * still in scope for.
 */
import type { ActionStatement, Script, Statement, StringLiteral } from '../robin/ast';
import type { Finding } from '../lint/types';
import { parse } from '../robin';
import { eolAt, sortEdits, type TextEdit } from './text';
import { credentialNameProblem, renderTemplate, templateProblem } from './template';
import { freeVariableName, usedVariableNames } from './variables';
import { inScope, insertionPointBefore, insertionProblem, statementIndexOf } from './locate';

/** What the fix needs from a finding; offsets in the Robin text being fixed. */
export type FixableFinding = Pick<Finding, 'ruleId' | 'range' | 'placement' | 'kind'> &
  Partial<Pick<Finding, 'literalRange' | 'statementRange' | 'fingerprint' | 'argument' | 'context'>>;

/** A piece of Robin text and its parse. */
export interface RobinText {
  readonly text: string;
  readonly script: Script;
}

export interface GetCredentialOptions {
  readonly template: string;
  readonly credentialName: string;
}

export interface SkippedFinding {
  readonly finding: FixableFinding;
  /** Says why, never the value. */
  readonly reason: string;
}

export type GetCredentialResult =
  | {
      readonly ok: true;
      readonly edits: TextEdit[];
      /** The variable the fixed findings now read. */
      readonly variable: string;
      /** Findings fixed, and how many Get credential lines were inserted (0: an existing one was reused). */
      readonly fixed: readonly FixableFinding[];
      readonly inserted: number;
      readonly skipped: readonly SkippedFinding[];
    }
  | { readonly ok: false; readonly reason: string; readonly skipped: readonly SkippedFinding[] };

/** The parts of the template that identify a Get credential action already in the script. */
export interface TemplateSignature {
  readonly actionId: string;
  /** Input argument that names the credential (undefined: the template has no name placeholder). */
  readonly credentialArgument?: string;
  /** Output argument that receives the variable. */
  readonly outputArgument: string;
}

const NAME_SENTINEL = 'FlowVaultCredentialNameSentinel';
const VAR_SENTINEL = 'FlowVaultVariableSentinel';

/** Parses the filled-in template; a problem message when it is not one action assigning `${variable}`. */
export function templateSignature(template: string): TemplateSignature | string {
  const problem = templateProblem(template);
  if (problem) return problem;
  const script = parse(renderTemplate(template, { credentialName: NAME_SENTINEL, variable: VAR_SENTINEL }));
  const actions = script.statements.filter((s): s is ActionStatement => s.kind === 'action');
  if (actions.length !== 1 || script.statements.some((s) => s.kind === 'unrecognised')) {
    return 'the template must be exactly one Robin action';
  }
  const action = actions[0];
  const out = action.args.find((a) => a.direction === 'out' && a.variable?.toLowerCase() === VAR_SENTINEL.toLowerCase());
  if (!out) return 'the template must assign the credential to ${variable} with an output argument (Name=> ${variable})';
  const cred = action.args.find(
    (a) => a.direction === 'in' && a.value?.kind === 'string' && literalText(a.value) === NAME_SENTINEL,
  );
  return { actionId: action.id, credentialArgument: cred?.name, outputArgument: out.name };
}

/** Why this finding cannot get the Get credential fix, whatever the credential; undefined if it can. */
export function getCredentialProblem(unit: RobinText, finding: FixableFinding): string | undefined {
  const index = statementIndexOf(unit.script, finding);
  if (index < 0) return 'the statement that holds the secret was not found';
  return insertionProblem(unit.script.statements[index]) ?? replacementProblem(unit.text, finding);
}

export function useGetCredential(
  unit: RobinText,
  findings: readonly FixableFinding[],
  options: GetCredentialOptions,
): GetCredentialResult {
  const nameProblem = credentialNameProblem(options.credentialName);
  if (nameProblem) return { ok: false, reason: nameProblem, skipped: [] };
  const signature = templateSignature(options.template);
  if (typeof signature === 'string') {
    return { ok: false, reason: `The Get credential template setting is not usable: ${signature}.`, skipped: [] };
  }

  const { text, script } = unit;
  const statements = script.statements;
  const skipped: SkippedFinding[] = [];
  const planned: { finding: FixableFinding; index: number }[] = [];
  const sorted = [...findings].sort((a, b) => a.range.start - b.range.start);
  for (const finding of sorted) {
    const index = statementIndexOf(script, finding);
    const problem = index < 0
      ? 'the statement that holds the secret was not found'
      : insertionProblem(statements[index]) ?? replacementProblem(text, finding);
    if (problem) skipped.push({ finding, reason: problem });
    else if (planned.some((p) => overlapping(p.finding, finding))) skipped.push({ finding, reason: 'it overlaps another finding' });
    else planned.push({ finding, index });
  }
  if (planned.length === 0) {
    return { ok: false, reason: skipped[0]?.reason ?? 'there is nothing to fix', skipped };
  }

  // Existing Get credential actions for this credential, and the variable they assign.
  const existing = statements
    .map((s, i) => ({ i, variable: matchGetCredential(s, signature, options.credentialName) }))
    .filter((e): e is { i: number; variable: string } => e.variable !== undefined);
  const newVariable = existing[0]?.variable ?? freeVariableName(usedVariableNames(script));

  const edits: TextEdit[] = [];
  const insertedBefore: number[] = [];
  const variables = new Set<string>();
  const line = renderTemplate(options.template, { credentialName: options.credentialName, variable: newVariable });
  for (const { finding, index } of planned) {
    const reuse = [...existing].reverse().find((e) => e.i < index && inScope(statements, e.i, index));
    let variable: string;
    if (reuse) {
      variable = reuse.variable;
    } else {
      variable = newVariable;
      if (!insertedBefore.some((i) => inScope(statements, i, index))) {
        const at = insertionPointBefore(text, statements[index]);
        edits.push({ range: { start: at.offset, end: at.offset }, newText: at.indent + line + eolAt(text, at.offset) });
        insertedBefore.push(index);
      }
    }
    variables.add(variable);
    edits.push(replacementEdit(text, finding, variable));
  }
  return {
    ok: true,
    edits: sortEdits(edits),
    variable: variables.size === 1 ? [...variables][0] : newVariable,
    fixed: planned.map((p) => p.finding),
    inserted: insertedBefore.length,
    skipped,
  };
}

/** `Credential.Password`, or `.Username` for a user name. */
export function credentialProperty(finding: Pick<Finding, 'kind'>): 'Username' | 'Password' {
  return finding.kind === 'username' ? 'Username' : 'Password';
}

function overlapping(a: FixableFinding, b: FixableFinding): boolean {
  const ra = a.literalRange && a.placement !== 'embedded' ? a.literalRange : a.range;
  const rb = b.literalRange && b.placement !== 'embedded' ? b.literalRange : b.range;
  return ra.start < rb.end && rb.start < ra.end;
}

/** Why the secret's text cannot be replaced by a credential reference, or undefined. */
function replacementProblem(text: string, finding: FixableFinding): string | undefined {
  switch (finding.placement) {
    case 'argument':
    case 'set':
      return undefined;
    case 'input-default':
      return 'the secret is the default value of a flow input: clear the default or mark the input sensitive';
    case 'embedded': {
      const lit = finding.literalRange;
      if (!lit) return 'the string that holds the secret was not found';
      if (!text.startsWith("$'''", lit.start)) {
        return "the secret is inside a plain '…' string, where %…% is not interpolated";
      }
      if (finding.range.start < lit.start + 4 || finding.range.end > lit.end - 3) {
        return 'the secret is not inside the string content';
      }
      const scan = scanInterpolated(text, lit.start + 4, finding.range.start);
      if (scan.inInterpolation) return 'the secret is inside a %…% expression';
      if (scan.midEscape) return 'the secret starts inside an escape sequence';
      return undefined;
    }
    default:
      return 'this kind of finding has no Get credential fix';
  }
}

function replacementEdit(text: string, finding: FixableFinding, variable: string): TextEdit {
  const ref = `${variable}.${credentialProperty(finding)}`;
  if (finding.placement === 'embedded') {
    const scan = scanInterpolated(text, finding.literalRange!.start + 4, finding.range.start);
    // A lone backslash right before `%…%` must be doubled (pad-formats §1.2).
    const prefix = scan.loneBackslashBefore ? '\\' : '';
    return { range: finding.range, newText: `${prefix}%${ref}%` };
  }
  return { range: finding.literalRange ?? finding.range, newText: ref };
}

/**
 * Walks `$'''…'''` content from `from` to `to`: `\\`, `\'` and `\"` are escapes, `%%` is a
 * percent sign, a single `%` opens or closes an expression.
 */
function scanInterpolated(
  text: string,
  from: number,
  to: number,
): { inInterpolation: boolean; midEscape: boolean; loneBackslashBefore: boolean } {
  let i = from;
  let inInterpolation = false;
  let loneBackslashBefore = false;
  while (i < to) {
    const ch = text[i];
    loneBackslashBefore = false;
    if (!inInterpolation && ch === '\\' && (text[i + 1] === '\\' || text[i + 1] === "'" || text[i + 1] === '"')) {
      i += 2;
      continue;
    }
    if (!inInterpolation && ch === '\\') {
      loneBackslashBefore = true;
      i++;
      continue;
    }
    if (!inInterpolation && ch === '%' && text[i + 1] === '%') {
      i += 2;
      continue;
    }
    if (ch === '%') inInterpolation = !inInterpolation;
    i++;
  }
  return { inInterpolation, midEscape: i > to, loneBackslashBefore };
}

/** The variable a statement assigns if it is a live Get credential action for `credentialName`. */
export function matchGetCredential(
  s: Statement,
  signature: TemplateSignature,
  credentialName: string,
): string | undefined {
  if (s.kind !== 'action' || s.disabled) return undefined;
  if (s.id.toLowerCase() !== signature.actionId.toLowerCase()) return undefined;
  if (!signature.credentialArgument) return undefined;
  const credArg = signature.credentialArgument.toLowerCase();
  const input = s.args.find((a) => a.direction === 'in' && a.name.toLowerCase() === credArg);
  if (!input || input.value?.kind !== 'string' || literalText(input.value) !== credentialName) return undefined;
  const outArg = signature.outputArgument.toLowerCase();
  const out = s.args.find((a) => a.direction === 'out' && a.name.toLowerCase() === outArg);
  return out?.variable;
}

/** The decoded text of a string literal without `%…%` parts; undefined when it has some. */
function literalText(s: StringLiteral): string | undefined {
  let out = '';
  for (const seg of s.segments) {
    if (seg.kind !== 'text') return undefined;
    out += seg.value;
  }
  return out;
}
