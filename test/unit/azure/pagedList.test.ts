import * as assert from 'assert';
import { PagedList } from '../../../src/azure/pagedList';
import type { Page, PageOptions } from '../../../src/azure/paging';

/** A fake source of `total` numbered items, `size` per page; each call can be delayed. */
function source(total: number, size: number, delayMs = 0) {
  const calls: PageOptions[] = [];
  return {
    calls,
    fetchPage: async (o: PageOptions): Promise<Page<number>> => {
      calls.push(o);
      const start = o.continuationToken ? Number(o.continuationToken) : 0;
      if (delayMs) {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, delayMs);
          o.signal?.addEventListener('abort', () => {
            clearTimeout(t);
            reject(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }));
          });
        });
      }
      const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
      const next = start + size < total ? String(start + size) : undefined;
      return { items, continuationToken: next };
    },
  };
}

const ctx = { operation: 'listSecrets' as const, vault: { name: 'kv' } };

describe('azure/pagedList', () => {
  it('loads one page at a time, then says done', async () => {
    const s = source(5, 2);
    let changes = 0;
    const list = new PagedList<number>({ fetchPage: s.fetchPage, problemContext: ctx, onDidChange: () => changes++ });
    assert.strictEqual(list.state, 'idle');
    await list.ensureStarted();
    assert.deepStrictEqual(list.items, [0, 1]);
    assert.strictEqual(list.state, 'more');
    await list.loadMore();
    await list.loadMore();
    assert.deepStrictEqual(list.items, [0, 1, 2, 3, 4]);
    assert.strictEqual(list.state, 'done');
    assert.strictEqual(s.calls.length, 3);
    await list.loadMore();
    assert.strictEqual(s.calls.length, 3, 'no request after the last page');
    assert.ok(changes >= 6);
  });

  it('autoContinue keeps loading and shows items as pages arrive', async () => {
    const s = source(250, 100);
    const seen: number[] = [];
    const list: PagedList<number> = new PagedList<number>({
      fetchPage: s.fetchPage,
      problemContext: ctx,
      autoContinue: true,
      onDidChange: () => seen.push(list.items.length),
    });
    await list.ensureStarted();
    assert.strictEqual(list.items.length, 250);
    assert.strictEqual(list.state, 'done');
    assert.ok(seen.includes(100) && seen.includes(200), `incremental: ${seen}`);
  });

  it('cancel stops a page in flight; loadMore resumes from the same token', async () => {
    const s = source(6, 2, 200);
    const list = new PagedList<number>({ fetchPage: s.fetchPage, problemContext: ctx });
    await list.ensureStarted();
    const p = list.loadMore();
    setTimeout(() => list.cancel(), 20);
    await p;
    assert.strictEqual(list.state, 'error');
    assert.strictEqual(list.problem?.kind, 'cancelled');
    assert.deepStrictEqual(list.items, [0, 1], 'what was loaded stays');
    await list.loadMore();
    assert.deepStrictEqual(list.items, [0, 1, 2, 3]);
    assert.strictEqual(s.calls[2].continuationToken, '2', 'resumed at the token of the cancelled page');
  });

  it('classifies failures and retries from where it stopped', async () => {
    let fail = true;
    const s = source(4, 2);
    const list = new PagedList<number>({
      fetchPage: async (o) => {
        if (o.continuationToken && fail) {
          fail = false;
          throw Object.assign(new Error('x'), { statusCode: 429, code: 'Throttled' });
        }
        return s.fetchPage(o);
      },
      problemContext: ctx,
    });
    await list.ensureStarted();
    await list.loadMore();
    assert.strictEqual(list.problem?.kind, 'throttled');
    await list.loadMore();
    assert.deepStrictEqual(list.items, [0, 1, 2, 3]);
    assert.strictEqual(list.state, 'done');
  });

  it('reset drops a load in flight; insert and replace dedupe by key', async () => {
    const s = source(4, 2, 50);
    const list = new PagedList<number>({ fetchPage: s.fetchPage, problemContext: ctx, keyOf: (n) => String(n) });
    const p = list.ensureStarted();
    list.reset();
    await p;
    assert.deepStrictEqual(list.items, []);
    assert.strictEqual(list.state, 'idle');
    await list.ensureStarted();
    list.insert([1, 9]);
    assert.deepStrictEqual(list.items, [0, 1, 9]);
  });
});
