/**
 * What a view shows under a node, as plain snapshots, after waiting for that node's loading: the
 * test-facing `getChildren` command of each view. Never carries a secret value (the trees have none).
 */
import type { FindsNodes } from './resolveNode';
import type { StatusKind, TreeNode, TreeNodeSnapshot } from './TreeNode';

export interface GetChildrenArgs {
  /** Parent node id; omitted: the root. */
  readonly id?: string;
  /** Wait for the node's loading to settle (default true). */
  readonly wait?: boolean;
}

export interface SnapshotSource<K extends string> extends FindsNodes<K> {
  ensureTenants(): Promise<void>;
  getChildren(node?: TreeNode<K>): Promise<TreeNode<K>[]>;
}

/** `settle` runs (for a node, not the root) after the node's own loading, before its children are read. */
export async function childSnapshots<K extends string>(
  provider: SnapshotSource<K>,
  args: GetChildrenArgs,
  settle?: () => Promise<void>,
): Promise<TreeNodeSnapshot<K | StatusKind>[] | undefined> {
  const wait = args.wait !== false;
  if (!args.id) {
    if (wait) await provider.ensureTenants();
    return (await provider.getChildren()).map((n) => n.snapshot());
  }
  const node = await provider.findById(args.id, { load: wait });
  if (!node) return undefined;
  if (wait) await node.whenLoaded();
  if (settle) await settle();
  return (await provider.getChildren(node)).map((n) => n.snapshot());
}
