/**
 * Parser speed on about 1 MB of real Robin (not a test: run it by hand).
 *
 *   npx tsc -p tsconfig.json --outDir /tmp/fv-robin
 *   node /tmp/fv-robin/test/unit/robin/parse-speed.bench.js [megabytes]
 *
 * The input is the public corpus (`.txt`, `.robin` without their trailers, and every decoded
 * `<Definition>`), repeated to the size asked for. Prints wall and CPU milliseconds per parse
 * after warm-up, and a reference workload on the same text so that a busy machine can be told
 * from a slow parser.
 */
import * as fs from 'node:fs';
import { parse } from '../../../src/core/robin';
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

function main(): void {
  const mb = Number(process.argv[2] ?? '1');
  const text = corpusText(Math.round(mb * 1_000_000));
  const lines = text.split('\n');
  const reference = (): unknown => JSON.parse(JSON.stringify(lines));
  for (let i = 0; i < 30; i++) {
    parse(text);
    reference();
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  const ref: number[] = [];
  let statements = 0;
  for (let i = 0; i < 50; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    statements = parse(text).statements.length;
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    const r0 = process.hrtime.bigint();
    reference();
    ref.push(Number(process.hrtime.bigint() - r0) / 1e6);
  }
  const q = (a: number[], p: number): string => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))].toFixed(1);
  console.log(`${(text.length / 1e6).toFixed(2)} M chars, ${lines.length} lines, ${statements} statements`);
  console.log(`parse wall ms: min ${q(wall, 0)}  median ${q(wall, 0.5)}  p90 ${q(wall, 0.9)}`);
  console.log(`parse cpu  ms: min ${q(cpu, 0)}  median ${q(cpu, 0.5)} (all threads, GC helpers included)`);
  console.log(`reference (split lines → JSON round trip) wall ms: min ${q(ref, 0)}  median ${q(ref, 0.5)}`);
}

main();
