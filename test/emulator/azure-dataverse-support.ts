/** Shared set-up of the azure-dataverse*.test.ts suites: recording accounts and classified failures. */
import * as assert from 'assert';
import { callbackAccount, type AzureAccount } from '../../src/azure/auth/accounts';
import { AZURE_CLOUDS, type AzureCloudName } from '../../src/azure/clouds';
import { AzureProblemError, type AzureProblem } from '../../src/azure/errors';
import type { FakeAzure } from './azure-support';

/** An account over the fake's token minting that records every scope and tenant asked for. */
export function recordingAccount(fake: FakeAzure, identity: string, cloud: AzureCloudName = 'AzureCloud', resourceOverride?: string) {
  const asked: { scopes: string[]; tenantId?: string }[] = [];
  const account: AzureAccount = callbackAccount({
    id: `test:${identity}`,
    kind: 'servicePrincipal',
    label: identity,
    cloud: AZURE_CLOUDS[cloud],
    identity: `service principal ${identity}`,
    getToken: async (scopes, tenantId) => {
      asked.push({ scopes, tenantId });
      return fake.issueToken({ identity, tenant: tenantId, resource: resourceOverride ?? scopes[0] });
    },
  });
  return { account, asked };
}

export async function problemOf(p: Promise<unknown>): Promise<AzureProblem> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AzureProblemError, `classified: ${String(e)}`);
    return e.problem;
  }
  assert.fail('expected a failure');
}

