/**
 * Parser speed on about 1 MB of real Robin (not a test: run it by hand).
 *
 *   npx tsc -p tsconfig.json --outDir /tmp/fv-robin
 *   node /tmp/fv-robin/test/unit/robin/parse-speed.bench.js [megabytes] [--against <dir>]
 *
 * The input is the public corpus (`.txt`, `.robin` without their trailers, and every decoded
 * `<Definition>`), repeated to the size asked for. Prints wall and CPU milliseconds per parse
 * after warm-up, and a reference workload on the same text so that a busy machine can be told
 * from a slow parser.
 *
 * `--against <dir>` also loads another compiled parser (a folder holding `index.js`, e.g. a copy
 * of an older build's `src/core/robin`) and times both in the same process, interleaved and in
 * alternating order, so that load from other work falls on both alike. Compare medians of one
 * such run, not figures from separate runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../../src/core/robin';
import type { Script } from '../../../src/core/robin';
import { corpusRoot, decodeDefinitions, filesUnder } from './helpers';

function corpusText(size: number): string {
  const root = corpusRoot();
  const parts: string[] = [];
  for (const f of filesUnder(root, /\.(txt|robin)$/i)) {
    let t = fs.readFileSync(f, 'utf8');
    const trailer = t.indexOf('# [ControlRepository]');
    if (trailer >= 0) t = t.slice(0, trailer);
    parts.push(t.endsWith('\n') ? t : t + '\n');
  }
  for (const x of filesUnder(root, /^customizations\.xml$/i)) {
    for (const d of decodeDefinitions(fs.readFileSync(x, 'utf8'))) parts.push(d + '\r\n');
  }
  const one = parts.join('');
  let text = '';
  while (text.length < size) text += one;
  return text.slice(0, text.lastIndexOf('\n', size) + 1);
}

interface Timed {
  readonly name: string;
  readonly parse: (text: string) => Script;
  readonly wall: number[];
  readonly cpu: number[];
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--against');
  const against = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const mb = Number(args[0] ?? '1');
  const text = corpusText(Math.round(mb * 1_000_000));
  const lines = text.split('\n');
  const reference = (): unknown => JSON.parse(JSON.stringify(lines));
  const parsers: Timed[] = [{ name: 'this build', parse, wall: [], cpu: [] }];
  if (against) {
    const other = require(path.resolve(against, 'index.js')) as { parse: (text: string) => Script };
    parsers.push({ name: path.resolve(against), parse: other.parse, wall: [], cpu: [] });
  }
  for (let i = 0; i < 30; i++) {
    for (const p of parsers) p.parse(text);
    reference();
  }
  const ref: number[] = [];
  let statements = 0;
  for (let i = 0; i < 50; i++) {
    for (let k = 0; k < parsers.length; k++) {
      const p = parsers[(k + i) % parsers.length];
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      statements = p.parse(text).statements.length;
      p.wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      p.cpu.push((c.user + c.system) / 1000);
    }
    const r0 = process.hrtime.bigint();
    reference();
    ref.push(Number(process.hrtime.bigint() - r0) / 1e6);
  }
  const q = (a: number[], p: number): string => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))].toFixed(1);
  console.log(`${(text.length / 1e6).toFixed(2)} M chars, ${lines.length} lines, ${statements} statements`);
  for (const p of parsers) {
    if (parsers.length > 1) console.log(`${p.name}:`);
    console.log(`parse wall ms: min ${q(p.wall, 0)}  median ${q(p.wall, 0.5)}  p90 ${q(p.wall, 0.9)}`);
    console.log(`parse cpu  ms: min ${q(p.cpu, 0)}  median ${q(p.cpu, 0.5)} (all threads, GC helpers included)`);
  }
  console.log(`reference (split lines → JSON round trip) wall ms: min ${q(ref, 0)}  median ${q(ref, 0.5)}`);
}

main();
