/** Commands get a Key Vault node (from a menu), a node id (tests, other features) or `{ id }`. */
import { resolveTreeNode } from '../../tree/resolveNode';
import { KEY_VAULT_TREE, type KvNode, type NodeKind } from '../tree/KvNode';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';

export function resolveNode<T extends KvNode>(provider: KeyVaultTreeDataProvider, arg: unknown, kinds: readonly NodeKind[]): Promise<T | undefined> {
  return resolveTreeNode<NodeKind, T>(KEY_VAULT_TREE, provider, arg, kinds);
}
