/** Commands get a tree node (from a menu), a node id (tests, other features) or `{ id }`. */
import { TreeNode, type TreeSpec } from './TreeNode';

/** Finds nodes of one view by id. */
export interface FindsNodes<K extends string> {
  findById(id: string, options: { load?: boolean }): Promise<TreeNode<K> | undefined>;
}

/** True for a node of the view that `tree` describes. */
export function isNodeOf<K extends string>(tree: TreeSpec, value: unknown): value is TreeNode<K> {
  return value instanceof TreeNode && value.tree === tree;
}

/** The node that `arg` names in this view, if it is of one of `kinds`. */
export async function resolveTreeNode<K extends string, T extends TreeNode<K>>(
  tree: TreeSpec,
  provider: FindsNodes<K>,
  arg: unknown,
  kinds: readonly K[],
  options: { load?: boolean } = { load: true },
): Promise<T | undefined> {
  let node: TreeNode<K> | undefined;
  if (isNodeOf<K>(tree, arg)) node = arg;
  else if (typeof arg === 'string') node = await provider.findById(arg, options);
  else if (arg && typeof arg === 'object' && typeof (arg as { id?: unknown }).id === 'string') {
    node = await provider.findById((arg as { id: string }).id, options);
  }
  return node && (kinds as readonly string[]).includes(node.kind) ? (node as T) : undefined;
}

/** The options object that may follow (or replace) the node argument. */
export function optionsArg<T extends object>(args: unknown[]): Partial<T> {
  for (const a of args) {
    if (a && typeof a === 'object' && !(a instanceof TreeNode) && !('id' in a) && !('getTreeItem' in a)) return a as Partial<T>;
  }
  return {};
}
