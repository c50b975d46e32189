/**
 * This computer, for the doctor: on Windows, the Power Automate service (`sc.exe qc|query
 * UIFlowService`), the WinHTTP proxy (`netsh winhttp show proxy`), and a DNS lookup and TLS
 * handshake with each endpoint of the cloud (azure-apis.md §3.4), each with a short time limit and
 * all at once. Elsewhere only the platform is reported: the checks skip with the reason.
 */
import { execFile } from 'node:child_process';
import { promises as dns } from 'node:dns';
import * as os from 'node:os';
import * as tls from 'node:tls';
import type { EndpointProbe, LocalMachineFacts, ProbeResult, Read } from '../../core/doctor/facts';
import type { MachineEndpoint } from '../../core/doctor/endpoints';
import { settle, DoctorReadError } from './settle';

/** What the gathering needs from the computer; tests replace it. */
export interface LocalSystem {
  readonly platform: string;
  hostname(): string;
  readonly env: NodeJS.ProcessEnv;
  /** Runs a command and returns its standard output, whatever its exit code. */
  run(file: string, args: readonly string[], signal: AbortSignal): Promise<string>;
  /** Resolves `host` and completes a TLS handshake with it on port 443. */
  probe(host: string, timeoutMs: number): Promise<{ dns: ProbeResult; tls?: ProbeResult }>;
}

export interface LocalTimeouts {
  /** Each command (default 5 s). */
  readonly commandMs: number;
  /** Each DNS lookup and each TLS handshake (default 3 s). */
  readonly probeMs: number;
}

export const DEFAULT_LOCAL_TIMEOUTS: LocalTimeouts = { commandMs: 5000, probeMs: 3000 };

function elapsed(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e6);
}

function within<T>(ms: number, work: Promise<T>, onTimeout: () => void = () => undefined): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      resolve('timeout');
    }, ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : e instanceof Error ? e.name : 'error';
}

/** DNS then TLS, each with its own limit. */
export async function probeEndpoint(host: string, timeoutMs: number): Promise<{ dns: ProbeResult; tls?: ProbeResult }> {
  const t0 = process.hrtime.bigint();
  let address: string;
  try {
    const r = await within(timeoutMs, dns.lookup(host));
    if (r === 'timeout') return { dns: { ok: false, ms: elapsed(t0), code: 'timeout' } };
    address = r.address;
  } catch (e) {
    return { dns: { ok: false, ms: elapsed(t0), code: errorCode(e) } };
  }
  const dnsResult: ProbeResult = { ok: true, ms: elapsed(t0), detail: address };
  const t1 = process.hrtime.bigint();
  let socket: tls.TLSSocket | undefined;
  try {
    const r = await within(
      timeoutMs,
      new Promise<string>((resolve, reject) => {
        socket = tls.connect({ host: address, port: 443, servername: host, ALPNProtocols: ['http/1.1'] }, () => resolve(socket!.getProtocol() ?? 'TLS'));
        socket.once('error', reject);
      }),
      () => socket?.destroy(),
    );
    if (r === 'timeout') return { dns: dnsResult, tls: { ok: false, ms: elapsed(t1), code: 'timeout' } };
    return { dns: dnsResult, tls: { ok: true, ms: elapsed(t1), detail: r } };
  } catch (e) {
    return { dns: dnsResult, tls: { ok: false, ms: elapsed(t1), code: errorCode(e) } };
  } finally {
    socket?.destroy();
  }
}

/** The real computer. */
export function thisSystem(): LocalSystem {
  return {
    platform: process.platform,
    hostname: () => process.env.COMPUTERNAME || os.hostname(),
    env: process.env,
    run: (file, args, signal) =>
      new Promise((resolve, reject) => {
        execFile(file, [...args], { windowsHide: true, signal, maxBuffer: 1 << 20, encoding: 'utf8' }, (error, stdout) => {
          // sc.exe exits with the Windows error code (1060: no such service) and prints why.
          if (stdout) resolve(stdout);
          else reject(new DoctorReadError(`${file} ${args.join(' ')} failed${(error as { code?: unknown } | null)?.code !== undefined ? ` (${String((error as { code?: unknown }).code)})` : ''}`));
        });
      }),
    probe: probeEndpoint,
  };
}

/** `HTTPS_PROXY=proxy.contoso.com:8080`: the proxy variables of the process, host and port only (a URL may carry a password). */
export function describeEnvironmentProxy(env: NodeJS.ProcessEnv): string | undefined {
  const parts: string[] = [];
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
    const v = env[name];
    if (!v || parts.some((p) => p.toLowerCase().startsWith(name.toLowerCase()))) continue;
    try {
      const u = new URL(v);
      parts.push(`${name.toUpperCase()}=${u.host}`);
    } catch {
      parts.push(`${name.toUpperCase()} (not a URL)`);
    }
  }
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  if (noProxy) parts.push(`NO_PROXY=${noProxy}`);
  return parts.length ? parts.join(', ') : undefined;
}

/** The local facts: Windows commands and probes all at once, each within its limit. */
export async function gatherLocalFacts(
  system: LocalSystem,
  endpoints: readonly MachineEndpoint[],
  timeouts: LocalTimeouts,
  abortSignal?: AbortSignal,
): Promise<LocalMachineFacts> {
  if (system.platform !== 'win32') return { platform: system.platform };
  const run = (args: readonly string[], file = 'sc.exe'): Promise<Read<string>> => settle(timeouts.commandMs, abortSignal, (signal) => system.run(file, args, signal));
  const probes = Promise.all(
    endpoints.map(async (e): Promise<EndpointProbe> => ({ host: e.host, pattern: e.pattern, purpose: e.purpose, ...(await system.probe(e.host, timeouts.probeMs)) })),
  );
  const [serviceConfig, serviceQuery, winHttpProxy, endpointResults] = await Promise.all([
    run(['qc', 'UIFlowService']),
    run(['query', 'UIFlowService']),
    run(['winhttp', 'show', 'proxy'], 'netsh.exe'),
    // Each probe has its own limits; the whole has one more in case a socket hangs past them.
    settle(timeouts.probeMs * 2 + 1000, abortSignal, () => probes),
  ]);
  return {
    platform: system.platform,
    computerName: system.hostname(),
    serviceConfig,
    serviceQuery,
    winHttpProxy,
    environmentProxy: describeEnvironmentProxy(system.env),
    endpoints: endpointResults,
  };
}
