import { strict as assert } from 'node:assert';
import type { Value } from '../../../src/core/robin/ast';
import { forEachScriptValue, forEachValue, parse } from '../../../src/core/robin';
import type { ValueVisit } from '../../../src/core/robin';
import { parseClean } from './helpers';

function collect(text: string): { text: string; kind: string; visit: ValueVisit }[] {
  const script = parseClean(text);
  const out: { text: string; kind: string; visit: ValueVisit }[] = [];
  forEachScriptValue(script, (v: Value, visit) => {
    out.push({ text: text.slice(v.range.start, v.range.end), kind: v.kind, visit });
  });
  return out;
}

describe('robin forEachValue', () => {
  it('visits argument values recursively with their argument and action', () => {
    const text = "@@copilotGeneratedAction: 'False'\nA.B X: [1, { 'k': $'''v''' }] Y: a + 'b' Out=> o";
    const seen = collect(text);
    assert.deepEqual(seen.map((s) => `${s.kind}:${s.text}`), [
      "string:'False'",
      "list:[1, { 'k': $'''v''' }]", 'number:1', "object:{ 'k': $'''v''' }", "string:'k'", "string:$'''v'''",
      "expression:a + 'b'", "string:'b'",
    ]);
    assert.equal(seen[0].visit.role, 'annotation');
    assert.equal(seen[0].visit.annotation?.key, 'copilotGeneratedAction');
    const v = seen[5];
    assert.equal(v.visit.role, 'argument');
    assert.equal(v.visit.argument?.name, 'X');
    assert.equal(v.visit.action?.id, 'A.B');
    assert.equal(v.visit.depth, 2);
    assert.equal(v.visit.parent?.kind, 'object');
    assert.equal(v.visit.key?.kind, 'string');
    assert.equal(seen[7].visit.argument?.name, 'Y');
    assert.equal(seen[7].visit.parent?.kind, 'expression');
  });

  it('visits SET values, conditions, condition-action arguments, operands and interpolations', () => {
    const text = [
      "SET x TO $'''a %'lit'% b'''",
      "IF (Folder.IfFolderExists.Exists Path: $'''p''') THEN",
      'END',
      "IF y = 'z' THEN",
      'END',
      "LOOP FOREACH i IN ['q']",
      'END',
    ].join('\n');
    const seen = collect(text);
    assert.deepEqual(seen.map((s) => `${s.visit.role}:${s.kind}:${s.text}`), [
      "set:string:$'''a %'lit'% b'''", "set:string:'lit'",
      "argument:string:$'''p'''",
      "condition:expression:y = 'z'", "condition:string:'z'",
      "operand:list:['q']", "operand:string:'q'",
    ]);
    assert.equal(seen[2].visit.action?.id, 'Folder.IfFolderExists.Exists');
    assert.equal(seen[2].visit.statement?.kind, 'control');
    assert.equal(seen[1].visit.parent?.kind, 'string');
  });

  it('visits header annotations, @INPUT properties and strings of unrecognised text', () => {
    const text = "@@ConnectionString: 'pwd=1'\nIMPORT 'a' AS b\n@INPUT k : { 'DefaultValue': '12345' }\n?? $'''s'''";
    const script = parse(text);
    const seen: string[] = [];
    forEachScriptValue(script, (v, visit) => {
      seen.push(`${visit.role}:${text.slice(v.range.start, v.range.end)}${visit.statement ? '' : '(header)'}`);
    });
    assert.deepEqual(seen, [
      "annotation:'pwd=1'(header)",
      "declaration:{ 'DefaultValue': '12345' }", "declaration:'DefaultValue'", "declaration:'12345'",
      "unrecognised:$'''s'''",
    ]);
  });

  it('skips the inside of a value when the visitor returns false', () => {
    const script = parseClean('SET x TO [[1], [2]]');
    const kinds: string[] = [];
    forEachValue(script.statements[0], (v) => {
      kinds.push(v.kind);
      return v.kind === 'list' && kinds.length > 1 ? false : undefined;
    });
    assert.deepEqual(kinds, ['list', 'list', 'list']);
  });
});
