#!/usr/bin/env node
// Two builds side by side in one process: lintText (and parse) on the 1 MB Robin flow of
// `npm run bench` (the public corpus's Robin files, trailers cut, repeated), the builds' runs
// alternating so that load from other processes falls on both alike.
//
//   node bench/ab-lint.js --base /tmp/base/out [--head out] [--runs 30]
//
// `--base` is the `out/` folder of another build (e.g. `git archive <commit> | tar -x -C /tmp/base`,
// a `node_modules` link, `npx tsc -p tsconfig.json` there). Prints, per build: lintText median, min
// and max wall ms, the share of that time spent in GC pauses, parse alone, and the heap the parsed
// tree keeps alive. Figures go in the notes, never in tests.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const { PerformanceObserver } = require('node:perf_hooks');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const SHARED = process.env.FLOW_VAULT_SHARED || path.resolve(ROOT, '..', 'shared');
const PUBLIC_CORPUS = path.join(SHARED, 'corpus', 'public');
const TRAILER = '# [ControlRepository][PowerAutomateDesktop]';
const MB = 1024 * 1024;

const { values: opt } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string', default: path.join(ROOT, 'out') },
    runs: { type: 'string', default: '30' },
  },
});
if (!opt.base) {
  console.error('Usage: node bench/ab-lint.js --base OTHER/out [--head out] [--runs 30]');
  process.exit(2);
}
const runs = Math.max(1, Number(opt.runs) || 30);

function walk(dir, keep) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, keep));
    else if (keep(e.name)) out.push(p);
  }
  return out.sort();
}

function robinMegabyte() {
  const parts = walk(PUBLIC_CORPUS, (n) => n.endsWith('.txt') || n.endsWith('.robin')).map((f) => {
    const t = fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
    const cut = t.indexOf(TRAILER);
    return (cut >= 0 ? t.slice(0, cut) : t).replace(/\s+$/, '') + '\n';
  });
  let text = '';
  for (let i = 0; text.length < MB; i++) text += parts[i % parts.length];
  return text;
}

function load(out) {
  const dir = path.resolve(out);
  return {
    dir,
    lint: require(path.join(dir, 'src', 'core', 'lint')),
    robin: require(path.join(dir, 'src', 'core', 'robin')),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let gcMs = 0;
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
});
obs.observe({ entryTypes: ['gc'] });

/** Wall ms of `fn`, and the GC pause ms reported while it ran (entries arrive asynchronously: flushed after). */
function timed(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** CPU ms of `fn` (less sensitive than wall time to other processes on a loaded machine). */
function cpuTimed(fn) {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function flushGc() {
  await new Promise((r) => setImmediate(r));
}

async function main() {
  const text = robinMegabyte();
  const builds = [['base', load(opt.base)], ['head', load(opt.head)]];
  const stats = new Map(builds.map(([name]) => [name, { lint: [], cpu: [], parse: [], gc: 0, lintTotal: 0, findings: 0 }]));
  for (const [, b] of builds) for (let i = 0; i < 5; i++) b.lint.lintText('bench-1mb.robin', text, {});
  for (let i = 0; i < runs; i++) {
    for (const [name, b] of i % 2 === 0 ? builds : [...builds].reverse()) {
      const s = stats.get(name);
      await flushGc();
      gcMs = 0;
      let result;
      let ms = 0;
      s.cpu.push(cpuTimed(() => { ms = timed(() => { result = b.lint.lintText('bench-1mb.robin', text, {}); }); }));
      await flushGc();
      s.gc += gcMs;
      s.lintTotal += ms;
      s.lint.push(ms);
      s.findings = result.findings.length;
      s.parse.push(timed(() => b.robin.parse(text)));
    }
  }
  const heapOf = (b) => {
    if (typeof global.gc !== 'function') return undefined;
    global.gc();
    const before = v8.getHeapStatistics().used_heap_size;
    const keep = b.robin.parse(text);
    global.gc();
    const after = v8.getHeapStatistics().used_heap_size;
    return { mb: (after - before) / MB, keep };
  };
  console.log(`1 MB Robin flow: ${text.length} chars; ${runs} alternating runs of each build after 5 warm-up runs`);
  console.log('build  lintText median / min / max ms   CPU median / min ms   GC share   parse median ms   tree heap MB   findings');
  for (const [name, b] of builds) {
    const s = stats.get(name);
    const heap = heapOf(b);
    console.log(
      `${name.padEnd(5)}  ${median(s.lint).toFixed(1).padStart(6)} / ${Math.min(...s.lint).toFixed(1).padStart(5)} / ${Math.max(...s.lint).toFixed(1).padStart(5)}` +
      `       ${median(s.cpu).toFixed(1).padStart(6)} / ${Math.min(...s.cpu).toFixed(1).padStart(5)}` +
      `        ${((100 * s.gc) / s.lintTotal).toFixed(0).padStart(3)} %      ${median(s.parse).toFixed(1).padStart(6)}          ` +
      `${heap ? heap.mb.toFixed(1).padStart(5) : '  n/a'}      ${s.findings}`,
    );
  }
  if (typeof global.gc !== 'function') console.log('(run node with --expose-gc for the tree heap)');
  obs.disconnect();
}

main();
