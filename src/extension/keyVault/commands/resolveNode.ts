/** Commands get a tree node (from a menu), a node id (tests, other features) or `{ id }`. */
import type { KvNode, NodeKind } from '../tree/KvNode';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import { KvNode as KvNodeClass } from '../tree/KvNode';

export async function resolveNode<T extends KvNode>(
  provider: KeyVaultTreeDataProvider,
  arg: unknown,
  kinds: readonly NodeKind[],
): Promise<T | undefined> {
  let node: KvNode | undefined;
  if (arg instanceof KvNodeClass) node = arg;
  else if (typeof arg === 'string') node = await provider.findById(arg, { load: true });
  else if (arg && typeof arg === 'object' && typeof (arg as { id?: unknown }).id === 'string') {
    node = await provider.findById((arg as { id: string }).id, { load: true });
  }
  return node && kinds.includes(node.kind) ? (node as T) : undefined;
}

/** The options object that may follow the node argument. */
export function optionsArg<T extends object>(args: unknown[]): Partial<T> {
  for (const a of args) {
    if (a && typeof a === 'object' && !(a instanceof KvNodeClass) && !('id' in (a as object))) return a as Partial<T>;
  }
  return {};
}
