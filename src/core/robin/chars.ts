/**
 * Character classes for the Robin scanner. Everything works on UTF-16 code units, with an ASCII
 * fast path; no regular expression ever runs over more than one character.
 */

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33; // !
export const DQUOTE = 34; // "
export const HASH = 35; // #
export const DOLLAR = 36; // $
export const PERCENT = 37; // %
export const QUOTE = 39; // '
export const LPAREN = 40;
export const RPAREN = 41;
export const STAR = 42;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const SLASH = 47;
export const DIGIT0 = 48;
export const DIGIT9 = 57;
export const COLON = 58;
export const LT = 60;
export const EQ = 61;
export const GT = 62;
export const AT = 64;
export const UPPER_P = 80; // P, of a direct-encrypted value P'…'
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const CARET = 94;
export const UNDERSCORE = 95;
export const LBRACE = 123;
export const RBRACE = 125;
export const BOM = 0xfeff;

const LETTER = /[\p{L}\p{Nl}]/u;
const LETTER_OR_MARK = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

export function isEol(c: number): boolean {
  return c === LF || c === CR;
}

export function isHSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

export function isDigit(c: number): boolean {
  return c >= DIGIT0 && c <= DIGIT9;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Length (0, 1 or 2 code units) of the identifier character at `i`, or 0 when there is none.
 * `first` asks for a character that may start an identifier (a letter or `_`).
 */
export function identCharLength(text: string, i: number, end: number, first: boolean): number {
  if (i >= end) return 0;
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    if (isAsciiLetter(c) || c === UNDERSCORE) return 1;
    return !first && isDigit(c) ? 1 : 0;
  }
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const ch = text.slice(i, i + 2);
      return (first ? LETTER : LETTER_OR_MARK).test(ch) ? 2 : 0;
    }
    return 0;
  }
  if (c === BOM || c === 0xa0) return 0;
  return (first ? LETTER : LETTER_OR_MARK).test(text[i]) ? 1 : 0;
}

/** ASCII identifier characters: 1 for a letter or `_` (may start one), 2 for a digit. */
const IDENT_ASCII: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (isAsciiLetter(c) || c === UNDERSCORE) t[c] = 1;
    else if (isDigit(c)) t[c] = 2;
  }
  return t;
})();

/** An ASCII character `c` (< 0x80) may start an identifier. */
export function isIdentStartAscii(c: number): boolean {
  return IDENT_ASCII[c] === 1;
}

/** End of the identifier starting at `i`, or `i` when none starts there. */
export function identEnd(text: string, i: number, end: number): number {
  if (i >= end) return i;
  let j: number;
  const c0 = text.charCodeAt(i);
  if (c0 < 0x80) {
    if (IDENT_ASCII[c0] !== 1) return i;
    j = i + 1;
  } else {
    const n = identCharLength(text, i, end, true);
    if (n === 0) return i;
    j = i + n;
  }
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c < 0x80) {
      // ASCII fast path.
      if (IDENT_ASCII[c] === 0) return j;
      j++;
      continue;
    }
    const n = identCharLength(text, j, end, false);
    if (n === 0) return j;
    j += n;
  }
  return j;
}

/** True when `text` at `i` holds `word` (ASCII, given in upper case) not followed by an identifier character. */
export function wordAt(text: string, i: number, end: number, word: string): boolean {
  const n = word.length;
  if (i + n > end) return false;
  for (let k = 0; k < n; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return identCharLength(text, i + n, end, false) === 0;
}
