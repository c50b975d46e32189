#!/usr/bin/env node
// Differential check of two builds: every lint result must be identical.
//
//   node bench/differential.js --base /tmp/base/out [--head out] [--mutations 3000] [--seed 20240601]
//
// Lints, with both builds, every file under the public corpus, test/fixtures and examples
// (lintBytes: zips, solutions, Robin), and seeded mutations of the corpus's Robin texts (byte flips,
// truncations, splices and raw bytes, as the parser's fuzz test makes them). Compares findings
// (rule, severity, message, kind, placement, every range, context, argument, flow, fingerprint),
// problems and suppressions, the parse messages and statement kinds, depths and ranges, and the
// edits of the Get credential fix over all of a file's findings. Prints the first differences
// (never file contents) and exits 1 when there is any.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..');

const { values: opt } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string', default: path.join(ROOT, 'out') },
    mutations: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '20240601' },
  },
});
if (!opt.base) {
  console.error('Usage: node bench/differential.js --base OTHER/out [--head out] [--mutations 3000] [--seed N]');
  process.exit(2);
}

function load(out) {
  const dir = path.resolve(out);
  return {
    lint: require(path.join(dir, 'src', 'core', 'lint')),
    robin: require(path.join(dir, 'src', 'core', 'robin')),
    fix: require(path.join(dir, 'src', 'core', 'fix')),
    solution: require(path.join(dir, 'src', 'core', 'solution')),
  };
}

function walk(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

const r = (x) => (x ? [x.start, x.end] : null);

function findingKey(f) {
  return [f.ruleId, f.severity, f.message, f.kind, f.placement, r(f.range), r(f.literalRange), r(f.statementRange),
    f.context ?? null, f.argument ?? null, f.flowName ?? null, f.fingerprint, f.justification ?? null];
}

function resultKey(res) {
  return {
    path: res.path,
    findings: res.findings.map(findingKey),
    problems: res.problems.map((p) => [p.message, r(p.range)]),
    suppressed: res.suppressed,
    silenced: (res.silenced ?? []).map(findingKey),
  };
}

/** The Get credential fix over all of a result's findings, as edits. */
function fixKey(b, text, format, findings) {
  if (findings.length === 0 || (format !== 'robin' && format !== 'solution-xml')) return null;
  try {
    const file = new b.fix.FixableFile(text, format);
    const res = file.useGetCredential(findings, { template: b.fix.DEFAULT_GET_CREDENTIAL_TEMPLATE, credentialName: 'Differential' });
    const problems = findings.map((f) => file.getCredentialProblem(f) ?? null);
    return { ok: res.ok, edits: res.ok ? res.edits.map((e) => [r(e.range), e.newText]) : res.reason, problems };
  } catch (e) {
    return { threw: String(e && e.message) };
  }
}

function parseKey(b, text) {
  const s = b.robin.parse(text);
  return {
    messages: s.messages.map((m) => [m.message, r(m.range)]),
    statements: s.statements.map((x) => [x.kind, x.depth, r(x.range), x.functionName ?? null, x.keyword ?? null,
      (x.args ?? []).map((a) => [a.name, a.direction, r(a.range), r(a.nameRange), a.value ? [a.value.kind, r(a.value.range)] : null])]),
    header: s.header.map((a) => [a.key, r(a.range)]),
  };
}

function fileKey(b, rel, bytes) {
  const results = b.lint.lintBytes(rel, bytes);
  const out = results.map(resultKey);
  const d = b.solution.decodeText(bytes);
  if (!('binary' in d)) {
    const format = b.solution.detectFormat(rel, d.text);
    const main = results.find((x) => x.path === rel);
    if (main) out.push({ fix: fixKey(b, d.text, format, main.findings) });
    if (format === 'robin') out.push({ parse: parseKey(b, d.text) });
  }
  return out;
}

function textKey(b, text) {
  const res = b.lint.lintText('mutated.robin', text);
  return [resultKey(res), fixKey(b, text, 'robin', res.findings), parseKey(b, text)];
}

function main() {
  const base = load(opt.base);
  const head = load(opt.head);
  const roots = [path.join(ROOT, 'test', 'corpus', 'public'), path.join(ROOT, 'test', 'fixtures'), path.join(ROOT, 'examples')];
  const files = roots.flatMap((root) => walk(root).map((f) => ({ f, rel: path.relative(path.dirname(root), f) })));
  let compared = 0;
  let findings = 0;
  const diffs = [];
  const compare = (what, a, b) => {
    compared++;
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    if (ja !== jb) diffs.push(what);
  };
  const samples = [];
  for (const { f, rel } of files) {
    const bytes = new Uint8Array(fs.readFileSync(f));
    const a = fileKey(base, rel, bytes);
    const b = fileKey(head, rel, bytes);
    findings += a.reduce((n, x) => n + (x.findings ? x.findings.length : 0), 0);
    compare(rel, a, b);
    if (/\.(txt|robin)$/i.test(f)) samples.push(Buffer.from(bytes).toString('utf8'));
  }
  console.log(`${files.length} files compared (${findings} findings in the base build)`);
  // The fuzz test's generator (test/support/random.ts, built by npm run build), with `P` added
  // so that mutations also make direct-encrypted values.
  const { mutatedFlows, rng, SCANNER_ALPHABET } = require(path.join(ROOT, 'out', 'test', 'support', 'random'));
  const muts = mutatedFlows(samples, Number(opt.mutations), rng(Number(opt.seed)), SCANNER_ALPHABET + 'PP');
  let mutFindings = 0;
  muts.forEach((t, i) => {
    const a = textKey(base, t);
    mutFindings += a[0].findings.length;
    compare(`mutation #${i}`, a, textKey(head, t));
  });
  console.log(`${muts.length} seeded mutations compared (seed ${opt.seed}; ${mutFindings} findings in the base build)`);
  if (diffs.length === 0) {
    console.log(`identical: ${compared} comparisons, 0 differences`);
    return;
  }
  console.log(`${diffs.length} of ${compared} differ; first ones:`);
  for (const d of diffs.slice(0, 20)) console.log(`  ${d}`);
  process.exitCode = 1;
}

main();
