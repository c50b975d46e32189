// Loads and runs every *.test.js compiled into this folder (and its subfolders) with mocha,
// inside the VS Code extension host. The files under untrusted/ need a folder opened in
// Restricted Mode: they run alone, when FLOW_VAULT_TEST_WORKSPACE_TRUST=untrusted, and the
// others never run then. Two entry points:
//   runToFile(): the code-server path; the test-runner extension calls it and the results go to
//                a JSON file that test/integration/run.ts reads.
//   run():       the @vscode/test-electron path (extensionTestsPath); throws when a test fails.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { SuiteResults, TestResult } from '../results';
import { takeMetrics } from './helpers';

/** The folder of the suite for Restricted Mode. */
const UNTRUSTED_DIR = path.join(__dirname, 'untrusted');

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== UNTRUSTED_DIR) {
        found.push(...findTestFiles(full));
      }
    } else if (entry.isFile() && entry.name.endsWith('.test.js')) {
      found.push(full);
    }
  }
  return found.sort();
}

function createMocha(reporter: string | Mocha.ReporterConstructor, grep?: string): Mocha {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter });
  if (grep) {
    mocha.grep(new RegExp(grep));
  }
  const untrusted = process.env.FLOW_VAULT_TEST_WORKSPACE_TRUST === 'untrusted';
  for (const file of untrusted ? findTestFiles(UNTRUSTED_DIR) : findTestFiles(__dirname)) {
    mocha.addFile(file);
  }
  return mocha;
}

function suiteTitles(test: Mocha.Runnable): string[] {
  const titles: string[] = [];
  for (let s: Mocha.Suite | undefined = test.parent; s && !s.root; s = s.parent) {
    titles.unshift(s.title);
  }
  return titles;
}

function errorOf(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) {
    return { message: err.message, stack: err.stack };
  }
  return { message: String(err) };
}

/** A reporter that prints nothing: the results go to the JSON file. */
class QuietReporter extends Mocha.reporters.Base {}

export async function runToFile(resultsFile: string, options: { grep?: string } = {}): Promise<void> {
  const started = Date.now();
  const tests: TestResult[] = [];
  const record = (test: Mocha.Runnable, state: TestResult['state'], err?: unknown): void => {
    tests.push({
      title: test.title,
      fullTitle: test.fullTitle(),
      suites: suiteTitles(test),
      state,
      durationMs: test.duration,
      error: err === undefined ? undefined : errorOf(err),
    });
  };

  const mocha = createMocha(QuietReporter, options.grep);
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => record(test, 'passed'));
    runner.on('fail', (test, err) => record(test, 'failed', err));
    runner.on('pending', (test) => record(test, 'pending'));
  });

  const results: SuiteResults = {
    passes: tests.filter((t) => t.state === 'passed').length,
    failures: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
    metrics: takeMetrics(),
    host: { vscode: vscode.version, node: process.version, appName: vscode.env.appName, appHost: vscode.env.appHost },
    durationMs: Date.now() - started,
  };
  // Written whole, then renamed: the outer runner never reads half a file.
  const tmp = `${resultsFile}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, resultsFile);
}

export async function run(): Promise<void> {
  const mocha = createMocha('spec', process.env.FLOW_VAULT_TEST_GREP || undefined);
  let passes = 0;
  const failures = await new Promise<number>((resolve) => {
    mocha.run(resolve).on('pass', () => passes++);
  });
  const metrics = takeMetrics();
  for (const [name, m] of Object.entries(metrics)) {
    console.log(`metric ${name}: ${m.value === null ? 'n/a' : `${m.value} ${m.unit}`}${m.note ? ` (${m.note})` : ''}`);
  }
  console.log(`${passes} passed, ${failures} failed`);
  if (failures > 0) {
    throw new Error(`${failures} integration test(s) failed`);
  }
}
