/**
 * Runs health checks a few at a time, in the order rows appeared, after the rows are shown: the
 * first rows show at once and their health fills in. Cancelling drops what has not started and
 * aborts what runs. Pure (no vscode).
 */
export interface HealthJob {
  /** Runs the check; must honour the signal. */
  run(signal: AbortSignal): Promise<void>;
}

export class HealthQueue {
  private queue: HealthJob[] = [];
  private running = 0;
  /** One controller per running job, so that a job's listeners go with it. */
  private readonly controllers = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency = 4) {}

  add(jobs: readonly HealthJob[]): void {
    this.queue.push(...jobs);
    this.pump();
  }

  get pending(): number {
    return this.queue.length + this.running;
  }

  /** Stops everything queued or running. */
  cancel(): void {
    this.queue = [];
    for (const c of this.controllers) c.abort();
    this.controllers.clear();
    if (this.running === 0) this.settle();
  }

  /** Resolves when nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const controller = new AbortController();
      this.controllers.add(controller);
      this.running++;
      void job
        .run(controller.signal)
        .catch(() => undefined)
        .finally(() => {
          this.controllers.delete(controller);
          this.running--;
          this.pump();
          if (this.pending === 0) this.settle();
        });
    }
  }

  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
