/**
 * Flow Vault's fake Azure cloud: Entra ID, Resource Manager, Key Vault and a Dataverse placeholder,
 * reached by the unmodified Azure SDKs through a loopback CONNECT proxy with real host names.
 * See README.md beside this file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeAzureAgent } from './agent';
import { createCertificateAuthority, LeafIssuer } from './certs';
import { CLOUDS, CloudEndpoints, CloudName, cloudEndpoints } from './clouds';
import { FaultInjector } from './faults';
import { loadScenario, readScenarioFile, Scenario } from './scenario';
import { FakeAzureServer, RequestLogEntry } from './server';
import { ArmService } from './services/arm';
import { DataverseService } from './services/dataverse';
import { EntraService } from './services/entra';
import { GraphService } from './services/graph';
import { KeyVaultService } from './services/keyvault';
import type { Emulator } from './services/types';
import { FakeAzureState, Identity } from './state';
import { TokenAuthority } from './tokens';

export interface StartFakeAzureOptions {
  /** A scenario object, or the path of a scenario JSON file. Default: scenarios/demo.json. */
  scenario?: Scenario | string;
  /** Proxy port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** true: request lines to stderr; a function: request lines to it. Lines never hold bodies or tokens. */
  log?: boolean | ((line: string) => void);
  /** Directory for ca.pem and generated client certificates (default: a new temp dir, removed by close()). */
  tmpDir?: string;
}

export interface IdentityCredentials {
  name: string;
  kind: Identity['kind'];
  tenantId: string;
  objectId: string;
  /** Application (client) id, for service principals. */
  clientId?: string;
  clientSecret?: string;
  /** PEM file with certificate + private key, when the scenario generated a certificate. */
  certificatePath?: string;
  userPrincipalName?: string;
  password?: string;
}

export interface FakeAzure {
  /** `http://127.0.0.1:PORT`: use as HTTPS_PROXY. */
  proxyUrl: string;
  proxyPort: number;
  /** PEM file of the run's CA: use as NODE_EXTRA_CA_CERTS. */
  caCertPath: string;
  caPem: string;
  tmpDir: string;
  /** Environment for a child process that should use the fake (merge into process.env). */
  env: Record<string, string>;
  /** For in-process use: an https.Agent tunnelling through the proxy and trusting the CA. */
  agent: FakeAzureAgent;
  /** `{ agent }`: spread into any Azure SDK client or credential options. */
  clientOptions: { agent: FakeAzureAgent };
  /** The scenario's default service principal (the one `npm run fake-azure` prints). */
  credentials: IdentityCredentials & { clientId: string; subscriptionId?: string };
  /** Credentials of every identity in the scenario, by name. */
  identity(name: string): IdentityCredentials;
  clouds: Record<CloudName, CloudEndpoints>;
  /** The live model; change it to change what the fake answers. */
  state: FakeAzureState;
  /** Every request served, in order (method, host, path, query, status; never bodies or tokens). */
  requests: RequestLogEntry[];
  clearRequests(): void;
  /** CONNECT targets refused because no emulated service answers for them. */
  refusedConnects: string[];
  faults: FaultInjector;
  /** Mints an access token as the fake Entra ID would (for stub credentials, e.g. a fake VS Code sign-in). */
  issueToken(options: { identity: string; tenant?: string; resource: string; clientId?: string }): { token: string; expiresOnTimestamp: number };
  /** Resource Manager service (its `registrationDelayMs` can be changed). */
  arm: ArmService;
  /** Dataverse placeholder (add routes with `addRoute`). */
  dataverse: DataverseService;
  close(): Promise<void>;
}

export function defaultScenarioPath(): string {
  const candidates = [
    path.join(__dirname, 'scenarios', 'demo.json'),
    path.resolve(__dirname, '..', '..', '..', 'src', 'fake-azure', 'scenarios', 'demo.json'),
    path.resolve(__dirname, '..', '..', 'src', 'fake-azure', 'scenarios', 'demo.json'),
    path.resolve(process.cwd(), 'src', 'fake-azure', 'scenarios', 'demo.json'),
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`Cannot find scenarios/demo.json (looked in ${candidates.join(', ')})`);
  return found;
}

function credentialsOf(identity: Identity): IdentityCredentials {
  return {
    name: identity.name,
    kind: identity.kind,
    tenantId: identity.homeTenantId,
    objectId: identity.objectId,
    clientId: identity.appId,
    clientSecret: identity.clientSecrets[0],
    certificatePath: identity.certificates.find((c) => c.pemPath)?.pemPath,
    userPrincipalName: identity.userPrincipalName,
    password: identity.password,
  };
}

export async function startFakeAzure(options: StartFakeAzureOptions = {}): Promise<FakeAzure> {
  const ownsTmp = !options.tmpDir;
  const tmpDir = options.tmpDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'flowvault-fake-azure-'));
  fs.mkdirSync(tmpDir, { recursive: true });
  const scenario = typeof options.scenario === 'object' ? options.scenario : readScenarioFile(options.scenario ?? defaultScenarioPath());
  const state = loadScenario(scenario, { tmpDir });
  const tokens = new TokenAuthority();
  const faults = new FaultInjector(scenario.faults ?? []);
  const emu: Emulator = { state, tokens, faults };

  const ca = createCertificateAuthority(`${state.scenarioName} ${new Date().toISOString()}`);
  const caCertPath = path.join(tmpDir, 'ca.pem');
  fs.writeFileSync(caCertPath, ca.certPem);
  const leaves = new LeafIssuer(ca);

  const entra = new EntraService(emu);
  const arm = new ArmService(emu);
  const keyvault = new KeyVaultService(emu);
  const dataverse = new DataverseService(emu);
  const log = options.log === true ? (line: string) => process.stderr.write(`[fake-azure] ${line}\n`) : options.log || undefined;
  const server = new FakeAzureServer(emu, [entra, arm, keyvault, dataverse, new GraphService(emu)], ca, leaves, log);
  const proxyPort = await server.listen(options.port ?? 0);
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const agent = new FakeAzureAgent(proxyPort, ca.certPem);

  const defaultIdentity =
    (state.defaultIdentityName ? state.findIdentity(state.defaultIdentityName) : undefined) ??
    state.identities.find((i) => i.kind === 'servicePrincipal' && i.clientSecrets.length > 0) ??
    state.identities.find((i) => i.kind === 'servicePrincipal');
  const defaultCreds = defaultIdentity ? credentialsOf(defaultIdentity) : undefined;
  const subscriptionId = defaultIdentity
    ? state.findTenant(defaultIdentity.homeTenantId)?.subscriptions.find((s) => state.hasAnyAccessToSubscription(defaultIdentity.objectId, s.id))?.id
    : undefined;

  let closed = false;
  const fake: FakeAzure = {
    proxyUrl,
    proxyPort,
    caCertPath,
    caPem: ca.certPem,
    tmpDir,
    env: { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: caCertPath, NO_PROXY: '', no_proxy: '' },
    agent,
    clientOptions: { agent },
    credentials: { ...(defaultCreds ?? { name: '', kind: 'servicePrincipal', tenantId: state.tenants[0].id, objectId: '' }), clientId: defaultCreds?.clientId ?? '', subscriptionId },
    identity: (name: string) => credentialsOf(state.identity(name)),
    clouds: cloudEndpoints(),
    state,
    requests: server.requests,
    clearRequests: () => {
      server.requests.length = 0;
    },
    refusedConnects: server.refusedConnects,
    faults,
    issueToken: ({ identity, tenant, resource, clientId }) => {
      const who = state.identity(identity);
      const t = state.tenant(tenant ?? who.homeTenantId);
      if (!who.tenantIds.includes(t.id)) throw new Error(`${identity} does not exist in tenant ${t.displayName}`);
      const iss = `${CLOUDS[t.cloud].stsIssuerBase}${t.id}/`;
      const user = who.kind === 'user';
      const { token, claims } = tokens.issue(
        {
          aud: resource.replace(/\/\.default$/, ''),
          iss,
          idp: iss,
          tid: t.id,
          oid: who.objectId,
          appid: (user ? clientId ?? 'aebc6443-996d-45c2-90f0-388ff96faa56' : who.appId!).toLowerCase(),
          appidacr: user ? '0' : '1',
          idtyp: user ? 'user' : 'app',
          ...(user ? { upn: who.userPrincipalName, unique_name: who.userPrincipalName, name: who.displayName, scp: 'user_impersonation' } : {}),
        },
        state.tokenLifetimeSeconds,
      );
      return { token, expiresOnTimestamp: claims.exp * 1000 };
    },
    arm,
    dataverse,
    close: async () => {
      if (closed) return;
      closed = true;
      agent.destroy();
      await server.close();
      if (ownsTmp) fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
  return fake;
}

export { FakeAzureAgent } from './agent';
export { CLOUDS, cloudEndpoints } from './clouds';
export type { CloudName, CloudEndpoints } from './clouds';
export type { FaultRule } from './faults';
export { ROLE_IDS } from './rbac';
export { loadScenario, readScenarioFile } from './scenario';
export type { Scenario } from './scenario';
export type { RequestLogEntry } from './server';
export { FakeAzureState } from './state';
