/**
 * One part of a doctor run, read with its own time limit: the value, or `timeout` / `failed` with
 * a reason that is safe to print. Cancelling the whole run rejects; nothing else does, so one
 * slow or failing part never stops the others.
 */
import type { Read } from '../../core/doctor/facts';
import { AzureProblemError, OperationCancelledError } from '../errors';

/** Runs `fn` with a signal that aborts after `ms` or when `parent` aborts. */
export async function settle<T>(ms: number, parent: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<Read<T>> {
  if (parent?.aborted) throw new OperationCancelledError();
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort();
  parent?.addEventListener('abort', onParentAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, ms);
  });
  try {
    const outcome = await Promise.race([fn(controller.signal).then((value) => ({ value })), timedOut]);
    if (parent?.aborted) throw new OperationCancelledError();
    if (outcome === 'timeout') return { status: 'timeout', reason: `no answer in ${seconds(ms)}` };
    return { status: 'read', value: outcome.value };
  } catch (e) {
    if (parent?.aborted) throw new OperationCancelledError();
    if (controller.signal.aborted) return { status: 'timeout', reason: `no answer in ${seconds(ms)}` };
    return { status: 'failed', reason: safeReason(e) };
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A classified Azure problem says what is wrong and what to do; anything else is named only (its message may quote a response). */
export function safeReason(e: unknown): string {
  if (e instanceof AzureProblemError) return e.problem.message;
  if (e instanceof DoctorReadError) return e.message;
  return `an unexpected ${e instanceof Error ? e.name || 'Error' : typeof e}`;
}

/** An error whose message was written here and is safe to print. */
export class DoctorReadError extends Error {
  override readonly name = 'DoctorReadError';
}
