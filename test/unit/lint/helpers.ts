/** Helpers for the lint tests: linting snippets, locating planted secrets, checking messages. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, type LintOptions } from '../../../src/core/lint';
import type { FileResult, Finding } from '../../../src/core/lint/types';

import { PUBLIC_CORPUS } from '../../support/paths';

export { PUBLIC_CORPUS };
/** This suite's fixtures (test/fixtures/lint), found from the working directory. */
export const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'lint');

/** Lints a Robin snippet as `flow.robin`. */
export function lintRobin(text: string, options?: LintOptions): FileResult {
  return lintText('flow.robin', text, options);
}

/** The range of the `occurrence`-th (0-based) `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`needle #${occurrence} not found in the test text`);
  }
  return { start: at, end: at + needle.length };
}

export interface Expected {
  readonly ruleId: string;
  /** The planted secret as it appears in the source text. */
  readonly secret: string;
  readonly occurrence?: number;
  readonly severity?: Finding['severity'];
  readonly kind?: Finding['kind'];
}

/**
 * Asserts that `result` holds exactly the expected findings (rule and exact range), and that no
 * message contains a planted secret.
 */
export function assertFindings(text: string, result: FileResult, expected: readonly Expected[]): void {
  const want = expected.map((e) => ({ ruleId: e.ruleId, ...rangeOf(text, e.secret, e.occurrence ?? 0) }));
  const got = result.findings.map((f) => ({ ruleId: f.ruleId, start: f.range.start, end: f.range.end }));
  const describe = (xs: { ruleId: string; start: number; end: number }[]): string[] =>
    xs.map((x) => `${x.ruleId} [${x.start},${x.end}) ${JSON.stringify(text.slice(x.start, x.end))}`).sort();
  assert.deepEqual(describe(got), describe(want));
  for (const e of expected) {
    const f = result.findings.find((x) => x.ruleId === e.ruleId && x.range.start === rangeOf(text, e.secret, e.occurrence ?? 0).start);
    assert.ok(f);
    if (e.severity) assert.equal(f.severity, e.severity, `severity of ${e.ruleId}`);
    if (e.kind) assert.equal(f.kind, e.kind, `kind of ${e.ruleId}`);
  }
  assertNoSecretInMessages(result, expected.map((e) => e.secret));
}

/** No message, problem or fingerprint contains a secret value. */
export function assertNoSecretInMessages(result: FileResult, secrets: readonly string[]): void {
  for (const s of secrets) {
    if (s.length < 3) continue;
    for (const f of result.findings) {
      assert.ok(!f.message.includes(s), `message must not contain the secret: ${f.ruleId}`);
      assert.ok(!f.fingerprint.includes(s));
    }
    for (const p of result.problems) assert.ok(!p.message.includes(s), 'problem must not contain the secret');
  }
}

/** Asserts no findings at all. */
export function assertQuiet(result: FileResult): void {
  assert.deepEqual(result.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
}

export { makeZip } from '../../support/zip-writer';

/** Escapes text for an XML element's content. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A customizations.xml with desktop flows, each `{ name, definition (Robin), inputs? (JSON text) }`. */
export function makeCustomizations(flows: readonly { name: string; definition?: string; inputs?: string }[]): string {
  const parts = flows.map((f, i) => {
    const id = `{0000000${i}-0000-0000-0000-000000000000}`;
    return [
      `    <Workflow WorkflowId="${id}" Name="${xmlEscape(f.name)}">`,
      '      <Type>1</Type>',
      '      <Category>6</Category>',
      '      <UIFlowType>2</UIFlowType>',
      f.inputs !== undefined ? `      <Inputs>${xmlEscape(f.inputs)}</Inputs>` : '',
      f.definition !== undefined ? `      <Definition>${xmlEscape(JSON.stringify(f.definition))}</Definition>` : '',
      '    </Workflow>',
    ].filter((l) => l.length > 0).join('\r\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <Entities />',
    '  <Workflows>',
    ...parts,
    '  </Workflows>',
    '</ImportExportXml>',
    '',
  ].join('\r\n');
}

/** Finds a file under the public corpus. */
export function corpusFile(...segments: string[]): string {
  return path.join(PUBLIC_CORPUS, ...segments);
}
