/** Commands get a tree node (from a menu), a node id (tests, other features) or `{ id }`. */
import { CredNode, type CredNodeKind } from '../tree/CredNode';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';

export async function resolveCredNode<T extends CredNode>(
  provider: CredentialsTreeDataProvider,
  arg: unknown,
  kinds: readonly CredNodeKind[],
  options: { load?: boolean } = { load: true },
): Promise<T | undefined> {
  let node: CredNode | undefined;
  if (arg instanceof CredNode) node = arg;
  else if (typeof arg === 'string') node = await provider.findById(arg, options);
  else if (arg && typeof arg === 'object' && typeof (arg as { id?: unknown }).id === 'string') {
    node = await provider.findById((arg as { id: string }).id, options);
  }
  return node && kinds.includes(node.kind) ? (node as T) : undefined;
}

/** The options object that may follow (or replace) the node argument. */
export function credOptionsArg<T extends object>(args: unknown[]): Partial<T> {
  for (const a of args) {
    if (a && typeof a === 'object' && !(a instanceof CredNode) && !('id' in (a as object)) && !('getTreeItem' in (a as object))) return a as Partial<T>;
  }
  return {};
}
