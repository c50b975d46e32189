/** Argument parsing, discovery helpers and the progress line, in process. */
import * as assert from 'node:assert/strict';
import { parseLintArgs, UsageError } from '../../../src/cli/args';
import * as path from 'node:path';
import { isFlowFileName } from '../../../src/cli/discover';
import { relativePath } from '../../../src/cli/paths';
import { autoThreads, PARALLEL_BYTES_PER_THREAD } from '../../../src/cli/parallel';
import { createProgress, PROGRESS_THRESHOLD } from '../../../src/cli/progress';

describe('cli arguments', () => {
  it('defaults: stylish, baseline on, progress on, colour decided later, path list empty', () => {
    const o = parseLintArgs([]);
    assert.equal(o.format, 'stylish');
    assert.equal(o.useBaseline, true);
    assert.equal(o.writeBaseline, false);
    assert.equal(o.progress, true);
    assert.equal(o.color, undefined);
    assert.deepEqual(o.paths, []);
  });

  it('reads every option, short forms included', () => {
    const o = parseLintArgs(['-f', 'sarif', '-o', 'out.sarif', '-c', 'rc.json', '-b', 'b.json', '--max-warnings', '3', '--quiet', '--no-color', '--no-progress', '-j', '3', 'a', 'b/**/*.robin']);
    assert.deepEqual(
      { ...o },
      { paths: ['a', 'b/**/*.robin'], format: 'sarif', output: 'out.sarif', config: 'rc.json', baseline: 'b.json', useBaseline: true, writeBaseline: false, maxWarnings: 3, quiet: true, color: false, progress: false, concurrency: 3, help: false },
    );
  });

  it('--concurrency N, else FLOW_VAULT_CONCURRENCY, else auto (undefined)', () => {
    assert.equal(parseLintArgs([]).concurrency, undefined);
    assert.equal(parseLintArgs(['--concurrency', 'auto']).concurrency, undefined);
    assert.equal(parseLintArgs(['--concurrency', '1']).concurrency, 1);
    assert.equal(parseLintArgs([], { FLOW_VAULT_CONCURRENCY: '4' }).concurrency, 4);
    assert.equal(parseLintArgs([], { FLOW_VAULT_CONCURRENCY: 'auto' }).concurrency, undefined);
    assert.equal(parseLintArgs(['--concurrency', '2'], { FLOW_VAULT_CONCURRENCY: '1' }).concurrency, 2);
    for (const bad of ['0', '-1', 'x', '1.5', '']) {
      assert.throws(() => parseLintArgs(['--concurrency', bad]), UsageError, bad);
    }
    assert.throws(() => parseLintArgs([], { FLOW_VAULT_CONCURRENCY: 'many' }), /FLOW_VAULT_CONCURRENCY/);
  });

  it('auto concurrency: a thread per 64 MiB of input, at most one per core and per file, else one', () => {
    const B = PARALLEL_BYTES_PER_THREAD;
    assert.equal(autoThreads(4110, 43e6, 2), 1);
    assert.equal(autoThreads(5000, B * 2 - 1, 2), 1);
    assert.equal(autoThreads(5000, B * 2, 2), 2);
    assert.equal(autoThreads(5000, B * 10, 2), 2);
    assert.equal(autoThreads(5000, B * 3, 8), 3);
    assert.equal(autoThreads(3, B * 10, 8), 3);
    assert.equal(autoThreads(1, B * 10, 2), 1);
    assert.equal(autoThreads(5000, B * 10, 1), 1);
  });

  it('the last of --color / --no-color wins', () => {
    assert.equal(parseLintArgs(['--no-color', '--color']).color, true);
    assert.equal(parseLintArgs(['--color', '--no-color']).color, false);
  });

  it('rejects bad values with a UsageError', () => {
    for (const args of [['--format', 'xml'], ['--max-warnings', '-1'], ['--max-warnings', 'x'], ['--what'], ['--no-baseline', '--baseline', 'x'], ['--no-baseline', '--write-baseline'], ['--output', '']]) {
      assert.throws(() => parseLintArgs(args), UsageError, args.join(' '));
    }
  });

  it('relativePath is path.relative for absolute, normalised paths', () => {
    const cases: [string, string][] = [
      ['/a/b', '/a/b/c.robin'], ['/a/b', '/a/b/c/d.robin'], ['/a/b', '/a/bc/d.robin'], ['/a/b', '/a/b'], ['/a/b', '/a'],
      ['/a/b', '/x/y.robin'], ['/', '/x/y.robin'], ['/a/b/', '/a/b/c.robin'],
    ].map(([a, b]) => [path.resolve(a!), path.resolve(b!)]);
    for (const [base, p] of cases) assert.equal(relativePath(base, p), path.relative(base, p), `${base} ${p}`);
  });

  it('folder walks keep flow files by name', () => {
    for (const n of ['a.robin', 'A.ROBIN', 'x.powerautomate', 'notes.txt', 'Customizations.xml', 'export.zip']) assert.ok(isFlowFileName(n), n);
    for (const n of ['solution.xml', 'readme.md', 'a.json', 'robin']) assert.ok(!isFlowFileName(n), n);
  });
});

describe('cli progress line', () => {
  function stream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, isTTY, columns: 100, write: (s: string) => (writes.push(s), true) };
  }

  it('draws on a terminal for large trees and erases itself', () => {
    const s = stream(true);
    const p = createProgress(s, PROGRESS_THRESHOLD + 1, true);
    p.tick(0);
    p.tick(PROGRESS_THRESHOLD + 1);
    p.clear();
    assert.match(s.writes[0]!, /^\rLinting 0\/201 files \(0%\)\u001b\[K$/);
    assert.equal(s.writes.at(-1), '\r\u001b[K');
  });

  it('stays silent when not a terminal, for small trees, or with --no-progress', () => {
    for (const [tty, total, enabled] of [[false, 1000, true], [true, PROGRESS_THRESHOLD, true], [true, 1000, false]] as const) {
      const s = stream(tty);
      const p = createProgress(s, total, enabled);
      p.tick(0);
      p.clear();
      assert.deepEqual(s.writes, []);
    }
  });
});
