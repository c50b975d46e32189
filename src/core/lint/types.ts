/**
 * What the lint engine takes and gives. Shared by the CLI and the editor host; free of both.
 */
import type { Range, Script } from '../robin/ast';

export type Severity = 'error' | 'warning' | 'info';

/** What kind of secret a finding holds, used for messages, SARIF and the quick fix. */
export type SecretKind =
  | 'password'
  | 'username'
  | 'passphrase'
  | 'api-key'
  | 'token'
  | 'private-key'
  | 'connection-string-password'
  | 'authorization-header'
  | 'url-key'
  | 'client-secret'
  | 'encryption-key'
  | 'webhook-url'
  | 'secret';

/**
 * Where the secret stands, so a fix can replace it in the right form:
 * - `argument`: the whole value of an argument is the literal (`Password: $'''x'''`) → `Credential.Password`
 * - `embedded`: inside a longer interpolated string (header, connection string, script) → `%Credential.Password%`
 * - `set`: the value of a `SET` statement → `Credential.Password`
 * - `input-default`: the default value of a flow input (fix: clear it / mark sensitive)
 */
export type SecretPlacement = 'argument' | 'embedded' | 'set' | 'input-default';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Says what and where, never the value. */
  readonly message: string;
  /** The secret itself, in offsets of the text given to the engine (the file's text). */
  readonly range: Range;
  readonly kind: SecretKind;
  readonly placement: SecretPlacement;
  /** The range of the whole string literal that holds the secret, in file offsets. */
  readonly literalRange?: Range;
  /** The statement that holds the secret, in file offsets (for inserting before it). */
  readonly statementRange?: Range;
  /** The action id or statement keyword, e.g. `Email.SendEmail.AuthenticateAndSend` or `SET`. */
  readonly context?: string;
  /** The argument or variable name, e.g. `Password`. */
  readonly argument?: string;
  /** The desktop flow inside a solution (`customizations.xml`), by name. */
  readonly flowName?: string;
  /**
   * Stable across edits elsewhere in the file, used by baselines: a hash of the rule id, the
   * file path, the flow and subflow, the context, the argument and an occurrence counter. It is
   * never derived from the value, not even hashed (a hash of a short password is reversible).
   */
  readonly fingerprint: string;
}

/** A finding an ignore comment silences (`flow-vault-disable-next-line` / `-file`). */
export interface SilencedFinding extends Finding {
  /** The reason written after `--` in the comment; empty when it gives none. */
  readonly justification: string;
}

export interface FileProblem {
  /** Why part of the file could not be read (parse error, broken XML, refused zip entry). */
  readonly message: string;
  readonly range?: Range;
}

export interface FileResult {
  /** As given; inside a zip: `archive.zip!/path/in/zip`. */
  readonly path: string;
  readonly findings: readonly Finding[];
  readonly problems: readonly FileProblem[];
  /** Findings silenced by a comment or the baseline. */
  readonly suppressed: number;
  /**
   * The findings ignore comments silence (counted in `suppressed`), for reports that list
   * suppressed results (SARIF, JSON); absent when there are none. Baseline matches are not here.
   */
  readonly silenced?: readonly SilencedFinding[];
  /** The text the offsets refer to, when it is not the file's bytes decoded as UTF-8 (zip entries). */
  readonly text?: string;
  /**
   * Set when `text` was unpacked from a value inside the file (the base64 zip of a Workflows
   * JSON, `path` then ends in `!/script.robin`): that value's range in the file's own text. The
   * findings cannot be edited in place.
   */
  readonly packedAt?: Range;
  /**
   * Set on a zip entry that was not linted because it is not text (the image repository data of
   * solution zips): reports count these, and show nothing for each. No findings, no problems.
   */
  readonly skippedBinary?: true;
}

/** One piece of Robin inside a file: the whole file, or one `<Definition>` of a solution. */
export interface RobinUnit {
  readonly script: Script;
  /** The decoded Robin text. */
  readonly text: string;
  /** Maps an offset in `text` to an offset in the file's text. Identity for plain Robin files. */
  toFileOffset(offset: number): number;
  readonly flowName?: string;
}
