/**
 * This computer, when it is the Windows machine that runs the flows: the Power Automate service
 * (`UIFlowService`), the WinHTTP proxy, and whether the cloud endpoints resolve and accept TLS.
 */
import { whyNot, type DoctorFacts, type EndpointProbe, type LocalMachineFacts, type ProbeResult } from './facts';
import type { DoctorCheck, DoctorFix } from './types';
import { parseServiceConfig, parseServiceState, parseWinHttpProxy } from './windowsOutputs';

const TITLES = {
  'local-service': 'Power Automate service (UIFlowService) runs',
  'local-proxy': 'Proxy settings',
  'local-endpoint': 'Cloud endpoint resolves and accepts TLS',
} as const;

type LocalCheckId = keyof typeof TITLES;
export const LOCAL_CHECK_IDS = Object.keys(TITLES) as LocalCheckId[];

function check(id: LocalCheckId, status: DoctorCheck['status'], evidence: string, fix?: DoctorFix, subject?: string): DoctorCheck {
  return { id, group: 'local', title: TITLES[id], ...(subject ? { subject } : {}), status, evidence, ...(fix ? { fix } : {}) };
}

const PLATFORM_NAMES: Readonly<Record<string, string>> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

export const DEFAULT_SERVICE_ACCOUNT = 'NT SERVICE\\UIFlowService';

/** Every local check, in order. */
export function localChecks(facts: DoctorFacts): DoctorCheck[] {
  const local = facts.local;
  if (!local) return LOCAL_CHECK_IDS.map((id) => check(id, 'skip', 'This computer was not checked.'));
  if (local.platform !== 'win32') {
    const name = PLATFORM_NAMES[local.platform] ?? local.platform;
    const reason = `This computer runs ${name}; the Power Automate machine runtime runs only on Windows. Run flow-vault doctor on the machine that runs the flows to check its service, proxy and network.`;
    return LOCAL_CHECK_IDS.map((id) => check(id, 'skip', reason));
  }
  return [service(local), proxy(local), ...endpoints(local)];
}

const START_SERVICE: DoctorFix = {
  text: 'In an administrator terminal on this computer, start the service (it is installed with Power Automate for desktop).',
  command: 'sc.exe start UIFlowService',
};

function service(local: LocalMachineFacts): DoctorCheck {
  const qc = local.serviceConfig;
  const q = local.serviceQuery;
  if (!qc || qc.status !== 'read') return check('local-service', 'skip', `sc.exe qc UIFlowService could not be run: ${whyNot(qc)}`);
  const config = parseServiceConfig(qc.value);
  if (!config) return check('local-service', 'skip', 'The output of sc.exe qc UIFlowService was not recognised.');
  if (!config.installed) {
    return check('local-service', 'fail', 'The Power Automate service (UIFlowService) is not installed on this computer.', {
      text: 'Install Power Automate for desktop with its machine runtime, then register this computer.',
      url: 'https://go.microsoft.com/fwlink/?linkid=2102613',
    });
  }
  const account = config.account ?? 'an unknown account';
  const accountNote = config.account?.toLowerCase() === DEFAULT_SERVICE_ACCOUNT.toLowerCase() ? ' (the default)' : config.account ? ' (changed from the default NT SERVICE\\UIFlowService)' : '';
  const runsAs = `runs as ${account}${accountNote}, start type ${config.startType ?? 'unknown'}`;
  if (config.startTypeCode === 4) {
    return check('local-service', 'fail', `UIFlowService is disabled; it ${runsAs}.`, {
      text: 'In an administrator terminal, set the service to start automatically, then start it.',
      command: 'sc.exe config UIFlowService start= auto && sc.exe start UIFlowService',
    });
  }
  if (!q || q.status !== 'read') return check('local-service', 'skip', `UIFlowService is installed and ${runsAs}; sc.exe query could not be run: ${whyNot(q)}`);
  const state = parseServiceState(q.value);
  if (!state) return check('local-service', 'skip', `UIFlowService is installed and ${runsAs}; the output of sc.exe query was not recognised.`);
  if (!state.installed) return check('local-service', 'fail', 'UIFlowService disappeared between two queries.', START_SERVICE);
  if (state.stateCode === 4) return check('local-service', 'pass', `UIFlowService is running; it ${runsAs}.`);
  if (state.stateCode === 2 || state.stateCode === 5) return check('local-service', 'warn', `UIFlowService is starting (${state.state}); it ${runsAs}.`, { text: 'Run the doctor again in a minute.' });
  const exit = state.exitCode ? `, last exit code ${state.exitCode}` : '';
  return check('local-service', 'fail', `UIFlowService is ${state.state}${exit}; it ${runsAs}.`, START_SERVICE);
}

function failedProbes(local: LocalMachineFacts): EndpointProbe[] {
  if (!local.endpoints || local.endpoints.status !== 'read') return [];
  return local.endpoints.value.filter((e) => !e.dns.ok || !e.tls?.ok);
}

function proxy(local: LocalMachineFacts): DoctorCheck {
  const w = local.winHttpProxy;
  if (!w || w.status !== 'read') return check('local-proxy', 'skip', `netsh winhttp show proxy could not be run: ${whyNot(w)}`);
  const p = parseWinHttpProxy(w.value);
  if (!p) return check('local-proxy', 'skip', 'The output of netsh winhttp show proxy was not recognised.');
  const envProxy = local.environmentProxy ? ` Process environment: ${local.environmentProxy}.` : '';
  const failed = failedProbes(local);
  if (p.direct) {
    if (failed.length > 0 && local.environmentProxy) {
      return check('local-proxy', 'warn', `WinHTTP: direct access (no proxy server), but this shell uses a proxy and ${failed.length} endpoint(s) failed.${envProxy}`, {
        text: 'If the network needs a proxy, give it to the Power Automate service too: netsh winhttp set proxy, and <defaultProxy> in UIFlowService.exe.config.',
        command: 'netsh winhttp import proxy source=ie',
      });
    }
    return check('local-proxy', 'pass', `WinHTTP: direct access (no proxy server).${envProxy}`);
  }
  const evidence = `WinHTTP proxy ${p.server}${p.bypass ? `, bypass list ${p.bypass}` : ''}.${envProxy}`;
  if (failed.length > 0) {
    return check('local-proxy', 'warn', `${evidence} ${failed.length} endpoint(s) failed through it.`, {
      text: `Ask the proxy's owner to allow ${failed.map((f) => f.pattern).join(', ')}; the Power Automate service reads the proxy from UIFlowService.exe.config (<defaultProxy>) when it runs under its own account.`,
    });
  }
  return check('local-proxy', 'pass', evidence);
}

/** `done`: the words for success ("resolved"); `step`: the step's name for a failure ("DNS lookup"). */
function probeText(done: string, r: ProbeResult, step = done): string {
  if (r.ok) return `${done} in ${r.ms} ms${r.detail ? ` (${r.detail})` : ''}`;
  if (r.code === 'timeout') return `${step} timed out after ${r.ms} ms`;
  return `${step} failed: ${r.code}${r.detail ? ` (${r.detail})` : ''}`;
}

function endpoints(local: LocalMachineFacts): DoctorCheck[] {
  const e = local.endpoints;
  if (!e || e.status !== 'read') return [check('local-endpoint', 'skip', `The endpoints were not probed: ${whyNot(e)}`)];
  return e.value.map((p) => {
    const allow: DoctorFix = {
      text: `Allow ${p.pattern} (${p.purpose}) through the firewall and proxy of this computer's network, on port 443.`,
    };
    const dns = probeText('resolved', p.dns, 'DNS lookup');
    if (!p.dns.ok) return check('local-endpoint', 'fail', `${p.host} (${p.pattern}): ${dns}.`, allow, p.host);
    if (!p.tls) return check('local-endpoint', 'skip', `${p.host} (${p.pattern}): ${dns}; TLS was not tried.`, undefined, p.host);
    const tls = probeText('TLS handshake', p.tls);
    const evidence = `${p.host} (${p.pattern}): ${dns}; ${tls}.`;
    if (!p.tls.ok) {
      const inspection = /CERT|SELF_SIGNED|UNABLE_TO/i.test(p.tls.code) ? ' A certificate error usually means a proxy inspects TLS: exempt this host from inspection.' : '';
      return check('local-endpoint', 'fail', evidence, { text: `${allow.text}${inspection}` }, p.host);
    }
    return check('local-endpoint', 'pass', evidence, undefined, p.host);
  });
}
