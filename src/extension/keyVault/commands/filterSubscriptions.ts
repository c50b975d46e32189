/**
 * Flow Vault: Filter Subscriptions… A multi-select quick pick of every tenant's subscriptions,
 * filled in as they load; the choice is kept per account and tenant in globalState. Tests and
 * scripts may pass `{ tenantId, accountId?, subscriptionIds | all: true }` instead.
 */
import * as vscode from 'vscode';
import type { SubscriptionFilter } from '../subscriptionFilter';
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import type { TenantNode } from '../tree/resourceNodes';
import { optionsArg } from '../../tree/resolveNode';

export interface FilterArgs {
  readonly tenantId?: string;
  readonly accountId?: string;
  readonly subscriptionIds?: string[];
  readonly all?: boolean;
}

export async function filterSubscriptions(provider: KeyVaultTreeDataProvider, filter: SubscriptionFilter, ...args: unknown[]): Promise<boolean> {
  const a = optionsArg<FilterArgs>(args);
  await provider.ensureTenants();
  const tenants = provider.tenants.filter((t) => !t.status.problem);
  if (a.tenantId || a.all) {
    const targets = tenants.filter(
      (t) => (!a.tenantId || t.status.tenant.tenantId.toLowerCase() === a.tenantId.toLowerCase()) && (!a.accountId || t.account.id === a.accountId),
    );
    for (const t of targets) await filter.set(t.account.id, t.status.tenant.tenantId, a.all ? undefined : (a.subscriptionIds ?? []));
    return targets.length > 0;
  }
  if (tenants.length === 0) {
    void vscode.window.showInformationMessage('Flow Vault: no tenant is loaded. Sign in first.');
    return false;
  }

  type Item = vscode.QuickPickItem & { tenant?: TenantNode; subscriptionId?: string };
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Subscriptions shown in the Key Vault view';
  qp.placeholder = 'Pick the subscriptions to show (none picked in a tenant = show none of it); Esc keeps the current filter';
  qp.canSelectMany = true;
  qp.matchOnDescription = true;
  const build = (): void => {
    const items: Item[] = [];
    const selected: Item[] = [];
    for (const t of tenants) {
      items.push({ label: `${t.getTreeItem().label as string}${t.list.isLoading ? ' (loading…)' : ''}`, kind: vscode.QuickPickItemKind.Separator });
      for (const s of t.list.items) {
        const item: Item = { label: s.displayName, description: s.subscriptionId, tenant: t, subscriptionId: s.subscriptionId };
        items.push(item);
        if (filter.includes(t.account.id, t.status.tenant.tenantId, s.subscriptionId)) selected.push(item);
      }
    }
    const keep = new Set(qp.selectedItems.map((i) => `${i.tenant?.id}|${i.subscriptionId}`));
    qp.items = items;
    qp.selectedItems = qp.items.length && keep.size ? items.filter((i) => keep.has(`${i.tenant?.id}|${i.subscriptionId}`)) : selected;
    qp.busy = tenants.some((t) => t.list.isLoading);
  };
  for (const t of tenants) t.ensureStarted();
  build();
  const refresh = setInterval(() => {
    if (qp.busy) build();
  }, 500);
  const accepted = await new Promise<boolean>((resolve) => {
    qp.onDidAccept(() => resolve(true));
    qp.onDidHide(() => resolve(false));
    qp.show();
  });
  clearInterval(refresh);
  const picked = qp.selectedItems;
  qp.dispose();
  if (!accepted) return false;
  for (const t of tenants) {
    const ids = picked.filter((i) => i.tenant === t && i.subscriptionId).map((i) => i.subscriptionId!);
    const all = t.list.state === 'done' && ids.length === t.list.items.length;
    await filter.set(t.account.id, t.status.tenant.tenantId, all ? undefined : ids);
  }
  return true;
}
