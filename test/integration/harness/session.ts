// One run of the real VS Code for the integration suite and the UI tests: the shared session
// (src/vscode-server) plus what only tests need: the test-runner extension, the browser that
// opens the workbench, and the results file the runner writes.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { VsCodeSession, type SessionOptions as BaseOptions } from '../../../src/vscode-server/session';
import { repoRoot, tail } from '../../../src/vscode-server/util';
import type { SuiteResults } from '../results';
import { launchBrowser, openWorkbench } from './browser';
import { packageRunnerExtension } from './runnerExtension';

export const FIXTURE_WORKSPACE = path.join(repoRoot, 'test', 'integration', 'fixtures', 'workspace');
/** A folder whose .vscode/settings.json tries what only a trusted workspace (or a user) may. */
export const UNTRUSTED_WORKSPACE = path.join(repoRoot, 'test', 'integration', 'fixtures', 'untrusted-workspace');

export interface SessionOptions extends BaseOptions {
  /** Also install the test-runner extension. */
  withRunner?: boolean;
}

export class Session extends VsCodeSession {
  browser?: Browser;

  constructor(override readonly options: SessionOptions) {
    super(options);
  }

  protected override moreExtensions(vsixDir: string): string[] {
    return this.options.withRunner ? [packageRunnerExtension(vsixDir)] : [];
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

  protected override async beforeStop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
  }
}
