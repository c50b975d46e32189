/**
 * The shape of a rule and of what the engine hands it. One file per rule under `rules/`.
 */
import type { Range, Script, Statement } from '../robin/ast';
import type { FlowParameter } from '../solution';
import type { ResolvedConfig } from './config';
import type { FlatLiteral, LiteralRef } from './literals';
import type { NameClassifier } from './names';
import type { SecretKind, SecretPlacement, Severity } from './types';

/** What a rule reports. Ranges are offsets in the text the rule was given (`context.text`). */
export interface ReportDescriptor {
  /** The secret itself. */
  readonly range: Range;
  readonly kind: SecretKind;
  readonly placement: SecretPlacement;
  /** Says what and where. Never the value. */
  readonly message: string;
  readonly literalRange?: Range;
  readonly statementRange?: Range;
  readonly context?: string;
  readonly argument?: string;
  /** The statement holding the secret: gives `statementRange`, the subflow and suppressions. */
  readonly statement?: Statement;
}

/** The statements whose `kind` can be `K` (`input` and `output` share one type). */
export type StatementOfKind<K extends Statement['kind'], S = Statement> = S extends { readonly kind: infer SK } ? (K extends SK ? S : never) : never;

/** What a rule sees of one piece of Robin. */
export interface RuleContext {
  readonly script: Script;
  /** The Robin text the script was parsed from (decoded, for a solution's definition). */
  readonly text: string;
  readonly config: ResolvedConfig;
  /** Classifies names (arguments, variables, headers, UI elements) with the configured extra words. */
  readonly names: NameClassifier;
  /** Lower-cased names listed in `@SENSITIVE`. */
  readonly sensitive: ReadonlySet<string>;
  /**
   * The statements of one kind, in source order, grouped once per unit: cheaper than looking at
   * every statement of `script.statements` (of many shapes) in each rule.
   */
  statementsOf<K extends Statement['kind']>(kind: K): readonly StatementOfKind<K>[];
  /** Every string literal with its owner, in source order (comments and trailer excluded). */
  literals(): readonly LiteralRef[];
  /** Flat decoded view of a literal (cached). */
  flat(literal: LiteralRef['literal']): FlatLiteral;
  /** Literals whose source range holds a match of `pattern` (a global regex run over the whole text). */
  literalsMatching(pattern: RegExp): readonly LiteralRef[];
  /** Literals whose source range holds `needle` (case-sensitive; faster than a regex). */
  literalsContaining(needle: string): readonly LiteralRef[];
  report(descriptor: ReportDescriptor): void;
}

/** A solution's flow-level facts, for rules that check more than the Robin text. */
export interface FlowInputsContext {
  readonly flowName: string;
  /** The properties of the flow's `<Inputs>` schema, with their file ranges. */
  readonly parameters: readonly FlowParameter[];
  readonly names: NameClassifier;
  readonly config: ResolvedConfig;
  /** Report in FILE offsets. */
  report(descriptor: ReportDescriptor): void;
}

export interface LintRule {
  /** Kebab-case id, e.g. `secret-in-password-argument`. */
  readonly id: string;
  /** One line. */
  readonly description: string;
  /** Short markdown: what, an example, how to fix. */
  readonly docs: string;
  readonly defaultSeverity: Severity;
  /** True when the editor offers a quick fix (replace with a Get credential value). */
  readonly fixable: boolean;
  /**
   * Lower wins when two rules report overlapping ranges: the more specific rule keeps the finding.
   */
  readonly priority: number;
  check(context: RuleContext): void;
  /**
   * Optional: checks several units at once (every flow of a solution file), for rules whose cost
   * is mostly per call (secretlint). When present, the engine calls it instead of `check`, once
   * per file, with one context per unit; each report goes to the unit of its context.
   */
  checkAll?(contexts: readonly RuleContext[]): void;
  /** Optional check of a solution flow's `<Inputs>` schema. */
  checkFlowInputs?(context: FlowInputsContext): void;
}

