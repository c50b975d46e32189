/** Flow Vault: Open Access Settings in Portal (from a "no permission" error: IAM or access policies). */
import type { KeyVaultTreeDataProvider } from '../tree/KeyVaultTreeDataProvider';
import { openInPortal } from './openInPortal';

export function openAccessSettings(provider: KeyVaultTreeDataProvider, arg: unknown, ...rest: unknown[]): Promise<string | undefined> {
  return openInPortal(provider, arg, { ...(rest.find((r) => r && typeof r === 'object') as object), access: true });
}
