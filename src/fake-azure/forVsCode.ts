/**
 * Starts the fake cloud for a real VS Code (the demo, the in-host tests, the UI tests) and gives
 * the environment that code-server must get so the extension host reaches it: HTTPS_PROXY and
 * NODE_EXTRA_CA_CERTS (the unmodified SDKs then use real host names), and FLOW_VAULT_DEMO_SP, the
 * file with the demo service principal, which Flow Vault reads from its process environment only
 * and signs in with automatically.
 */
import * as fs from 'fs';
import * as path from 'path';
import { startFakeAzure, type FakeAzure, type Scenario } from '../../src/fake-azure';
import { readScenarioFile } from '../../src/fake-azure/scenario';

export interface FakeCloudForVsCode {
  readonly fake: FakeAzure;
  /** Merge into code-server's environment. */
  readonly env: Record<string, string>;
  /** The demo service principal file (FLOW_VAULT_DEMO_SP). */
  readonly servicePrincipalFile: string;
  close(): Promise<void>;
}

export interface FakeCloudForVsCodeOptions {
  /** Scenario file or object; default: src/fake-azure/scenarios/demo.json. */
  readonly scenario?: string | Scenario;
  /** Extra fault rules (slow responses, for tests). */
  readonly faults?: Scenario['faults'];
  /** More environment for code-server. */
  readonly env?: Record<string, string>;
  readonly log?: (line: string) => void;
}

export function demoScenarioPath(): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', '..', 'src', 'fake-azure', 'scenarios', 'demo.json'),
    path.resolve(__dirname, '..', '..', 'src', 'fake-azure', 'scenarios', 'demo.json'),
    path.resolve(process.cwd(), 'src', 'fake-azure', 'scenarios', 'demo.json'),
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`demo.json not found (looked in ${candidates.join(', ')})`);
  return found;
}

export async function startFakeCloudForVsCode(options: FakeCloudForVsCodeOptions = {}): Promise<FakeCloudForVsCode> {
  const base = typeof options.scenario === 'object' ? options.scenario : readScenarioFile(options.scenario ?? demoScenarioPath());
  const scenario: Scenario = {
    ...base,
    faults: [...(base.faults ?? []), ...(options.faults ?? [])],
  };
  const fake = await startFakeAzure({ scenario, log: options.log });
  const c = fake.credentials;
  const servicePrincipalFile = path.join(fake.tmpDir, 'demo-service-principal.json');
  fs.writeFileSync(
    servicePrincipalFile,
    JSON.stringify({ tenantId: c.tenantId, clientId: c.clientId, clientSecret: c.clientSecret, cloud: 'AzureCloud', displayName: c.name }),
    { mode: 0o600 },
  );
  const env: Record<string, string> = {
    ...fake.env,
    FLOW_VAULT_DEMO_SP: servicePrincipalFile,
    ...options.env,
  };
  return { fake, env, servicePrincipalFile, close: () => fake.close() };
}
