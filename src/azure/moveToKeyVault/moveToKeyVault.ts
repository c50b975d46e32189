/**
 * "Move to Key Vault": create the vault secret with the hard-coded value, then the credential
 * and its two environment variables in one atomic Dataverse write. The file edit is the caller's
 * and comes last; a `done` outcome carries `undo()` for when that edit fails.
 *
 * If a step fails or the caller cancels, the steps that succeeded are undone, and the outcome
 * says what happened, why, the fix, and exactly what could not be undone. The value goes into
 * `createSecret` and nowhere else: every message is built from names and masked again.
 */
import { secretArmPath, validateSecretName } from '../keyVault/references';
import { credentialNameProblem } from '../../core/fix';
import { redact } from '../errors';
import { problemOf, rollback, type CreatedSteps } from './rollback';
import type { MoveDone, MoveNotDone, MoveOutcome, MoveRequest, RollbackReport } from './types';

export async function moveToKeyVault(request: MoveRequest): Promise<MoveOutcome> {
  const { vault, environment, secretName, credentialName, signal } = request;
  const sensitiveValues = [request.value];
  const envName = environment.environment.friendlyName;
  const progress = request.onProgress ?? (() => undefined);
  const created: { secretName?: string; credential?: CreatedSteps['credential'] } = {};

  const invalid = validateSecretName(secretName) ?? credentialNameProblem(credentialName);
  if (invalid) {
    return notDone('failed', undefined, nothingDone, `Nothing was changed: ${invalid}`);
  }
  if (!request.value) return notDone('failed', undefined, nothingDone, 'Nothing was changed: the hard-coded value is empty.');

  const undo = async (): Promise<RollbackReport> => {
    progress('rollback', `Undoing the changes in ${describeCreated(created, vault.vault.name, envName)}…`);
    return rollback(vault, environment, created, { purge: request.purgeOnRollback, sensitiveValues });
  };
  const cancelled = async (): Promise<MoveNotDone> => {
    const report = await undo();
    return notDone('cancelled', undefined, report, `Cancelled. ${summary(report)}`);
  };

  if (signal?.aborted) return notDone('cancelled', undefined, nothingDone, 'Cancelled. Nothing was changed.');

  // 1. The secret. The write itself is not interrupted: cancellation waits for it, then undoes it.
  progress('secret', `Creating secret ${secretName} in vault ${vault.vault.name}…`);
  let secret;
  try {
    secret = await vault.createSecret(secretName, request.value, {
      contentType: 'password',
      tags: { 'flow-vault-credential': credentialName.slice(0, 256) },
    });
  } catch (e) {
    const problem = problemOf(e, 'createSecret', sensitiveValues);
    return notDone('failed', 'secret', nothingDone, `Could not create secret ${secretName} in vault ${vault.vault.name}: ${problem.message} Nothing was changed.`, problem);
  }
  created.secretName = secretName;
  if (signal?.aborted) return cancelled();

  // 2. The credential and its variables, all or nothing.
  const secretReference = secretArmPath({
    subscriptionId: vault.vault.subscriptionId,
    resourceGroup: vault.vault.resourceGroup,
    vaultName: vault.vault.name,
    secretName,
  });
  progress('credential', `Creating credential ${credentialName} in environment ${envName}…`);
  try {
    created.credential = await environment.createKeyVaultCredential({
      name: credentialName,
      userName: request.userName,
      secretReference,
      description: request.description,
      schemaPrefix: request.schemaPrefix,
    });
  } catch (e) {
    const problem = problemOf(e, 'createCredential', sensitiveValues);
    const report = await undo();
    return notDone(
      'failed',
      'credential',
      report,
      `Could not create credential ${credentialName} in environment ${envName}: ${problem.message} ${summary(report)}`,
      problem,
    );
  }
  if (signal?.aborted) return cancelled();

  const done: MoveDone = { status: 'done', secret, secretReference, credential: created.credential, undo };
  return done;

  function notDone(
    status: MoveNotDone['status'],
    step: MoveNotDone['step'],
    report: RollbackReport,
    message: string,
    problem?: MoveNotDone['problem'],
  ): MoveNotDone {
    return { status, step, problem, rollback: report, message: redact(message, sensitiveValues) };
  }
}

const nothingDone: RollbackReport = { undone: [], remains: [] };

/** "Undone: …. Still there: …." or "Nothing was left behind." */
export function summary(report: RollbackReport): string {
  const parts: string[] = [];
  if (report.undone.length) parts.push(`Undone: ${report.undone.join('; ')}.`);
  if (report.remains.length) parts.push(`Could not be undone: ${report.remains.join('; ')}.`);
  else parts.push(report.undone.length ? 'Nothing was left behind.' : 'Nothing was changed.');
  return parts.join(' ');
}

function describeCreated(created: CreatedSteps, vaultName: string, envName: string): string {
  const where = [created.credential ? `environment ${envName}` : undefined, created.secretName ? `vault ${vaultName}` : undefined];
  return where.filter(Boolean).join(' and ') || 'Azure';
}
