import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  ActionStatement, ControlStatement, Range, Script, Statement, StringLiteral, Value,
} from '../../../src/core/robin/ast';
import { parse } from '../../../src/core/robin';
import { PUBLIC_CORPUS } from '../../support/paths';

/** The range of the `nth` (0-based) occurrence of `needle` in `text`. Fails when absent. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${nth}) not in the text`);
  }
  return { start: at, end: at + needle.length };
}

/** Parses and checks that there are no messages and no unrecognised statements. */
export function parseClean(text: string): Script {
  const script = parse(text);
  assert.deepEqual(script.messages, [], 'messages');
  const bad = script.statements.filter((s) => s.kind === 'unrecognised');
  assert.deepEqual(bad, [], 'unrecognised statements');
  return script;
}

/** The only statement of a clean one-statement script. */
export function one(text: string): Statement {
  const s = parseClean(text);
  assert.equal(s.statements.length, 1, 'one statement');
  return s.statements[0];
}

export function asAction(s: Statement | ActionStatement | Value | undefined): ActionStatement {
  assert.ok(s && s.kind === 'action', `expected an action, got ${s?.kind}`);
  return s as ActionStatement;
}

export function asControl(s: Statement): ControlStatement {
  assert.equal(s.kind, 'control');
  return s as ControlStatement;
}

export function asString(v: Value | undefined): StringLiteral {
  assert.ok(v && v.kind === 'string', `expected a string, got ${v?.kind}`);
  return v as StringLiteral;
}

/** The value of argument `name` of an action. */
export function argValue(a: ActionStatement, name: string): Value {
  const arg = a.args.find((x) => x.name === name);
  assert.ok(arg, `no argument ${name}`);
  assert.ok(arg.value, `argument ${name} has no value`);
  return arg.value;
}

/** Source text of a range. */
export function textOf(text: string, r: Range): string {
  return text.slice(r.start, r.end);
}

/** The public corpus (test/corpus/public). */
export function corpusRoot(): string {
  return PUBLIC_CORPUS;
}

/** Every file under `dir` whose name matches `re`, sorted. */
export function filesUnder(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (re.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** `<Definition>` texts of a customizations.xml, decoded: XML entities, then the JSON string. */
export function decodeDefinitions(xml: string): string[] {
  const out: string[] = [];
  const re = /<Definition>([^<]*)<\/Definition>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    const unescaped = m[1].replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_all, e: string) => {
      switch (e) {
        case 'lt': return '<';
        case 'gt': return '>';
        case 'amp': return '&';
        case 'quot': return '"';
        case 'apos': return "'";
        default:
          return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      }
    });
    out.push(JSON.parse(unescaped) as string);
  }
  return out;
}

/** Position fields of the tree's classes, which the plain shape of `ast.ts` gives as ranges. */
const POSITIONS = new Set(['start', 'end', 'contentStart', 'contentEnd', 'nameStart', 'nameEnd', 'variableStart', 'variableEnd']);
/** The ranges the tree's classes give on demand. */
const RANGES = ['range', 'contentRange', 'nameRange', 'expressionRange', 'variableRange'];

/**
 * A node (or array of them) as a plain object of the shape `ast.ts` describes, its ranges read
 * through: for comparing with a literal. Undefined optional fields are left out.
 */
export function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (POSITIONS.has(k) || x === undefined) continue;
    out[k] = plain(x);
  }
  for (const k of RANGES) {
    const r = (v as Record<string, unknown>)[k] as Range | undefined;
    if (r !== undefined && !(k in out)) out[k] = { start: r.start, end: r.end };
  }
  return out;
}
