/**
 * Machine registration: is the machine registered in the chosen environment, in which group,
 * in what state, heard from lately, recent enough, holding its key (azure-apis.md §3).
 */
import { whyNot, type DoctorFacts, type FlowMachineFacts, type FlowMachineGroupFacts, type MachineLookupFacts } from './facts';
import type { DoctorCheck, DoctorFix } from './types';
import {
  API_ENDPOINT_AGENT_VERSION,
  GROUP_STATUS,
  GROUP_TYPE,
  HOSTING_TYPE,
  KEY_DELIVERY,
  MACHINE_STATE,
  MACHINE_STATUS,
  MIN_AGENT_VERSION,
  compareVersions,
} from './machineCodes';
import { machinesPage } from './portal';
import { duration, list, utc } from './words';
import type { DoctorOptions } from './options';

const TITLES = {
  'machine-registered': 'Machine is registered in the environment',
  'machine-environment': 'Machine runs flows from the environment the credentials live in',
  'machine-status': 'Machine status',
  'machine-heartbeat': 'Machine heartbeat is recent',
  'machine-agent-version': 'Machine runtime version',
  'machine-key-delivery': 'Machine key delivery',
  'machine-group': 'Machine group',
} as const;

type MachineCheckId = keyof typeof TITLES;

export const MACHINE_CHECK_IDS = Object.keys(TITLES) as MachineCheckId[];

function check(id: MachineCheckId, status: DoctorCheck['status'], evidence: string, fix?: DoctorFix): DoctorCheck {
  return { id, group: 'machine', title: TITLES[id], status, evidence, ...(fix ? { fix } : {}) };
}

function skipAll(reason: string): DoctorCheck[] {
  return MACHINE_CHECK_IDS.map((id) => check(id, 'skip', reason));
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

/** Every machine check, in order. */
export function machineChecks(facts: DoctorFacts, options: DoctorOptions): DoctorCheck[] {
  const m = facts.machine;
  if (!m) return skipAll('No machine to look for: pass --machine NAME, or run the doctor on the machine that runs the flows.');
  if (facts.environment.status !== 'read') return skipAll(`The environment could not be read: ${whyNot(facts.environment)}`);
  if (m.machines.status !== 'read') return skipAll(`The environment's machines could not be read: ${whyNot(m.machines)}`);
  const env = facts.environment.value;
  const page = machinesPage(facts.cloud, env);
  const found = m.machines.value.filter((x) => sameName(x.name, m.name));
  const machine = found[0];
  const checks = [registered(m, found, env.friendlyName, page), environmentMatch(m, machine, env.friendlyName)];
  if (!machine) {
    const reason = `No machine named ${m.name} is registered in ${env.friendlyName}.`;
    return [...checks, ...MACHINE_CHECK_IDS.slice(2).map((id) => check(id, 'skip', reason))];
  }
  return [
    ...checks,
    status(machine, page),
    heartbeat(machine, facts.now, options.heartbeatStaleMinutes, page),
    agentVersion(machine),
    keyDelivery(machine, page),
    group(machine, m, page),
  ];
}

function registered(m: MachineLookupFacts, found: readonly FlowMachineFacts[], envName: string, page: string): DoctorCheck {
  const who = m.chosenBy === 'this-computer' ? `This computer (${m.name})` : `The machine ${m.name}`;
  if (found.length === 0) {
    return check('machine-registered', 'fail', `${who} is not among the ${m.machines.status === 'read' ? m.machines.value.length : 0} machines registered in ${envName}.`, {
      text: `On ${m.name}, open Power Automate machine runtime, sign in, and select the environment ${envName}; or pick the machine that runs the flows with --machine.`,
      url: page,
    });
  }
  const machine = found[0];
  const hosting = machine.hostingType !== undefined && HOSTING_TYPE[machine.hostingType] ? `, ${HOSTING_TYPE[machine.hostingType]}` : '';
  const extra = found.length > 1 ? ` ${found.length} machines carry that name; the first is shown.` : '';
  return check('machine-registered', found.length > 1 ? 'warn' : 'pass', `${who} is registered in ${envName} (machine id ${machine.id}${hosting}).${extra}`, found.length > 1 ? {
    text: `Remove the stale registrations of ${m.name} in the machines page, so that runs go to the machine you mean.`,
    url: page,
  } : undefined);
}

function environmentMatch(m: MachineLookupFacts, machine: FlowMachineFacts | undefined, envName: string): DoctorCheck {
  const elsewhere = m.elsewhere;
  if (!elsewhere || elsewhere.status !== 'read') {
    const why = elsewhere ? `the other environments could not be read: ${whyNot(elsewhere)}` : 'the other environments were not read';
    return machine
      ? check('machine-environment', 'pass', `Registered in ${envName}, where the credentials live (${why}).`)
      : check('machine-environment', 'skip', `Not registered in ${envName}, and ${why}.`);
  }
  const others = elsewhere.value.map((e) => e.environmentName);
  if (machine && others.length === 0) return check('machine-environment', 'pass', `Registered in ${envName}, where the credentials live, and in no other environment.`);
  if (machine) {
    return check('machine-environment', 'warn', `Registered in ${envName}, and a machine of the same name is registered in ${list(others)}. A machine runs cloud flows from one environment at a time.`, {
      text: `Remove the registration of ${m.name} from ${list(others)} if it is stale, or make sure the flows run from ${envName}.`,
    });
  }
  if (others.length > 0) {
    return check('machine-environment', 'fail', `${m.name} is registered in ${list(others)}, but the credentials live in ${envName}: Get credential reads them from the machine's own environment.`, {
      text: `Move the machine to ${envName} (machine runtime → Machine settings → environment; this removes its connections in ${list(others)}), or create the credentials in ${list(others)}.`,
    });
  }
  return check('machine-environment', 'skip', `${m.name} is registered in no environment of this tenant that could be read.`);
}

function status(machine: FlowMachineFacts, page: string): DoctorCheck {
  const meaning = MACHINE_STATUS[machine.statusCode];
  const state = MACHINE_STATE[machine.stateCode] ?? `state ${machine.stateCode}`;
  const words = meaning?.words ?? `unknown status`;
  const evidence = `Status of ${machine.name}: ${words} (statecode ${machine.stateCode} ${state}, statuscode ${machine.statusCode}).`;
  if (!meaning) return check('machine-status', 'warn', evidence, { text: 'Look the machine up in the machines page.', url: page });
  if (meaning.status === 'pass') return check('machine-status', 'pass', evidence);
  return check('machine-status', meaning.status, evidence, { text: statusFix(machine), url: page });
}

function statusFix(machine: FlowMachineFacts): string {
  switch (machine.statusCode) {
    case 3:
      return `On ${machine.name}, open Power Automate machine runtime and sign in again to reconnect the machine.`;
    case 4:
    case 5:
      return `Turn maintenance mode off for ${machine.name} in the machines page when the work on it is done.`;
    case 11:
      return `On ${machine.name}, open Power Automate machine runtime → Machine groups and enter the group's current password.`;
    case 2:
    case 9:
      return `Turn ${machine.name} back on in the machines page, or re-register it from Power Automate machine runtime.`;
    default:
      return `Open ${machine.name} in the machines page; re-register it from Power Automate machine runtime if it stays like this.`;
  }
}

function heartbeat(machine: FlowMachineFacts, now: number, staleMinutes: number, page: string): DoctorCheck {
  const fix: DoctorFix = {
    text: `Make sure ${machine.name} is on and the Power Automate service (UIFlowService) runs on it and reaches the cloud endpoints; the machine runtime's Troubleshoot page tests them.`,
    url: page,
  };
  if (!machine.lastHeartbeat) return check('machine-heartbeat', 'warn', `${machine.name} has never sent a heartbeat.`, fix);
  const t = Date.parse(machine.lastHeartbeat);
  if (Number.isNaN(t)) return check('machine-heartbeat', 'skip', `The last heartbeat date "${machine.lastHeartbeat}" is not a date.`);
  const age = now - t;
  const when = `${utc(t)}, ${age >= 0 ? `${duration(age)} ago` : 'in the future by this clock'}`;
  if (age > staleMinutes * 60_000) {
    return check('machine-heartbeat', 'warn', `Last heartbeat ${when}: more than ${staleMinutes} minutes, so the machine is probably offline.`, fix);
  }
  return check('machine-heartbeat', 'pass', `Last heartbeat ${when}.`);
}

function agentVersion(machine: FlowMachineFacts): DoctorCheck {
  const v = machine.agentVersion?.trim();
  if (!v) return check('machine-agent-version', 'skip', `${machine.name} has not reported its runtime version (it does on registration and after each run).`);
  const cmp = compareVersions(v, MIN_AGENT_VERSION);
  if (cmp === undefined) return check('machine-agent-version', 'warn', `Runtime version "${v}" is not a version number.`);
  const update: DoctorFix = { text: `Install the latest Power Automate for desktop on ${machine.name} (https://go.microsoft.com/fwlink/?linkid=2102613).`, url: 'https://go.microsoft.com/fwlink/?linkid=2102613' };
  if (cmp < 0) return check('machine-agent-version', 'fail', `Runtime ${v} is older than ${MIN_AGENT_VERSION}, the first with direct connectivity to the cloud.`, update);
  const needsApi = (compareVersions(v, API_ENDPOINT_AGENT_VERSION) ?? -1) >= 0;
  return check(
    'machine-agent-version',
    'pass',
    `Runtime ${v} (at least ${MIN_AGENT_VERSION}). ${needsApi ? 'From 2.52 on it must also reach *.api.powerplatform.com.' : 'Before 2.52 it must reach *.gateway.prod.island.powerapps.com.'}`,
  );
}

function keyDelivery(machine: FlowMachineFacts, page: string): DoctorCheck {
  if (machine.keyDeliveryStatus === undefined) return check('machine-key-delivery', 'skip', `${machine.name} has no key delivery status.`);
  const meaning = KEY_DELIVERY[machine.keyDeliveryStatus];
  if (!meaning) return check('machine-key-delivery', 'warn', `Unknown key delivery status ${machine.keyDeliveryStatus}.`);
  const evidence = `${meaning.words[0].toUpperCase()}${meaning.words.slice(1)} (keydeliverystatus ${machine.keyDeliveryStatus}).`;
  if (meaning.status === 'pass') return check('machine-key-delivery', 'pass', evidence);
  return check('machine-key-delivery', meaning.status, evidence, {
    text: `Start ${machine.name} and its Power Automate service so that it receives the new key; if the key expired, re-register the machine from Power Automate machine runtime.`,
    url: page,
  });
}

function group(machine: FlowMachineFacts, m: MachineLookupFacts, page: string): DoctorCheck {
  if (!machine.groupId) return check('machine-group', 'pass', `${machine.name} is in no machine group.`);
  if (m.groups.status !== 'read') return check('machine-group', 'skip', `In group ${machine.groupName ?? machine.groupId}; the machine groups could not be read: ${whyNot(m.groups)}`);
  const g: FlowMachineGroupFacts | undefined = m.groups.value.find((x) => x.id === machine.groupId);
  if (!g) return check('machine-group', 'warn', `In group ${machine.groupName ?? machine.groupId}, which is not among the environment's machine groups (deleted, or not shared with you).`, { text: 'Open the machine in the machines page and check its group.', url: page });
  const meaning = GROUP_STATUS[g.statusCode];
  const type = g.groupType !== undefined && GROUP_TYPE[g.groupType] ? `, ${GROUP_TYPE[g.groupType]}` : '';
  const evidence = `In group ${g.name}${type}: ${meaning?.words ?? 'unknown status'} (statecode ${g.stateCode}, statuscode ${g.statusCode}).`;
  if (!meaning) return check('machine-group', 'warn', evidence, { text: `Open the group ${g.name} in the machines page.`, url: page });
  if (meaning.status === 'pass') return check('machine-group', 'pass', evidence);
  const text =
    g.statusCode === 4
      ? `Set a new password for the group ${g.name} in the machines page, then enter it on each of its machines (machine runtime → Machine groups).`
      : g.statusCode === 3
        ? `Turn maintenance mode off for the group ${g.name} in the machines page when the work is done.`
        : `Open the group ${g.name} in the machines page.`;
  return check('machine-group', meaning.status, evidence, { text, url: page });
}
