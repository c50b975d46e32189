/** Small pure parts of the host: debouncing, finding selection, message safety. */
import * as assert from 'node:assert/strict';
import { Debouncer, type Timers } from '../../../src/extension/debounce';
import { nearestOnLine, selectFinding } from '../../../src/extension/findingSelection';
import { plural } from '../../../src/extension/messages';

class FakeTimers implements Timers {
  now = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.push({ at: this.now + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    this.now += ms;
    const due = this.queue.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at);
    this.queue = this.queue.filter((t) => t.at > this.now);
    for (const t of due) t.fn();
  }
}

describe('host: debouncer', () => {
  it('runs once per key after the last schedule, independently per key', () => {
    const timers = new FakeTimers();
    const d = new Debouncer<string>(timers);
    const runs: string[] = [];
    d.schedule('a', 300, () => runs.push('a1'));
    timers.advance(200);
    d.schedule('a', 300, () => runs.push('a2'));
    d.schedule('b', 100, () => runs.push('b'));
    timers.advance(150);
    assert.deepEqual(runs, ['b']);
    assert.ok(d.isPending('a'));
    timers.advance(200);
    assert.deepEqual(runs, ['b', 'a2']);
    assert.ok(!d.isPending('a'));
  });

  it('cancel and dispose drop pending runs', () => {
    const timers = new FakeTimers();
    const d = new Debouncer<string>(timers);
    let n = 0;
    d.schedule('a', 10, () => n++);
    d.cancel('a');
    d.schedule('b', 10, () => n++);
    d.dispose();
    timers.advance(100);
    assert.equal(n, 0);
  });
});

describe('host: finding selection', () => {
  const findings = [
    { ruleId: 'r1', fingerprint: 'f1', range: { start: 10, end: 20 } },
    { ruleId: 'r2', fingerprint: 'f2', range: { start: 12, end: 15 } },
    { ruleId: 'r1', fingerprint: 'f3', range: { start: 40, end: 50 } },
  ];
  it('by fingerprint, exact range, rule, or the smallest finding under the cursor', () => {
    assert.equal(selectFinding(findings, { fingerprint: 'f3' })?.fingerprint, 'f3');
    assert.equal(selectFinding(findings, { start: 10, end: 20 })?.fingerprint, 'f1');
    assert.equal(selectFinding(findings, { start: 13, end: 13 })?.fingerprint, 'f2');
    assert.equal(selectFinding(findings, { start: 13, end: 13, ruleId: 'r1' })?.fingerprint, 'f1');
    assert.equal(selectFinding(findings, { start: 30, end: 30 }), undefined);
    assert.equal(selectFinding(findings, { fingerprint: 'nope' }), undefined);
  });
  it('the nearest finding on the cursor line', () => {
    assert.equal(nearestOnLine(findings, 38, 30, 60)?.fingerprint, 'f3');
    assert.equal(nearestOnLine(findings, 0, 25, 30), undefined);
  });
});

describe('host: messages', () => {
  it('counts with the right plural', () => {
    assert.equal(plural(1, 'file'), '1 file');
    assert.equal(plural(2, 'entry', 'entries'), '2 entries');
  });
});
