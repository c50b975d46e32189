/**
 * Robin texts that would make a careless scanner rescan what it has read (unterminated strings,
 * deep or unclosed brackets, long runs of one token), with a name each. The fuzz test counts the
 * work of parsing each at 1x and 8x; `bench/scaling.js` times the same.
 */
export const ADVERSARIAL_ROBIN: readonly (readonly [name: string, text: string])[] = [
  ['unterminated $', "SET x TO $'''" + 'abc %x% \n'.repeat(6000)],
  ['unterminated %', "SET x TO $'''" + "a % 'b' ".repeat(8000) + "'''"],
  ['deep brackets', 'SET x TO ' + '[('.repeat(30000)],
  ['unclosed brackets per line', 'SET x TO [[[[ a\n'.repeat(4000)],
  ['spaces', 'A.B X: %' + '  '.repeat(30000) + 'Y: 1'],
  ['operators', 'SET x TO ' + 'a + '.repeat(15000) + 'b'],
  ['quotes', "'".repeat(60000)],
];
