/**
 * flowVault.keyVault.getChildren (not in the palette): what the Key Vault view shows under a
 * node, as plain snapshots, after waiting for that node's loading. Used by the in-host tests and
 * open to other Flow Vault features. Never carries a value (the tree has none).
 */
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { NodeSnapshot } from '../tree/KvNode';

export interface GetChildrenArgs {
  /** Parent node id; omitted: the root. */
  readonly id?: string;
  /** Wait for the node's loading to settle (default true). */
  readonly wait?: boolean;
}

export async function getChildren(provider: KeyVaultTreeDataProvider, args: GetChildrenArgs = {}): Promise<NodeSnapshot[] | undefined> {
  const wait = args.wait !== false;
  if (!args.id) {
    if (wait) await provider.ensureTenants();
    return (await provider.getChildren()).map((n) => n.snapshot());
  }
  const node = await provider.findById(args.id, { load: wait });
  if (!node) return undefined;
  if (wait) await node.whenLoaded();
  return (await provider.getChildren(node)).map((n) => n.snapshot());
}
