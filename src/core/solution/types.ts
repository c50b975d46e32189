/**
 * What reading a solution gives: the desktop flows of a `customizations.xml`, each with its
 * Robin text decoded and mapped back to exact offsets in the XML file.
 */
import type { Range } from '../robin/ast';

/**
 * How the text inside one XML element was escaped, so that an edit is written the same way.
 * `&`, `<` and `>` are always escaped (as Dataverse exports do; `>` also keeps `]]>` out).
 */
export interface EncodingStyle {
  /** `"` written `&quot;`. */
  readonly xmlQuot: boolean;
  /** `'` written `&apos;`. */
  readonly xmlApos: boolean;
  /** Non-ASCII characters written as JSON `\uXXXX` escapes rather than as themselves. */
  readonly jsonAsciiOnly: boolean;
}

/** The Robin script of one desktop flow, as stored in `<Definition>` (a JSON string, XML-escaped). */
export interface EmbeddedDefinition {
  /** The decoded Robin text. */
  readonly text: string;
  /** The content of the `<Definition>` element, in file offsets. */
  readonly range: Range;
  /** The inside of the JSON string (between its quotes), in file offsets. */
  readonly stringRange: Range;
  /**
   * Maps an offset in `text` to an offset in the file. A character that came from an escape
   * (`&gt;`, `\r`, `\"`, `&#x…;`) maps to the start of the escape; the offset after it maps past it.
   */
  toFileOffset(offset: number): number;
  /**
   * Maps a file offset to an offset in `text`. Inside an escape: the start of its character
   * (`'down'`, the default) or past it (`'up'`). Before the string: 0; after it: `text.length`.
   */
  fromFileOffset(fileOffset: number, round?: 'down' | 'up'): number;
  /** How the file writes this definition (used when an edit is mapped back). */
  readonly style: EncodingStyle;
}

/** One property of the `<Inputs>` or `<Outputs>` schema of a desktop flow. */
export interface FlowParameter {
  readonly name: string;
  /** The property's key (inside its quotes), in file offsets. */
  readonly nameRange: Range;
  /** The property's whole JSON object, in file offsets. */
  readonly range: Range;
  /** `"password"` for sensitive inputs/outputs; null or absent otherwise. */
  readonly format?: string | null;
  readonly type?: string;
  readonly isOptional?: boolean;
  readonly default?: unknown;
  /**
   * Where `default` is in the file: for a string, its content between the quotes (empty for
   * `""`); for anything else, the whole token. Absent when the property has no `default`.
   */
  readonly defaultRange?: Range;
  /** The whole `default` token (with quotes for a string). */
  readonly defaultLiteralRange?: Range;
  readonly value?: unknown;
  /** Like `defaultRange`, for `value`. */
  readonly valueRange?: Range;
  readonly valueLiteralRange?: Range;
}

/** The parsed `<Inputs>` or `<Outputs>` element of a desktop flow. */
export interface FlowParameters {
  /** The element's JSON, parsed. */
  readonly json: unknown;
  /** The element's content, in file offsets. */
  readonly range: Range;
  /** The properties of `schema.properties`, in file order (empty when `schema` is null). */
  readonly properties: readonly FlowParameter[];
}

/** A desktop flow (`<Workflow>` with `<Category>6</Category>`) inside a `customizations.xml`. */
export interface SolutionFlow {
  /** The `Name` attribute. */
  readonly name: string;
  /** The `WorkflowId` attribute, as written (e.g. `{78ac15ae-…}`). */
  readonly workflowId: string;
  /** The whole `<Workflow>` element, in file offsets. */
  readonly range: Range;
  /** Absent when the flow has no `<Definition>` or it could not be decoded (see the problems). */
  readonly definition?: EmbeddedDefinition;
  readonly inputs?: FlowParameters;
  readonly outputs?: FlowParameters;
}

/** An edit of the decoded Robin text, or of the file. Offsets are half-open. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}
