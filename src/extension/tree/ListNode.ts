/** A node whose children come from a paged list (pure state in src/azure/pagedList.ts): it only renders the list and drives it. */
import type { PagedList } from '../../azure/pagedList';
import { TreeNode } from './TreeNode';
import type { ListOwner } from './statusNodes';

/** Shows progress in the view while a load runs. */
export interface ShowsProgress {
  progress(p: Promise<unknown>): void;
}

export abstract class ListNode<T, K extends string> extends TreeNode<K> implements ListOwner<K> {
  abstract readonly list: PagedList<T>;
  abstract readonly noun: string;
  protected abstract readonly services: ShowsProgress;

  loadMore(): Promise<void> {
    return this.track(this.list.loadMore());
  }

  cancelLoading(): void {
    this.list.cancel();
  }

  retry(): Promise<void> {
    return this.loadMore();
  }

  /** Forgets what was loaded; the next expand loads again. */
  reset(): void {
    this.list.reset();
  }

  ensureStarted(): void {
    if (this.list.state === 'idle') void this.track(this.list.loadMore());
  }

  override async whenLoaded(): Promise<void> {
    this.ensureStarted();
    await this.list.whenIdle();
  }

  /** Shows `p` as progress in the view; returns it. */
  protected track(p: Promise<void>): Promise<void> {
    this.services.progress(p);
    return p;
  }
}
