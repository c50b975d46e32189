/**
 * Sign-in for `flow-vault doctor` in terminals and pipelines: a service principal from the
 * variables `@azure/identity`'s EnvironmentCredential reads (AZURE_TENANT_ID, AZURE_CLIENT_ID and
 * AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH), else the Azure CLI's signed-in account.
 */
import { azureCliAccount, servicePrincipalAccount, type AzureAccount } from '../azure/auth/accounts';
import type { AzureCloud } from '../azure/clouds';
import { classifyAzureError } from '../azure/errors';

export type SignIn = { readonly account: AzureAccount; readonly tenantId?: string; readonly how: string } | { readonly error: string };

const VARS = 'AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)';

export function accountFromEnvironment(env: NodeJS.ProcessEnv, cloud: AzureCloud): SignIn {
  const tenantId = env.AZURE_TENANT_ID?.trim() || undefined;
  const clientId = env.AZURE_CLIENT_ID?.trim() || undefined;
  const clientSecret = env.AZURE_CLIENT_SECRET || undefined;
  const certificatePath = env.AZURE_CLIENT_CERTIFICATE_PATH?.trim() || undefined;
  if (clientSecret || certificatePath || clientId) {
    const missing = [!tenantId && 'AZURE_TENANT_ID', !clientId && 'AZURE_CLIENT_ID', !clientSecret && !certificatePath && 'AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH'].filter(Boolean);
    if (missing.length) return { error: `A service principal needs ${VARS}; ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set. Set them, or unset them all to use the Azure CLI's sign-in.` };
    if (certificatePath && env.AZURE_CLIENT_CERTIFICATE_PASSWORD) {
      return { error: 'AZURE_CLIENT_CERTIFICATE_PASSWORD is set, but only certificate files without a password are read: export the PEM without a password, or use AZURE_CLIENT_SECRET.' };
    }
    const account = servicePrincipalAccount({
      tenantId: tenantId!,
      clientId: clientId!,
      secret: clientSecret ? { kind: 'secret', clientSecret } : { kind: 'certificate', certificatePath, sendCertificateChain: env.AZURE_CLIENT_SEND_CERTIFICATE_CHAIN === 'true' || env.AZURE_CLIENT_SEND_CERTIFICATE_CHAIN === '1' },
      cloud,
    });
    return { account, tenantId, how: `service principal ${clientId} (AZURE_CLIENT_ID)` };
  }
  return { account: azureCliAccount(cloud), tenantId, how: 'the Azure CLI (az login)' };
}

/** Gets one Resource Manager token, so that a sign-in problem stops the run with what to do. Returns the problem, or undefined. */
export async function checkSignIn(signIn: Extract<SignIn, { account: AzureAccount }>, timeoutMs: number): Promise<string | undefined> {
  const { account, tenantId } = signIn;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const token = await account.credential(tenantId).getToken(account.cloud.resourceManagerScope, { abortSignal: controller.signal });
    return token ? undefined : `Signing in with ${signIn.how} gave no token.`;
  } catch (e) {
    if (controller.signal.aborted) return `Signing in with ${signIn.how} did not finish in ${Math.round(timeoutMs / 1000)} s.`;
    if (account.kind === 'azureCli') {
      return `The Azure CLI gave no token: sign in with "az login"${account.cloud.name !== 'AzureCloud' ? ` (after "az cloud set --name ${account.cloud.name}")` : ''}, or set ${VARS} for a service principal.`;
    }
    const problem = classifyAzureError(e, { operation: 'signIn', tenant: tenantId ? { id: tenantId } : undefined, identity: account.identity, accountKind: account.kind });
    return `The service principal could not sign in: ${problem.message}`;
  } finally {
    clearTimeout(timer);
  }
}
