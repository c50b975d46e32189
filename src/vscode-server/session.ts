// One run of the real VS Code (code-server) with Flow Vault installed from its VSIX: what the
// demo and the test harness share. Everything it starts ends in `close()`: code-server's whole
// process group, any process carrying the run's marker, the scratch folder.
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeServer,
  ensureVsCodeServer,
  extensionHostLogs,
  freePort,
  installExtensions,
  killMarked,
  newRunId,
  writeUserSettings,
} from './codeServer';
import { packageFlowVault } from './packaging';
import { ScratchDir, copyDir, log } from './util';

export interface SessionOptions {
  /** Scratch folder prefix under the system temp dir (keep it short). */
  prefix: string;
  /** The folder copied to the workspace the workbench opens. */
  workspaceSource: string;
  /** Extra environment for code-server (and so the extension host). */
  env?: Record<string, string>;
  /** A port to try first; else any free port. */
  preferredPort?: number;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /**
   * `untrusted`: workspace trust stays on and the folder opens in Restricted Mode, with no
   * startup prompt; default `off` (code-server runs with --disable-workspace-trust).
   */
  workspaceTrust?: 'off' | 'untrusted';
  /** VSIXs packaged already (by an earlier session of the same run): install these instead. */
  vsixes?: string[];
  /** Install this Flow Vault VSIX (another build) instead of packaging the working tree. */
  vsix?: string;
}

/** User settings that keep trust on and open an unknown folder in Restricted Mode, unasked. */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

export interface Timings {
  installMs: number;
  packageMs: number;
  startMs: number;
}

export class VsCodeSession {
  server?: CodeServer;
  readonly runId = newRunId();
  readonly scratch: ScratchDir;
  readonly extensionsDir: string;
  readonly userDataDir: string;
  readonly workspace: string;
  readonly logFile: string;
  readonly timings: Timings = { installMs: 0, packageMs: 0, startMs: 0 };
  /** The VSIXs installed by start(), for a later session to reuse. */
  vsixes: string[] = [];
  private closed = false;

  constructor(readonly options: SessionOptions) {
    this.scratch = new ScratchDir(options.prefix);
    this.extensionsDir = this.scratch.sub('ext');
    this.userDataDir = this.scratch.sub('ud');
    this.workspace = path.join(this.scratch.root, 'workspace');
    this.logFile = path.join(this.scratch.root, 'code-server.log');
  }

  /** VSIXs installed beside Flow Vault's (none here; the test harness adds its runner). */
  protected moreExtensions(_vsixDir: string): string[] {
    return [];
  }

  /**
   * Installs (cached), packages and installs the VSIXs, copies the workspace, starts code-server
   * with `env` added to its environment (which the extension host inherits).
   */
  async start(env: Record<string, string> = {}): Promise<CodeServer> {
    let t = Date.now();
    const install = ensureVsCodeServer();
    this.timings.installMs = Date.now() - t;

    t = Date.now();
    let vsixes = this.options.vsixes;
    if (!vsixes) {
      const vsixDir = this.scratch.sub('vsix');
      vsixes = [this.options.vsix ?? packageFlowVault(vsixDir), ...this.moreExtensions(vsixDir)];
    }
    this.vsixes = vsixes;
    installExtensions(install, this.extensionsDir, this.userDataDir, vsixes);
    const untrusted = this.options.workspaceTrust === 'untrusted';
    writeUserSettings(this.userDataDir, { ...(untrusted ? UNTRUSTED_SETTINGS : {}), ...this.options.settings });
    copyDir(this.options.workspaceSource, this.workspace);
    this.timings.packageMs = Date.now() - t;

    t = Date.now();
    this.server = await CodeServer.start({
      install,
      port: await freePort(this.options.preferredPort),
      extensionsDir: this.extensionsDir,
      userDataDir: this.userDataDir,
      workspace: this.workspace,
      logFile: this.logFile,
      runId: this.runId,
      env: { ...this.options.env, ...env },
      workspaceTrust: untrusted,
    });
    this.timings.startMs = Date.now() - t;
    return this.server;
  }

  get extensionHostLog(): string | undefined {
    return extensionHostLogs(this.userDataDir)[0];
  }

  /** Copies the logs of the run to `dest` (for a look after a failure; the scratch folder goes). */
  keepLogs(dest: string): void {
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    for (const name of fs.readdirSync(this.scratch.root)) {
      if (name.endsWith('.log') || name.endsWith('.json')) {
        fs.copyFileSync(path.join(this.scratch.root, name), path.join(dest, name));
      }
    }
    const logs = path.join(this.userDataDir, 'logs');
    if (fs.existsSync(logs)) {
      fs.cpSync(logs, path.join(dest, 'vscode-logs'), { recursive: true });
    }
  }

  /** Ends what the run started; `beforeStop` lets a subclass close what it opened first. */
  async close(options: { keepScratch?: boolean } = {}): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.beforeStop();
    this.server?.stop();
    const strays = killMarked(this.runId);
    if (strays.length > 0) {
      log(`ended ${strays.length} process(es) that outlived code-server's group: ${strays.join(' ')}`);
    }
    if (options.keepScratch) {
      log(`kept ${this.scratch.root}`);
    } else {
      this.scratch.remove();
    }
  }

  protected async beforeStop(): Promise<void> {
    // nothing of its own
  }

  /** Closes the session on Ctrl+C, SIGTERM or SIGHUP, then exits with 130. A second signal waits for the first. */
  closeOnSignals(): void {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        return;
      }
      stopping = true;
      log(`${signal}: stopping`);
      void this.close().finally(() => process.exit(130));
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, onSignal);
    }
  }
}
