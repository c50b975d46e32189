/**
 * An exact, monotone map between offsets in a decoded text and offsets in the file text it was
 * decoded from (through XML entities, CDATA and JSON string escapes).
 *
 * Stored as runs in one Int32Array (offsets fit: strings are shorter than 2^30). Run `i` starts at decoded offset `d[i]` and file offset `f[i]`; every decoded
 * unit of the run takes `w[i]` file units. A plain run (`w = 1`) may hold many units; an escape
 * run (`w > 1`, e.g. `&gt;` or `\r` or `\"`) holds exactly one. The two UTF-16 units of a
 * character written as one numeric entity (`&#x1F600;`) are two escape runs with the same file
 * start. A last run at `d = length` holds the file offset just past the encoded text.
 */
export class OffsetMap {
  /** Runs as triples `[d, f, w]`. */
  private readonly runs: Int32Array;
  private readonly n: number;

  /** @internal Use `OffsetMapBuilder`. */
  constructor(runs: Int32Array, count: number) {
    this.runs = runs;
    this.n = count;
  }

  private d(i: number): number {
    return this.runs[3 * i];
  }

  private f(i: number): number {
    return this.runs[3 * i + 1];
  }

  private w(i: number): number {
    return this.runs[3 * i + 2];
  }

  /** Length of the decoded text. */
  get length(): number {
    return this.d(this.n - 1);
  }

  /** File offset of decoded offset 0. */
  get fileStart(): number {
    return this.f(0);
  }

  /** File offset just past the last encoded unit. */
  get fileEnd(): number {
    return this.f(this.n - 1);
  }

  /** Number of runs (for tests and benchmarks). */
  get runCount(): number {
    return this.n;
  }

  /**
   * Maps a decoded offset to a file offset: a decoded unit that came from an escape maps to the
   * start of the escape, and the offset after it maps past the escape. Clamped to the text.
   */
  toFileOffset(offset: number): number {
    const length = this.length;
    const o = offset <= 0 ? 0 : offset >= length ? length : Math.floor(offset);
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.d(mid) <= o) lo = mid;
      else hi = mid - 1;
    }
    return this.f(lo) + (o - this.d(lo)) * this.w(lo);
  }

  /**
   * Maps a file offset to a decoded offset. A file offset inside an escape maps to the start of
   * its decoded unit (`round: 'down'`, the default) or past it (`'up'`). Offsets before the
   * encoded text map to 0, after it to `length`.
   */
  fromFileOffset(fileOffset: number, round: 'down' | 'up' = 'down'): number {
    const n = this.n;
    if (fileOffset <= this.f(0)) return 0;
    if (fileOffset >= this.f(n - 1)) return this.d(n - 1);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.f(mid) <= fileOffset) lo = mid;
      else hi = mid - 1;
    }
    // Several runs can share one file start (a surrogate pair from one entity): take the first.
    const f = this.f(lo);
    while (lo > 0 && this.f(lo - 1) === f) lo--;
    if (this.w(lo) === 1) {
      const runLength = this.d(lo + 1) - this.d(lo);
      const within = fileOffset - f;
      return within <= runLength ? this.d(lo) + within : this.d(lo + 1);
    }
    let last = lo;
    while (last + 1 < n - 1 && this.f(last + 1) === f) last++;
    const groupEnd = this.d(last + 1);
    if (fileOffset === f) return this.d(lo);
    if (fileOffset >= f + this.w(lo)) return groupEnd;
    return round === 'up' ? groupEnd : this.d(lo);
  }
}

/** Builds an `OffsetMap` in one forward pass; contiguous plain units are merged into one run. */
export class OffsetMapBuilder {
  private runs = new Int32Array(48);
  private count = 0;
  private decoded = 0;
  /** File offset where the current plain run would continue, or -1. */
  private plainNext = -1;

  private push(d: number, f: number, w: number): void {
    if (3 * this.count + 3 > this.runs.length) {
      const grown = new Int32Array(this.runs.length * 2);
      grown.set(this.runs);
      this.runs = grown;
    }
    const k = 3 * this.count++;
    this.runs[k] = d;
    this.runs[k + 1] = f;
    this.runs[k + 2] = w;
  }

  /** `count` decoded units copied 1:1 from the file, starting at `fileOffset`. */
  plain(fileOffset: number, count: number): void {
    if (count <= 0) return;
    if (this.plainNext !== fileOffset) this.push(this.decoded, fileOffset, 1);
    this.decoded += count;
    this.plainNext = fileOffset + count;
  }

  /** One decoded unit encoded as the file text `[start, end)`. */
  unit(start: number, end: number): void {
    if (end - start === 1) {
      this.plain(start, 1);
      return;
    }
    this.push(this.decoded, start, end - start);
    this.decoded += 1;
    this.plainNext = -1;
  }

  /** Decoded length so far. */
  get length(): number {
    return this.decoded;
  }

  /** `fileEnd`: the file offset just past the encoded text (where the closing delimiter starts). */
  finish(fileEnd: number): OffsetMap {
    this.push(this.decoded, fileEnd, 1);
    return new OffsetMap(this.runs.slice(0, 3 * this.count), this.count);
  }
}
