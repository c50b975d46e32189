/**
 * A list that loads a page at a time: the state behind a tree node with "Load more…" (or one that
 * keeps loading by itself, for subscriptions), with cancellation, retry from where it stopped, and
 * every failure classified. No vscode import: the host only renders its state.
 */
import { classifyAzureError, isAzureProblem, type AzureProblem, type ProblemContext } from './errors';
import { AzureProblemError } from './errors';
import type { Page, PageOptions } from './paging';

export type PagedListState = 'idle' | 'loading' | 'more' | 'done' | 'error';

export interface PagedListOptions<T> {
  /** Fetches one page; must honour `signal`. */
  readonly fetchPage: (options: PageOptions) => Promise<Page<T>>;
  /** Called after every state change (new items, loading, error). */
  readonly onDidChange?: () => void;
  /** Keep fetching pages until the end without being asked (subscriptions). */
  readonly autoContinue?: boolean;
  readonly pageSize?: number;
  /** Dedupe key: an item whose key is already loaded is not added again. */
  readonly keyOf?: (item: T) => string;
  /** Context for classifying errors that are not already classified. */
  readonly problemContext: ProblemContext;
}

export class PagedList<T> {
  private _items: T[] = [];
  private keys = new Set<string>();
  private token: string | undefined;
  private _state: PagedListState = 'idle';
  private _problem: AzureProblem | undefined;
  private controller: AbortController | undefined;
  private generation = 0;
  private current: Promise<void> | undefined;
  /** Pages fetched since the last reset (for figures and tests). */
  pagesLoaded = 0;

  constructor(private readonly options: PagedListOptions<T>) {}

  get items(): readonly T[] {
    return this._items;
  }

  get state(): PagedListState {
    return this._state;
  }

  /** The last failure (kind `cancelled` after cancel()). */
  get problem(): AzureProblem | undefined {
    return this._problem;
  }

  get isLoading(): boolean {
    return this._state === 'loading';
  }

  get hasMore(): boolean {
    return this._state === 'more';
  }

  /** Resolves when the current load (and, with autoContinue, the following pages) settle. */
  whenIdle(): Promise<void> {
    return this.current ?? Promise.resolve();
  }

  /** Starts the first page if nothing was loaded yet. */
  ensureStarted(): Promise<void> {
    if (this._state === 'idle') return this.loadMore();
    return this.whenIdle();
  }

  /** Loads the next page (continuing after an error or a cancel from where it stopped). */
  loadMore(): Promise<void> {
    if (this._state === 'loading') return this.whenIdle();
    if (this._state === 'done') return Promise.resolve();
    const generation = this.generation;
    const controller = new AbortController();
    this.controller = controller;
    this._state = 'loading';
    this._problem = undefined;
    this.changed();
    const run = async (): Promise<void> => {
      do {
        let page: Page<T>;
        try {
          page = await this.options.fetchPage({
            continuationToken: this.token,
            pageSize: this.options.pageSize,
            signal: controller.signal,
          });
        } catch (e) {
          if (generation !== this.generation) return;
          this._problem = controller.signal.aborted
            ? classifyAzureError(Object.assign(new Error('aborted'), { name: 'AbortError' }), this.options.problemContext)
            : e instanceof AzureProblemError
              ? e.problem
              : isAzureProblem(e)
                ? e
                : classifyAzureError(e, this.options.problemContext);
          this._state = 'error';
          this.changed();
          return;
        }
        if (generation !== this.generation) return;
        if (controller.signal.aborted) {
          this._problem = classifyAzureError(Object.assign(new Error('aborted'), { name: 'AbortError' }), this.options.problemContext);
          this._state = 'error';
          this.changed();
          return;
        }
        this.pagesLoaded++;
        this.add(page.items);
        this.token = page.continuationToken;
        const more = !!this.token;
        this._state = more && this.options.autoContinue ? 'loading' : more ? 'more' : 'done';
        this.changed();
      } while (this._state === 'loading' && generation === this.generation && !controller.signal.aborted);
      if (controller.signal.aborted && generation === this.generation && this._state === 'loading') {
        this._problem = classifyAzureError(Object.assign(new Error('aborted'), { name: 'AbortError' }), this.options.problemContext);
        this._state = 'error';
        this.changed();
      }
    };
    const p = run().finally(() => {
      if (this.current === p) this.current = undefined;
    });
    this.current = p;
    return p;
  }

  /** Stops loading; what was loaded stays, and loadMore() resumes. */
  cancel(): void {
    if (this._state !== 'loading') return;
    this.controller?.abort();
  }

  /** Forgets everything (refresh); a load in flight is aborted and its result dropped. */
  reset(): void {
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
    this.current = undefined;
    this._items = [];
    this.keys.clear();
    this.token = undefined;
    this._state = 'idle';
    this._problem = undefined;
    this.pagesLoaded = 0;
    this.changed();
  }

  /** Adds items loaded elsewhere (a secret just created), skipping ones already present. */
  insert(items: readonly T[]): void {
    this.add(items);
    this.changed();
  }

  private add(items: readonly T[]): void {
    for (const item of items) {
      const key = this.options.keyOf?.(item);
      if (key !== undefined) {
        if (this.keys.has(key)) continue;
        this.keys.add(key);
      }
      this._items.push(item);
    }
  }

  /** Replaces an item (same key) in place, e.g. after enabling or disabling it. */
  replace(item: T): boolean {
    const keyOf = this.options.keyOf;
    if (!keyOf) return false;
    const key = keyOf(item);
    const i = this._items.findIndex((x) => keyOf(x) === key);
    if (i < 0) return false;
    this._items[i] = item;
    this.changed();
    return true;
  }

  private changed(): void {
    try {
      this.options.onDidChange?.();
    } catch {
      // a listener's failure must not break loading
    }
  }
}
