/** Load More, Cancel Loading and Retry on the status rows of the Credentials view. */
import type { CredNode } from '../tree/CredNode';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';
import type { CredErrorNode, CredListOwner } from '../tree/statusNodes';
import { resolveCredNode } from './resolveNode';

function ownerOf(node: CredNode): CredListOwner | undefined {
  const n = node as unknown as { owner?: CredListOwner };
  if (n.owner) return n.owner;
  const o = node as Partial<CredListOwner>;
  return o.list && typeof o.loadMore === 'function' ? (node as CredListOwner) : undefined;
}

/** Loads the next page; returns how many items the list holds afterwards. */
export async function loadMoreCredentials(provider: CredentialsTreeDataProvider, arg: unknown): Promise<number | undefined> {
  const node = await resolveCredNode<CredNode>(provider, arg, ['loadMore', 'environment', 'tenant']);
  const owner = node && ownerOf(node);
  if (!owner) return undefined;
  await owner.loadMore();
  return owner.list.items.length;
}

/** Cancels one list, or (no argument) everything, health checks included. */
export async function cancelCredentialsLoading(provider: CredentialsTreeDataProvider, arg: unknown): Promise<boolean> {
  if (arg === undefined) {
    provider.cancelAll();
    return true;
  }
  // Cancel must not wait for the loading it is meant to stop.
  const id = typeof arg === 'string' ? arg : undefined;
  const node = id ? await provider.findById(id.replace(/\|loading$/, ''), { load: false }) : await resolveCredNode<CredNode>(provider, arg, ['loading', 'environment', 'tenant'], { load: false });
  const owner = node && ownerOf(node);
  if (!owner) return false;
  owner.cancelLoading();
  return true;
}

export async function retryCredentials(provider: CredentialsTreeDataProvider, arg: unknown): Promise<boolean> {
  const node = await resolveCredNode<CredErrorNode>(provider, arg, ['error']);
  if (!node?.targets.retry) return false;
  await node.targets.retry();
  return true;
}
