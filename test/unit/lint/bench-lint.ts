/**
 * Lint benchmark (not a test; no timed assertions anywhere). Run after building:
 *
 *   bench/make-corpus.sh /tmp/fv-bench-corpus
 *   node out/test/unit/lint/bench-lint.js /tmp/fv-bench-corpus [test/corpus/public]
 *
 * Prints, for the whole corpus (all files read into memory first): lintBytes wall and CPU time
 * (median of 5 warm runs), the share of decoding + solution reading + parsing, and the rules'
 * own time on pre-parsed scripts; then the median of 20 runs of lintText on a 1 MB Robin flow
 * built from the public corpus's solution definitions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintBytes, lintScript, lintText } from '../../../src/core/lint';
import type { RobinUnit } from '../../../src/core/lint/types';
import { parse } from '../../../src/core/robin';
import { decodeText, detectFormat, readCustomizations } from '../../../src/core/solution';
import { PUBLIC_CORPUS } from '../../support/paths';

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

function measure(fn: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const d = process.cpuUsage(c);
  return { wall: Number(process.hrtime.bigint() - t) / 1e6, cpu: (d.user + d.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const corpus = process.argv[2] ?? '/tmp/fv-bench-corpus';
  const publicCorpus = process.argv[3] ?? PUBLIC_CORPUS;
  const files = walk(corpus).map((f) => ({ path: path.relative(corpus, f), bytes: new Uint8Array(fs.readFileSync(f)) }));
  const total = files.reduce((a, f) => a + f.bytes.length, 0);
  console.log(`${files.length} files, ${(total / 1e6).toFixed(1)} MB, read into memory`);

  let findings = 0;
  const lintAll = (): void => { for (const f of files) for (const r of lintBytes(f.path, f.bytes)) findings += r.findings.length; };
  const cold = measure(lintAll);
  console.log(`cold first run: ${cold.wall.toFixed(0)} ms wall, ${cold.cpu.toFixed(0)} ms CPU (${findings} findings)`);
  const runs = Array.from({ length: 5 }, () => measure(lintAll));
  console.log(`lintBytes, whole corpus, median of 5: ${median(runs.map((r) => r.wall)).toFixed(0)} ms wall, ${median(runs.map((r) => r.cpu)).toFixed(0)} ms CPU`);

  const units: RobinUnit[] = [];
  const base = (): void => {
    units.length = 0;
    for (const f of files) {
      const d = decodeText(f.bytes);
      if ('binary' in d) continue;
      const fmt = detectFormat(f.path, d.text);
      if (fmt === 'solution-xml') {
        for (const flow of readCustomizations(d.text).flows) {
          const def = flow.definition;
          if (def) units.push({ script: parse(def.text), text: def.text, toFileOffset: (o) => def.toFileOffset(o) });
        }
      } else if (fmt === 'robin') units.push({ script: parse(d.text), text: d.text, toFileOffset: (o) => o });
    }
  };
  const baseRuns = Array.from({ length: 3 }, () => measure(base));
  console.log(`  of which decode + detect + readCustomizations + parse: ${median(baseRuns.map((r) => r.wall)).toFixed(0)} ms wall, ${median(baseRuns.map((r) => r.cpu)).toFixed(0)} ms CPU`);
  const rulesRuns = Array.from({ length: 5 }, () => measure(() => { for (const u of units) lintScript(u); }));
  console.log(`  the engine and rules alone on the ${units.length} parsed scripts: ${median(rulesRuns.map((r) => r.wall)).toFixed(0)} ms wall, ${median(rulesRuns.map((r) => r.cpu)).toFixed(0)} ms CPU`);

  const xml = path.join(publicCorpus, 'pad-framework', 'src', 'solutions', 'main', 'customizations.xml');
  if (!fs.existsSync(xml)) return;
  const defs = readCustomizations(fs.readFileSync(xml, 'utf8')).flows.flatMap((f) => (f.definition ? [f.definition.text] : []));
  let big = '';
  for (let i = 0; big.length < 1_000_000; i++) big += defs[i % defs.length].replace(/^(?:@@|IMPORT|@SENSITIVE|@INPUT|@OUTPUT).*$/gm, '') + '\r\n';
  big = big.slice(0, big.lastIndexOf('\n', 1_000_000) + 1);
  for (let i = 0; i < 5; i++) lintText('big.robin', big);
  const one = Array.from({ length: 20 }, () => measure(() => lintText('big.robin', big)));
  const parseOnly = Array.from({ length: 20 }, () => measure(() => parse(big)));
  console.log(`1 MB Robin flow (${big.length} chars): lintText median of 20 ${median(one.map((r) => r.wall)).toFixed(1)} ms wall, ${median(one.map((r) => r.cpu)).toFixed(1)} ms CPU; parse alone ${median(parseOnly.map((r) => r.wall)).toFixed(1)} ms wall, ${median(parseOnly.map((r) => r.cpu)).toFixed(1)} ms CPU`);
}

main();
