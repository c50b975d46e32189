/**
 * The clipboard for a copied secret value (src/extension/secretClipboard.ts): cleared when due if
 * it still holds the value, left alone otherwise, cleared at once on dispose, and cleared by the
 * next window when this one was closed or reloaded first. The clock and the timers are the test's:
 * nothing waits.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { installVscodeStub } from '../../support/vscodeStub';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const { SecretClipboard } = require('../../../src/extension/secretClipboard') as typeof import('../../../src/extension/secretClipboard');
/* eslint-enable @typescript-eslint/no-require-imports */
type Host = import('../../../src/extension/secretClipboard').SecretClipboardHost;

const VALUE = 'unit-test-copied-value-41';

/** What outlives a window: the system clipboard, global state and SecretStorage. */
class Machine {
  text = 'what the user had copied before';
  /** Whether the window's extension host can still reach the clipboard. */
  reachable = true;
  readonly state = new Map<string, unknown>();
  readonly secrets = new Map<string, string>();
  clock = 1_000_000;
}

/** One window's host over the machine, with timers that run only when the test says so. */
function windowOn(m: Machine) {
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const host: Host = {
    clipboard: {
      readText: async () => {
        if (!m.reachable) throw new Error('Canceled');
        return m.text;
      },
      writeText: async (t: string) => {
        if (!m.reachable) throw new Error('Canceled');
        m.text = t;
      },
    },
    state: {
      get: <T>(key: string) => m.state.get(key) as T,
      update: async (key: string, value: unknown) => {
        if (value === undefined) m.state.delete(key);
        else m.state.set(key, value);
      },
    } as Host['state'],
    secrets: {
      get: async (key: string) => m.secrets.get(key),
      store: async (key: string, value: string) => {
        m.secrets.set(key, value);
      },
      delete: async (key: string) => {
        m.secrets.delete(key);
      },
    },
    now: () => m.clock,
    schedule: (run, ms) => {
      const t = { at: m.clock + ms, run, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    },
  };
  /** Moves the clock to `at` and runs the timers due by then. */
  const advanceTo = async (at: number) => {
    m.clock = at;
    for (const t of timers.filter((x) => !x.cancelled && x.at <= at)) {
      t.cancelled = true;
      t.run();
    }
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  };
  return { clipboard: new SecretClipboard(host), advanceTo, pendingTimers: () => timers.filter((t) => !t.cancelled).length };
}

describe('host: the clipboard for a copied secret value', () => {
  it('clears the value when due, not before, and forgets the record', async () => {
    const m = new Machine();
    const w = windowOn(m);
    await w.clipboard.copy(VALUE, 30);
    assert.equal(m.text, VALUE);
    await w.advanceTo(m.clock + 29_000);
    assert.equal(m.text, VALUE, 'not cleared before its time');
    await w.advanceTo(m.clock + 1_000);
    assert.equal(m.text, '');
    assert.equal(m.state.size + m.secrets.size, 0, 'no record left');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const m = new Machine();
    const w = windowOn(m);
    await w.clipboard.copy(VALUE, 5);
    m.text = 'something the user copied';
    await w.advanceTo(m.clock + 5_000);
    assert.equal(m.text, 'something the user copied');
    assert.equal(m.state.size + m.secrets.size, 0);
  });

  it('keeps only a keyed fingerprint of the value, never the value nor its plain hash', async () => {
    const m = new Machine();
    await windowOn(m).clipboard.copy(VALUE, 30);
    const stored = JSON.stringify([...m.state.entries(), ...m.secrets.entries()]);
    assert.ok(!stored.includes(VALUE));
    assert.ok(!stored.includes(createHash('sha256').update(VALUE, 'utf8').digest('hex')), 'not checkable against a list of passwords');
    assert.equal(m.secrets.size, 1);
    assert.match([...m.secrets.values()][0], /^[0-9a-f]{32}:[0-9a-f]{64}$/);
    // Two copies of the same value leave different records.
    const other = new Machine();
    await windowOn(other).clipboard.copy(VALUE, 30);
    assert.notEqual([...other.secrets.values()][0], [...m.secrets.values()][0]);
  });

  it('on dispose, clears the value at once and cancels the timer', async () => {
    const m = new Machine();
    const w = windowOn(m);
    await w.clipboard.copy(VALUE, 600);
    await w.clipboard.dispose();
    assert.equal(m.text, '');
    assert.equal(w.pendingTimers(), 0);
    assert.equal(m.state.size + m.secrets.size, 0);
  });

  it('on dispose, leaves what the user copied since', async () => {
    const m = new Machine();
    const w = windowOn(m);
    await w.clipboard.copy(VALUE, 600);
    m.text = 'copied later';
    await w.clipboard.dispose();
    assert.equal(m.text, 'copied later');
  });

  it('a window closed before the time is up: the next window clears the value when due', async () => {
    const m = new Machine();
    const first = windowOn(m);
    await first.clipboard.copy(VALUE, 30);
    // Closing stops the extension host before it can reach the clipboard.
    m.reachable = false;
    await first.clipboard.dispose();
    assert.equal(m.text, VALUE);
    m.reachable = true;
    m.clock += 10_000;
    const next = windowOn(m);
    await next.clipboard.resume();
    await next.advanceTo(m.clock + 19_000);
    assert.equal(m.text, VALUE, 'not before its time');
    await next.advanceTo(m.clock + 1_000);
    assert.equal(m.text, '');
    assert.equal(m.state.size + m.secrets.size, 0);
  });

  it('a window that opens after the time was up clears the value at once, and only that value', async () => {
    const m = new Machine();
    const first = windowOn(m);
    await first.clipboard.copy(VALUE, 30);
    m.reachable = false;
    await first.clipboard.dispose();
    m.reachable = true;
    m.clock += 3_600_000;
    const next = windowOn(m);
    await next.clipboard.resume();
    await next.advanceTo(m.clock);
    assert.equal(m.text, '');

    const other = new Machine();
    const w = windowOn(other);
    await w.clipboard.copy(VALUE, 30);
    other.reachable = false;
    await w.clipboard.dispose();
    other.reachable = true;
    other.text = 'copied in another program';
    const later = windowOn(other);
    await later.clipboard.resume();
    await later.advanceTo(other.clock + 30_000);
    assert.equal(other.text, 'copied in another program');
  });

  it('a later copy replaces the record; the earlier timer does not remove it', async () => {
    const m = new Machine();
    const a = windowOn(m);
    const b = windowOn(m);
    await a.clipboard.copy(VALUE, 10);
    await b.clipboard.copy('second-copied-value-17', 60);
    await a.advanceTo(m.clock + 10_000);
    assert.equal(m.text, 'second-copied-value-17', 'the first timer leaves the second value');
    assert.equal(m.secrets.size, 1, "the second copy's record stays");
    m.reachable = false;
    await b.clipboard.dispose();
    m.reachable = true;
    const next = windowOn(m);
    await next.clipboard.resume();
    await next.advanceTo(m.clock + 60_000);
    assert.equal(m.text, '');
  });

  it('a window with nothing pending does nothing', async () => {
    const m = new Machine();
    const w = windowOn(m);
    await w.clipboard.resume();
    await w.clipboard.dispose();
    assert.equal(m.text, 'what the user had copied before');
    assert.equal(w.pendingTimers(), 0);
  });
});
