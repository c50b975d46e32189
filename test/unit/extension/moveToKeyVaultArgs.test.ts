/**
 * The arguments of flowVault.moveToKeyVault: both calling conventions, when a call is scripted
 * (asks nothing), and the field the suggested names come from (never the value).
 */
import * as assert from 'node:assert/strict';
import { parseMoveCall } from '../../../src/extension/moveToKeyVault/args';
import { fieldOf } from '../../../src/extension/moveToKeyVault/types';

describe('move to Key Vault: arguments', () => {
  it('one object with document, range and every choice is scripted', () => {
    const range = { start: { line: 6, character: 1 }, end: { line: 6, character: 9 } };
    const call = parseMoveCall({ document: 'file:///w/a.robin', range, environment: ' contoso-rpa ', vault: 'kv-a', secretName: 's', credentialName: 'C', userName: 'u', silent: true });
    assert.deepEqual(call, {
      uri: 'file:///w/a.robin',
      ref: range,
      args: { environment: 'contoso-rpa', vault: 'kv-a', secretName: 's', credentialName: 'C', userName: 'u', silent: true },
      scripted: true,
    });
  });

  it('a finding or fingerprint names the finding', () => {
    assert.deepEqual(parseMoveCall({ document: 'file:///a', finding: { fingerprint: 'fp' } }).ref, { fingerprint: 'fp' });
    assert.equal(parseMoveCall({ document: 'file:///a', fingerprint: 'fp' }).ref, 'fp');
  });

  it('(uri, ref, options) as the other fix commands', () => {
    const call = parseMoveCall('file:///a', 'fp', { environment: 'e', vault: 'v' });
    assert.equal(call.uri, 'file:///a');
    assert.equal(call.ref, 'fp');
    assert.equal(call.scripted, true);
  });

  it('negative: without environment and vault the call prompts; values of the wrong type are ignored', () => {
    assert.equal(parseMoveCall({ document: 'file:///a', environment: 'e' }).scripted, false);
    assert.equal(parseMoveCall('file:///a', 'fp').scripted, false);
    assert.equal(parseMoveCall().scripted, false);
    assert.deepEqual(parseMoveCall({ document: 'file:///a', environment: 1, vault: ['v'] }).args, {});
  });
});

describe('move to Key Vault: the field names are suggested from', () => {
  it('the argument or variable that holds the secret', () => {
    assert.equal(fieldOf({ argument: 'Password', kind: 'password' }), 'Password');
    assert.equal(fieldOf({ argument: 'SftpPassword', kind: 'password' }), 'SftpPassword');
  });

  it('negative: an argument that says nothing (Text, Script) gives way to the kind', () => {
    assert.equal(fieldOf({ argument: 'Text', kind: 'password' }), 'password');
    assert.equal(fieldOf({ argument: 'Script', kind: 'password' }), 'password');
    assert.equal(fieldOf({ kind: 'api-key' }), 'api-key');
  });
});
