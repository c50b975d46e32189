/** Load More, Cancel Loading and Retry on the status rows of a view's paged lists. */
import { isNodeOf, resolveTreeNode, type FindsNodes } from './resolveNode';
import type { ErrorNode, ListOwner } from './statusNodes';
import type { StatusKind, TreeNode, TreeSpec } from './TreeNode';

export interface ListCommandsHost<K extends string> extends FindsNodes<K> {
  /** Stops every load of the view. */
  cancelAll(): void;
}

export interface ListCommands {
  /** Loads the next page; returns how many items the list holds afterwards. */
  loadMore(arg: unknown): Promise<number | undefined>;
  /** Cancels one list, or (no argument) everything. */
  cancelLoading(arg: unknown): Promise<boolean>;
  /** Runs an error row's retry. */
  retry(arg: unknown): Promise<boolean>;
}

function ownerOf<K extends string>(node: TreeNode<K>): ListOwner<K> | undefined {
  const n = node as unknown as { owner?: ListOwner<K> };
  if (n.owner) return n.owner;
  const o = node as Partial<ListOwner<K>>;
  return o.list && typeof o.loadMore === 'function' ? (node as ListOwner<K>) : undefined;
}

/** The commands of a view whose nodes of kinds `owners` own paged lists. */
export function listCommands<K extends string>(tree: TreeSpec, provider: ListCommandsHost<K>, owners: readonly K[]): ListCommands {
  const kinds = (...status: StatusKind[]): readonly K[] => [...(status as string[] as K[]), ...owners];
  return {
    async loadMore(arg) {
      const node = await resolveTreeNode<K, TreeNode<K>>(tree, provider, arg, kinds('loadMore'));
      const owner = node && ownerOf(node);
      if (!owner) return undefined;
      await owner.loadMore();
      return owner.list.items.length;
    },
    async cancelLoading(arg) {
      if (arg === undefined) {
        provider.cancelAll();
        return true;
      }
      // Cancel must not wait for the loading it is meant to stop: find the list's own node, loading nothing.
      const id = typeof arg === 'string' ? arg : !isNodeOf(tree, arg) && arg && typeof (arg as { id?: unknown }).id === 'string' ? (arg as { id: string }).id : undefined;
      const found = id === undefined ? arg : id.replace(/\|loading$/, '');
      const node = await resolveTreeNode<K, TreeNode<K>>(tree, provider, found, kinds('loading'), { load: false });
      const owner = node && ownerOf(node);
      if (!owner) return false;
      owner.cancelLoading();
      return true;
    },
    async retry(arg) {
      const node = await resolveTreeNode<K, ErrorNode<K>>(tree, provider, arg, ['error' as K]);
      if (!node?.targets.retry) return false;
      await node.targets.retry();
      return true;
    },
  };
}
