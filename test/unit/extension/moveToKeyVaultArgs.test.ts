/**
 * The arguments of flowVault.moveToKeyVault: both calling conventions, when a call is scripted
 * (asks nothing), and the names suggested from the flow and field (never from the value).
 */
import * as assert from 'node:assert/strict';
import { parseMoveCall } from '../../../src/extension/moveToKeyVault/args';
import { suggestSecretName } from '../../../src/extension/moveToKeyVault/suggestions';

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

describe('move to Key Vault: suggested secret name', () => {
  it('from the flow and the argument, in Key Vault characters', () => {
    assert.equal(suggestSecretName({ flowName: 'Hard coded_secrets', argument: 'Password', kind: 'password' }), 'hard-coded-secrets-password');
    assert.equal(suggestSecretName({ flowName: 'Invoices', argument: 'SftpPassword', kind: 'password' }), 'invoices-sftp-password');
  });

  it('negative: a generic argument (Text, ConnectionString) gives way to the kind', () => {
    assert.equal(suggestSecretName({ flowName: 'Portal', argument: 'Text', kind: 'password' }), 'portal-password');
    assert.equal(suggestSecretName({ flowName: 'Db', argument: 'ConnectionString', kind: 'connection-string-password' }), 'db-connection-string-password');
  });

  it('never longer than 127 characters, never ending in a dash', () => {
    const name = suggestSecretName({ flowName: 'x'.repeat(126) + ' y', argument: 'Password', kind: 'password' });
    assert.ok(name.length <= 127 && !name.endsWith('-'), name);
  });
});
