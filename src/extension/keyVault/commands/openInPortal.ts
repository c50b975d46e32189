/** Flow Vault: Open in Portal (the portal of the account's cloud). Returns the URL it opened. */
import * as vscode from 'vscode';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { ErrorNode } from '../../tree/statusNodes';
import type { NodeKind } from '../tree/KvNode';
import type { SecretNode, SubscriptionNode, VaultNode, VersionNode } from '../tree/resourceNodes';
import { optionsArg } from '../../tree/resolveNode';
import { resolveNode } from './resolveNode';

export async function openInPortal(provider: KeyVaultTreeDataProvider, arg: unknown, ...rest: unknown[]): Promise<string | undefined> {
  const node = await resolveNode<SecretNode | VersionNode | VaultNode | SubscriptionNode | ErrorNode<NodeKind>>(provider, arg, [
    'secret',
    'version',
    'vault',
    'subscription',
    'error',
  ]);
  if (!node) return undefined;
  let url: string | undefined;
  switch (node.kind) {
    case 'secret':
      url = node.portalUrl();
      break;
    case 'version':
      url = node.secretNode.portalUrl(node.version);
      break;
    case 'vault':
      url = node.portalUrl();
      break;
    case 'subscription': {
      const cloud = node.tenantNode.account.cloud;
      url = `${cloud.portalUrl}/#@${node.tenantNode.status.tenant.tenantId}/resource/subscriptions/${node.subscription.subscriptionId}/overview`;
      break;
    }
    case 'error':
      url = optionsArg<{ access?: boolean }>(rest).access ? node.targets.accessUrl : node.targets.portalUrl ?? node.targets.accessUrl;
      break;
  }
  if (!url) return undefined;
  if (!optionsArg<{ dryRun?: boolean }>(rest).dryRun) void vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}
