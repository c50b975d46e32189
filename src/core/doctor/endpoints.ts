/**
 * The endpoints a registered machine must reach, per cloud (azure-apis.md §3.4). Rules with a
 * wildcard are probed at a host the service answers on: the environment's own host for
 * `*.dynamics.com`, the service's apex or a well-known sub-domain otherwise.
 */

export interface MachineEndpoint {
  /** What a firewall or proxy must allow. */
  readonly pattern: string;
  /** The host probed; `{environment}` stands for the environment's host. */
  readonly host: string;
  readonly purpose: string;
}

const PUBLIC: readonly MachineEndpoint[] = [
  { pattern: '*.dynamics.com', host: '{environment}', purpose: 'Dataverse: the environment, machine registration and credentials' },
  { pattern: '*.servicebus.windows.net', host: 'servicebus.windows.net', purpose: 'Service Bus Relay: machine connectivity' },
  { pattern: '*.gateway.prod.island.powerapps.com', host: 'gateway.prod.island.powerapps.com', purpose: 'machine connectivity (runtime up to 2.51)' },
  { pattern: '*.api.powerplatform.com', host: 'api.powerplatform.com', purpose: 'machine connectivity (runtime 2.52 and later)' },
  { pattern: 'login.microsoftonline.com', host: 'login.microsoftonline.com', purpose: 'sign-in' },
];

const CHINA: readonly MachineEndpoint[] = [
  { pattern: '*.dynamics.cn', host: '{environment}', purpose: 'Dataverse: the environment, machine registration and credentials' },
  { pattern: '*.gateway.mooncake.island.powerapps.cn', host: 'gateway.mooncake.island.powerapps.cn', purpose: 'machine connectivity' },
  { pattern: '*.api.powerplatform.partner.microsoftonline.cn', host: 'api.powerplatform.partner.microsoftonline.cn', purpose: 'machine connectivity (runtime 2.52 and later)' },
  { pattern: '*.api.powerautomate.cn', host: 'api.powerautomate.cn', purpose: 'Power Automate service' },
  { pattern: 'login.chinacloudapi.cn', host: 'login.chinacloudapi.cn', purpose: 'sign-in' },
];

const US_GOVERNMENT: readonly MachineEndpoint[] = [
  { pattern: '*.microsoftdynamics.us', host: '{environment}', purpose: 'Dataverse: the environment and machine registration' },
  { pattern: '*.servicebus.usgovcloudapi.net', host: 'servicebus.usgovcloudapi.net', purpose: 'Service Bus Relay: machine connectivity' },
  { pattern: '*.gateway.gov.island.powerapps.us', host: 'gateway.gov.island.powerapps.us', purpose: 'machine connectivity (GCC, GCC High)' },
  { pattern: 'login.microsoftonline.us', host: 'login.microsoftonline.us', purpose: 'sign-in' },
];

const BY_CLOUD: Readonly<Record<string, readonly MachineEndpoint[]>> = {
  AzureCloud: PUBLIC,
  AzureChinaCloud: CHINA,
  AzureUSGovernment: US_GOVERNMENT,
};

/** The endpoints of a cloud, with `{environment}` replaced by the environment's host (or dropped when unknown). */
export function machineEndpoints(cloudName: string, environmentUrl?: string): MachineEndpoint[] {
  let envHost: string | undefined;
  try {
    envHost = environmentUrl ? new URL(environmentUrl).hostname : undefined;
  } catch {
    envHost = undefined;
  }
  return (BY_CLOUD[cloudName] ?? PUBLIC).flatMap((e) => (e.host !== '{environment}' ? [e] : envHost ? [{ ...e, host: envHost }] : []));
}
