/**
 * The editor's side of linting a file from disk (the workspace scan): the host's adapter runs the
 * core's lintFile, so that a UTF-16 Robin `.txt` is found as `flow-vault lint` finds it, and an
 * unexpected error is logged by its kind, never its message.
 */
import * as assert from 'node:assert/strict';
import { installVscodeStub } from '../../support/vscodeStub';
import { resolveConfig } from '../../../src/core/lint';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LintEngine } = require('../../../src/extension/lintEngine') as typeof import('../../../src/extension/lintEngine');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { describeError } = require('../../../src/extension/log') as typeof import('../../../src/extension/log');

const SECRET = 'Utf16-Pw9';
const ROBIN = `SET DbPassword TO $'''${SECRET}'''\r\n`;
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, show() {} };
const uri = (path: string) => ({ scheme: 'file', path, toString: () => path }) as unknown as import('vscode').Uri;

describe('host: linting a file from disk', () => {
  const settings = { config: resolveConfig(), configProblems: [], baselineProblems: [] };

  it('a UTF-16 Robin .txt is a flow, and its password is found', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROBIN, 'utf16le')]));
    const linted = new LintEngine(silent).lintFile(uri('flows/copied.txt'), bytes, settings);
    assert.equal(linted.kind, 'flow');
    const [{ result, text }] = linted.results;
    assert.deepEqual(result.findings.map((f) => text.slice(f.range.start, f.range.end)), [SECRET]);
  });

  it('a UTF-16 .txt that is not Robin is not a flow (negative case)', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Notes about the password policy.\r\n', 'utf16le')]));
    assert.deepEqual(new LintEngine(silent).lintFile(uri('notes/minutes.txt'), bytes, settings), { kind: 'other', results: [] });
  });

  it('an unexpected error whose message quotes file content is logged by its kind only', () => {
    const e = new SyntaxError(`Unexpected token in "SET DbPassword TO $'''${SECRET}'''"`);
    assert.equal(describeError(e), 'SyntaxError');
    const fsError = Object.assign(new Error(`ENOENT: no such file, open '${SECRET}.robin'`), { code: 'ENOENT' });
    assert.equal(describeError(fsError), 'Error (ENOENT)');
    assert.equal(describeError(SECRET), 'string');
  });
});
