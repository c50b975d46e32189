// One run of the real VS Code with Flow Vault installed from its VSIX: what the integration
// suite, the UI tests and the demo share. Everything it starts ends in `close()`: the browser,
// code-server's whole process group, any process carrying the run's marker, the scratch folder.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { SuiteResults } from '../results';
import { launchBrowser, openWorkbench } from './browser';
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
import { packageFlowVault, packageRunnerExtension } from './packaging';
import { ScratchDir, copyDir, log, repoRoot, tail } from './util';

export const FIXTURE_WORKSPACE = path.join(repoRoot, 'test', 'integration', 'fixtures', 'workspace');

export interface SessionOptions {
  /** Scratch folder prefix under the system temp dir (keep it short). */
  prefix: string;
  /** The folder copied to the workspace the workbench opens. */
  workspaceSource: string;
  /** Also install the test-runner extension. */
  withRunner?: boolean;
  /** Install this Flow Vault VSIX instead of packaging the working tree. */
  vsix?: string;
  /** Extra environment for code-server (and so the extension host). */
  env?: Record<string, string>;
  /** A port to try first; else any free port. */
  preferredPort?: number;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

export interface Timings {
  installMs: number;
  packageMs: number;
  startMs: number;
}

export class Session {
  server?: CodeServer;
  browser?: Browser;
  readonly runId = newRunId();
  readonly scratch: ScratchDir;
  readonly extensionsDir: string;
  readonly userDataDir: string;
  readonly workspace: string;
  readonly logFile: string;
  readonly timings: Timings = { installMs: 0, packageMs: 0, startMs: 0 };
  private closed = false;

  constructor(readonly options: SessionOptions) {
    this.scratch = new ScratchDir(options.prefix);
    this.extensionsDir = this.scratch.sub('ext');
    this.userDataDir = this.scratch.sub('ud');
    this.workspace = path.join(this.scratch.root, 'workspace');
    this.logFile = path.join(this.scratch.root, 'code-server.log');
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
    const vsixDir = this.scratch.sub('vsix');
    const vsixes = [this.options.vsix ?? packageFlowVault(vsixDir)];
    if (this.options.withRunner) {
      vsixes.push(packageRunnerExtension(vsixDir));
    }
    installExtensions(install, this.extensionsDir, this.userDataDir, vsixes);
    writeUserSettings(this.userDataDir, this.options.settings);
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
    });
    this.timings.startMs = Date.now() - t;
    return this.server;
  }

  /** Opens the workbench on the workspace in Chromium; the extension host starts with it. */
  async openWorkbench(): Promise<Page> {
    if (!this.server) {
      throw new Error('start() the session first');
    }
    this.browser ??= await launchBrowser(this.runId, this.scratch.sub('browser'));
    return openWorkbench(this.browser, this.server.workbenchUrl(), path.join(this.scratch.root, 'browser-console.log'));
  }

  /**
   * Waits for the results file that the test-runner extension writes (start() with
   * FLOW_VAULT_TEST_RESULTS); on timeout, fails with the tails of code-server's and the host's logs.
   */
  async waitForResults(file: string, timeoutMs: number): Promise<SuiteResults> {
    const deadline = Date.now() + timeoutMs;
    while (!fs.existsSync(file)) {
      if (Date.now() > deadline) {
        const exthost = this.extensionHostLog;
        throw new Error(
          `no results from the extension host after ${Math.round(timeoutMs / 1000)} s: the test-runner extension did not finish ` +
            `(or never activated).\n--- code-server log (${this.logFile}), last lines ---\n${tail(this.logFile)}` +
            (exthost ? `\n--- extension host log (${exthost}), last lines ---\n${tail(exthost)}` : '\n(no extension host log: the host never started)'),
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
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

  async close(options: { keepScratch?: boolean } = {}): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.browser?.close().catch(() => undefined);
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
