/**
 * The literal list the rules share: every string literal the parser walks, with its owner, so
 * that literal-wide rules (known-secret-format above all) see control operands, `%…%` values and
 * the strings of unrecognised text too.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectLiterals } from '../../../src/core/lint/literals';
import { forEachScriptValue, parse, type Script, type StringLiteral } from '../../../src/core/robin';
import { readCustomizations } from '../../../src/core/solution';
import { assertFindings, lintRobin, PUBLIC_CORPUS } from './helpers';

// Format-valid but fake, built at run time so that no token-shaped string sits in the repo.
const GITHUB = 'ghp_' + 'Ab1'.repeat(12);

/** The string literals the parser's own walker visits. */
function walked(script: Script): Set<StringLiteral> {
  const out = new Set<StringLiteral>();
  forEachScriptValue(script, (v) => {
    if (v.kind === 'string') out.add(v);
  });
  return out;
}

function assertSameLiterals(text: string, label: string): void {
  const script = parse(text);
  const refs = collectLiterals(script);
  const mine = refs.map((r) => r.literal);
  const theirs = walked(script);
  assert.equal(new Set(mine).size, mine.length, `${label}: each literal once`);
  assert.equal(mine.length, theirs.size, `${label}: as many literals as forEachScriptValue visits`);
  for (const l of mine) assert.ok(theirs.has(l), `${label}: literal at ${l.range.start} is one the parser walks`);
  for (let i = 1; i < refs.length; i++) assert.ok(refs[i - 1].literal.range.start <= refs[i].literal.range.start, `${label}: in source order`);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

const GAPS = [
  `SWITCH Env\r\nCASE = $'''${GITHUB}'''\r\n  SET a TO 1\r\nEND`,
  `LOOP i FROM 1 TO $'''${GITHUB}''' STEP 1\r\nEND`,
  `WAIT $'''${GITHUB}'''`,
  `SET Msg TO $'''Token: %'${GITHUB}'%'''`,
  `Display.ShowMessageDialog.ShowMessage Title: $'''%Prefix + '${GITHUB}'%''' Message: 'x'`,
  `this is not Robin $'''%'${GITHUB}'%''' at all`,
  `IF Status = $'''${GITHUB}''' THEN\r\nEND`,
];

describe('lint literals (collectLiterals)', () => {
  it('covers exactly the string literals forEachScriptValue walks, on handwritten statements', () => {
    const text = [
      "@@ConnectionString: 'a'",
      ...GAPS,
      "@INPUT In : { 'Type': 'Text', 'DefaultValue': $'''d %'x'%''' }",
      "LOOP FOREACH Item IN ['a', $'''%'b'%''']\r\nEND",
      "ON ERROR REPEAT 2 TIMES WAIT 5\r\nEND",
      "CALL Sub Arg: $'''%{'k': 'v'}%'''",
      "Excel.WriteToExcel.WriteCell Instance: Xl Value: {^['h1', 'h2'], ['c1', $'''c2 %'c3'%''']} Column: 1 Row: 1",
      "@@comment: 'annotated'\r\nSET x TO 'y'",
      "SET Out TO 'o'\r\nText.Trim Text: 'in' TrimOption: Text.TrimOption.Both TrimmedText=> Trimmed",
    ].join('\r\n');
    assertSameLiterals(text, 'handwritten');
  });

  it('covers exactly the string literals forEachScriptValue walks, on every script of the public corpus', function () {
    let files = 0;
    for (const file of walk(PUBLIC_CORPUS)) {
      if (/\.(robin|txt)$/i.test(file)) {
        assertSameLiterals(fs.readFileSync(file, 'utf8'), path.relative(PUBLIC_CORPUS, file));
        files++;
      } else if (path.basename(file) === 'customizations.xml') {
        for (const flow of readCustomizations(fs.readFileSync(file, 'utf8')).flows) {
          if (flow.definition) assertSameLiterals(flow.definition.text, `${path.relative(PUBLIC_CORPUS, file)}: ${flow.name}`);
        }
        files++;
      }
    }
    assert.ok(files > 100);
  });

  it('gives control operands, %…% values and unrecognised text their owners', () => {
    const refs = (text: string) => collectLiterals(parse(text)).map((r) => ({ text: text.slice(r.literal.range.start, r.literal.range.end), owner: r.owner, context: r.context, whole: r.whole }));
    assert.deepEqual(refs("SWITCH Env\nCASE = 'prod'\nEND").map((r) => [r.text, r.owner, r.context, r.whole]), [["'prod'", 'CASE', 'CASE', true]]);
    assert.deepEqual(refs("SET Token TO $'''a %'b'% c'''").map((r) => [r.text, r.owner, r.context, r.whole]), [
      ["$'''a %'b'% c'''", 'Token', 'SET', true],
      ["'b'", 'Token', 'SET', false],
    ]);
    const inObject = refs("SET o TO {'Password': $'''%'p'%'''}");
    assert.deepEqual(inObject.map((r) => [r.text, r.owner]), [["'Password'", 'o'], ["$'''%'p'%'''", 'Password'], ["'p'", 'Password']]);
    assert.deepEqual(refs(`garbage $'''%'x'%''' here`).map((r) => [r.text, r.context]), [[`$'''%'x'%'''`, 'statement'], ["'x'", 'statement']]);
  });

  it('known-secret-format finds a token in a CASE, LOOP or WAIT operand, a %…% value and unrecognised text', () => {
    for (const text of GAPS) {
      assertFindings(text, lintRobin(text), [{ ruleId: 'known-secret-format', secret: GITHUB }]);
    }
  });

  it('a literal inside %…% is found by the text-scanning rules too, and its string around it still is', () => {
    const conn = "Server=s;Database=d;User Id=u;Password=nestedPw7;";
    const text = [
      `SET Report TO $'''see %'${conn}'% and ${GITHUB}'''`,
      // The match (`://`, `?`) lies after the literal inside the string: the string is still found.
      `SET Endpoint TO $'''%'v1'% https://api.contoso.com/x?api_key=urlKey8&q=1'''`,
    ].join('\n');
    assertFindings(text, lintRobin(text), [
      { ruleId: 'secret-in-connection-string', secret: 'nestedPw7' },
      { ruleId: 'known-secret-format', secret: GITHUB },
      { ruleId: 'secret-in-url', secret: 'urlKey8' },
    ]);
  });
});
