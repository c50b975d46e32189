import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { Script } from '../../../src/core/robin/ast';
import { parse } from '../../../src/core/robin';
import { mutatedFlows, rng, SCANNER_ALPHABET } from '../../support/random';
import { corpusRoot, decodeDefinitions, filesUnder } from './helpers';
import { checkInvariants } from './invariants';
import { countStringWork } from '../../support/stringWork';
import { ADVERSARIAL_ROBIN } from '../../support/adversarialRobin';

const ALPHABET_CHARS = Array.from(SCANNER_ALPHABET);

function samples(): string[] {
  const root = corpusRoot();
  const out: string[] = [];
  for (const f of filesUnder(root, /\.(txt|robin)$/i)) {
    let t = fs.readFileSync(f, 'utf8');
    const trailer = t.indexOf('# [ControlRepository]');
    if (trailer >= 0) t = t.slice(0, trailer + 2000); // keep a bit of the trailer
    out.push(t);
  }
  for (const x of filesUnder(root, /^customizations\.xml$/i)) out.push(...decodeDefinitions(fs.readFileSync(x, 'utf8')));
  return out;
}

function safeParse(text: string, what: string): Script {
  let script: Script | undefined;
  assert.doesNotThrow(() => {
    script = parse(text);
  }, what);
  assert.ok(script);
  checkInvariants(text, script);
  return script;
}

describe('robin fuzz', function () {
  this.timeout(120000);
  const corpus = samples();
  const rnd = rng(20240601);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const int = (n: number): number => Math.floor(rnd() * n);

  it('has samples', () => {
    assert.ok(corpus.length > 100);
  });

  it('survives mutated corpus files: byte flips, truncation, splices (3000 cases)', () => {
    mutatedFlows(corpus, 3000, rnd).forEach((t, n) => safeParse(t, `case ${n}`));
  });

  it('survives random strings over the scanner alphabet (1000 cases)', () => {
    for (let n = 0; n < 1000; n++) {
      let t = '';
      const len = int(300);
      for (let i = 0; i < len; i++) t += pick(ALPHABET_CHARS);
      safeParse(t, `random ${n}`);
    }
  });

  it('survives 10k-deep nesting of [ { ( , closed or not, in every position a value can take', () => {
    for (const open of ['[', '{', '(', '{ ^[', '[{', "$'''%["]) {
      const deep = open.repeat(10000);
      for (const prefix of ['SET x TO ', 'A.B X: ', 'IF ', 'LOOP WHILE ', '@@k: ', '@INPUT a : ', 'WAIT ', 'CALL f a: ']) {
        const s = safeParse(prefix + deep, `${prefix}${open}`);
        assert.ok(s.messages.length >= 1 && s.messages.length <= 5, `${prefix}${open}: ${s.messages.length} messages`);
      }
      const closer = open === '(' ? ')' : open === '[' ? ']' : '}';
      safeParse('SET x TO ' + deep + closer.repeat(10000), `${open} closed`);
    }
    safeParse('SET x TO ' + '-'.repeat(100000) + '1', 'minus chain');
    safeParse('SET x TO ' + 'NOT '.repeat(50000) + 'x', 'NOT chain');
  });

  it('survives one 1 MB line', () => {
    const line = "A.B X: $'''" + 'abc \\\' %b% '.repeat(100000) + "''' Y: " + 'x + '.repeat(20000) + 'y';
    assert.ok(line.length > 1_000_000);
    const s = safeParse(line, '1 MB line');
    assert.equal(s.statements.length, 1);
    safeParse('SET x TO ' + '['.repeat(1 << 20), '1 MB of [');
    safeParse("'".repeat(1 << 20), '1 MB of quotes');
    safeParse('%'.repeat(1 << 20), '1 MB of %');
  });

  it('survives an unterminated string, comment or bracket at every position of a sample', () => {
    const sample = corpus.find((t) => t.includes('ON BLOCK ERROR') && t.includes('%') && t.length > 1200 && t.length < 2500) ?? corpus[0];
    for (const insert of ["$'''", "'", "'''", '/#', '%', '[', '{']) {
      // Every position for the string openers, every third for the rest.
      const step = insert.includes("'") ? 1 : 3;
      for (let i = 0; i <= sample.length; i += step) {
        safeParse(sample.slice(0, i) + insert + sample.slice(i), `${insert} at ${i}`);
      }
    }
  });

  // Time goes to `npm run bench` (bench/scaling.js); here the work is counted, so a quadratic
  // rescan fails on any machine and nothing fails for being slow.
  const LINEAR_INPUTS = (): (readonly [string, string])[] => [
    ['corpus', corpus.filter((t) => !t.includes('# [ControlRepository]')).join('\n').slice(0, 60000)],
    ...ADVERSARIAL_ROBIN,
  ];

  it('does linear work: input ×8 costs well under ×64 in characters read', () => {
    for (const [name, input] of LINEAR_INPUTS()) {
      const one = countStringWork(() => parse(input)).work;
      const eight = countStringWork(() => parse(input.repeat(8))).work;
      assert.ok(one >= input.length / 2, `${name}: ${one} units for ${input.length} characters: the count misses the scanner`);
      const ratio = eight / one;
      assert.ok(ratio < 12, `${name}: ×8 input took ×${ratio.toFixed(1)} the work (${one} → ${eight})`);
    }
  });

  it('the work count above sees a quadratic rescan', () => {
    // A scanner that looks for the end of the line from the start for every character.
    const quadratic = (t: string) => {
      let n = 0;
      for (let i = 0; i < t.length; i++) n += t.slice(0, i).indexOf('\n') < 0 ? 1 : 0;
      return n;
    };
    const input = 'x'.repeat(2000);
    const ratio = countStringWork(() => quadratic(input.repeat(8))).work / countStringWork(() => quadratic(input)).work;
    assert.ok(ratio > 50, `×${ratio.toFixed(1)}`);
  });
});
