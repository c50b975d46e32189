/**
 * Flow Vault: Open in Power Automate: the environment's Credentials page in the maker portal of
 * the environment's cloud (see makerPortal.ts: the address form is INFERRED). `{ dryRun: true }`
 * returns the address without opening it. Returns the address.
 */
import * as vscode from 'vscode';
import { makerPortalUrl } from '../makerPortal';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';
import type { CredentialNode } from '../tree/credentialNodes';
import type { EnvironmentNode } from '../tree/environmentNodes';
import { optionsArg } from '../../tree/resolveNode';
import { resolveCredNode } from './resolveNode';

export async function openInMakerPortal(provider: CredentialsTreeDataProvider, arg: unknown, ...rest: unknown[]): Promise<string | undefined> {
  const node = await resolveCredNode<CredentialNode | EnvironmentNode>(provider, arg, ['credential', 'environment']);
  if (!node) return undefined;
  const env = node.kind === 'credential' ? node.environmentNode.environment : node.environment;
  const url = makerPortalUrl(env.cloud, env.environmentId, 'credentials');
  if (!optionsArg<{ dryRun?: boolean }>(rest).dryRun) void vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}
