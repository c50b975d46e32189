/**
 * Which subscriptions the Key Vault view shows, per account and tenant, persisted in globalState
 * (a per-user choice, never a workspace setting). A tenant without an entry shows everything.
 */
import * as vscode from 'vscode';

const KEY = 'flowVault.keyVault.subscriptionFilter';

type FilterState = Record<string, string[]>;

export class SubscriptionFilter {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly memento: vscode.Memento) {}

  private state(): FilterState {
    const v = this.memento.get<unknown>(KEY);
    return v && typeof v === 'object' ? (v as FilterState) : {};
  }

  private static key(accountId: string, tenantId: string): string {
    return `${accountId}|${tenantId.toLowerCase()}`;
  }

  /** Whether the tenant has a filter at all. */
  isFiltered(accountId: string, tenantId: string): boolean {
    return Array.isArray(this.state()[SubscriptionFilter.key(accountId, tenantId)]);
  }

  isAnyFiltered(): boolean {
    return Object.keys(this.state()).length > 0;
  }

  includes(accountId: string, tenantId: string, subscriptionId: string): boolean {
    const list = this.state()[SubscriptionFilter.key(accountId, tenantId)];
    return !Array.isArray(list) || list.includes(subscriptionId.toLowerCase());
  }

  /** Sets the subscriptions shown for a tenant; undefined shows all of them. */
  async set(accountId: string, tenantId: string, subscriptionIds: readonly string[] | undefined): Promise<void> {
    const state = { ...this.state() };
    const key = SubscriptionFilter.key(accountId, tenantId);
    if (subscriptionIds === undefined) delete state[key];
    else state[key] = subscriptionIds.map((s) => s.toLowerCase());
    await this.memento.update(KEY, state);
    this.emitter.fire();
  }

  async clear(): Promise<void> {
    await this.memento.update(KEY, {});
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
