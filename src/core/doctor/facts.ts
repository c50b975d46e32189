/**
 * What the doctor's clients gathered, once per run: the input of the pure checks. Every part
 * that had to be read says whether it was read; a part that could not be read makes the checks
 * that need it `skip` with the reason, never `pass`.
 */
import type { CredentialHealthInput } from '../credentials/facts';

/** A part that had to be read: its value, or why there is none. */
export type Read<T> =
  | { readonly status: 'read'; readonly value: T }
  /** `timeout`: no answer in time; `failed`: an error (reason says which, never a secret); `skipped`: not read on purpose. */
  | { readonly status: 'timeout' | 'failed' | 'skipped'; readonly reason: string };

export function read<T>(value: T): Read<T> {
  return { status: 'read', value };
}

export interface CloudFacts {
  /** `AzureCloud`, `AzureChinaCloud`, `AzureUSGovernment`. */
  readonly name: string;
  readonly displayName: string;
  /** Azure portal, no trailing slash. */
  readonly portalUrl: string;
  /** Power Automate maker portal, no trailing slash. */
  readonly makerPortalUrl: string;
  readonly supportsPowerAutomateCredentials: boolean;
}

export interface EnvironmentFacts {
  readonly environmentId: string;
  readonly friendlyName: string;
  /** `https://{org}.crm.dynamics.com`. */
  readonly url: string;
  readonly tenantId: string;
}

/** Who is signed in, from Microsoft Graph `/me` or the token's claims. */
export interface IdentityFacts {
  readonly kind: 'user' | 'application';
  readonly objectId?: string;
  readonly userPrincipalName?: string;
  readonly displayName?: string;
  /** Graph `userType`: `Member` or `Guest`; undefined when it could not be read. */
  readonly userType?: string;
  /** Tenant of the token. */
  readonly tenantId?: string;
}

/** A `flowmachines` row (the Dataverse client's `FlowMachineRecord`). */
export interface FlowMachineFacts {
  readonly id: string;
  readonly name: string;
  readonly agentVersion?: string;
  /** ISO time. */
  readonly lastHeartbeat?: string;
  readonly stateCode: number;
  readonly statusCode: number;
  readonly keyDeliveryStatus?: number;
  readonly hostingType?: number;
  readonly groupId?: string;
  readonly groupName?: string;
}

/** A `flowmachinegroups` row (the Dataverse client's `FlowMachineGroupRecord`). */
export interface FlowMachineGroupFacts {
  readonly id: string;
  readonly name: string;
  readonly groupType?: number;
  readonly stateCode: number;
  readonly statusCode: number;
}

/** A machine of the same name in another environment of the tenant. */
export interface MachineElsewhere {
  readonly environmentName: string;
  readonly environmentUrl: string;
  readonly machine: FlowMachineFacts;
}

export interface MachineLookupFacts {
  /** The machine looked for: this computer's name, or the one the user chose. */
  readonly name: string;
  readonly chosenBy: 'this-computer' | 'user';
  /** The chosen environment's machines. */
  readonly machines: Read<readonly FlowMachineFacts[]>;
  readonly groups: Read<readonly FlowMachineGroupFacts[]>;
  /** Machines of that name in the tenant's other environments. */
  readonly elsewhere?: Read<readonly MachineElsewhere[]>;
}

/** The result of one network probe. */
export type ProbeResult =
  | { readonly ok: true; readonly ms: number; readonly detail?: string }
  /** `code`: `timeout`, or the system error code (`ENOTFOUND`, `ECONNREFUSED`, `CERT_HAS_EXPIRED`…). */
  | { readonly ok: false; readonly ms: number; readonly code: string; readonly detail?: string };

export interface EndpointProbe {
  /** The host probed. */
  readonly host: string;
  /** The rule a firewall or proxy must allow, e.g. `*.servicebus.windows.net`. */
  readonly pattern: string;
  readonly purpose: string;
  readonly dns: ProbeResult;
  /** Absent when DNS failed. */
  readonly tls?: ProbeResult;
}

/** The local computer (Windows only: elsewhere only `platform` is set). */
export interface LocalMachineFacts {
  /** `process.platform`. */
  readonly platform: string;
  readonly computerName?: string;
  /** Output of `sc.exe qc UIFlowService`. */
  readonly serviceConfig?: Read<string>;
  /** Output of `sc.exe query UIFlowService`. */
  readonly serviceQuery?: Read<string>;
  /** Output of `netsh winhttp show proxy`. */
  readonly winHttpProxy?: Read<string>;
  /** Proxy settings of the process environment (`HTTPS_PROXY`…), names and hosts only. */
  readonly environmentProxy?: string;
  readonly endpoints?: Read<readonly EndpointProbe[]>;
}

/** One credential a flow uses (or the user chose), and what was read about it. */
export interface CredentialLookupFacts {
  readonly name: string;
  /** Flow files whose Get credential actions name it. */
  readonly usedIn?: readonly string[];
  /** `null`: no credential of that name in the environment. */
  readonly lookup: Read<CredentialHealthInput | null>;
}

export interface DoctorFacts {
  /** Milliseconds since the epoch: the checks' clock. */
  readonly now: number;
  readonly cloud: CloudFacts;
  readonly environment: Read<EnvironmentFacts>;
  readonly identity: Read<IdentityFacts>;
  readonly machine?: MachineLookupFacts;
  readonly local?: LocalMachineFacts;
  readonly credentials?: readonly CredentialLookupFacts[];
}

/** Why a part has no value ("not run" when it was never attempted). */
export function whyNot(r: Read<unknown> | undefined): string {
  if (!r) return 'not run';
  if (r.status === 'read') return '';
  return r.status === 'timeout' ? `timed out (${r.reason})` : r.reason;
}
