/**
 * What a doctor check returns. Checks are pure functions from gathered facts (`facts.ts`) to
 * these; the same checks feed the VS Code report and `flow-vault doctor`.
 */

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** Groups, in the order reports show them. */
export const CHECK_GROUPS = ['environment', 'machine', 'local', 'credential'] as const;
export type CheckGroup = (typeof CHECK_GROUPS)[number];

export const GROUP_TITLES: Readonly<Record<CheckGroup, string>> = {
  environment: 'Environment',
  machine: 'Machine registration',
  local: 'This computer',
  credential: 'Credentials',
};

/** What to do about a warning or failure. */
export interface DoctorFix {
  /** Exactly what to do, in words. */
  readonly text: string;
  /** The portal page where it is done. */
  readonly url?: string;
  /** The command that does it (Azure CLI), with the real ids filled in. */
  readonly command?: string;
}

export interface DoctorCheck {
  /** Stable kebab-case id; the same id repeats for each subject (credential, vault, host). */
  readonly id: string;
  readonly group: CheckGroup;
  readonly title: string;
  /** What the check is about when it repeats: a credential, vault or host name. */
  readonly subject?: string;
  readonly status: CheckStatus;
  /** What was read (never a secret value). */
  readonly evidence: string;
  /** Present when there is something to do. */
  readonly fix?: DoctorFix;
}
