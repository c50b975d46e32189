/**
 * Credential names for the Get credential fix's picker, from the Credentials view: the names of
 * the credentials of every loaded environment (the first page of each is waited for, briefly).
 * Never prompts; names are not secrets.
 */
import type * as vscode from 'vscode';
import type { CredentialSource } from '../credentials';
import type { CredentialsTreeDataProvider } from './tree/CredentialsTreeDataProvider';

/** How long the picker waits for environments and first pages before showing what it has. */
const WAIT_MS = 2000;

export function dataverseCredentialSource(provider: CredentialsTreeDataProvider): CredentialSource {
  return {
    label: 'Power Automate credential',
    async listCredentialNames(token?: vscode.CancellationToken): Promise<readonly string[]> {
      const loaded = (async () => {
        await provider.services.manager.whenRestored();
        await provider.ensureTenants();
        await Promise.all(provider.tenants.filter((t) => !t.status.problem).map((t) => t.whenLoaded()));
        await Promise.all(
          provider.environments().map((e) => {
            e.ensureStarted();
            return e.list.whenIdle();
          }),
        );
      })();
      await Promise.race([loaded.catch(() => undefined), new Promise((r) => setTimeout(r, WAIT_MS))]);
      if (token?.isCancellationRequested) return [];
      const names = new Set<string>();
      for (const c of provider.loadedCredentials()) if (c.facts.active) names.add(c.name);
      return [...names].sort((a, b) => a.localeCompare(b));
    },
  };
}
