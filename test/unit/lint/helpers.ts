/** Helpers for the lint tests: linting snippets, locating planted secrets, checking messages. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { lintText, type LintOptions } from '../../../src/core/lint';
import type { FileResult, Finding } from '../../../src/core/lint/types';

export const SHARED = process.env.FLOW_VAULT_SHARED || path.resolve(process.cwd(), '..', 'shared');
export const PUBLIC_CORPUS = path.join(SHARED, 'corpus', 'public');
/** This suite's fixtures (test/fixtures/lint), found from the working directory. */
export const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'lint');

export function hasCorpus(): boolean {
  return fs.existsSync(PUBLIC_CORPUS);
}

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

/** A minimal zip writer (stored or deflated entries) for test inputs. */
export function makeZip(entries: readonly { name: string; data: string | Uint8Array; store?: boolean }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
    const body = e.store ? raw : zlib.deflateRawSync(raw);
    const crc = zlib.crc32(raw);
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

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
