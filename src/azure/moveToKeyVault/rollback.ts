/**
 * Undoing the cloud steps of "Move to Key Vault", newest first: the credential and its
 * environment variables, then the secret. Each undo that fails is reported with what remains and
 * how to remove it; undo never throws.
 */
import type { CreatedCredential } from '../dataverse/types';
import { AzureProblemError, classifyAzureError, redact, type AzureProblem } from '../errors';
import type { MoveEnvironment, MoveVault, RollbackReport } from './types';

export interface CreatedSteps {
  readonly secretName?: string;
  readonly credential?: CreatedCredential;
}

export async function rollback(
  vault: MoveVault,
  environment: MoveEnvironment,
  created: CreatedSteps,
  options: { purge?: boolean; sensitiveValues: readonly string[] },
): Promise<RollbackReport> {
  const undone: string[] = [];
  const remains: string[] = [];
  const env = environment.environment.friendlyName;
  if (created.credential) {
    const name = created.credential.credential.name;
    try {
      await environment.deleteCreatedCredential(created.credential);
      undone.push(`deleted credential ${name} and its environment variables from environment ${env}`);
    } catch (e) {
      const p = problemOf(e, 'deleteCredential', options.sensitiveValues);
      remains.push(
        `credential ${name} and its two environment variables remain in environment ${env} (${p.title}): delete them in Power Automate (Data → Credentials) or in the solution that holds them`,
      );
    }
  }
  if (created.secretName) {
    const name = created.secretName;
    const where = `vault ${vault.vault.name}`;
    try {
      const deleted = await vault.deleteSecret(name);
      if (!deleted.recoverable) {
        undone.push(`deleted secret ${name} from ${where}`);
      } else if (options.purge && deleted.purgeable) {
        try {
          await vault.purgeDeletedSecret(name);
          undone.push(`deleted and purged secret ${name} from ${where}`);
        } catch (e) {
          const p = problemOf(e, 'purgeSecret', options.sensitiveValues);
          undone.push(`deleted secret ${name} from ${where}`);
          remains.push(`${softDeleted(name, where, deleted.scheduledPurgeDate)}; it could not be purged (${p.title})`);
        }
      } else {
        undone.push(`deleted secret ${name} from ${where}`);
        remains.push(
          `${softDeleted(name, where, deleted.scheduledPurgeDate)}; ${
            deleted.purgeable ? 'purge it (Secrets → Manage deleted secrets) to free the name' : 'the vault has purge protection, so choose another name'
          }`,
        );
      }
    } catch (e) {
      const p = problemOf(e, 'deleteSecret', options.sensitiveValues);
      remains.push(`secret ${name} remains in ${where} (${p.title}): delete it in the Key Vault view or the Azure portal`);
    }
  }
  return { undone, remains };
}

function softDeleted(name: string, where: string, purgeDate: Date | undefined): string {
  const until = purgeDate ? ` until ${purgeDate.toISOString().slice(0, 10)}` : ' until it is purged';
  return `secret ${name} stays in ${where} as a deleted secret, recoverable${until}, and its name cannot be reused until then`;
}

/** The classified problem of a failed step, with the value masked whatever produced it. */
export function problemOf(
  e: unknown,
  operation: 'createSecret' | 'createCredential' | 'deleteCredential' | 'deleteSecret' | 'purgeSecret',
  sensitiveValues: readonly string[],
): AzureProblem {
  const p = e instanceof AzureProblemError ? e.problem : classifyAzureError(e, { operation, sensitiveValues });
  return { ...p, title: redact(p.title, sensitiveValues), message: redact(p.message, sensitiveValues) };
}
