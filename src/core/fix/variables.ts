/**
 * Which variable names a script already uses, and a free one for a new Get credential output.
 * Robin names are case-insensitive, so everything here compares in lower case. The set is an
 * over-approximation on purpose (identifiers in `%…%`, conditions and loop headers count too):
 * a name that merely looks used is skipped, a name that is used is never chosen.
 */
import type { Argument, Script, Statement, Value, StringLiteral } from '../robin/ast';
import { DEFAULT_CREDENTIAL_VARIABLE } from './template';

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

export function usedVariableNames(script: Script): Set<string> {
  const names = new Set<string>();
  const add = (n: string | undefined): void => {
    if (n) names.add(n.toLowerCase());
  };
  const addIdentifiers = (text: string): void => {
    for (const m of stripQuoted(text).matchAll(IDENTIFIER)) add(m[0]);
  };
  const visitString = (s: StringLiteral): void => {
    for (const seg of s.segments) if (seg.kind === 'interpolation') addIdentifiers(seg.expression);
  };
  const visitValue = (v: Value | undefined): void => {
    if (!v) return;
    switch (v.kind) {
      case 'string': visitString(v); break;
      case 'expression':
        v.variables.forEach(add);
        addIdentifiers(v.text);
        v.strings.forEach(visitString);
        break;
      case 'list': v.items.forEach(visitValue); break;
      case 'object': v.entries.forEach((e) => { visitValue(e.key); visitValue(e.value); }); break;
      case 'datatable': v.header.forEach(visitValue); v.rows.forEach((r) => r.forEach(visitValue)); break;
      case 'element': add(v.repository); break;
      default: break;
    }
  };
  const visitArgs = (args: readonly Argument[]): void => {
    for (const a of args) {
      if (a.direction === 'out') add(a.variable);
      else visitValue(a.value);
    }
  };
  const visit = (s: Statement): void => {
    for (const a of s.annotations) visitValue(a.value);
    switch (s.kind) {
      case 'action': visitArgs(s.args); break;
      case 'set': add(s.variable); visitValue(s.value); break;
      case 'control':
        addIdentifiers(s.text);
        if (s.condition) {
          if ('args' in s.condition && s.condition.kind === 'action') visit(s.condition);
          else visitValue(s.condition as Value);
        }
        visitArgs(s.args);
        break;
      case 'function': s.parameters.forEach((p) => add(p.name)); break;
      case 'call': visitArgs(s.args); break;
      case 'import': add(s.alias); break;
      case 'sensitive': s.variables.forEach((v) => add(v.name)); break;
      case 'input': case 'output': add(s.name); visitValue(s.properties); break;
      case 'unrecognised': addIdentifiers(s.text); break;
      default: break;
    }
  };
  script.statements.forEach(visit);
  for (const a of script.header) visitValue(a.value);
  return names;
}

/** `base`, `base2`, `base3`, … : the first one not in `used` (compared case-insensitively). */
export function freeVariableName(used: ReadonlySet<string>, base: string = DEFAULT_CREDENTIAL_VARIABLE): string {
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** Drops quoted text so that words inside strings do not count as identifiers. */
function stripQuoted(text: string): string {
  return text.replace(/\$?'''[\s\S]*?'''|'(?:\\.|[^'\\])*'/g, ' ');
}
