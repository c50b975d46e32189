/**
 * Parsers of the Windows commands the doctor runs on the machine: `sc.exe qc UIFlowService`,
 * `sc.exe query UIFlowService` and `netsh winhttp show proxy`. They read the codes, which do not
 * depend on the display language, and return undefined for output they do not recognise.
 */

export type ServiceConfig =
  | { readonly installed: false }
  | {
      readonly installed: true;
      /** `AUTO_START`, `DEMAND_START`, `DISABLED`… */
      readonly startType?: string;
      readonly startTypeCode?: number;
      /** `SERVICE_START_NAME`: the account it runs under. */
      readonly account?: string;
      readonly binaryPath?: string;
      readonly displayName?: string;
    };

export type ServiceState =
  | { readonly installed: false }
  | { readonly installed: true; readonly stateCode: number; readonly state: string; readonly exitCode?: number };

/** `[SC] OpenService FAILED 1060:` — the service does not exist. */
const NOT_INSTALLED = /\bFAILED\s+1060\b/;

function fields(output: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*([A-Z][A-Z0-9_]+)\s*:\s?(.*?)\s*$/.exec(line);
    if (m) map.set(m[1], m[2]);
  }
  return map;
}

/** `sc.exe qc UIFlowService`. */
export function parseServiceConfig(output: string): ServiceConfig | undefined {
  if (NOT_INSTALLED.test(output)) return { installed: false };
  const f = fields(output);
  if (!f.has('SERVICE_NAME')) return undefined;
  const start = /^(\d+)\s+(\S+)/.exec(f.get('START_TYPE') ?? '');
  return {
    installed: true,
    startTypeCode: start ? Number(start[1]) : undefined,
    startType: start?.[2],
    account: f.get('SERVICE_START_NAME') || undefined,
    binaryPath: f.get('BINARY_PATH_NAME') || undefined,
    displayName: f.get('DISPLAY_NAME') || undefined,
  };
}

const STATES: Readonly<Record<number, string>> = {
  1: 'STOPPED',
  2: 'START_PENDING',
  3: 'STOP_PENDING',
  4: 'RUNNING',
  5: 'CONTINUE_PENDING',
  6: 'PAUSE_PENDING',
  7: 'PAUSED',
};

/** `sc.exe query UIFlowService`. */
export function parseServiceState(output: string): ServiceState | undefined {
  if (NOT_INSTALLED.test(output)) return { installed: false };
  const f = fields(output);
  const m = /^(\d+)/.exec(f.get('STATE') ?? '');
  if (!m) return undefined;
  const stateCode = Number(m[1]);
  const exit = /^(\d+)/.exec(f.get('WIN32_EXIT_CODE') ?? '');
  return { installed: true, stateCode, state: STATES[stateCode] ?? `state ${stateCode}`, exitCode: exit ? Number(exit[1]) : undefined };
}

export type WinHttpProxy = { readonly direct: true } | { readonly direct: false; readonly server: string; readonly bypass?: string };

/**
 * `netsh winhttp show proxy`: "Direct access (no proxy server)." or the proxy server(s) and the
 * bypass list. Other display languages are read by shape: a line of `label : value` after the
 * heading is the server, the next the bypass list.
 */
export function parseWinHttpProxy(output: string): WinHttpProxy | undefined {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  const values = lines.map((l) => /^[^:]+?\s:\s+(.+)$/.exec(l)?.[1]?.trim()).filter((v): v is string => !!v);
  if (values.length > 0) return { direct: false, server: values[0], bypass: values[1] };
  if (lines.length >= 2 && /\(.+\)\.?$/.test(lines[lines.length - 1])) return { direct: true };
  return undefined;
}
