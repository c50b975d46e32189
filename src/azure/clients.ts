/**
 * SDK clients for one account, tenant and cloud. Endpoints come from the cloud table only; a
 * vault URL that is not a Key Vault host of the account's cloud is refused before any token is
 * requested for it.
 */
import type { AdditionalPolicyConfig } from '@azure/core-client';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ResourceManagementClient } from '@azure/arm-resources';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { SecretClient } from '@azure/keyvault-secrets';
import type { AzureAccount } from './auth/accounts';
import { isKeyVaultUrlOfCloud } from './clouds';

export interface AzureClientOptions {
  /** Extra pipeline policies (request counting in benchmarks, for example). */
  readonly additionalPolicies?: AdditionalPolicyConfig[];
  /** Retries on throttling and transient errors (default: the SDK's 3). */
  readonly maxRetries?: number;
  /** Prefix of the User-Agent header. */
  readonly userAgentPrefix?: string;
  /** An https.Agent for every request (the fake cloud's in-process agent in tests). */
  readonly agent?: import('https').Agent;
}

function pipelineOptions(options: AzureClientOptions = {}) {
  return {
    additionalPolicies: options.additionalPolicies,
    retryOptions: options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : undefined,
    userAgentOptions: { userAgentPrefix: options.userAgentPrefix ?? 'flow-vault' },
    ...(options.agent ? { agent: options.agent } : {}),
  };
}

export function createSubscriptionClient(account: AzureAccount, tenantId: string | undefined, options?: AzureClientOptions): SubscriptionClient {
  const cloud = account.cloud;
  return new SubscriptionClient(account.credential(tenantId), {
    ...pipelineOptions(options),
    endpoint: cloud.resourceManagerEndpoint,
    credentialScopes: [cloud.resourceManagerScope],
  });
}

export function createKeyVaultManagementClient(
  account: AzureAccount,
  tenantId: string,
  subscriptionId: string,
  options?: AzureClientOptions,
): KeyVaultManagementClient {
  const cloud = account.cloud;
  return new KeyVaultManagementClient(account.credential(tenantId), subscriptionId, {
    ...pipelineOptions(options),
    cloudSetting: cloud.armCloudSetting,
    endpoint: cloud.resourceManagerEndpoint,
    credentials: { scopes: [cloud.resourceManagerScope] },
  });
}

export class VaultUrlNotInCloudError extends Error {
  override readonly name = 'VaultUrlNotInCloudError';
}

export function createSecretClient(
  account: AzureAccount,
  tenantId: string,
  vaultUrl: string,
  options?: AzureClientOptions,
): SecretClient {
  if (!isKeyVaultUrlOfCloud(vaultUrl, account.cloud)) {
    throw new VaultUrlNotInCloudError(
      `Refusing to call ${safeHost(vaultUrl)}: it is not a Key Vault host of ${account.cloud.displayName} (*${account.cloud.keyVaultDnsSuffix}).`,
    );
  }
  return new SecretClient(vaultUrl.replace(/\/+$/, ''), account.credential(tenantId), pipelineOptions(options));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

export function createResourceManagementClient(account: AzureAccount, tenantId: string, subscriptionId: string, options?: AzureClientOptions): ResourceManagementClient {
  const cloud = account.cloud;
  return new ResourceManagementClient(account.credential(tenantId), subscriptionId, {
    ...pipelineOptions(options),
    endpoint: cloud.resourceManagerEndpoint,
    credentialScopes: [cloud.resourceManagerScope],
  });
}

export function createAuthorizationManagementClient(
  account: AzureAccount,
  tenantId: string,
  subscriptionId: string,
  options?: AzureClientOptions,
): AuthorizationManagementClient {
  const cloud = account.cloud;
  return new AuthorizationManagementClient(account.credential(tenantId), subscriptionId, {
    ...pipelineOptions(options),
    endpoint: cloud.resourceManagerEndpoint,
    credentialScopes: [cloud.resourceManagerScope],
  });
}
