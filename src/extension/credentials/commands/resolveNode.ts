/** Commands get a Credentials node (from a menu), a node id (tests, other features) or `{ id }`. */
import { resolveTreeNode } from '../../tree/resolveNode';
import { CREDENTIALS_TREE, type CredNode, type CredNodeKind } from '../tree/CredNode';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';

export function resolveCredNode<T extends CredNode>(
  provider: CredentialsTreeDataProvider,
  arg: unknown,
  kinds: readonly CredNodeKind[],
  options: { load?: boolean } = { load: true },
): Promise<T | undefined> {
  return resolveTreeNode<CredNodeKind, T>(CREDENTIALS_TREE, provider, arg, kinds, options);
}
