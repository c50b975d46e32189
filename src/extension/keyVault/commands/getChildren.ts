/**
 * flowVault.keyVault.getChildren (not in the palette): what the Key Vault view shows under a
 * node, as plain snapshots, after waiting for that node's loading. Used by the in-host tests and
 * open to other Flow Vault features. Never carries a value (the tree has none).
 */
import { childSnapshots, type GetChildrenArgs } from '../../tree/getChildren';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { NodeSnapshot } from '../tree/KvNode';

export type { GetChildrenArgs };

export function getChildren(provider: KeyVaultTreeDataProvider, args: GetChildrenArgs = {}): Promise<NodeSnapshot[] | undefined> {
  return childSnapshots(provider, args);
}
