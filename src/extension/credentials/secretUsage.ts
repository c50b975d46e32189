/**
 * Which credentials use which vault secret, as far as the Credentials view has loaded them: the
 * Key Vault view asks it to show "used by credential X" on a secret. Pure (no vscode); listeners
 * are told, at most once per turn, that something changed.
 */
import type { CredentialRecordFacts } from '../../core/credentials/facts';
import { passwordTarget, secretKey } from './presentation';

export interface SecretUser {
  readonly credentialName: string;
  readonly environmentName: string;
}

export class SecretUsage {
  /** secret key → credential key → user. */
  private readonly bySecret = new Map<string, Map<string, SecretUser>>();
  /** credential key → secret key, to move a credential whose password changed. */
  private readonly byCredential = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private pending = false;

  /** Records the credentials of one environment (a page at a time). */
  addCredentials(environmentKey: string, environmentName: string, credentials: readonly CredentialRecordFacts[]): void {
    let changed = false;
    for (const c of credentials) {
      const target = passwordTarget(c);
      const credentialKey = `${environmentKey}|${c.id}`;
      const previous = this.byCredential.get(credentialKey);
      const key = target.kind === 'keyVault' ? secretKey(target.ref.subscriptionId, target.ref.resourceGroup, target.ref.vaultName, target.ref.secretName) : undefined;
      if (previous && previous !== key) {
        this.bySecret.get(previous)?.delete(credentialKey);
        this.byCredential.delete(credentialKey);
        changed = true;
      }
      if (!key) continue;
      let users = this.bySecret.get(key);
      if (!users) this.bySecret.set(key, (users = new Map()));
      if (!users.has(credentialKey)) changed = true;
      users.set(credentialKey, { credentialName: c.name, environmentName });
      this.byCredential.set(credentialKey, key);
    }
    if (changed) this.fire();
  }

  /** Forgets an environment's credentials (refresh). */
  clearEnvironment(environmentKey: string): void {
    let changed = false;
    for (const [credentialKey, key] of [...this.byCredential]) {
      if (!credentialKey.startsWith(`${environmentKey}|`)) continue;
      this.bySecret.get(key)?.delete(credentialKey);
      this.byCredential.delete(credentialKey);
      changed = true;
    }
    if (changed) this.fire();
  }

  clear(): void {
    const had = this.byCredential.size > 0;
    this.bySecret.clear();
    this.byCredential.clear();
    if (had) this.fire();
  }

  /** The credentials whose password is this secret, sorted by name. */
  usersOf(subscriptionId: string, resourceGroup: string, vaultName: string, secretName: string): SecretUser[] {
    return this.usersOfKey(secretKey(subscriptionId, resourceGroup, vaultName, secretName));
  }

  /** The same, by `secretKey(…)`. */
  usersOfKey(key: string): SecretUser[] {
    const users = this.bySecret.get(key.toLowerCase());
    return users ? [...users.values()].sort((a, b) => a.credentialName.localeCompare(b.credentialName)) : [];
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      for (const l of [...this.listeners]) {
        try {
          l();
        } catch {
          // a listener's failure must not stop the others
        }
      }
    });
  }
}

/** "used by credential X" / "used by 3 credentials". */
export function usedByText(users: readonly SecretUser[]): string | undefined {
  if (users.length === 0) return undefined;
  if (users.length === 1) return `used by credential ${users[0].credentialName}`;
  return `used by ${users.length} credentials`;
}
