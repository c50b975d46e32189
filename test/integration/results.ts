// The JSON that the in-host suite writes and test/integration/run.ts reads.

export interface TestResult {
  /** The test's own title. */
  title: string;
  /** The titles of its suites and its own, joined by spaces (as mocha's fullTitle()). */
  fullTitle: string;
  /** The titles of the enclosing suites, outermost first. */
  suites: string[];
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: { message: string; stack?: string };
}

/** A figure a test measured: reported, never asserted on. */
export interface Metric {
  value: number | null;
  unit: string;
  note?: string;
}

export interface SuiteResults {
  passes: number;
  failures: number;
  pending: number;
  tests: TestResult[];
  metrics: Record<string, Metric>;
  host?: { vscode: string; node: string; appName: string; appHost: string };
  durationMs?: number;
  /** Set when the suite could not run at all. */
  error?: string;
}
