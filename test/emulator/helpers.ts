import { startFakeAzure, type FakeAzure, type RequestLogEntry, type Scenario, type StartFakeAzureOptions } from '../../src/fake-azure';

export const DEMO = {
  tenantId: '8f3c2a1e-5b7d-4c9e-a1f2-3d4e5f6a7b8c',
  mfaTenantId: '2b6e9d4f-1a3c-4e5b-9c7d-8e0f1a2b3c4d',
  prodSubscription: '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c',
  devSubscription: 'a7e3f1b9-6c2d-4e8a-b5f0-1c3d5e7f9a2b',
  rbacVault: 'https://kv-contoso-rpa-prod.vault.azure.net',
  accessPolicyVault: 'https://kv-contoso-rpa-legacy.vault.azure.net',
  firewallVault: 'https://kv-contoso-rpa-secure.vault.azure.net',
  noPermissionVault: 'https://kv-contoso-finance.vault.azure.net',
  privateOnlyVault: 'https://kv-contoso-rpa-dev.vault.azure.net',
};

/** The JSON payload of a JWT (no verification). */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function requestsTo(fake: FakeAzure, host: string, pathPrefix = ''): RequestLogEntry[] {
  return fake.requests.filter((r) => r.host === host && r.path.startsWith(pathPrefix));
}

/** A tenant, subscription and SP with Reader + Secrets Officer, for tests that need their own data. */
export function smallScenario(extraVault: Record<string, unknown> = {}, extra: Partial<Scenario> = {}): Scenario {
  return {
    name: 'small',
    tenants: [
      {
        name: 'test',
        displayName: 'Test Tenant',
        subscriptions: [
          {
            displayName: 'Test Subscription',
            roleAssignments: [{ principal: 'tester', role: 'Reader' }],
            resourceGroups: [
              {
                name: 'rg-test',
                vaults: [
                  {
                    name: 'kv-test-vault',
                    roleAssignments: [{ principal: 'tester', role: 'Key Vault Secrets Officer' }],
                    ...extraVault,
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
    identities: [{ name: 'tester', tenant: 'test', clientSecret: 'tester-secret' }],
    ...extra,
  };
}

/** Runs `fn` and returns the error it throws (fails when it does not throw). */
export async function rejection(fn: () => Promise<unknown>): Promise<Error & { statusCode?: number; code?: string; details?: unknown }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { statusCode?: number; code?: string; details?: unknown };
  }
  throw new Error('expected the call to fail, it succeeded');
}

export function innerErrorCode(err: { details?: unknown }): string | undefined {
  const d = err.details as { error?: { innerError?: { code?: string }; innererror?: { code?: string } } } | undefined;
  return d?.error?.innerError?.code ?? d?.error?.innererror?.code;
}

/**
 * Inside a `describe`: starts the fake cloud (the demo scenario unless the options name another)
 * before the suite's tests, hands it to `ready`, and closes it after them.
 */
export function withFakeAzure(ready: (fake: FakeAzure) => void, options?: StartFakeAzureOptions): void {
  let fake: FakeAzure | undefined;
  before(async () => {
    fake = await startFakeAzure(options);
    ready(fake);
  });
  after(async () => {
    await fake?.close();
  });
}
