/**
 * Counts the work a function does on strings, as a number that does not depend on the machine:
 * one unit per character read through the string methods the core's scanners use, and per
 * character a regular expression consumed. A quadratic rescan (an `indexOf` from the start for
 * every line, a `slice` of the rest at every token) shows as work that grows with the square of
 * the input, whatever the load on the machine. Built-ins that take a whole string in one call
 * (`JSON.parse`, `TextDecoder`) are not counted; neither is bracket indexing (`s[i]`).
 */

type Method = (this: string, ...args: unknown[]) => unknown;

/** How much of `s` a call read. */
type Cost = (s: string, args: unknown[], result: unknown) => number;

const one: Cost = () => 1;
const resultLength: Cost = (_s, _a, r) => (typeof r === 'string' ? r.length : 0);
const whole: Cost = (s) => s.length;
const fromIndex = (s: string, at: unknown, fallback: number): number => {
  const n = Math.trunc(Number(at ?? fallback));
  return Number.isNaN(n) ? fallback : Math.min(Math.max(n, 0), s.length);
};
/** `indexOf(needle, from)`: up to where it was found (and the needle), else to the end. */
const forward: Cost = (s, [needle, from], r) => {
  const start = fromIndex(s, from, 0);
  return (typeof r === 'number' && r >= 0 ? r + String(needle).length : s.length) - start;
};
/** `lastIndexOf(needle, from)`: back to where it was found, else to the start. */
const backward: Cost = (s, [, from], r) => {
  const start = fromIndex(s, from, s.length);
  return start - (typeof r === 'number' && r >= 0 ? r : 0);
};
/** `startsWith`/`endsWith(needle)`: the needle's length. */
const needleLength: Cost = (s, [needle]) => Math.min(String(needle).length, s.length);

const STRING_COSTS: Record<string, Cost> = {
  charCodeAt: one,
  codePointAt: one,
  charAt: one,
  at: one,
  slice: resultLength,
  substring: resultLength,
  substr: resultLength,
  indexOf: forward,
  includes: whole,
  lastIndexOf: backward,
  startsWith: needleLength,
  endsWith: needleLength,
  trim: whole,
  trimStart: whole,
  trimEnd: whole,
  toLowerCase: whole,
  toUpperCase: whole,
  split: whole,
  replace: whole,
  replaceAll: whole,
  localeCompare: whole,
  normalize: whole,
};

/**
 * The work units of `fn()`: its result is returned beside them. Not reentrant; the string and
 * RegExp prototypes are restored before it returns, also when `fn` throws.
 */
export function countStringWork<T>(fn: () => T): { result: T; work: number } {
  let work = 0;
  const proto = String.prototype as unknown as Record<string, Method>;
  const saved: [Record<string, Method>, string, Method][] = [];
  for (const [name, cost] of Object.entries(STRING_COSTS)) {
    const original = proto[name];
    saved.push([proto, name, original]);
    proto[name] = function (this: string, ...args: unknown[]) {
      const result = original.apply(this, args);
      work += cost(String(this), args, result);
      return result;
    };
  }
  // `test`, `match`, `replace`, `split` and `search` with a RegExp all call `exec`.
  const regexProto = RegExp.prototype as unknown as Record<string, Method>;
  const exec = regexProto['exec'];
  saved.push([regexProto, 'exec', exec]);
  regexProto['exec'] = function (this: unknown, ...args: unknown[]) {
    const re = this as RegExp;
    const input = String(args[0]);
    const from = re.global || re.sticky ? re.lastIndex : 0;
    const m = exec.apply(re as unknown as string, args) as RegExpExecArray | null;
    work += Math.max(1, (m ? m.index + m[0].length : input.length) - from);
    return m;
  };
  try {
    const result = fn();
    return { result, work };
  } finally {
    for (const [target, name, original] of saved) target[name] = original;
  }
}
