/**
 * Flow Vault: Check with the Doctor, on a credential that is not healthy: runs the doctor
 * (`flowVault.doctor.run`) for the credential's environment and this credential, as the account
 * the view shows it for; the doctor asks for the machine unless `{ machine }` is given. Returns
 * what the doctor command returns.
 */
import * as vscode from 'vscode';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';
import type { CredentialNode } from '../tree/credentialNodes';
import { optionsArg } from '../../tree/resolveNode';
import { resolveCredNode } from './resolveNode';

export async function checkWithDoctor(provider: CredentialsTreeDataProvider, arg: unknown, ...rest: unknown[]): Promise<unknown> {
  const node = await resolveCredNode<CredentialNode>(provider, arg, ['credential']);
  if (!node) return undefined;
  const env = node.environmentNode;
  return vscode.commands.executeCommand('flowVault.doctor.run', {
    environment: env.environment.url,
    credentials: [node.name],
    accountId: env.account.id,
    // The machine to check too: asked by the doctor unless given (`{ machine }`).
    ...optionsArg<{ machine?: string }>(rest),
  });
}
