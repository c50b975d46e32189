// The fake cloud for the in-host suite, the same under both runners (run.ts in code-server,
// run-electron.ts under @vscode/test-electron): the demo scenario, plus a slow listing for the
// cancellation test of suite/keyvault.test.ts. Its `env` goes into VS Code's environment.
import { startFakeCloudForVsCode, type FakeCloudForVsCode } from '../../../src/fake-azure/forVsCode';

/**
 * The first request of this listing is held for 20 s: the suite cancels it while it shows as
 * loading. Only that request is held; the retry gets its answer once the extension host's
 * connection to the vault is free again (a cancelled request keeps it until answered).
 */
const IN_HOST_TEST_FAULTS = [
  { id: 'slow-versions', host: 'kv-contoso-rpa-prod.vault.azure.net', path: '/secrets/orchestrator-webhook-token/versions', latencyMs: 20_000, count: 1 },
];

export function startFakeCloudForSuite(): Promise<FakeCloudForVsCode> {
  return startFakeCloudForVsCode({ faults: IN_HOST_TEST_FAULTS });
}
