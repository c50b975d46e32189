#!/usr/bin/env node
// How time grows with input size, in process: `node bench/scaling.js` after a build (also part of
// `npm run bench`). The unit tests check the same inputs by counted work, never by time; the
// times here are for the issue note.
//
// (1) the Robin parser on adversarial inputs (unterminated strings, deep brackets, long
//     operator chains...) and on corpus text, at 1x and 8x: linear means a time ratio near 8;
// (2) readCustomizations on a solution of 50 and of 200 desktop flows: near 4;
// (3) looksLikeRobin on a 1 MB and on an 8 MB text (it reads the first 8 KB): near 1;
// (4) refusing a "billion laughs" DOCTYPE.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'src', 'core');
const PUBLIC_CORPUS = path.join(ROOT, 'test', 'corpus', 'public');

/** CPU milliseconds of `fn`, the minimum over `reps` runs after one warm-up. */
function minCpuMs(fn, reps) {
  fn();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    best = Math.min(best, wall, (c.user + c.system) / 1000);
  }
  return Math.max(best, 0.01);
}

function corpusText() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(txt|robin)$/i.test(e.name)) {
        const t = fs.readFileSync(full, 'utf8');
        if (!t.includes('# [ControlRepository]')) out.push(t);
      }
    }
  };
  walk(PUBLIC_CORPUS);
  return out.join('\n').slice(0, 60000);
}

function robinRows() {
  const { parse } = require(path.join(OUT, 'robin'));
  const { ADVERSARIAL_ROBIN } = require(path.join(ROOT, 'out', 'test', 'support', 'adversarialRobin'));
  const inputs = [['corpus text', corpusText()], ...ADVERSARIAL_ROBIN];
  return inputs.map(([name, input]) => {
    const big = input.repeat(8);
    const small = minCpuMs(() => parse(input), 5);
    const large = minCpuMs(() => parse(big), 3);
    return { what: `parse: ${name}`, sizes: `${input.length} / ${big.length} chars`, smallMs: small, largeMs: large, ratio: large / small, linear: 8 };
  });
}

function solutionXml(count, encoded) {
  const workflows = Array.from({ length: count }, (_, i) =>
    `<Workflow WorkflowId="{00000000-0000-0000-0000-${String(i).padStart(12, '0')}}" Name="F${i}"><Category>6</Category><Definition>${encoded}</Definition></Workflow>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml><Workflows>${workflows.join('\n')}</Workflows></ImportExportXml>`;
}

function solutionRow() {
  const { readCustomizations } = require(path.join(OUT, 'solution'));
  const body = "Display.ShowMessageDialog.ShowMessage Title: $'''a > b''' Message: $'''\"x\" & y''' Icon: Display.Icon.None\r\n".repeat(200);
  const encoded = JSON.stringify(body).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const one = solutionXml(50, encoded);
  const four = solutionXml(200, encoded);
  const small = minCpuMs(() => readCustomizations(one), 5);
  const large = minCpuMs(() => readCustomizations(four), 3);
  return { what: 'readCustomizations: 50 / 200 flows', sizes: `${one.length} / ${four.length} chars`, smallMs: small, largeMs: large, ratio: large / small, linear: 4 };
}

function detectRow() {
  const { looksLikeRobin } = require(path.join(OUT, 'solution'));
  const mb = 'SET x TO 1\n'.repeat(10) + 'prose line\n'.repeat(95_000);
  const eight = mb + 'prose line\n'.repeat(8 * 95_000);
  const hundred = (text) => () => {
    for (let i = 0; i < 100; i++) looksLikeRobin(text);
  };
  const small = minCpuMs(hundred(mb), 5);
  const large = minCpuMs(hundred(eight), 5);
  return { what: 'looksLikeRobin x100: 1 MB / 9 MB text', sizes: `${mb.length} / ${eight.length} chars`, smallMs: small, largeMs: large, ratio: large / small, linear: 1 };
}

function laughsRow() {
  const { readCustomizations } = require(path.join(OUT, 'solution'));
  const lol = (levels) =>
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
    Array.from({ length: levels }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n') +
    `\n]>\n<ImportExportXml><Workflows><Workflow Name="L"><Category>6</Category><Definition>"&lol${levels};"</Definition></Workflow></Workflows></ImportExportXml>`;
  const nine = lol(9);
  const thirty = lol(30);
  const small = minCpuMs(() => readCustomizations(nine), 5);
  const large = minCpuMs(() => readCustomizations(thirty), 5);
  return { what: 'refuse billion laughs: 10^9 / 10^30 expansions', sizes: `${nine.length} / ${thirty.length} chars`, smallMs: small, largeMs: large, ratio: large / small, linear: 1 };
}

/** The rows of the scaling table. */
function scaling() {
  return [...robinRows(), solutionRow(), detectRow(), laughsRow()];
}

function formatScaling(rows) {
  const table = [['input', 'sizes', 'small ms', 'large ms', 'ratio', 'linear']].concat(
    rows.map((r) => [r.what, r.sizes, r.smallMs.toFixed(2), r.largeMs.toFixed(2), `x${r.ratio.toFixed(1)}`, `x${r.linear}`]),
  );
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => String(row[c]).length)));
  const lines = table.map((row) => row.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd());
  return ['How time grows with input (min CPU ms after warm-up)', ...lines].join('\n');
}

module.exports = { scaling, formatScaling };

if (require.main === module) {
  if (!fs.existsSync(path.join(OUT, 'robin', 'index.js'))) {
    process.stderr.write('out/ is missing: run "npm run build" first.\n');
    process.exit(2);
  }
  process.stdout.write(formatScaling(scaling()) + '\n');
}
