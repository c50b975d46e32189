import * as assert from 'assert';
import { secretState } from '../../../src/azure/keyVault/secretState';

const DAY = 86_400_000;
const now = new Date('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);

describe('azure/keyVault/secretState', () => {
  it('ok without dates', () => {
    assert.deepStrictEqual(secretState({ enabled: true }, now, 30), { kind: 'ok', summary: '' });
  });
  it('disabled wins over everything', () => {
    assert.strictEqual(secretState({ enabled: false, expiresOn: at(-3) }, now, 30).kind, 'disabled');
  });
  it('expired, with days ago', () => {
    const s = secretState({ enabled: true, expiresOn: at(-3) }, now, 30);
    assert.strictEqual(s.kind, 'expired');
    assert.strictEqual(s.summary, 'expired 3 days ago');
    assert.strictEqual(secretState({ expiresOn: at(-0.1) }, now, 30).summary, 'expired today');
  });
  it('not yet valid before its notBefore date', () => {
    const s = secretState({ notBefore: at(7) }, now, 30);
    assert.strictEqual(s.kind, 'notYetValid');
    assert.strictEqual(s.summary, 'valid from 2026-03-08');
  });
  it('expiring within the configured days, else ok', () => {
    assert.strictEqual(secretState({ expiresOn: at(9) }, now, 30).summary, 'expires in 9 days');
    assert.strictEqual(secretState({ expiresOn: at(1) }, now, 30).summary, 'expires in 1 day');
    assert.strictEqual(secretState({ expiresOn: at(0.5) }, now, 30).summary, 'expires within a day');
    assert.strictEqual(secretState({ expiresOn: at(30) }, now, 30).kind, 'expiring');
    assert.strictEqual(secretState({ expiresOn: at(31) }, now, 30).kind, 'ok');
    assert.strictEqual(secretState({ expiresOn: at(9) }, now, 0).kind, 'ok');
  });
});
