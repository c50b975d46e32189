/**
 * Fixes on a whole file: a Robin file, or a `customizations.xml` whose desktop flows each hold
 * a Robin definition. Findings and the returned edits are in offsets of the file's text; for a
 * solution, edits are computed on the decoded Robin text and then mapped into the XML with
 * `mapDefinitionEdit`, so that decoding the file again gives exactly the intended Robin.
 */
import type { Range, Script } from '../robin/ast';
import { parse } from '../robin';
import { mapDefinitionEdit, readCustomizations } from '../solution';
import type { SolutionFlow } from '../solution';
import {
  getCredentialProblem,
  useGetCredential,
  type FixableFinding,
  type GetCredentialOptions,
  type RobinText,
  type SkippedFinding,
} from './getCredential';
import { clearInputDefault, isSensitive, markSensitive, variableOf, type SimpleFixResult } from './sensitive';
import { suppressFinding } from './ignore';
import { secretValueOf, type SecretValueResult } from './secretValue';
import { findUserName } from '../credentials/secretNames';
import { contains, sortEdits, type TextEdit } from './text';

export type FileFormat = 'robin' | 'solution-xml';

/** One piece of Robin in the file and how its offsets relate to the file's. */
interface Unit extends RobinText {
  readonly flow?: SolutionFlow;
  /** File range → unit range (undefined when the range is not inside this unit). */
  toUnit(range: Range): Range | undefined;
  /** Unit edit → file edit. */
  toFile(edit: TextEdit): TextEdit;
}

export type FileFixResult =
  | {
      readonly ok: true;
      /** In file offsets, sorted, non-overlapping: apply them as one edit (one undo). */
      readonly edits: TextEdit[];
      readonly fixed: number;
      readonly skipped: readonly SkippedFinding[];
      /** The variable a Get credential fix used (when one). */
      readonly variable?: string;
    }
  | { readonly ok: false; readonly reason: string; readonly skipped?: readonly SkippedFinding[] };

export class FixableFile {
  private readonly units: Unit[];
  /** Why the file could not be read for fixes (broken XML), if so. */
  readonly problem?: string;

  /** `script`: the parse of `text` when the caller has it already (Robin files only). */
  constructor(readonly text: string, readonly format: FileFormat, parsed?: Script) {
    if (format === 'robin') {
      const script = parsed ?? parse(text);
      this.units = [{ text, script, toUnit: (r) => r, toFile: (e) => e }];
      return;
    }
    const result = readCustomizations(text);
    this.units = [];
    for (const flow of result.flows) {
      const def = flow.definition;
      if (!def) continue;
      this.units.push({
        text: def.text,
        script: parse(def.text),
        flow,
        toUnit: (r) =>
          contains(def.range, r)
            ? { start: def.fromFileOffset(r.start, 'down'), end: def.fromFileOffset(r.end, 'up') }
            : undefined,
        toFile: (e) => mapDefinitionEdit(flow, e),
      });
    }
    if (this.units.length === 0 && result.problems.length > 0) this.problem = result.problems[0].message;
  }

  /** Why "Use a Get credential action" cannot apply to this finding, or undefined. */
  getCredentialProblem(finding: FixableFinding): string | undefined {
    const located = this.locate(finding);
    if (!located) {
      return finding.placement === 'input-default'
        ? 'the secret is the default value of a flow input (<Inputs>): clear the default instead'
        : this.notInRobin();
    }
    return getCredentialProblem(located.unit, located.finding);
  }

  /** One finding, or all given ("fix all"), with one credential name. */
  useGetCredential(findings: readonly FixableFinding[], options: GetCredentialOptions): FileFixResult {
    const byUnit = new Map<Unit, { file: FixableFinding; unit: FixableFinding }[]>();
    const skipped: SkippedFinding[] = [];
    for (const f of findings) {
      const located = this.locate(f);
      if (!located) {
        skipped.push({ finding: f, reason: this.notInRobin() });
        continue;
      }
      const list = byUnit.get(located.unit) ?? [];
      list.push({ file: f, unit: located.finding });
      byUnit.set(located.unit, list);
    }
    const edits: TextEdit[] = [];
    let fixed = 0;
    let variable: string | undefined;
    let firstReason: string | undefined;
    for (const [unit, list] of byUnit) {
      const result = useGetCredential(unit, list.map((x) => x.unit), options);
      const toFileFinding = (u: FixableFinding): FixableFinding => list.find((x) => x.unit === u)?.file ?? u;
      skipped.push(...result.skipped.map((s) => ({ finding: toFileFinding(s.finding), reason: s.reason })));
      if (!result.ok) {
        firstReason ??= result.reason;
        continue;
      }
      edits.push(...result.edits.map((e) => unit.toFile(e)));
      fixed += result.fixed.length;
      variable ??= result.variable;
    }
    if (fixed === 0) return { ok: false, reason: firstReason ?? skipped[0]?.reason ?? 'there is nothing to fix', skipped };
    return { ok: true, edits: sortEdits(edits), fixed, skipped, variable };
  }

  /** The decoded hard-coded value (for "Move to Key Vault" only: it goes to the vault and nowhere else). */
  secretValue(finding: FixableFinding): SecretValueResult {
    const located = this.locate(finding);
    return located ? secretValueOf(located.unit, located.finding) : { ok: false, reason: this.notInRobin() };
  }

  /** The user name the flow uses with this password, when it shows one (not a secret). */
  userName(finding: FixableFinding): string | undefined {
    const located = this.locate(finding);
    if (!located || finding.kind === 'username') return undefined;
    return findUserName(located.unit.text, located.finding.range, located.unit.script)?.value;
  }

  /** The variable "Mark as sensitive" would add, when the fix applies. */
  sensitiveVariable(finding: FixableFinding): string | undefined {
    const located = this.locate(finding);
    if (!located) return undefined;
    const v = variableOf(located.unit, located.finding);
    return v && !isSensitive(located.unit, v) ? v : undefined;
  }

  markSensitive(finding: FixableFinding): FileFixResult {
    return this.simple(finding, markSensitive);
  }

  clearInputDefault(finding: FixableFinding): FileFixResult {
    const located = this.locate(finding);
    if (!located) {
      const json = this.clearSchemaDefault(finding);
      return json ?? { ok: false, reason: this.notInRobin() };
    }
    return this.simple(finding, clearInputDefault);
  }

  suppress(finding: FixableFinding): FileFixResult {
    return this.simple(finding, suppressFinding);
  }

  private simple(finding: FixableFinding, fix: (unit: RobinText, f: FixableFinding) => SimpleFixResult): FileFixResult {
    const located = this.locate(finding);
    if (!located) return { ok: false, reason: this.notInRobin() };
    const result = fix(located.unit, located.finding);
    if (!result.ok) return { ok: false, reason: result.reason };
    return {
      ok: true,
      edits: sortEdits(result.edits.map((e) => located.unit.toFile(e))),
      fixed: 1,
      skipped: [],
      variable: result.variable,
    };
  }

  /** A solution input's `"default"` in the `<Inputs>` JSON (outside the Robin definition). */
  private clearSchemaDefault(finding: FixableFinding): FileFixResult | undefined {
    if (this.format !== 'solution-xml' || finding.placement !== 'input-default') return undefined;
    for (const unit of this.units) {
      const param = unit.flow?.inputs?.properties.find((p) => contains(p.range, finding.range));
      if (!param) continue;
      if (param.valueLiteralRange && param.valueRange && contains(param.valueRange, finding.range)) {
        return { ok: true, edits: [{ range: param.valueLiteralRange, newText: 'null' }], fixed: 1, skipped: [] };
      }
      if (param.defaultLiteralRange) {
        return { ok: true, edits: [{ range: param.defaultLiteralRange, newText: '""' }], fixed: 1, skipped: [] };
      }
    }
    return undefined;
  }

  private locate(finding: FixableFinding): { unit: Unit; finding: FixableFinding } | undefined {
    for (const unit of this.units) {
      const range = unit.toUnit(finding.range);
      if (!range) continue;
      const map = (r: Range | undefined): Range | undefined => (r ? unit.toUnit(r) : undefined);
      return {
        unit,
        finding: {
          ...finding,
          range,
          literalRange: map(finding.literalRange),
          statementRange: map(finding.statementRange),
        },
      };
    }
    return undefined;
  }

  private notInRobin(): string {
    return this.problem
      ? `the file could not be read: ${this.problem}`
      : 'the secret is not inside a desktop flow definition';
  }
}
