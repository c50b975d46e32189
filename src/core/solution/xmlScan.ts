/**
 * One linear pass over a `customizations.xml` that finds the `<Workflow>` elements (children of
 * a `<Workflows>`), their `Name` and `WorkflowId` attributes and where the content of their
 * `<Category>`, `<Definition>`, `<Inputs>` and `<Outputs>` children lies.
 *
 * It accepts only a plain subset of well-formed XML, the form Dataverse exports: ASCII names,
 * quoted attributes, the five predefined entities and valid character references, comments,
 * processing instructions, CDATA inside the root. Anything else (a DTD or any `<!` declaration,
 * an unknown entity, a mismatched or missing close tag, text outside the root, a truncated file,
 * names sax would also accept but that are not plain ASCII…) makes it give up and return
 * `undefined`: the caller then reads the file with the full parser, which reports the problem
 * with its line and column. So whatever this scan accepts, sax (strict) accepts too, with the same
 * element structure and offsets.
 *
 * The work is `indexOf` jumps between `<` (and `&`) plus a character loop over the tags alone:
 * text content, the bulk of the file, is never walked character by character here.
 */

/** The content of one child element: `[contentStart, contentEnd)` in the file. */
export interface ScannedChild {
  readonly contentStart: number;
  contentEnd: number;
}

export interface ScannedWorkflow {
  /** Offset of `<Workflow`. */
  readonly start: number;
  /** Offset just past its close tag (or past `/>`). */
  end: number;
  /** Decoded attribute values (the first of duplicates, as sax keeps). */
  readonly name: string | undefined;
  readonly workflowId: string | undefined;
  /** The first child of each name, as the full reader takes it. */
  category?: ScannedChild;
  definition?: ScannedChild;
  inputs?: ScannedChild;
  outputs?: ScannedChild;
}

const LT = 60;
const GT = 62;
const AMP = 38;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const SEMI = 59;

/** sax's whitespace: space, `\n`, `\r`, `\t`. */
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** ASCII name characters (a subset of sax's): 1 may start a name, 2 may only follow. */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  NAME[c] = letter ? 1 : (c >= 48 && c <= 57) || c === 45 || c === 46 ? 2 : 0;
}

function isNameStart(c: number): boolean {
  return c < 128 && NAME[c] === 1;
}

function isNameChar(c: number): boolean {
  return c < 128 && NAME[c] !== 0;
}

/** True when `xml[at, at + word.length)` is `word` (a plain loop: faster than `startsWith` here). */
function hasAt(xml: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (xml.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** True when the `length` characters at `a` and at `b` of `xml` are the same. */
function sameAt(xml: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (xml.charCodeAt(a + i) !== xml.charCodeAt(b + i)) return false;
  return true;
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * The offset just past a valid reference starting at `p` (an `&`): `&lt;` `&gt;` `&amp;`
 * `&quot;` `&apos;`, `&#N;` or `&#xH;` (at most 8 digits) to a character allowed in XML. -1 otherwise.
 */
export function referenceEnd(xml: string, p: number): number {
  const c = xml.charCodeAt(p + 1);
  if (c === 35 /* # */) {
    let q = p + 2;
    const hex = xml.charCodeAt(q) === 120; /* x */
    if (hex) q++;
    const digits = q;
    let v = 0;
    while (q - digits < 8) {
      const d = xml.charCodeAt(q);
      let h: number;
      if (d >= 48 && d <= 57) h = d - 48;
      else if (hex && d >= 97 && d <= 102) h = d - 87;
      else if (hex && d >= 65 && d <= 70) h = d - 55;
      else break;
      v = v * (hex ? 16 : 10) + h;
      q++;
    }
    if (q === digits || xml.charCodeAt(q) !== SEMI || !isXmlChar(v)) return -1;
    return q + 1;
  }
  switch (c) {
    case 108: /* l */
    case 103: /* g */
      return xml.charCodeAt(p + 2) === 116 && xml.charCodeAt(p + 3) === SEMI ? p + 4 : -1;
    case 97: /* a */
      if (hasAt(xml, p + 1, 'amp;')) return p + 5;
      return hasAt(xml, p + 1, 'apos;') ? p + 6 : -1;
    case 113: /* q */
      return hasAt(xml, p + 1, 'quot;') ? p + 6 : -1;
    default:
      return -1;
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#x([0-9A-Fa-f]+)|#([0-9]+));/g;

/** Decodes the references of a text the scan accepted (as sax does: no other change). */
export function decodeReferences(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(REFERENCE, (_m, name: string | undefined, hex: string | undefined, dec: string | undefined) =>
    name !== undefined ? NAMED[name] : String.fromCodePoint(hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10)));
}

type ChildKey = 'category' | 'definition' | 'inputs' | 'outputs';

/** Which recorded child a name of `length` characters at `at` is, if any. */
function childKey(xml: string, at: number, length: number): ChildKey | undefined {
  switch (length) {
    case 8: return hasAt(xml, at, 'Category') ? 'category' : undefined;
    case 10: return hasAt(xml, at, 'Definition') ? 'definition' : undefined;
    case 6: return hasAt(xml, at, 'Inputs') ? 'inputs' : undefined;
    case 7: return hasAt(xml, at, 'Outputs') ? 'outputs' : undefined;
    default: return undefined;
  }
}

/**
 * Scans `xml` (see the file comment). Returns the workflows in document order, or `undefined`
 * when the file is not in the plain form this scan reads (then use the full parser).
 */
export function scanWorkflows(xml: string): ScannedWorkflow[] | undefined {
  const n = xml.length;
  let p = n > 0 && xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** Open elements: where each name starts, and its length. */
  const starts: number[] = [];
  const lengths: number[] = [];
  const out: ScannedWorkflow[] = [];
  let wf: ScannedWorkflow | undefined;
  let wfDepth = 0;
  /** The open direct child of `wf` whose content is recorded, if any. */
  let child: ScannedChild | undefined;
  let sawRoot = false;
  let closedRoot = false;
  /** The next `&` at or after the text being checked (cached across texts; -1: none left). */
  let amp = -2;

  for (;;) {
    const lt = xml.indexOf('<', p);
    const textEnd = lt < 0 ? n : lt;
    if (starts.length === 0) {
      // Outside the root: whitespace only.
      for (let i = p; i < textEnd; i++) if (!isSpace(xml.charCodeAt(i))) return undefined;
    } else if (p < textEnd && amp !== -1) {
      if (amp < p) amp = xml.indexOf('&', p);
      while (amp >= 0 && amp < textEnd) {
        const e = referenceEnd(xml, amp);
        if (e < 0) return undefined;
        amp = xml.indexOf('&', e);
      }
    }
    if (lt < 0) break;
    p = lt;
    const c1 = xml.charCodeAt(p + 1);

    if (c1 === SLASH) {
      // A close tag: it must close the open element.
      const depth = starts.length;
      if (depth === 0) return undefined;
      const length = lengths[depth - 1];
      if (!sameAt(xml, starts[depth - 1], p + 2, length)) return undefined;
      let j = p + 2 + length;
      while (isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== GT) return undefined;
      j++;
      starts.pop();
      lengths.pop();
      if (wf) {
        if (depth === wfDepth + 1) {
          if (child) child.contentEnd = p;
          child = undefined;
        } else if (depth === wfDepth) {
          wf.end = j;
          out.push(wf);
          wf = undefined;
        }
      }
      if (depth === 1) closedRoot = true;
      p = j;
      continue;
    }

    if (c1 === BANG) {
      if (xml.charCodeAt(p + 2) === 45 && xml.charCodeAt(p + 3) === 45) {
        // A comment ends at the first `--`, which must be followed by `>`.
        const d = xml.indexOf('--', p + 4);
        if (d < 0 || xml.charCodeAt(d + 2) !== GT) return undefined;
        p = d + 3;
        continue;
      }
      if (starts.length > 0 && hasAt(xml, p + 2, '[CDATA[')) {
        const d = xml.indexOf(']]>', p + 9);
        if (d < 0) return undefined;
        p = d + 3;
        continue;
      }
      // DOCTYPE, ENTITY or any other declaration: the full reader refuses it.
      return undefined;
    }

    if (c1 === QUESTION) {
      const d = xml.indexOf('?>', p + 2);
      if (d < 0) return undefined;
      p = d + 2;
      continue;
    }

    // An open tag.
    if (!isNameStart(c1)) return undefined;
    let j = p + 2;
    while (isNameChar(xml.charCodeAt(j))) j++;
    const nameStart = p + 1;
    const nameLength = j - nameStart;
    const depth = starts.length + 1;
    if (depth === 1) {
      if (closedRoot) return undefined;
      sawRoot = true;
    }
    const opensWorkflow = !wf && nameLength === 8 && depth >= 2 && lengths[depth - 2] === 9 &&
      hasAt(xml, nameStart, 'Workflow') && hasAt(xml, starts[depth - 2], 'Workflows');
    let nameAttr: string | undefined;
    let idAttr: string | undefined;
    let selfClosing = false;
    for (;;) {
      let c = xml.charCodeAt(j);
      if (c === GT) { j++; break; }
      if (c === SLASH) {
        if (xml.charCodeAt(j + 1) !== GT) return undefined;
        selfClosing = true;
        j += 2;
        break;
      }
      if (!isSpace(c)) return undefined;
      do j++; while (isSpace(xml.charCodeAt(j)));
      c = xml.charCodeAt(j);
      if (c === GT || c === SLASH) continue;
      if (!isNameStart(c)) return undefined;
      const attrStart = j;
      j++;
      while (isNameChar(xml.charCodeAt(j))) j++;
      const attrEnd = j;
      while (isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== EQUALS) return undefined;
      j++;
      while (isSpace(xml.charCodeAt(j))) j++;
      const quote = xml.charCodeAt(j);
      if (quote !== DQUOTE && quote !== SQUOTE) return undefined;
      const valueStart = j + 1;
      const valueEnd = xml.indexOf(quote === DQUOTE ? '"' : "'", valueStart);
      if (valueEnd < 0) return undefined;
      for (let k = valueStart; k < valueEnd; k++) {
        const v = xml.charCodeAt(k);
        if (v === LT) return undefined;
        if (v === AMP) {
          const e = referenceEnd(xml, k);
          if (e < 0 || e > valueEnd) return undefined;
          k = e - 1;
        }
      }
      if (opensWorkflow) {
        const len = attrEnd - attrStart;
        if (len === 4 && nameAttr === undefined && hasAt(xml, attrStart, 'Name')) {
          nameAttr = decodeReferences(xml.slice(valueStart, valueEnd));
        } else if (len === 10 && idAttr === undefined && hasAt(xml, attrStart, 'WorkflowId')) {
          idAttr = decodeReferences(xml.slice(valueStart, valueEnd));
        }
      }
      j = valueEnd + 1;
    }

    if (opensWorkflow) {
      wf = { start: p, end: j, name: nameAttr, workflowId: idAttr };
      wfDepth = depth;
      child = undefined;
      if (selfClosing) {
        out.push(wf);
        wf = undefined;
      }
    } else if (wf && depth === wfDepth + 1) {
      child = undefined;
      const key = childKey(xml, nameStart, nameLength);
      if (key) {
        if (!wf[key]) {
          child = { contentStart: j, contentEnd: j };
          wf[key] = child;
        }
      }
      // `<X/>`: empty content, closed at once.
      if (selfClosing) child = undefined;
    }
    if (selfClosing) {
      if (depth === 1) closedRoot = true;
    } else {
      starts.push(nameStart);
      lengths.push(nameLength);
    }
    p = j;
  }
  if (!sawRoot || starts.length > 0) return undefined;
  return out;
}
