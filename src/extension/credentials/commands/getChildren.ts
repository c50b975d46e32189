/**
 * flowVault.credentials.getChildren (not in the palette): what the Credentials view shows under a
 * node, as plain snapshots, after waiting for that node's loading (and, with `health`, for the
 * health checks). Used by the in-host tests and open to other Flow Vault features. Never carries
 * a secret value (the tree has none).
 */
import { childSnapshots, type GetChildrenArgs } from '../../tree/getChildren';
import type { CredNodeSnapshot } from '../tree/CredNode';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';

export interface CredGetChildrenArgs extends GetChildrenArgs {
  /** Also wait until every queued health check has finished (default false). */
  readonly health?: boolean;
}

export function getCredentialChildren(provider: CredentialsTreeDataProvider, args: CredGetChildrenArgs = {}): Promise<CredNodeSnapshot[] | undefined> {
  return childSnapshots(provider, args, args.health ? () => provider.whenHealthChecked() : undefined);
}
