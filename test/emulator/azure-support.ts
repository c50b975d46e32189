/** Shared set-up for the emulator tests of src/azure: the fake cloud, in-process, and accounts. */
import type { AdditionalPolicyConfig } from '@azure/core-client';
import { servicePrincipalAccount, type AzureAccount } from '../../src/azure/auth/accounts';
import { AZURE_CLOUDS, type AzureCloudName } from '../../src/azure/clouds';
import type { AzureClientOptions } from '../../src/azure/clients';
import { startFakeAzure, type FakeAzure, type Scenario } from '../../src/fake-azure';

export type { FakeAzure };

export async function fakeCloud(scenario?: Scenario | string): Promise<FakeAzure> {
  return startFakeAzure({ scenario });
}

/** A service principal account of the scenario, wired to the fake through its in-process agent. */
export function spAccount(fake: FakeAzure, identity?: string, cloud: AzureCloudName = 'AzureCloud', secretOverride?: string): AzureAccount {
  const c = identity ? fake.identity(identity) : fake.credentials;
  return servicePrincipalAccount({
    tenantId: c.tenantId,
    clientId: c.clientId!,
    secret: { kind: 'secret', clientSecret: secretOverride ?? c.clientSecret! },
    cloud: AZURE_CLOUDS[cloud],
    displayName: c.name,
    transport: { agent: fake.agent },
  });
}

export function clientOptions(fake: FakeAzure, extra: AzureClientOptions = {}): AzureClientOptions {
  return { agent: fake.agent, maxRetries: 1, ...extra };
}

/** Counts requests sent through SDK pipelines (one per HTTP attempt, auth round trips included). */
export function requestCounter(): { policy: AdditionalPolicyConfig; count(): number; reset(): void } {
  let n = 0;
  return {
    policy: {
      position: 'perRetry',
      policy: {
        name: 'flowVaultTestCounter',
        sendRequest: (req, next) => {
          n++;
          return next(req);
        },
      },
    },
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}

/** Every secret value of the scenario (to check that none reaches a message). */
export function allSecretValues(fake: FakeAzure): string[] {
  return fake.state
    .allVaults()
    .flatMap((v) => v.secrets)
    .flatMap((s) => s.versions.map((x) => x.value))
    .filter((x) => x.length >= 4);
}

export const DEMO = {
  contoso: '8f3c2a1e-5b7d-4c9e-a1f2-3d4e5f6a7b8c',
  fabrikam: '2b6e9d4f-1a3c-4e5b-9c7d-8e0f1a2b3c4d',
  prodSub: '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c',
  devSub: 'a7e3f1b9-6c2d-4e8a-b5f0-1c3d5e7f9a2b',
};
