/** Flow Vault: Refresh Credentials: everything (view title), or one credential's health (its row). */
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';
import type { CredentialNode } from '../tree/credentialNodes';
import { resolveCredNode } from './resolveNode';

export async function refreshCredentials(provider: CredentialsTreeDataProvider, arg: unknown): Promise<void> {
  await provider.services.manager.whenRestored();
  const node = arg === undefined ? undefined : await resolveCredNode<CredentialNode>(provider, arg, ['credential'], { load: false });
  if (node) {
    node.recheck();
    return;
  }
  await provider.reload();
}
