/**
 * Seeded randomness for the fuzz tests and the differential bench: the same seed gives the same
 * inputs on every run and every machine, so a failure can be replayed.
 */

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters that matter to the Robin scanner, weighted towards the tricky ones. */
export const SCANNER_ALPHABET = "'''$$%%%[]{}()\\\\\r\n\n#/@:=>-*\"^ \t.,aZ09_\u00e9\u{1F600}\uFEFF\u0000";

/**
 * `count` flows made from `samples` by byte flips, truncation, splices of another sample, and
 * raw bytes decoded as UTF-8 (lone surrogates and replacement characters included), in turn.
 */
export function mutatedFlows(samples: readonly string[], count: number, rnd: () => number, alphabet = SCANNER_ALPHABET): string[] {
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)];
  const chars = Array.from(alphabet);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let t = pick(samples);
    if (t.length > 6000) {
      const s = int(t.length - 6000);
      t = t.slice(s, s + 6000);
    }
    const op = n % 4;
    if (op === 0) {
      const cs = Array.from(t);
      const flips = 1 + int(8);
      for (let i = 0; i < flips && cs.length > 0; i++) cs[int(cs.length)] = pick(chars);
      t = cs.join('');
    } else if (op === 1) {
      t = t.slice(0, int(t.length + 1));
    } else if (op === 2) {
      const u = pick(samples);
      const a = int(u.length);
      const at = int(t.length + 1);
      t = t.slice(0, at) + u.slice(a, a + 1 + int(400)) + t.slice(at + int(200));
    } else {
      const bytes = Buffer.alloc(1 + int(600));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rnd() < 0.5 ? int(256) : alphabet.charCodeAt(int(alphabet.length)) & 0xff;
      t = bytes.toString('utf8') + (rnd() < 0.3 ? String.fromCharCode(0xd800 + int(0x800)) : '');
    }
    out.push(t);
  }
  return out;
}
