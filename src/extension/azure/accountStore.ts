/**
 * Remembers the accounts a user signed in with. What is not secret (kind, cloud, tenant, client
 * id, label) goes to globalState; a service principal's client secret or certificate path goes to
 * SecretStorage (encrypted by the OS, never synced, never in settings).
 */
import * as vscode from 'vscode';
import type { AccountKind } from '../../azure/auth/accounts';
import type { ServicePrincipalCredentialSecret } from '../../azure/auth/credentials';
import type { AzureCloudName } from '../../azure/clouds';

export interface StoredAccount {
  readonly id: string;
  readonly kind: AccountKind;
  readonly cloud: AzureCloudName;
  readonly label: string;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly displayName?: string;
  /** VS Code authentication account id (Microsoft accounts). */
  readonly sessionAccountId?: string;
}

const ACCOUNTS_KEY = 'flowVault.azure.accounts';
const SECRET_PREFIX = 'flowVault.azure.servicePrincipal/';

export class AccountStore {
  constructor(private readonly context: vscode.ExtensionContext) {}

  list(): StoredAccount[] {
    const v = this.context.globalState.get<unknown>(ACCOUNTS_KEY);
    return Array.isArray(v) ? v.filter((a): a is StoredAccount => !!a && typeof a === 'object' && typeof (a as StoredAccount).id === 'string') : [];
  }

  async save(account: StoredAccount, secret?: ServicePrincipalCredentialSecret): Promise<void> {
    if (secret) await this.context.secrets.store(SECRET_PREFIX + account.id, JSON.stringify(secret));
    const others = this.list().filter((a) => a.id !== account.id);
    await this.context.globalState.update(ACCOUNTS_KEY, [...others, account]);
  }

  async remove(id: string): Promise<void> {
    await this.context.secrets.delete(SECRET_PREFIX + id);
    await this.context.globalState.update(
      ACCOUNTS_KEY,
      this.list().filter((a) => a.id !== id),
    );
  }

  async secretOf(id: string): Promise<ServicePrincipalCredentialSecret | undefined> {
    const text = await this.context.secrets.get(SECRET_PREFIX + id);
    if (!text) return undefined;
    try {
      const v = JSON.parse(text) as ServicePrincipalCredentialSecret;
      if (v.kind === 'secret' && typeof v.clientSecret === 'string') return v;
      if (v.kind === 'certificate' && (typeof v.certificatePath === 'string' || typeof v.certificatePem === 'string')) return v;
    } catch {
      // fall through
    }
    return undefined;
  }
}
