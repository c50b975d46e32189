/**
 * Per-key debouncing (one timer per document). Pure: no `vscode`; the timer functions can be
 * replaced in tests.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Debouncer<K> {
  private readonly pending = new Map<K, unknown>();

  constructor(private readonly timers: Timers = realTimers) {}

  /** Runs `fn` after `delayMs` unless `schedule` or `cancel` is called again for `key` first. */
  schedule(key: K, delayMs: number, fn: () => void): void {
    this.cancel(key);
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(key);
      fn();
    }, Math.max(0, delayMs));
    this.pending.set(key, handle);
  }

  cancel(key: K): void {
    const handle = this.pending.get(key);
    if (handle !== undefined) {
      this.timers.clearTimeout(handle);
      this.pending.delete(key);
    }
  }

  isPending(key: K): boolean {
    return this.pending.has(key);
  }

  dispose(): void {
    for (const handle of this.pending.values()) this.timers.clearTimeout(handle);
    this.pending.clear();
  }
}
