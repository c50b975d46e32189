#!/usr/bin/env node
// Two builds side by side in one process: lintText (and parse) on the 1 MB Robin flow of
// `npm run bench` (the public corpus's Robin files, trailers cut, repeated), the builds' runs
// alternating so that load from other processes falls on both alike.
//
//   node bench/ab-lint.js --base /tmp/base/out [--head out] [--runs 30] [--batches 6]
//
// Each build runs in its own child processes (its own heap, so each pays for its own garbage),
// batch after batch, alternating: `--runs` timed runs per build in all, after warm-up runs.
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

const PUBLIC_CORPUS = path.join(ROOT, 'test', 'corpus', 'public');
const TRAILER = '# [ControlRepository][PowerAutomateDesktop]';
const MB = 1024 * 1024;

const { values: opt } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string', default: path.join(ROOT, 'out') },
    runs: { type: 'string', default: '30' },
    batches: { type: 'string', default: '6' },
    child: { type: 'string' },
  },
});
if (!opt.base && !opt.child) {
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

/** In a child: `runs` timed runs of one build after 3 warm-up runs, as JSON on stdout. */
async function child(out, n) {
  const text = robinMegabyte();
  const b = load(out);
  for (let i = 0; i < 3; i++) b.lint.lintText('bench-1mb.robin', text, {});
  const r = { lint: [], cpu: [], parse: [], gc: 0, lintTotal: 0, findings: 0 };
  for (let i = 0; i < n; i++) {
    await flushGc();
    gcMs = 0;
    let result;
    let ms = 0;
    r.cpu.push(cpuTimed(() => { ms = timed(() => { result = b.lint.lintText('bench-1mb.robin', text, {}); }); }));
    await flushGc();
    r.gc += gcMs;
    r.lintTotal += ms;
    r.lint.push(ms);
    r.findings = result.findings.length;
  }
  for (let i = 0; i < n; i++) r.parse.push(timed(() => b.robin.parse(text)));
  if (typeof global.gc === 'function') {
    global.gc();
    const before = v8.getHeapStatistics().used_heap_size;
    const keep = b.robin.parse(text);
    global.gc();
    r.heapMb = (v8.getHeapStatistics().used_heap_size - before) / MB;
    r.statements = keep.statements.length;
  }
  process.stdout.write(JSON.stringify(r));
  obs.disconnect();
}

async function main() {
  const { spawnSync } = require('node:child_process');
  const batches = Math.max(1, Number(opt.batches) || 6);
  const per = Math.max(1, Math.round(runs / batches));
  const builds = [['base', path.resolve(opt.base)], ['head', path.resolve(opt.head)]];
  const stats = new Map(builds.map(([name]) => [name, { lint: [], cpu: [], parse: [], gc: 0, lintTotal: 0, findings: 0, heapMb: 0 }]));
  for (let k = 0; k < batches; k++) {
    for (const [name, dir] of k % 2 === 0 ? builds : [...builds].reverse()) {
      const res = spawnSync(process.execPath, ['--expose-gc', __filename, '--child', dir, '--runs', String(per)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (res.status !== 0) throw new Error(`child for ${name} failed: ${res.stderr}`);
      const r = JSON.parse(res.stdout);
      const s = stats.get(name);
      s.lint.push(...r.lint);
      s.cpu.push(...r.cpu);
      s.parse.push(...r.parse);
      s.gc += r.gc;
      s.lintTotal += r.lintTotal;
      s.findings = r.findings;
      s.heapMb = r.heapMb;
    }
  }
  const text = robinMegabyte();
  console.log(`1 MB Robin flow: ${text.length} chars; ${per * batches} runs of each build in ${batches} alternating child processes (3 warm-up runs each)`);
  console.log('build  lintText median / min / max ms   CPU median / min ms   GC share   parse median ms   tree heap MB   findings');
  for (const [name] of builds) {
    const s = stats.get(name);
    console.log(
      `${name.padEnd(5)}  ${median(s.lint).toFixed(1).padStart(6)} / ${Math.min(...s.lint).toFixed(1).padStart(5)} / ${Math.max(...s.lint).toFixed(1).padStart(5)}` +
      `       ${median(s.cpu).toFixed(1).padStart(6)} / ${Math.min(...s.cpu).toFixed(1).padStart(5)}` +
      `        ${((100 * s.gc) / s.lintTotal).toFixed(0).padStart(3)} %      ${median(s.parse).toFixed(1).padStart(6)}          ` +
      `${s.heapMb.toFixed(1).padStart(5)}      ${s.findings}`,
    );
  }
  obs.disconnect();
}

if (opt.child) child(opt.child, runs);
else main();
