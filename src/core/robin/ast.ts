/**
 * The syntax tree of a Robin script (Power Automate for desktop).
 *
 * Every node carries a `range`: half-open UTF-16 offsets `[start, end)` into the text that
 * was parsed. Nothing here is tied to lines; `LineIndex` turns offsets into lines and columns.
 */

export interface Range {
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Literal text inside a string, after escapes are decoded. */
export interface TextSegment {
  readonly kind: 'text';
  readonly range: Range;
  /** Decoded text (`\'` -> `'`, `\\` -> `\`, `%%` -> `%`). */
  readonly value: string;
  /**
   * Where decoded characters sit in the source. Empty when the segment has no escapes: decoded
   * index `i` is then at `range.start + i`. Otherwise sorted pairs `[decodedIndex, sourceOffset]`,
   * one at the segment start and one after every escape; between two pairs the mapping is 1:1.
   * Use `sourceOffsetOf(segment, i)` rather than reading this directly.
   */
  readonly map: readonly (readonly [number, number])[];
}

/** `%expr%` inside an interpolated string. */
export interface InterpolationSegment {
  readonly kind: 'interpolation';
  /** Includes the two `%` signs. */
  readonly range: Range;
  /** The expression between the `%` signs, as written. */
  readonly expression: string;
  readonly expressionRange: Range;
  /**
   * (Added) The expression parsed as a value: `%''%` gives an empty string literal, `%x['k']%` an
   * expression. Undefined when the text between the `%` signs is not a readable expression.
   */
  readonly value?: Value;
}

export type StringSegment = TextSegment | InterpolationSegment;

/**
 * `$'''…'''` (interpolated, may span lines), `'''…'''` (plain triple) or `'…'` (plain single).
 */
export interface StringLiteral {
  readonly kind: 'string';
  readonly range: Range;
  readonly quote: "$'''" | "'''" | "'";
  /** Text and `%…%` parts in order. Plain strings have only text segments. */
  readonly segments: readonly StringSegment[];
  /** Range between the opening and closing quotes. */
  readonly contentRange: Range;
  /**
   * False when the closing quotes are missing: a `$'''` or `'''` literal then runs to the end of
   * input, a `'` literal to the end of its line.
   */
  readonly terminated: boolean;
}

export interface NumberLiteral { readonly kind: 'number'; readonly range: Range; readonly text: string }
export interface BooleanLiteral { readonly kind: 'boolean'; readonly range: Range; readonly value: boolean }
/** `Module.EnumType.Value`, e.g. `Text.StandardDelimiter.NewLine`. */
export interface EnumValue { readonly kind: 'enum'; readonly range: Range; readonly text: string }
/** `appmask['Screen']['Element']` (or any `IMPORT … AS name` alias). `names` are decoded. */
export interface ElementReference { readonly kind: 'element'; readonly range: Range; readonly repository: string; readonly names: readonly string[] }
export interface ListValue { readonly kind: 'list'; readonly range: Range; readonly items: readonly Value[] }
export interface ObjectValue { readonly kind: 'object'; readonly range: Range; readonly entries: readonly { readonly key: Value; readonly value: Value }[] }
/** `{ ^['A', 'B'], [x, y] }`. */
export interface DataTableValue { readonly kind: 'datatable'; readonly range: Range; readonly header: readonly Value[]; readonly rows: readonly (readonly Value[])[] }
/**
 * `P'<base64>'`: a value PAD stored encrypted ("direct encrypted input", pad-formats §2.1), bound to
 * the machine where it was typed. The blob is never decoded or copied: only where it is.
 */
export interface EncryptedValue {
  readonly kind: 'encrypted';
  /** From the `P` to the closing quote (to the end of the line when the quote is missing). */
  readonly range: Range;
  /** Between the quotes. */
  readonly contentRange: Range;
}
/**
 * Anything else: a variable, property access, index, arithmetic or comparison. `strings` holds
 * every string literal inside it (for `'Folder: ' + path`), `variables` the root identifiers.
 */
export interface ExpressionValue {
  readonly kind: 'expression';
  readonly range: Range;
  readonly text: string;
  readonly strings: readonly StringLiteral[];
  readonly variables: readonly string[];
}

export type Value =
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | EnumValue
  | ElementReference
  | ListValue
  | ObjectValue
  | DataTableValue
  | EncryptedValue
  | ExpressionValue;

// ---------------------------------------------------------------------------------------------
// Arguments

/** `Name: value` (input) or `Name=> Var` (output). `@Name: value` in RunFlow / connectors. */
export interface Argument {
  readonly range: Range;
  readonly name: string;
  readonly nameRange: Range;
  /** True for `@name` / `@'name'` parameters of External.* and .NET script actions. */
  readonly at: boolean;
  readonly direction: 'in' | 'out';
  /** For inputs. */
  readonly value?: Value;
  /** For outputs: the variable that receives the value. */
  readonly variable?: string;
  readonly variableRange?: Range;
}

// ---------------------------------------------------------------------------------------------
// Statements

interface StatementBase {
  /** From the first non-blank character of the statement to the end of its last character. */
  readonly range: Range;
  /** Leading whitespace of the statement's first line, as written. */
  readonly indent: string;
  /** Nesting depth in blocks (IF, LOOP, SWITCH, BLOCK, ON ERROR, FUNCTION, …), 0 at top level. */
  readonly depth: number;
  /** `@@key: value` lines directly before this statement. */
  readonly annotations: readonly Annotation[];
  /** The subflow this statement belongs to; undefined for the script's top level. */
  readonly functionName?: string;
}

export interface Annotation {
  readonly range: Range;
  readonly key: string;
  readonly keyRange: Range;
  readonly value?: Value;
}

export interface ActionStatement extends StatementBase {
  readonly kind: 'action';
  /** `Module.Action` or `Module.Action.Selector`, as written. */
  readonly id: string;
  readonly idRange: Range;
  readonly module: string;
  readonly action: string;
  readonly selector?: string;
  readonly args: readonly Argument[];
  /** `DISABLE ` prefix. */
  readonly disabled: boolean;
}

/** `SET x TO value`. */
export interface SetStatement extends StatementBase {
  readonly kind: 'set';
  /** The target as written: `x`, or `obj['Password']` / `obj.a` for a property. */
  readonly variable: string;
  readonly variableRange: Range;
  /** (Added) The target parsed; `target.variables[0]` is its root variable. */
  readonly target?: ExpressionValue;
  readonly value: Value;
  readonly disabled: boolean;
}

/**
 * Control flow with an optional condition. `condition` is an action (for `IF (Folder.If… )`,
 * `WAIT (…)`, `LOOP WHILE (Action …)`) or an expression.
 */
export interface ControlStatement extends StatementBase {
  readonly kind: 'control';
  readonly keyword:
    | 'IF' | 'ELSE IF' | 'ELSE' | 'END'
    | 'LOOP' | 'LOOP FOREACH' | 'LOOP WHILE' | 'EXIT LOOP' | 'NEXT LOOP'
    | 'SWITCH' | 'CASE' | 'DEFAULT'
    | 'BLOCK' | 'ON BLOCK ERROR' | 'ON ERROR' | 'THROW ERROR' | 'REPEAT BLOCK' | 'ERROR'
    | 'LABEL' | 'GOTO' | 'WAIT' | 'EXIT' | 'EXIT FUNCTION'
    | 'END FUNCTION';
  /** The rest of the line after the keyword(s), for display. */
  readonly text: string;
  readonly condition?: ActionStatement | Value;
  readonly args: readonly Argument[];
  readonly disabled: boolean;
  /**
   * (Added) Other values on the line, in order: `LOOP … FROM a TO b STEP c` → [a, b, c],
   * `LOOP FOREACH i IN l` → [l], `WAIT 5` / `WAIT (…) FOR 60` → [5] / [60], `CASE = x` → [x],
   * `ON ERROR REPEAT 2 TIMES WAIT 5` → [2, 5]. Empty when there are none.
   */
  readonly operands?: readonly Value[];
  /** (Added) The comparison of a `CASE` (`=`, `<>`, `>`, …). */
  readonly operator?: string;
  /** (Added) The variable of `LOOP i …`, `LOOP FOREACH i IN …` and `ERROR => v`. */
  readonly variable?: string;
  readonly variableRange?: Range;
  /**
   * (Added) The name of `LABEL x`, `GOTO x`, `BLOCK 'x'`, `ON BLOCK ERROR x` and `ON ERROR x`
   * (`all`, `TimeoutError`, `'Business Exception'`), decoded when quoted.
   */
  readonly name?: string;
  readonly nameRange?: Range;
}

/** `FUNCTION Name GLOBAL` or `FUNCTION 'Name' a, OUTPUT b`. `range` spans to `END FUNCTION`. */
export interface FunctionStatement extends StatementBase {
  readonly kind: 'function';
  readonly name: string;
  readonly nameRange: Range;
  readonly global: boolean;
  readonly parameters: readonly { readonly name: string; readonly range: Range; readonly output: boolean }[];
  /** Range of the `FUNCTION …` line alone. */
  readonly headerRange: Range;
  /** False when `END FUNCTION` is missing. */
  readonly closed: boolean;
}

/** `CALL Name` / `CALL 'Name' Arg: value`. */
export interface CallStatement extends StatementBase {
  readonly kind: 'call';
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Argument[];
  readonly disabled: boolean;
}

/** `# text` or `/# … #/`. `text` excludes the markers. */
export interface CommentStatement extends StatementBase {
  readonly kind: 'comment';
  readonly block: boolean;
  readonly text: string;
  readonly textRange: Range;
  /** (Added) A hand-made separator line such as `==================================>`. */
  readonly separator?: boolean;
}

/** `**REGION Name` … `**ENDREGION`. `range` spans the whole region. */
export interface RegionStatement extends StatementBase {
  readonly kind: 'region';
  readonly name: string;
  readonly headerRange: Range;
  readonly closed: boolean;
  /** (Added) Range of the `**ENDREGION` line, when there is one. */
  readonly endRange?: Range;
}

/** `IMPORT 'x' AS y`. */
export interface ImportStatement extends StatementBase {
  readonly kind: 'import';
  readonly file: string;
  readonly alias: string;
  /** (Added) The quoted file name, quotes included, and the alias. */
  readonly fileRange?: Range;
  readonly aliasRange?: Range;
}

/** `@SENSITIVE: [a, b]`. */
export interface SensitiveStatement extends StatementBase {
  readonly kind: 'sensitive';
  readonly variables: readonly { readonly name: string; readonly range: Range }[];
  /** Range of the list `[…]`, for edits that add a name. */
  readonly listRange: Range;
}

/** `@INPUT name : { … }` / `@OUTPUT name : { … }`. */
export interface VariableDeclaration extends StatementBase {
  readonly kind: 'input' | 'output';
  readonly name: string;
  readonly nameRange: Range;
  readonly properties?: ObjectValue;
}

/** `# [ControlRepository][PowerAutomateDesktop]` and the JSON after it, to the end of input. */
export interface TrailerStatement extends StatementBase {
  readonly kind: 'trailer';
  readonly jsonRange: Range;
  /** Parsed JSON, or undefined when it does not parse (see `message`). */
  readonly json?: unknown;
  readonly message?: string;
}

/** Text the parser could not read. Never thrown: kept with a message. */
export interface UnrecognisedStatement extends StatementBase {
  readonly kind: 'unrecognised';
  readonly text: string;
  readonly message: string;
  /** (Added) String literals found in the text, so that rules still see them. */
  readonly strings?: readonly StringLiteral[];
}

export type Statement =
  | ActionStatement
  | SetStatement
  | ControlStatement
  | FunctionStatement
  | CallStatement
  | CommentStatement
  | RegionStatement
  | ImportStatement
  | SensitiveStatement
  | VariableDeclaration
  | TrailerStatement
  | UnrecognisedStatement;

/** A parse problem: unterminated string, unbalanced END, … */
export interface ParseMessage {
  readonly range: Range;
  readonly message: string;
}

export interface Script {
  /** Every statement in source order, flat. `depth` and `functionName` give nesting. */
  readonly statements: readonly Statement[];
  /** Standalone `@@key: value` lines at the top (the stored-definition header). */
  readonly header: readonly Annotation[];
  readonly messages: readonly ParseMessage[];
}
