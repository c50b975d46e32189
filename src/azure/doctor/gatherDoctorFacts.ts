/**
 * One doctor run's facts, gathered once with the signed-in account: the environment (Global
 * Discovery, WhoAmI), who is signed in (Microsoft Graph /me), the machine and its group, machines
 * of the same name in the tenant's other environments, each credential's facts, and this computer.
 * Everything that does not depend on something else runs at once, each part with its own time
 * limit: a part that times out says so, and the others still report.
 */
import type { CredentialHealthInput } from '../../core/credentials/facts';
import { machineEndpoints } from '../../core/doctor/endpoints';
import {
  read,
  type CloudFacts,
  type CredentialLookupFacts,
  type DoctorFacts,
  type EnvironmentFacts,
  type FlowMachineFacts,
  type FlowMachineGroupFacts,
  type IdentityFacts,
  type LocalMachineFacts,
  type MachineElsewhere,
  type Read,
} from '../../core/doctor/facts';
import type { DoctorContext } from '../../core/doctor/report';
import type { AzureAccount } from '../auth/accounts';
import { readTokenClaims } from '../auth/credentials';
import type { AzureClientOptions } from '../clients';
import type { AzureCloud } from '../clouds';
import { FactsCache } from '../credentials/factsCache';
import { gatherCredentialFacts } from '../credentials/gatherCredentialFacts';
import { listEnvironments } from '../dataverse/discovery';
import { DataverseEnvironmentClient } from '../dataverse/environmentClient';
import type { DataverseEnvironmentInfo, EnvironmentClient, Page, PageOptions } from '../dataverse/types';
import { GraphClient } from '../graph/graphClient';
import { mapLimit } from '../resources';
import { chooseEnvironment } from './environmentChoice';
import { DEFAULT_LOCAL_TIMEOUTS, gatherLocalFacts, thisSystem, type LocalSystem, type LocalTimeouts } from './localMachine';
import { settle, DoctorReadError } from './settle';

export interface CredentialRequest {
  readonly name: string;
  /** Flow files whose Get credential actions name it. */
  readonly usedIn?: readonly string[];
}

export interface DoctorRequest {
  readonly account: AzureAccount;
  /** The environment's URL (or host) or name; undefined: the only one the account sees. */
  readonly environment?: string;
  /** The tenant to look in; default: the account's home tenant, else the tenant of its token. */
  readonly tenantId?: string;
  /** The machine to look for; default: this computer's name. */
  readonly machine?: string;
  /** The credentials to check; `all`: every credential of the environment. */
  readonly credentials: readonly CredentialRequest[] | 'all';
  readonly clientOptions?: AzureClientOptions;
  readonly abortSignal?: AbortSignal;
  /** Each Azure read (default 15 s). */
  readonly azureTimeoutMs?: number;
  readonly localTimeouts?: LocalTimeouts;
  /** The computer (tests replace it). */
  readonly system?: LocalSystem;
  /** Other environments searched for the machine at most (default 20). */
  readonly maxOtherEnvironments?: number;
  readonly now?: () => number;
}

export interface GatheredDoctorRun {
  readonly facts: DoctorFacts;
  readonly context: DoctorContext;
  /** The chosen environment, when it was found. */
  readonly environment?: DataverseEnvironmentInfo;
  /** Why no environment was chosen, when the environments were listed but none (or several) matched. */
  readonly environmentChoiceProblem?: string;
}

export function cloudFacts(cloud: AzureCloud): CloudFacts {
  return {
    name: cloud.name,
    displayName: cloud.displayName,
    portalUrl: cloud.portalUrl,
    makerPortalUrl: cloud.makerPortalUrl,
    supportsPowerAutomateCredentials: cloud.supportsPowerAutomateCredentials,
  };
}

/** The tenant to look in: the request's, the account's home tenant, or the one its ARM token is for. */
async function tenantOf(request: DoctorRequest, signal: AbortSignal): Promise<string> {
  const t = request.tenantId ?? request.account.homeTenantId;
  if (t) return t.toLowerCase();
  const token = await request.account.credential(undefined).getToken(request.account.cloud.resourceManagerScope, { abortSignal: signal });
  const tid = token ? readTokenClaims(token.token).tid : undefined;
  if (!tid) throw new DoctorReadError('The signed-in account did not say which tenant it is in: pass --tenant or set AZURE_TENANT_ID.');
  return tid.toLowerCase();
}

/** The environments an account sees in its tenant (for a picker before the run). */
export async function listDoctorEnvironments(
  account: AzureAccount,
  options: { tenantId?: string; clientOptions?: AzureClientOptions; abortSignal?: AbortSignal } = {},
): Promise<DataverseEnvironmentInfo[]> {
  const signal = options.abortSignal ?? new AbortController().signal;
  const tenantId = await tenantOf({ account, tenantId: options.tenantId, credentials: [] }, signal);
  return listEnvironments(account, tenantId, { abortSignal: signal, clientOptions: options.clientOptions });
}

async function allPages<T>(list: (options: PageOptions) => Promise<Page<T>>, abortSignal: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  let nextLink: string | undefined;
  do {
    const page = await list({ nextLink, abortSignal });
    out.push(...page.items);
    nextLink = page.nextLink;
  } while (nextLink);
  return out;
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

export async function gatherDoctorFacts(request: DoctorRequest): Promise<GatheredDoctorRun> {
  const started = Date.now();
  const now = (request.now ?? Date.now)();
  const { account, abortSignal } = request;
  const ms = request.azureTimeoutMs ?? 15000;
  const system = request.system ?? thisSystem();
  const options = request.clientOptions;
  const machineName = request.machine ?? system.hostname();

  // The environment first: everything else is read in it.
  const tenant = await settle(ms, abortSignal, (signal) => tenantOf(request, signal));
  const environments = tenant.status === 'read' ? await settle(ms, abortSignal, (signal) => listEnvironments(account, tenant.value, { abortSignal: signal, clientOptions: options })) : tenant;
  let chosen: Read<DataverseEnvironmentInfo>;
  let environmentChoiceProblem: string | undefined;
  if (environments.status === 'read') {
    try {
      chosen = read(chooseEnvironment(environments.value, request.environment));
    } catch (e) {
      environmentChoiceProblem = (e as Error).message;
      chosen = { status: 'failed', reason: environmentChoiceProblem };
    }
  } else {
    chosen = { status: environments.status, reason: `The environments could not be listed: ${environments.reason}` };
  }
  const env = chosen.status === 'read' ? chosen.value : undefined;
  const client: EnvironmentClient | undefined = env ? new DataverseEnvironmentClient(account, env, options) : undefined;
  const notRead = <T>(): Read<T> => ({ status: 'skipped', reason: chosen.status === 'read' ? '' : chosen.reason });

  const whoAmI = client ? settle(ms, abortSignal, (signal) => client.whoAmI(signal)) : Promise.resolve(notRead<unknown>());
  const identityTenant = env?.tenantId ?? (tenant.status === 'read' ? tenant.value : undefined);
  const identity: Promise<Read<IdentityFacts>> = identityTenant
    ? settle(ms, abortSignal, async (signal) => {
        const me = await new GraphClient(account, identityTenant, options).me(signal);
        return { kind: me.kind, objectId: me.id, userPrincipalName: me.userPrincipalName, displayName: me.displayName ?? (me.kind === 'application' ? account.identity : undefined), userType: me.userType, tenantId: identityTenant };
      })
    : Promise.resolve({ status: 'skipped', reason: 'The tenant is not known.' });
  const machines: Promise<Read<FlowMachineFacts[]>> = client ? settle(ms, abortSignal, (signal) => allPages((o) => client.listMachines(o), signal)) : Promise.resolve(notRead());
  const groups: Promise<Read<FlowMachineGroupFacts[]>> = client ? settle(ms, abortSignal, (signal) => allPages((o) => client.listMachineGroups(o), signal)) : Promise.resolve(notRead());
  const others = env && environments.status === 'read' ? environments.value.filter((e) => e.organizationId !== env.organizationId).slice(0, request.maxOtherEnvironments ?? 20) : [];
  const elsewhere: Promise<Read<MachineElsewhere[]>> = env
    ? settle(ms, abortSignal, async (signal) => {
        const found = await mapLimit(others, 4, async (o) => {
          // An environment the identity may not read is left out, not a failure of the whole search.
          try {
            const list = await allPages((p) => new DataverseEnvironmentClient(account, o, options).listMachines(p), signal);
            return list.filter((m) => sameName(m.name, machineName)).map((machine) => ({ environmentName: o.friendlyName, environmentUrl: o.url, machine }));
          } catch {
            if (signal.aborted) throw new DoctorReadError('cancelled');
            return [];
          }
        });
        return found.flat();
      })
    : Promise.resolve(notRead());
  const cache = new FactsCache();
  const credentialFacts = (record: import('../../core/credentials/facts').CredentialRecordFacts, signal: AbortSignal): Promise<CredentialHealthInput> =>
    gatherCredentialFacts(record, { account, environmentTenantId: env!.tenantId, cache, clientOptions: options, abortSignal: signal, now: () => now });
  const credentials: Promise<CredentialLookupFacts[]> = (async () => {
    if (!client) {
      const names = request.credentials === 'all' ? [] : request.credentials;
      return names.map((c) => ({ name: c.name, usedIn: c.usedIn, lookup: notRead<CredentialHealthInput | null>() }));
    }
    if (request.credentials === 'all') {
      const all = await settle(ms, abortSignal, (signal) => allPages((o) => client.listCredentials(o), signal));
      if (all.status !== 'read') return [{ name: 'every credential', lookup: all }];
      return mapLimit(all.value, 8, async (record) => ({ name: record.name, lookup: await settle(ms, abortSignal, (signal) => credentialFacts(record, signal)) }));
    }
    return mapLimit(request.credentials, 8, async (c) => ({
      name: c.name,
      usedIn: c.usedIn,
      lookup: await settle(ms, abortSignal, async (signal) => {
        const record = await client.findCredentialByName(c.name, signal);
        return record ? credentialFacts(record, signal) : null;
      }),
    }));
  })();
  const local: Promise<LocalMachineFacts> = gatherLocalFacts(system, machineEndpoints(account.cloud.name, env?.url), request.localTimeouts ?? DEFAULT_LOCAL_TIMEOUTS, abortSignal);

  const [who, identityRead, machinesRead, groupsRead, elsewhereRead, credentialsRead, localFacts] = await Promise.all([
    whoAmI,
    identity,
    machines,
    groups,
    elsewhere,
    credentials,
    local,
  ]);

  let environment: Read<EnvironmentFacts>;
  if (!env) environment = { status: chosen.status === 'read' ? 'failed' : chosen.status, reason: chosen.status === 'read' ? '' : chosen.reason };
  else if (who.status !== 'read') environment = { status: who.status, reason: who.reason };
  else environment = read({ environmentId: env.environmentId, friendlyName: env.friendlyName, url: env.url, tenantId: env.tenantId });

  const facts: DoctorFacts = {
    now,
    cloud: cloudFacts(account.cloud),
    environment,
    identity: identityRead,
    machine: {
      name: machineName,
      chosenBy: request.machine ? 'user' : 'this-computer',
      machines: machinesRead,
      groups: groupsRead,
      elsewhere: elsewhereRead,
    },
    local: localFacts,
    credentials: credentialsRead,
  };
  const signedInAs = identityRead.status === 'read' ? (identityRead.value.userPrincipalName ?? identityRead.value.displayName ?? account.identity) : account.identity;
  const context: DoctorContext = {
    cloud: account.cloud.displayName,
    ...(env ? { environment: env.friendlyName, environmentUrl: env.url } : request.environment ? { environment: request.environment } : {}),
    machine: machineName,
    signedInAs,
    checkedAt: new Date(now).toISOString(),
    durationMs: Date.now() - started,
  };
  return { facts, context, environment: env, ...(environmentChoiceProblem ? { environmentChoiceProblem } : {}) };
}
