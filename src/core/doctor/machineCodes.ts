/**
 * The codes of the `flowmachine` and `flowmachinegroup` tables in words, with what each means for
 * running desktop flows (azure-apis.md §3.1, §3.2).
 */
import type { CheckStatus } from './types';

export interface CodeMeaning {
  readonly words: string;
  readonly status: CheckStatus;
}

/** `flowmachine.statecode`. */
export const MACHINE_STATE: Readonly<Record<number, string>> = { 0: 'active', 1: 'inactive', 2: 'in maintenance' };

/** `flowmachine.statuscode`. */
export const MACHINE_STATUS: Readonly<Record<number, CodeMeaning>> = {
  1: { words: 'active', status: 'pass' },
  2: { words: 'inactive', status: 'fail' },
  3: { words: 'requires reconnection', status: 'fail' },
  4: { words: 'in manual maintenance (no flows run)', status: 'warn' },
  5: { words: 'in drain mode (finishing its runs, taking no new ones)', status: 'warn' },
  6: { words: 'marked for deletion', status: 'fail' },
  7: { words: 'temporary', status: 'warn' },
  8: { words: 'in error', status: 'fail' },
  9: { words: 'disabled', status: 'fail' },
  10: { words: 'provisioning', status: 'warn' },
  11: { words: 'requires the group key (the group password changed or its key expired)', status: 'fail' },
  12: { words: 'provisioned with an error', status: 'fail' },
  13: { words: 'over capacity (hosted machine)', status: 'warn' },
  14: { words: 'over capacity and deleted (hosted machine)', status: 'fail' },
  15: { words: 'over capacity and disabled (hosted machine)', status: 'fail' },
};

/** `flowmachine.keydeliverystatus`. */
export const KEY_DELIVERY: Readonly<Record<number, CodeMeaning>> = {
  1: { words: 'key delivered', status: 'pass' },
  2: { words: 'a new key is pending delivery to the machine', status: 'warn' },
  3: { words: 'the machine key expired', status: 'fail' },
};

/** `flowmachine.hostingtype`. */
export const HOSTING_TYPE: Readonly<Record<number, string>> = { 0: 'customer machine', 1: 'hosted machine', 2: 'Cloud PC' };

/** `flowmachinegroup.statuscode`. */
export const GROUP_STATUS: Readonly<Record<number, CodeMeaning>> = {
  1: { words: 'active', status: 'pass' },
  2: { words: 'inactive', status: 'fail' },
  3: { words: 'in manual maintenance (no flows run on its machines)', status: 'warn' },
  4: { words: 'group key expired', status: 'fail' },
  5: { words: 'moving between regions', status: 'warn' },
};

/** `flowmachinegroup.flowgrouptype`. */
export const GROUP_TYPE: Readonly<Record<number, string>> = {
  545940000: 'keyless group',
  545940001: 'standard group',
  545940002: 'default group of a standalone machine',
};

/** The minimum machine runtime for direct connectivity (azure-apis.md §3.3). */
export const MIN_AGENT_VERSION = '2.8.73.21119';
/** From this version the machine must also reach `*.api.powerplatform.com` (azure-apis.md §3.4). */
export const API_ENDPOINT_AGENT_VERSION = '2.52';

/** Compares dotted versions numerically (missing parts are 0); undefined when either does not parse. */
export function compareVersions(a: string, b: string): number | undefined {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return undefined;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function parseVersion(v: string): number[] | undefined {
  const t = v.trim();
  if (!/^\d+(\.\d+)*$/.test(t)) return undefined;
  return t.split('.').map(Number);
}
