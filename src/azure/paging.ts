/** One page of a listing, and the token that fetches the next one ("Load more…"). */
export interface Page<T> {
  readonly items: T[];
  /** Undefined when this was the last page. */
  readonly continuationToken?: string;
}

export interface PageOptions {
  /** From the previous page; undefined for the first page. */
  readonly continuationToken?: string;
  /** Items per page the client asks for (the service may return fewer). */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

interface ByPage<T> {
  byPage(settings?: { continuationToken?: string; maxPageSize?: number }): AsyncIterableIterator<T[] & { continuationToken?: string }>;
}

/** Takes exactly one page from an SDK pager (one request, plus any auth round trip). */
export async function takePage<TIn, TOut>(
  pager: ByPage<TIn>,
  options: PageOptions,
  map: (item: TIn) => TOut | undefined,
  tokenOf: (page: TIn[] & { continuationToken?: string }) => string | undefined = (page) => page.continuationToken,
): Promise<Page<TOut>> {
  throwIfAborted(options.signal);
  const settings: { continuationToken?: string; maxPageSize?: number } = {};
  if (options.continuationToken) settings.continuationToken = options.continuationToken;
  if (options.pageSize) settings.maxPageSize = options.pageSize;
  const iterator = pager.byPage(settings);
  const result = await iterator.next();
  throwIfAborted(options.signal);
  if (result.done || !result.value) return { items: [] };
  const page = result.value;
  const items: TOut[] = [];
  for (const item of page) {
    const mapped = map(item);
    if (mapped !== undefined) items.push(mapped);
  }
  return { items, continuationToken: tokenOf(page) || undefined };
}

/** Reads every page, handing each to `onPage` as it arrives. */
export async function forEachPage<T>(
  fetchPage: (options: PageOptions) => Promise<Page<T>>,
  onPage: (page: Page<T>, index: number) => void | Promise<void>,
  options: Omit<PageOptions, 'continuationToken'> = {},
): Promise<number> {
  let token: string | undefined;
  let index = 0;
  let total = 0;
  do {
    const page = await fetchPage({ ...options, continuationToken: token });
    total += page.items.length;
    await onPage(page, index++);
    token = page.continuationToken;
  } while (token);
  return total;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const e = new Error('The operation was aborted.');
    e.name = 'AbortError';
    throw e;
  }
}
