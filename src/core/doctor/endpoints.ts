/**
 * The endpoints a registered machine must reach, per cloud (azure-apis.md §3.4). Rules with a
 * wildcard are probed at a host the service answers on: the environment's own host for
 * `*.dynamics.com`, the service's apex or a well-known sub-domain otherwise.
 */

export interface MachineEndpoint {
  /** What a firewall or proxy must allow. */
  readonly pattern: string;
  /** The host probed. */
  readonly host: string;
  readonly purpose: string;
}

/**
 * Per cloud, what a firewall must allow and why. The first row is the environment's own domain
 * (probed at the environment's host); a wildcard's apex is the host probed for the others.
 */
const BY_CLOUD: Readonly<Record<string, readonly (readonly [pattern: string, purpose: string])[]>> = {
  AzureCloud: [
    ['*.dynamics.com', 'Dataverse: the environment, machine registration and credentials'],
    ['*.servicebus.windows.net', 'Service Bus Relay: machine connectivity'],
    ['*.gateway.prod.island.powerapps.com', 'machine connectivity (runtime up to 2.51)'],
    ['*.api.powerplatform.com', 'machine connectivity (runtime 2.52 and later)'],
    ['login.microsoftonline.com', 'sign-in'],
  ],
  AzureChinaCloud: [
    ['*.dynamics.cn', 'Dataverse: the environment, machine registration and credentials'],
    ['*.gateway.mooncake.island.powerapps.cn', 'machine connectivity'],
    ['*.api.powerplatform.partner.microsoftonline.cn', 'machine connectivity (runtime 2.52 and later)'],
    ['*.api.powerautomate.cn', 'Power Automate service'],
    ['login.chinacloudapi.cn', 'sign-in'],
  ],
  AzureUSGovernment: [
    ['*.microsoftdynamics.us', 'Dataverse: the environment and machine registration'],
    ['*.servicebus.usgovcloudapi.net', 'Service Bus Relay: machine connectivity'],
    ['*.gateway.gov.island.powerapps.us', 'machine connectivity (GCC, GCC High)'],
    ['login.microsoftonline.us', 'sign-in'],
  ],
};

/** The endpoints of a cloud, with `{environment}` replaced by the environment's host (or dropped when unknown). */
export function machineEndpoints(cloudName: string, environmentUrl?: string): MachineEndpoint[] {
  let envHost: string | undefined;
  try {
    envHost = environmentUrl ? new URL(environmentUrl).hostname : undefined;
  } catch {
    envHost = undefined;
  }
  const [environment, ...others] = BY_CLOUD[cloudName] ?? BY_CLOUD.AzureCloud;
  return [
    ...(envHost ? [{ pattern: environment[0], host: envHost, purpose: environment[1] }] : []),
    ...others.map(([pattern, purpose]) => ({ pattern, host: pattern.replace(/^\*\./, ''), purpose })),
  ];
}
