/**
 * flowVault.credentials.getChildren (not in the palette): what the Credentials view shows under a
 * node, as plain snapshots, after waiting for that node's loading (and, with `health`, for the
 * health checks). Used by the in-host tests and open to other Flow Vault features. Never carries
 * a secret value (the tree has none).
 */
import type { CredNodeSnapshot } from '../tree/CredNode';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';

export interface CredGetChildrenArgs {
  /** Parent node id; omitted: the root. */
  readonly id?: string;
  /** Wait for the node's loading to settle (default true). */
  readonly wait?: boolean;
  /** Also wait until every queued health check has finished (default false). */
  readonly health?: boolean;
}

export async function getCredentialChildren(provider: CredentialsTreeDataProvider, args: CredGetChildrenArgs = {}): Promise<CredNodeSnapshot[] | undefined> {
  const wait = args.wait !== false;
  if (!args.id) {
    if (wait) await provider.ensureTenants();
    return (await provider.getChildren()).map((n) => n.snapshot());
  }
  const node = await provider.findById(args.id, { load: wait });
  if (!node) return undefined;
  if (wait) await node.whenLoaded();
  if (args.health) await provider.whenHealthChecked();
  return (await provider.getChildren(node)).map((n) => n.snapshot());
}
