/**
 * Flow Vault: Reveal Secret in Key Vault View: from a credential (or its secret row), finds the
 * vault secret its password variable points at in the Key Vault view, loading the subscription,
 * vault and pages of secrets on the way, and selects it. Returns the Key Vault node id, or
 * undefined (with a message saying why) when the secret cannot be found there.
 */
import * as vscode from 'vscode';
import type { ParsedSecretArmPath } from '../../../azure/keyVault/references';
import type { KeyVaultView } from '../../keyVault/registerKeyVaultView';
import type { SecretNode } from '../../keyVault/tree/resourceNodes';
import { passwordTarget } from '../presentation';
import type { CredentialsTreeDataProvider } from '../tree/CredentialsTreeDataProvider';
import type { CredentialNode, SecretRefNode } from '../tree/credentialNodes';
import { optionsArg } from '../../tree/resolveNode';
import { resolveCredNode } from './resolveNode';

/** Most pages of secrets to read while looking for one (25 a page). */
const MAX_PAGES = 40;

export async function revealSecret(provider: CredentialsTreeDataProvider, keyVault: KeyVaultView, arg: unknown, ...rest: unknown[]): Promise<string | undefined> {
  const node = await resolveCredNode<CredentialNode | SecretRefNode>(provider, arg, ['credential', 'secret']);
  if (!node) return undefined;
  const credential = node.kind === 'credential' ? node : node.credentialNode;
  const target = passwordTarget(credential.facts);
  if (target.kind !== 'keyVault') {
    void vscode.window.showInformationMessage(`Flow Vault: the password of credential ${credential.name} is not a Key Vault secret reference.`);
    return undefined;
  }
  const quiet = optionsArg<{ quiet?: boolean }>(rest).quiet === true;
  const found = await vscode.window.withProgress(
    { location: { viewId: 'flowVault.keyVault' }, title: `Finding secret ${target.ref.secretName}…` },
    () => findSecretNode(keyVault, credential.environmentNode.account.id, target.ref),
  );
  if (typeof found === 'string') {
    if (!quiet) void vscode.window.showWarningMessage(`Flow Vault: ${found}`);
    return undefined;
  }
  await vscode.commands.executeCommand('flowVault.keyVault.focus');
  await keyVault.view.reveal(found, { select: true, focus: true, expand: false });
  return found.id;
}

/** The Key Vault view's node of a referenced secret, or why there is none. */
async function findSecretNode(keyVault: KeyVaultView, accountId: string, ref: ParsedSecretArmPath): Promise<SecretNode | string> {
  const provider = keyVault.provider;
  await provider.ensureTenants();
  const sub = ref.subscriptionId.toLowerCase();
  const tenants = provider.tenants.filter((t) => t.account.id === accountId && !t.status.problem);
  for (const tenant of tenants) {
    await tenant.whenLoaded();
    if (!tenant.list.items.some((s) => s.subscriptionId.toLowerCase() === sub)) continue;
    tenant.getChildren();
    const subscription = tenant.subscriptionNodes().find((s) => s.subscription.subscriptionId.toLowerCase() === sub);
    if (!subscription) return `subscription ${ref.subscriptionId} is hidden by the Key Vault view's subscription filter.`;
    await subscription.whenLoaded();
    while (subscription.list.state === 'more' && !subscription.list.items.some((v) => v.name.toLowerCase() === ref.vaultName.toLowerCase())) await subscription.loadMore();
    subscription.getChildren();
    const vault = subscription.vaultNodes().find((v) => v.vault.name.toLowerCase() === ref.vaultName.toLowerCase());
    if (!vault) return `vault ${ref.vaultName} is not in subscription ${subscription.subscription.displayName} (or you cannot see it).`;
    await vault.whenLoaded();
    for (let pages = 0; !vault.secretNode(ref.secretName) && vault.list.state === 'more' && pages < MAX_PAGES; pages++) await vault.loadMore();
    vault.getChildren();
    const secret = vault.secretNode(ref.secretName);
    if (secret) return secret;
    if (vault.list.state === 'error') return `the secrets of vault ${ref.vaultName} could not be listed: ${vault.list.problem?.title ?? 'see the view'}.`;
    return `secret ${ref.secretName} is not in vault ${ref.vaultName} (deleted, or not listed yet).`;
  }
  return `subscription ${ref.subscriptionId} is not visible to this account in the Key Vault view.`;
}
