/** Load More, Cancel Loading and Retry on the status rows of a list. */
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { KvNode } from '../tree/KvNode';
import type { ErrorNode, ListOwner } from '../tree/statusNodes';
import { resolveNode } from './resolveNode';

function ownerOf(node: KvNode): ListOwner | undefined {
  const n = node as unknown as { owner?: ListOwner };
  if (n.owner) return n.owner;
  const o = node as Partial<ListOwner>;
  return o.list && typeof o.loadMore === 'function' ? (node as ListOwner) : undefined;
}

/** Loads the next page; returns how many items the list holds afterwards. */
export async function loadMore(provider: KeyVaultTreeDataProvider, arg: unknown): Promise<number | undefined> {
  const node = await resolveNode<KvNode>(provider, arg, ['loadMore', 'vault', 'secret', 'subscription', 'tenant']);
  const owner = node && ownerOf(node);
  if (!owner) return undefined;
  await owner.loadMore();
  return owner.list.items.length;
}

export async function cancelLoading(provider: KeyVaultTreeDataProvider, arg: unknown): Promise<boolean> {
  if (arg === undefined) {
    provider.cancelAll();
    return true;
  }
  const node = await resolveNodeNoLoad(provider, arg);
  const owner = node && ownerOf(node);
  if (!owner) return false;
  owner.cancelLoading();
  return true;
}

export async function retry(provider: KeyVaultTreeDataProvider, arg: unknown): Promise<boolean> {
  const node = await resolveNode<ErrorNode>(provider, arg, ['error']);
  if (!node?.targets.retry) return false;
  await node.targets.retry();
  return true;
}

/** Cancel must not wait for the loading it is meant to stop. */
async function resolveNodeNoLoad(provider: KeyVaultTreeDataProvider, arg: unknown): Promise<KvNode | undefined> {
  if (typeof arg === 'string' || (arg && typeof arg === 'object' && typeof (arg as { id?: unknown }).id === 'string' && !(arg as KvNode).getTreeItem)) {
    const id = typeof arg === 'string' ? arg : (arg as { id: string }).id;
    return provider.findById(id.replace(/\|loading$/, ''), { load: false });
  }
  return arg as KvNode;
}
