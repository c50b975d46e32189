/**
 * A short-lived cache of pending and settled lookups, shared by every credential gathered in one
 * refresh: 2,000 credentials over 5 vaults read each vault, subscription and role list once.
 * Failures are kept as well (a 403 vault is not asked again 400 times). Cached lookups run
 * without the caller's AbortSignal; each caller stops waiting on its own signal instead.
 */
import { OperationCancelledError } from '../errors';

export class FactsCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  /**
   * @param ttlMs how long an entry is reused (default one minute).
   * @param now the clock (tests pass their own).
   */
  constructor(
    readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached lookup for `key`, or a new one from `load`. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = load();
    // Settled rejections are read by every caller; keep Node from reporting them as unhandled.
    value.catch(() => undefined);
    this.entries.set(key, { at: t, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** `promise`, or a cancellation as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new OperationCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new OperationCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
