// Helpers for the suites that run inside the real extension host (test/integration/suite/*.test.ts).
// The workspace is a fresh copy of test/integration/fixtures/workspace for every run, so tests
// may edit and save its files.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Metric } from '../results';

export const FLOW_VAULT_ID = 'flow-vault.flow-vault';

/**
 * The fixture flows and the passwords planted in them. Tests look for where a value is,
 * and check that messages never contain it; nothing prints the values.
 */
export const FIXTURES = {
  /** LF, no BOM: an SFTP connection with a literal password. */
  robinWithPassword: { path: 'flows/download-invoices.robin', secret: 'Fixture-Sftp-Passw0rd!' },
  /** UTF-8 with BOM and CRLF line endings: an IMAP retrieve with a literal password. */
  robinCrlfBom: { path: 'flows/read-mailbox-crlf-bom.robin', secret: 'Fixture-Imap-Secret-42' },
  /** No secret: the password comes from a sensitive input. */
  robinClean: { path: 'flows/send-report-clean.robin' },
  /** Robin saved as .txt (copied from the designer): a ZIP password. */
  txtWithPassword: { path: 'flows/archive-orders.txt', secret: 'Fixture-Zip-Secret-7' },
  /** Unpacked solution: a desktop flow whose <Definition> opens Excel with a literal password. */
  solutionWithPassword: { path: 'solutions/ContosoInvoices/customizations.xml', secret: 'Fixture-Xml-Secret-3' },
} as const;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the harness opens the fixture workspace');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export function flowVault(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(FLOW_VAULT_ID);
  assert.ok(ext, `extension ${FLOW_VAULT_ID} is not installed in this extension host`);
  return ext;
}

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(doc);
}

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than undefined/false, or fails with `what`. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(intervalMs);
  }
}

/**
 * Resolves with the diagnostics of `uri` as soon as `accept` holds for them: at once if it holds
 * already, else on the first change of diagnostics that makes it hold.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (accept(diagnostics)) {
        subscription.dispose();
        clearTimeout(timer);
        resolve(diagnostics);
        return true;
      }
      return false;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) {
        check();
      }
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const now = vscode.languages.getDiagnostics(uri);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${uri.path} has ${now.length} diagnostic(s)`));
    }, timeoutMs);
    check();
  });
}

/** The 0-based line of the first occurrence of `needle` in the document. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${doc.uri.path} no longer contains the planted value`);
  return doc.positionAt(offset).line;
}

/** Diagnostics whose range touches the given line. */
export function onLine(diagnostics: readonly vscode.Diagnostic[], line: number): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
}

const metrics: Record<string, Metric> = {};

/** Records a figure for the run's report (results JSON and the runner's output). Never asserts. */
export function recordMetric(name: string, value: number | null, unit: string, note?: string): void {
  metrics[name] = { value: value === null ? null : Math.round(value * 10) / 10, unit, note };
}

export function takeMetrics(): Record<string, Metric> {
  const copy = { ...metrics };
  for (const key of Object.keys(metrics)) {
    delete metrics[key];
  }
  return copy;
}

/** The repository's root, from the compiled suite in out/test/integration/suite. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Every secret value of the fake cloud's demo scenario (vault values, client secrets, passwords), to check that none is ever shown. */
export function demoSecretValues(): string[] {
  const scenario = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'src', 'fake-azure', 'scenarios', 'demo.json'), 'utf8'));
  const values: string[] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) {
        if ((k === 'value' || k === 'clientSecret' || k === 'password') && typeof v === 'string') values.push(v);
        else walk(v);
      }
    }
  };
  walk(scenario.tenants);
  walk(scenario.identities);
  return values.filter((v) => v.length >= 6);
}

/** Fails when a tree node that a view showed holds a secret value of the demo scenario. */
export function assertNoSecretIn(nodes: readonly { id: string }[]): void {
  const values = demoSecretValues();
  assert.ok(values.length > 10, 'the scenario has values to look for');
  for (const n of nodes) {
    const text = JSON.stringify(n);
    for (const v of values) assert.ok(!text.includes(v), `a secret value is shown in ${n.id}`);
  }
}

/** Sets (or, with undefined, removes) a user setting. */
export async function setSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Fails when the runner did not start the fake cloud: the Azure features have nothing to test against. */
export function requireFakeCloud(): void {
  if (!process.env.FLOW_VAULT_DEMO_SP) {
    throw new Error('the runner did not start the fake cloud (no FLOW_VAULT_DEMO_SP in the extension host): it must, as test/integration/run.ts does');
  }
}

/** Inside a describe: fails the suite when the runner did not start the fake cloud, else activates Flow Vault first. */
export function activateWithFakeCloud(): void {
  before(async function () {
    requireFakeCloud();
    await flowVault().activate();
  });
}

/**
 * The runner's side of what a user does with a dialog or sees in a notification
 * (test/integration/harness/dialogs.ts), when the runner has one: undefined under a runner that
 * cannot click in the workbench.
 */
export function dialogRequestFile(): string | undefined {
  return process.env.FLOW_VAULT_TEST_DIALOG_REQUEST || undefined;
}

async function askRunner(request: { message: string; button?: string }): Promise<void> {
  const file = dialogRequestFile();
  assert.ok(file, 'this runner cannot click in the workbench (no FLOW_VAULT_TEST_DIALOG_REQUEST)');
  fs.rmSync(`${file}.error`, { force: true });
  fs.rmSync(`${file}.text`, { force: true });
  fs.writeFileSync(file, JSON.stringify(request));
  await waitFor(() => !fs.existsSync(file), `the runner to answer ${JSON.stringify(request)}`, 60_000, 50);
  if (fs.existsSync(`${file}.error`)) throw new Error(`the runner could not answer ${JSON.stringify(request)}: ${fs.readFileSync(`${file}.error`, 'utf8')}`);
}

/** Runs `action`, which shows a modal dialog whose text holds `message`, and clicks `button` in it as a user does. */
export async function answerDialog<T>(message: string, button: string, action: () => Thenable<T>): Promise<T> {
  const asked = askRunner({ message, button });
  const result = action();
  await asked;
  return result;
}

/** The text of the notification that holds `message`, as the workbench shows it. */
export async function readNotification(message: string): Promise<string> {
  await askRunner({ message });
  return fs.readFileSync(`${dialogRequestFile()}.text`, 'utf8');
}

/** A tree node as the views' getChildren commands return it (a plain snapshot). */
export interface TreeSnapshot {
  id: string;
  kind: string;
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  icon?: string;
  iconColor?: string;
  collapsible: string;
  command?: string;
  problemKind?: string;
  health?: string;
}
