#!/usr/bin/env node
// Flow Vault benchmark: `npm run bench` (builds first), or `node bench/run.js [options]` after a build.
//
// (a) `flow-vault lint --format json` over the benchmark corpus, as a child process;
// (b) secretlint with its recommended preset over the same files, as a child process: the
//     newest major (13.x, installed once with npm into a cache folder) when it runs here, else
//     the project's own devDependency. secretlint before 13 profiles every run with an O(n²)
//     PerformanceObserver (secretlint#1633, fixed by #1673): 64 s instead of ~3 s on this corpus.
//     (a) and (b) alternate, N runs each; wall time, CPU time and peak RSS of each child.
// (a') beside them, the floor: Node finding and reading the same files and nothing else
//     (bench/read-floor.js), to show how much of a time goal is left for linting.
// (c) in process: lintText on a 1 MB Robin flow and on a 1 MB customizations.xml (median of 30
//     after warm-up).
// (d) findings of both tools on the public corpus.
// (e) how time grows with input size (bench/scaling.js): the parser, the solution reader and the
//     format sniffing at 1x and at a larger size.
//
// Prints a table and writes JSON to bench-output/. Figures go in the issue note, never in tests.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');
const { scaling, formatScaling } = require('./scaling');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const READ_FLOOR = path.join(__dirname, 'read-floor.js');
/** The speed goal: flow-vault this many times faster than secretlint on the benchmark corpus. */
const GOAL_RATIO = 10;
/** The secretlint major the benchmark compares with by default (the newest). */
const SECRETLINT_MAJOR = 13;
const MAKE_CORPUS = path.join(__dirname, 'make-corpus.sh');
const PUBLIC_CORPUS = path.join(ROOT, 'test', 'corpus', 'public');
const TRAILER = '# [ControlRepository][PowerAutomateDesktop]';
const MB = 1024 * 1024;

const USAGE = `Usage: node bench/run.js [--runs N] [--inproc-runs N] [--corpus DIR] [--rebuild-corpus]

  --runs N             child-process runs of each tool, alternating (default 5)
  --inproc-runs N      timed in-process runs after warm-up (default 30)
  --corpus DIR         benchmark corpus folder (default: $TMPDIR/flow-vault-bench-corpus;
                       built with ${path.relative(ROOT, MAKE_CORPUS)} when missing)
  --rebuild-corpus     rebuild the corpus even when it exists
  --skip-children      only the in-process figures and the finding counts
  --secretlint WHICH   auto (default): secretlint ${SECRETLINT_MAJOR}.x from the cache folder below,
                       installed there with npm when missing, else the project's own;
                       project: the project's devDependency (node_modules/secretlint);
                       DIR: a folder whose node_modules holds secretlint and its preset
  --secretlint-node P  the node binary that runs secretlint (default: this one)
  --concurrency N      passed to flow-vault lint (default: none, i.e. auto)

Cache folder: \$FLOW_VAULT_BENCH_CACHE, else ~/.cache/flow-vault/bench-secretlint-${SECRETLINT_MAJOR}.
`;

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'inproc-runs': { type: 'string', default: '30' },
      corpus: { type: 'string', default: path.join(os.tmpdir(), 'flow-vault-bench-corpus') },
      'rebuild-corpus': { type: 'boolean', default: false },
      'skip-children': { type: 'boolean', default: false },
      secretlint: { type: 'string', default: 'auto' },
      'secretlint-node': { type: 'string', default: process.execPath },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const runs = Number(values.runs);
  const inprocRuns = Number(values['inproc-runs']);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(inprocRuns) || inprocRuns < 1) {
    process.stderr.write('--runs and --inproc-runs take a whole number of 1 or more.\n');
    process.exit(2);
  }
  return {
    runs,
    inprocRuns,
    corpus: path.resolve(values.corpus),
    rebuild: values['rebuild-corpus'],
    skipChildren: values['skip-children'],
    secretlint: values.secretlint,
    secretlintNode: values['secretlint-node'],
    concurrency: values.concurrency,
  };
}

// ------------------------------------------------------------------------------------------------
// Helpers

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function log(msg) {
  process.stderr.write(msg + '\n');
}

function walkFiles(dir, keep, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(full, keep, out);
    else if (e.isFile() && keep(e.name)) out.push(full);
  }
  return out;
}

/** The files make-corpus.sh copies: the Robin text files and customizations.xml. */
function isCorpusFile(name) {
  return name.endsWith('.txt') || name.endsWith('.robin') || name === 'customizations.xml';
}

function corpusStats(dir) {
  const files = walkFiles(dir, isCorpusFile);
  let bytes = 0;
  for (const f of files) bytes += fs.statSync(f).size;
  return { files: files.length, bytes };
}

function ensureCorpus(dir, rebuild) {
  const marker = path.join(dir, '.flow-vault-bench-corpus');
  if (!rebuild && fs.existsSync(marker)) return;
  log(`Building the benchmark corpus in ${dir} …`);
  const r = spawnSync('sh', [MAKE_CORPUS, dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`make-corpus.sh failed (exit ${r.status})`);
  fs.writeFileSync(marker, new Date().toISOString() + '\n');
}

function hasGnuTime() {
  if (!fs.existsSync('/usr/bin/time')) return false;
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+(\.\d+)? \d+\s*$/m.test(r.stderr);
}

/** Peak resident set of a running process, in KiB, from /proc (VmHWM), or undefined. */
function readHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a running process has used so far, from /proc, or undefined. */
function readCpu(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command, stdout to `stdoutFile`, and measures wall time (s), CPU time (user + system,
 * s) and peak RSS (MiB). With GNU time: `%e %U %S %M` of the child. Without: hrtime around the
 * child, and the last CPU time and VmHWM read from /proc while it ran (polled every 10 ms).
 */
function measure(cmd, args, { cwd, stdoutFile, gnuTime }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(stdoutFile, 'w');
    const timeFile = path.join(os.tmpdir(), `fv-bench-time-${process.pid}.txt`);
    const argv = gnuTime ? ['/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
    const start = process.hrtime.bigint();
    const child = spawn(argv[0], argv[1], { cwd, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let hwm;
    let cpu;
    const timer = gnuTime
      ? undefined
      : setInterval(() => {
          const v = readHwm(child.pid);
          if (v !== undefined) hwm = v;
          const c = readCpu(child.pid);
          if (c !== undefined) cpu = c;
        }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      if (timer) clearInterval(timer);
      fs.closeSync(out);
      let seconds = wall;
      let rssKiB = hwm;
      let cpuSeconds = cpu;
      if (gnuTime) {
        const text = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() || '';
        const m = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(text);
        if (m) {
          seconds = Number(m[1]);
          cpuSeconds = Number(m[2]) + Number(m[3]);
          rssKiB = Number(m[4]);
        }
        fs.rmSync(timeFile, { force: true });
      }
      resolve({
        code,
        seconds,
        wallSeconds: wall,
        cpuSeconds: cpuSeconds === undefined ? NaN : cpuSeconds,
        peakRssMiB: rssKiB === undefined ? NaN : rssKiB / 1024,
        stderr,
      });
    });
  });
}

function countFlowVault(file) {
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byRule = {};
  let findings = 0;
  let files = 0;
  let withProblems = 0;
  for (const r of results) {
    if (r.messages.length > 0) files++;
    if (r.problems && r.problems.length > 0) withProblems++;
    for (const m of r.messages) {
      findings++;
      byRule[m.ruleId] = (byRule[m.ruleId] || 0) + 1;
    }
  }
  return { findings, filesWithFindings: files, filesRead: results.length, filesWithProblems: withProblems, byRule };
}

function countSecretlint(file) {
  // secretlint's JSON holds each file's whole source (`sourceContent`); only the counts are kept.
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byRule = {};
  let findings = 0;
  let files = 0;
  for (const r of results) {
    if (r.messages.length > 0) files++;
    for (const m of r.messages) {
      findings++;
      byRule[m.ruleId] = (byRule[m.ruleId] || 0) + 1;
    }
  }
  return { findings, filesWithFindings: files, filesRead: results.length, byRule };
}

function secretlintConfig(dir) {
  const rc = path.join(dir, '.secretlintrc.json');
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2));
  return rc;
}

function flowVaultArgs(target, concurrency) {
  return [CLI, 'lint', '--format', 'json', '--no-progress', '--no-baseline', '--no-color', ...(concurrency ? ['--concurrency', concurrency] : []), target];
}

/** The same files as the corpus holds: every .txt, .robin and customizations.xml. */
const SECRETLINT_GLOBS = ['**/*.txt', '**/*.robin', '**/customizations.xml'];

function secretlintArgs(sl, rc, output) {
  // Run in the corpus folder: secretlint's globs must stay inside its working directory.
  return [sl.bin, '--secretlintrc', rc, '--format', 'json', '--no-color', ...(output ? ['--output', output] : []), ...SECRETLINT_GLOBS];
}

function shellQuote(a) {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function commandLine(cwd, argv) {
  return `cd ${shellQuote(cwd)} && ${argv.map(shellQuote).join(' ')}`;
}

/** secretlint installed under `dir` (its node_modules), or undefined. */
function secretlintIn(dir, node) {
  const pkg = path.join(dir, 'node_modules', 'secretlint', 'package.json');
  const preset = path.join(dir, 'node_modules', '@secretlint', 'secretlint-rule-preset-recommend', 'package.json');
  if (!fs.existsSync(pkg) || !fs.existsSync(preset)) return undefined;
  const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  const presetVersion = JSON.parse(fs.readFileSync(preset, 'utf8')).version;
  const bin = path.join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  return { dir, bin, node, version, presetVersion, major: Number(version.split('.')[0]) };
}

/** Does this secretlint start on this node? (13.x asks for Node 22 but runs on 20.) */
function secretlintRuns(sl) {
  const r = spawnSync(sl.node, [sl.bin, '--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 && r.stdout.trim().replace(/^v/, '') === sl.version;
}

function benchCacheDir() {
  return process.env.FLOW_VAULT_BENCH_CACHE || path.join(os.homedir(), '.cache', 'flow-vault', `bench-secretlint-${SECRETLINT_MAJOR}`);
}

/**
 * The secretlint to compare with: the newest major when it runs here (installed once with npm
 * into the cache folder), else the project's devDependency, with a warning.
 */
function resolveSecretlint(which, node) {
  const project = secretlintIn(ROOT, node);
  if (which === 'project') {
    if (!project) throw new Error('node_modules/secretlint is missing: run npm ci.');
    return { ...project, source: 'the project\'s devDependency' };
  }
  if (which !== 'auto') {
    const sl = secretlintIn(path.resolve(which), node);
    if (!sl) throw new Error(`No secretlint and preset-recommend under ${path.resolve(which)}/node_modules.`);
    return { ...sl, source: path.resolve(which) };
  }
  if (project && project.major >= SECRETLINT_MAJOR && secretlintRuns(project)) return { ...project, source: 'the project\'s devDependency' };
  const dir = benchCacheDir();
  let sl = secretlintIn(dir, node);
  if (!sl || sl.major < SECRETLINT_MAJOR) {
    log(`Installing secretlint@${SECRETLINT_MAJOR} and its recommended preset into ${dir} (once) …`);
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'package.json'))) fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    const r = spawnSync(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `secretlint@${SECRETLINT_MAJOR}`, `@secretlint/secretlint-rule-preset-recommend@${SECRETLINT_MAJOR}`],
      { stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' },
    );
    if (r.status !== 0) log(`npm install failed (exit ${r.status}).`);
    sl = secretlintIn(dir, node);
  }
  if (sl && secretlintRuns(sl)) return { ...sl, source: dir };
  if (!project) throw new Error('No secretlint to compare with: npm ci, or pass --secretlint DIR.');
  log(`WARNING: secretlint ${SECRETLINT_MAJOR}.x is not available or does not run on ${node}; comparing with the project's secretlint ${project.version}.`);
  return { ...project, source: 'the project\'s devDependency (fallback)' };
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, ri) => {
      const line = r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
      return ri === 0 ? line + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : line;
    })
    .join('\n');
}

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

// ------------------------------------------------------------------------------------------------
// (c) In process

function robinText(file) {
  const t = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const cut = t.indexOf(TRAILER);
  return (cut >= 0 ? t.slice(0, cut) : t).replace(/\s+$/, '') + '\n';
}

/** About 1 MB of Robin: the public corpus's Robin files (trailers cut) repeated until it is. */
function makeRobinMegabyte() {
  const files = walkFiles(PUBLIC_CORPUS, (n) => n.endsWith('.txt') || n.endsWith('.robin'));
  const parts = files.map(robinText);
  let text = '';
  for (let i = 0; text.length < MB; i++) text += parts[i % parts.length];
  return { text, sourceFiles: files.length };
}

/** About 1 MB of customizations.xml: the public corpus's largest one, its <Workflow>s repeated. */
function makeXmlMegabyte() {
  const files = walkFiles(PUBLIC_CORPUS, (n) => n === 'customizations.xml');
  const biggest = files.map((f) => ({ f, size: fs.statSync(f).size })).sort((a, b) => b.size - a.size)[0];
  if (!biggest) return undefined;
  const xml = fs.readFileSync(biggest.f, 'utf8');
  const open = xml.indexOf('<Workflows>');
  const close = xml.indexOf('</Workflows>');
  if (open < 0 || close < 0) return undefined;
  const inner = xml.slice(open + '<Workflows>'.length, close);
  let body = inner;
  for (let copy = 2; xml.length - inner.length + body.length < MB; copy++) {
    // A distinct WorkflowId and name per copy, as a real solution would have.
    body += inner
      .replace(/WorkflowId="\{([0-9a-f]{8})/g, (_, h) => `WorkflowId="{${((parseInt(h, 16) + copy) >>> 0).toString(16).padStart(8, '0')}`)
      .replace(/Name="([^"]*)"/g, `Name="$1 (copy ${copy})"`);
  }
  return { text: xml.slice(0, open + '<Workflows>'.length) + body + xml.slice(close), source: path.relative(ROOT, biggest.f) };
}

function timeInProcess(fn, runs) {
  for (let i = 0; i < 3; i++) fn();
  const times = [];
  const cpu = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    last = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), medianCpuMs: median(cpu), last };
}

function inProcess(runs) {
  const lint = require(path.join(ROOT, 'out', 'src', 'core', 'lint'));
  const out = {};
  const robin = makeRobinMegabyte();
  const r = timeInProcess(() => lint.lintText('bench-1mb.robin', robin.text, {}), runs);
  out.robin = {
    chars: robin.text.length,
    lines: robin.text.split('\n').length,
    sourceFiles: robin.sourceFiles,
    medianMs: r.medianMs,
    medianCpuMs: r.medianCpuMs,
    minMs: r.minMs,
    maxMs: r.maxMs,
    findings: r.last.findings.length,
    mbPerSecond: robin.text.length / MB / (r.medianMs / 1000),
  };
  const xml = makeXmlMegabyte();
  if (xml) {
    const x = timeInProcess(() => lint.lintText('customizations.xml', xml.text, {}), runs);
    out.xml = {
      chars: xml.text.length,
      source: xml.source,
      medianMs: x.medianMs,
      medianCpuMs: x.medianCpuMs,
      minMs: x.minMs,
      maxMs: x.maxMs,
      findings: x.last.findings.length,
      problems: x.last.problems.length,
      mbPerSecond: xml.text.length / MB / (x.medianMs / 1000),
    };
  }
  return out;
}

// ------------------------------------------------------------------------------------------------

async function main() {
  const opt = options();
  if (!fs.existsSync(CLI)) {
    process.stderr.write(`${path.relative(ROOT, CLI)} is missing: run "npm run build" first (npm run bench does).\n`);
    process.exit(2);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-bench-'));
  const rc = secretlintConfig(work);
  const gnuTime = hasGnuTime();
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}` },
    measuredWith: gnuTime ? '/usr/bin/time -f "%e %M"' : 'hrtime + /proc/PID/status VmHWM polled every 10 ms',
  };
  const sl = resolveSecretlint(opt.secretlint, path.resolve(opt.secretlintNode));
  const slNodeVersion = spawnSync(sl.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const secretlintVersion = sl.version;
  const flowVaultVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  results.versions = { flowVault: flowVaultVersion, secretlint: secretlintVersion, secretlintPreset: sl.presetVersion, secretlintNode: slNodeVersion, secretlintFrom: sl.source };
  if (sl.major < SECRETLINT_MAJOR) {
    results.versions.warning = `secretlint ${sl.version} profiles every run with an O(n²) PerformanceObserver (secretlint#1633, fixed in 13.x): its times are not representative.`;
  }
  const fvCommand = (target) => commandLine(work, [process.execPath, ...flowVaultArgs(target, opt.concurrency)]);
  const slCommand = (dir) => commandLine(dir, [sl.node, ...secretlintArgs(sl, rc)]);

  // (a) + (b)
  if (!opt.skipChildren) {
    ensureCorpus(opt.corpus, opt.rebuild);
    const stats = corpusStats(opt.corpus);
    results.corpus = { dir: opt.corpus, files: stats.files, megabytes: +(stats.bytes / MB).toFixed(1) };
    log(`Corpus: ${stats.files} files, ${(stats.bytes / MB).toFixed(1)} MB. ${opt.runs} runs of each tool, alternating${gnuTime ? '' : ' (no GNU time: polling /proc)'}.`);
    const runs = { flowVault: [], secretlint: [], floor: [] };
    for (let i = 0; i < opt.runs; i++) {
      const floor = await measure(process.execPath, [READ_FLOOR, opt.corpus], { cwd: work, stdoutFile: path.join(work, 'floor.txt'), gnuTime });
      if (floor.code !== 0) throw new Error(`read-floor exited ${floor.code}: ${floor.stderr.slice(0, 2000)}`);
      runs.floor.push(floor);
      const fv = await measure(process.execPath, flowVaultArgs(opt.corpus, opt.concurrency), { cwd: work, stdoutFile: path.join(work, 'flow-vault.json'), gnuTime });
      if (fv.code !== 0 && fv.code !== 1) throw new Error(`flow-vault exited ${fv.code}: ${fv.stderr.slice(0, 2000)}`);
      runs.flowVault.push(fv);
      const slRun = await measure(sl.node, secretlintArgs(sl, rc), { cwd: opt.corpus, stdoutFile: path.join(work, 'secretlint.json'), gnuTime });
      if (slRun.code !== 0 && slRun.code !== 1) throw new Error(`secretlint exited ${slRun.code}: ${slRun.stderr.slice(0, 2000)}`);
      runs.secretlint.push(slRun);
      log(
        `  run ${i + 1}/${opt.runs}: flow-vault ${fmt(fv.seconds)} s (CPU ${fmt(fv.cpuSeconds)} s), ${fmt(fv.peakRssMiB, 0)} MiB; ` +
          `secretlint ${fmt(slRun.seconds)} s (CPU ${fmt(slRun.cpuSeconds)} s), ${fmt(slRun.peakRssMiB, 0)} MiB; ` +
          `read floor ${fmt(floor.seconds)} s`,
      );
    }
    const summarize = (xs) => ({
      runs: xs.length,
      medianSeconds: median(xs.map((x) => x.seconds)),
      minSeconds: Math.min(...xs.map((x) => x.seconds)),
      maxSeconds: Math.max(...xs.map((x) => x.seconds)),
      medianCpuSeconds: median(xs.map((x) => x.cpuSeconds)),
      medianPeakRssMiB: median(xs.map((x) => x.peakRssMiB)),
      maxPeakRssMiB: Math.max(...xs.map((x) => x.peakRssMiB)),
      exitCode: xs[xs.length - 1].code,
    });
    results.largeCorpus = {
      flowVault: { ...summarize(runs.flowVault), ...countFlowVault(path.join(work, 'flow-vault.json')), command: fvCommand(opt.corpus) },
      secretlint: { ...summarize(runs.secretlint), ...countSecretlint(path.join(work, 'secretlint.json')), command: slCommand(opt.corpus) },
      readFloor: { ...summarize(runs.floor), read: fs.readFileSync(path.join(work, 'floor.txt'), 'utf8').trim(), command: commandLine(work, [process.execPath, READ_FLOOR, opt.corpus]) },
    };
    if (results.largeCorpus.secretlint.filesRead !== stats.files) {
      results.largeCorpus.secretlint.warning = `secretlint read ${results.largeCorpus.secretlint.filesRead} files, the corpus has ${stats.files}.`;
    }
    const a = results.largeCorpus.flowVault;
    const b = results.largeCorpus.secretlint;
    a.megabytesPerSecond = stats.bytes / MB / a.medianSeconds;
    b.megabytesPerSecond = stats.bytes / MB / b.medianSeconds;
    results.largeCorpus.timeRatioSecretlintOverFlowVault = b.medianSeconds / a.medianSeconds;
    results.largeCorpus.cpuRatioSecretlintOverFlowVault = b.medianCpuSeconds / a.medianCpuSeconds;
    results.loadAverageDuringRun = os.loadavg();
    results.largeCorpus.rssRatioSecretlintOverFlowVault = b.medianPeakRssMiB / a.medianPeakRssMiB;
    // What a 10x goal leaves for decoding and linting, once Node has started and read the files.
    const goal = b.medianSeconds / GOAL_RATIO;
    const floorSeconds = results.largeCorpus.readFloor.medianSeconds;
    results.largeCorpus.goal = {
      ratio: GOAL_RATIO,
      seconds: goal,
      readFloorSeconds: floorSeconds,
      leftForLintingSeconds: goal - floorSeconds,
      flowVaultAboveFloorSeconds: a.medianSeconds - floorSeconds,
    };
  }

  // (c)
  log(`In process: lintText on 1 MB, ${opt.inprocRuns} timed runs after 3 warm-up runs …`);
  results.inProcess = inProcess(opt.inprocRuns);

  // (e)
  log('Scaling: time at 1x and at a larger size …');
  results.scaling = scaling();

  // (d) findings on the public corpus, same files for both tools
  log('Findings on the public corpus …');
  const pubFiles = walkFiles(PUBLIC_CORPUS, isCorpusFile);
  const fvPublic = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--no-progress', '--no-baseline', '--output', path.join(work, 'fv-public.json'), PUBLIC_CORPUS], { cwd: work, encoding: 'utf8' });
  if (fvPublic.status !== 0 && fvPublic.status !== 1) throw new Error(`flow-vault exited ${fvPublic.status}: ${fvPublic.stderr}`);
  // secretlint may exit before a pipe is drained: let it write the report to a file.
  const slPublic = spawnSync(sl.node, secretlintArgs(sl, rc, path.join(work, 'sl-public.json')), { cwd: PUBLIC_CORPUS, encoding: 'utf8' });
  if (slPublic.status !== 0 && slPublic.status !== 1) throw new Error(`secretlint exited ${slPublic.status}: ${slPublic.stderr}`);
  results.publicCorpus = {
    files: pubFiles.length,
    note: 'flow-vault was given the folder (it also reads the two solution zips); secretlint the .txt, .robin and customizations.xml files',
    flowVault: countFlowVault(path.join(work, 'fv-public.json')),
    secretlint: countSecretlint(path.join(work, 'sl-public.json')),
  };

  // Report
  const lines = [];
  lines.push(`Flow Vault ${flowVaultVersion} (Node ${process.version}) vs secretlint ${secretlintVersion} with preset-recommend ${sl.presetVersion} (Node ${slNodeVersion}; from ${sl.source}), ${results.machine.cpus} CPUs`);
  if (results.versions.warning) lines.push(`WARNING: ${results.versions.warning}`);
  if (results.largeCorpus) {
    const a = results.largeCorpus.flowVault;
    const b = results.largeCorpus.secretlint;
    const f = results.largeCorpus.readFloor;
    const g = results.largeCorpus.goal;
    lines.push('');
    lines.push(`Large corpus: ${results.corpus.files} files, ${results.corpus.megabytes} MB; medians of ${a.runs} alternating runs each; ${results.measuredWith}`);
    lines.push(
      table([
        ['tool', 'wall s (median)', 'min', 'max', 'CPU s', 'peak RSS MiB', 'MB/s', 'findings', 'files w/ findings'],
        [`flow-vault lint --format json${opt.concurrency ? ` -j ${opt.concurrency}` : ''}`, fmt(a.medianSeconds), fmt(a.minSeconds), fmt(a.maxSeconds), fmt(a.medianCpuSeconds), fmt(a.medianPeakRssMiB, 0), fmt(a.megabytesPerSecond, 1), a.findings, a.filesWithFindings],
        [`secretlint ${secretlintVersion} (preset-recommend)`, fmt(b.medianSeconds), fmt(b.minSeconds), fmt(b.maxSeconds), fmt(b.medianCpuSeconds), fmt(b.medianPeakRssMiB, 0), fmt(b.megabytesPerSecond, 1), b.findings, b.filesWithFindings],
        ['floor: node finds and reads the files', fmt(f.medianSeconds), fmt(f.minSeconds), fmt(f.maxSeconds), fmt(f.medianCpuSeconds), fmt(f.medianPeakRssMiB, 0), '', '', ''],
      ]),
    );
    lines.push(
      `secretlint / flow-vault: wall time ${fmt(results.largeCorpus.timeRatioSecretlintOverFlowVault)}x, ` +
        `CPU time ${fmt(results.largeCorpus.cpuRatioSecretlintOverFlowVault)}x, peak RSS ${fmt(results.largeCorpus.rssRatioSecretlintOverFlowVault)}x`,
    );
    lines.push(
      `${g.ratio}x secretlint would be ${fmt(g.seconds)} s; starting Node and reading the files takes ${fmt(g.readFloorSeconds)} s of it, ` +
        `leaving ${fmt(g.leftForLintingSeconds)} s (${fmt((g.leftForLintingSeconds * 1000) / results.corpus.megabytes, 1)} ms/MB) to decode and lint; ` +
        `flow-vault takes ${fmt(g.flowVaultAboveFloorSeconds)} s above the floor (${fmt((g.flowVaultAboveFloorSeconds * 1000) / results.corpus.megabytes, 1)} ms/MB).`,
    );
    lines.push(`flow-vault: ${a.command}`);
    lines.push(`secretlint: ${b.command}  (${b.filesRead} files read${b.warning ? `; WARNING: ${b.warning}` : ''})`);
    lines.push(`  where .secretlintrc.json is ${JSON.stringify(JSON.parse(fs.readFileSync(rc, 'utf8')))}`);
    lines.push(`(load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs; wall times grow with it, CPU times less so)`);
  }
  const ip = results.inProcess;
  lines.push('');
  lines.push(`In process (lintText, median of ${opt.inprocRuns} after warm-up)`);
  const ipRows = [['input', 'chars', 'median ms', 'min', 'max', 'CPU ms', 'MB/s', 'findings']];
  ipRows.push([`1 MB Robin (${ip.robin.sourceFiles} corpus files, repeated)`, ip.robin.chars, fmt(ip.robin.medianMs, 1), fmt(ip.robin.minMs, 1), fmt(ip.robin.maxMs, 1), fmt(ip.robin.medianCpuMs, 1), fmt(ip.robin.mbPerSecond, 1), ip.robin.findings]);
  if (ip.xml) ipRows.push(['1 MB customizations.xml (workflows repeated)', ip.xml.chars, fmt(ip.xml.medianMs, 1), fmt(ip.xml.minMs, 1), fmt(ip.xml.maxMs, 1), fmt(ip.xml.medianCpuMs, 1), fmt(ip.xml.mbPerSecond, 1), ip.xml.findings]);
  lines.push(table(ipRows));
  lines.push('');
  lines.push(formatScaling(results.scaling));
  const pc = results.publicCorpus;
  lines.push('');
  lines.push(`Findings on the public corpus (${pc.files} flow files)`);
  lines.push(
    table([
      ['tool', 'findings', 'files w/ findings', 'by rule'],
      ['flow-vault', pc.flowVault.findings, pc.flowVault.filesWithFindings, Object.entries(pc.flowVault.byRule).map(([k, v]) => `${k}: ${v}`).join(', ') || '-'],
      ['secretlint', pc.secretlint.findings, pc.secretlint.filesWithFindings, Object.entries(pc.secretlint.byRule).map(([k, v]) => `${k}: ${v}`).join(', ') || '-'],
    ]),
  );
  process.stdout.write(lines.join('\n') + '\n');

  const outDir = path.join(ROOT, 'bench-output');
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(outDir, `bench-${stamp}.json`), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nWrote ${path.relative(ROOT, path.join(outDir, `bench-${stamp}.json`))} (and latest.json)\n`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
