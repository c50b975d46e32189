/**
 * What the editor half of "Move to Key Vault" hands the cloud half (loaded on demand), and
 * what the command returns. The value is handed over only to be written to the vault.
 */
import type { MoveArgs } from './args';

/** The finding being moved, as the cloud half needs it; the file edit stays with the editor half. */
export interface MoveSource {
  /** `path:line`, for messages. */
  readonly where: string;
  /** The hard-coded value: goes to the vault, nowhere else. */
  readonly value: string;
  /** Secret kind of the finding (`password`, `api-key`, …). */
  readonly kind: string;
  /** The flow (solution) or the file name without extension. */
  readonly flowName: string;
  /** The argument or variable that holds it (`Password`, `SftpPassword`). */
  readonly argument?: string;
  /** The action id or `SET`. */
  readonly context?: string;
  /** The user name the flow shows beside it, if any. */
  readonly userName?: string;
  /** Why the Get credential edit cannot be made with this credential name, or undefined. */
  editProblem(credentialName: string): string | undefined;
  /** Applies the Get credential edit as one WorkspaceEdit; false when it could not be applied. */
  applyEdit(credentialName: string): Promise<boolean>;
}

export interface MoveCommandResult {
  readonly applied: boolean;
  /** Why not; names only. */
  readonly reason?: string;
  readonly environment?: string;
  readonly vault?: string;
  readonly secretName?: string;
  readonly credentialName?: string;
  readonly userName?: string;
  readonly secretReference?: string;
  /** After a failure: what was undone and what remains. */
  readonly undone?: readonly string[];
  readonly remains?: readonly string[];
}

/** The field the suggested names come from: the argument or variable, unless it says nothing (`Text`). */
export function fieldOf(source: Pick<MoveSource, 'argument' | 'kind'>): string {
  const generic = /^(text|value|script|texttosend|texttofill|customheaders|headers|body)$/i;
  return source.argument && !generic.test(source.argument) ? source.argument : source.kind;
}

/** The cloud half's entry point (AzureFeatures.moveToKeyVault). */
export interface MoveToKeyVaultFeature {
  run(source: MoveSource, args: MoveArgs, scripted: boolean): Promise<MoveCommandResult>;
}
