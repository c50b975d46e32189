/** The options of `flow-vault doctor`. */
import { findCloud, type AzureCloud } from '../azure/clouds';
import { lastOf, parseCommandArgs, UsageError } from './args';

export const DOCTOR_FORMATS = ['text', 'json', 'markdown'] as const;
export type DoctorFormat = (typeof DOCTOR_FORMATS)[number];

export interface DoctorOptions {
  readonly paths: string[];
  readonly environment?: string;
  readonly machine?: string;
  readonly credentials: string[];
  readonly cloud: AzureCloud;
  readonly tenant?: string;
  readonly format: DoctorFormat;
  /** Seconds each Azure read may take. */
  readonly timeoutSeconds: number;
  readonly color?: boolean;
  readonly help: boolean;
}

const CLOUD_FLAGS: Readonly<Record<string, string>> = { public: 'AzureCloud', china: 'AzureChinaCloud', usgov: 'AzureUSGovernment' };

export function parseDoctorArgs(args: readonly string[]): DoctorOptions {
  const parsed = parseCommandArgs(args, {
    environment: { type: 'string', short: 'e' },
    machine: { type: 'string', short: 'm' },
    credential: { type: 'string', short: 'c', multiple: true },
    cloud: { type: 'string' },
    tenant: { type: 'string', short: 't' },
    format: { type: 'string', short: 'f' },
    timeout: { type: 'string' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  const format = (v.format ?? 'text') as DoctorFormat;
  if (!DOCTOR_FORMATS.includes(format)) throw new UsageError(`Unknown format "${v.format}". Use one of: ${DOCTOR_FORMATS.join(', ')}.`);
  const cloudName = v.cloud === undefined ? 'AzureCloud' : CLOUD_FLAGS[v.cloud.toLowerCase()];
  const cloud = cloudName ? findCloud(cloudName) : undefined;
  if (!cloud) throw new UsageError(`Unknown cloud "${v.cloud}". Use public, china or usgov.`);
  let timeoutSeconds = 15;
  if (v.timeout !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(v.timeout) || Number(v.timeout) <= 0) throw new UsageError(`--timeout takes a number of seconds greater than 0, not "${v.timeout}".`);
    timeoutSeconds = Number(v.timeout);
  }
  for (const key of ['environment', 'machine', 'tenant'] as const) {
    if (v[key] !== undefined && v[key]!.trim() === '') throw new UsageError(`--${key} needs a value.`);
  }
  const credentials = (v.credential ?? []).map((c) => c.trim());
  if (credentials.some((c) => c === '')) throw new UsageError('--credential needs a credential name.');
  const color = lastOf(args, '--color', '--no-color');
  return {
    paths: parsed.positionals,
    environment: v.environment?.trim(),
    machine: v.machine?.trim(),
    credentials,
    cloud,
    tenant: v.tenant?.trim(),
    format,
    timeoutSeconds,
    color,
    help: v.help === true,
  };
}
