/**
 * Linting a large tree on every core: one worker thread per core takes the files one at a time
 * from a shared counter, largest first, and sends back plain per-file outcomes, which are put
 * back in the order of the files: the report is the same as with one thread. A worker that
 * cannot start or fails leaves its files to the main thread.
 *
 * The main thread does not lint beside the workers: it collects the outcomes and draws the
 * progress line, and its heap, whose young generation cannot be limited, stays small (main + 1
 * worker measured no faster than 2 workers, for as much CPU time and memory).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FileOutcome, LintContext, LintJob } from './lint-file';

/**
 * `auto` adds a thread per this many bytes of input (up to one per core). Each thread is a V8
 * isolate of its own: it loads the engine, compiles its hot code again (TurboFan: ~1 s of CPU
 * on V8's background threads for the benchmark corpus) and grows a heap of its own. Measured
 * with 2 cores on the 41 MB, 4,110-file benchmark corpus, 2 workers took 2.1 s, 3.9 s of CPU
 * and 255 MiB against 1.5 s, 2.2 s and 141 MiB on one thread; on 3 copies of it (123 MB), 3.0 s
 * against 3.3 s, for 297 MiB against 173 MiB. Below two of these, `auto` lints on one thread.
 */
export const PARALLEL_BYTES_PER_THREAD = 64 * 1024 * 1024;

/**
 * The young generation of each worker, in MiB. V8's default lets each thread's heap grow by up
 * to 48 MiB of semi-spaces before it collects; 16 kept the run's peak RSS ~80 MiB lower for the
 * same CPU time (smaller ones cost more collections).
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

/** How many outcomes a worker sends at once. */
const BATCH = 64;

/** Threads this machine can run at once. */
export function availableThreads(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, n);
}

/**
 * Reads `--concurrency` / FLOW_VAULT_CONCURRENCY: a whole number of 1 or more, or `auto`.
 * Returns undefined for auto, or a message when the value is not valid.
 */
export function parseConcurrency(value: string | undefined): { threads?: number } | { error: string } {
  if (value === undefined || value === '' || value === 'auto') return {};
  if (!/^\d+$/.test(value) || Number(value) < 1) return { error: `takes a whole number of 1 or more, or "auto", not "${value}"` };
  return { threads: Math.min(Number(value), 256) };
}

/** `auto`: one thread per PARALLEL_BYTES_PER_THREAD of input, at most one per core and file. */
export function autoThreads(files: number, bytes: number, cores = availableThreads()): number {
  const n = Math.min(cores, files, Math.floor(bytes / PARALLEL_BYTES_PER_THREAD));
  return n >= 2 ? n : 1;
}

/** In the shared Int32Array: the next job to take. */
const NEXT = 0;

/** What the main thread sends a worker. */
export interface StartMessage {
  readonly type: 'start';
  readonly jobs: readonly LintJob[];
  readonly ctx: LintContext;
}

/** What a worker sends back: outcomes by job index, then `done`. */
export type WorkerMessage =
  | { readonly type: 'outcomes'; readonly items: readonly (readonly [number, FileOutcome])[] }
  | { readonly type: 'done' };

export interface WorkerData {
  /** One Int32: the index of the next job to take. */
  readonly shared: SharedArrayBuffer;
}

interface Slot {
  readonly worker: Worker;
  /** Settles when the worker is done, or failed. */
  readonly finished: Promise<void>;
}

/**
 * Worker threads: started as soon as their number is known (with --concurrency, before the
 * settings are read, so that they load the engine meanwhile), then given the jobs by `run`.
 */
export class LintThreads {
  private readonly slots: Slot[] = [];
  private outcomes: (FileOutcome | undefined)[] = [];
  private received = 0;
  private onProgress: ((done: number) => void) | undefined;

  private constructor(workers: readonly Worker[]) {
    for (const worker of workers) {
      const finished = new Promise<void>((resolve) => {
        let settled = false;
        const end = () => {
          if (settled) return;
          settled = true;
          // A worker that sent `done` is ending by itself; one that failed is stopped.
          void worker.terminate().catch(() => undefined);
          resolve();
        };
        worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'outcomes') {
            for (const [i, outcome] of m.items) this.outcomes[i] = outcome;
            this.received += m.items.length;
            this.onProgress?.(this.received);
          } else if (m.type === 'done') {
            end();
          }
        });
        // Its files without an outcome are linted by the main thread.
        worker.on('error', end);
        worker.on('messageerror', end);
        worker.on('exit', end);
      });
      this.slots.push({ worker, finished });
    }
  }

  /** Starts `count` workers; undefined when worker threads are not available here. */
  static start(count: number): LintThreads | undefined {
    if (count < 1) return undefined;
    const file = path.join(__dirname, 'lint-worker.js');
    // Run from the TypeScript sources (ts-node), there is no compiled worker.
    if (!fs.existsSync(file)) return undefined;
    let WorkerClass: typeof Worker;
    try {
      ({ Worker: WorkerClass } = require('node:worker_threads') as typeof import('node:worker_threads'));
    } catch {
      return undefined;
    }
    const data: WorkerData = { shared: new SharedArrayBuffer(4) };
    const workers: Worker[] = [];
    for (let k = 0; k < count; k++) {
      try {
        workers.push(
          new WorkerClass(file, {
            workerData: data,
            resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
            stdout: false,
            stderr: false,
          }),
        );
      } catch {
        break;
      }
    }
    if (workers.length === 0) return undefined;
    return new LintThreads(workers);
  }

  /**
   * Lints `jobs` (best given largest first) on the workers; `lintHere` is the main thread's
   * linter, for the files of a worker that failed. Outcomes come back in the order of `jobs`.
   */
  async run(
    jobs: readonly LintJob[],
    ctx: LintContext,
    lintHere: (job: LintJob) => FileOutcome,
    onProgress?: (done: number) => void,
  ): Promise<FileOutcome[]> {
    const n = jobs.length;
    this.outcomes = new Array<FileOutcome | undefined>(n);
    this.received = 0;
    this.onProgress = onProgress;
    const start: StartMessage = { type: 'start', jobs, ctx };
    for (const s of this.slots) s.worker.postMessage(start);
    await Promise.all(this.slots.map((s) => s.finished));
    this.onProgress = undefined;
    const outcomes = this.outcomes;
    // Files of a worker that failed: lint them here.
    for (let i = 0; i < n; i++) outcomes[i] ??= lintHere(jobs[i]!);
    return outcomes as FileOutcome[];
  }

  /** Stops the workers (when the run ends before `run`). */
  close(): void {
    for (const s of this.slots) void s.worker.terminate().catch(() => undefined);
  }
}

/** The worker's side of the protocol: take jobs until there are none left. */
export function serveJobs(
  data: WorkerData,
  message: StartMessage,
  lint: (job: LintJob, ctx: LintContext) => FileOutcome,
  post: (m: WorkerMessage) => void,
): void {
  const state = new Int32Array(data.shared);
  const { jobs, ctx } = message;
  let batch: [number, FileOutcome][] = [];
  for (;;) {
    const i = Atomics.add(state, NEXT, 1);
    if (i >= jobs.length) break;
    batch.push([i, lint(jobs[i]!, ctx)]);
    if (batch.length >= BATCH) {
      post({ type: 'outcomes', items: batch });
      batch = [];
    }
  }
  if (batch.length > 0) post({ type: 'outcomes', items: batch });
  post({ type: 'done' });
}
