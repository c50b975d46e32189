/**
 * The Robin TextMate grammar, tokenized with the same engine VS Code uses (vscode-textmate +
 * vscode-oniguruma). `source.json` is stubbed: VS Code supplies the real one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const GRAMMAR = path.join(fs.existsSync(path.join(ROOT, 'syntaxes')) ? ROOT : process.cwd(), 'syntaxes', 'robin.tmLanguage.json');

let grammar: textmate.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope === 'source.robin') return textmate.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
      if (scope === 'source.json') {
        return textmate.parseRawGrammar(JSON.stringify({ scopeName: 'source.json', patterns: [{ match: '"[^"]*"', name: 'string.quoted.double.json' }] }), 'json.json');
      }
      return null;
    },
  });
  const g = await registry.loadGrammar('source.robin');
  if (!g) throw new Error('grammar did not load');
  grammar = g;
});

/** Every token of the text as `[text, innermost scope]`, per line. */
function tokenize(text: string): [string, string][][] {
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]] as [string, string]);
  });
}

function scopeOf(text: string, token: string, lineNo = 0): string[] {
  let state = textmate.INITIAL;
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const r = grammar.tokenizeLine(all[i], state);
    state = r.ruleStack;
    if (i !== lineNo) continue;
    const t = r.tokens.find((x) => all[i].slice(x.startIndex, x.endIndex) === token);
    if (!t) throw new Error(`no token '${token}' on line ${lineNo}: ${JSON.stringify(tokenize(text)[lineNo])}`);
    return t.scopes;
  }
  throw new Error('no such line');
}

const has = (scopes: string[], scope: string): boolean => scopes.some((s) => s === scope || s.startsWith(`${scope}.`) || s.startsWith(scope));

describe('host: Robin grammar', () => {
  it('multi-line $\'\'\'…\'\'\' strings with escapes and %…% interpolation', () => {
    const text = "Email.SendEmail.AuthenticateAndSend Body: $'''it\\'s %%5 %Order['Id'] + 1%\nIF END # not code\n''' Port: 25";
    assert.ok(has(scopeOf(text, "\\'"), 'constant.character.escape.robin'));
    assert.ok(has(scopeOf(text, '%%'), 'constant.character.escape.percent.robin'));
    assert.ok(has(scopeOf(text, 'Order'), 'meta.interpolation.robin'));
    assert.ok(has(scopeOf(text, "'"), 'string.quoted.triple.interpolated.robin'));
    const line2 = tokenize(text)[1];
    assert.deepEqual(line2.map((t) => t[1]), ['string.quoted.triple.interpolated.robin']);
    assert.ok(has(scopeOf(text, 'Port', 2), 'variable.parameter.input.robin'));
    assert.ok(has(scopeOf(text, '25', 2), 'constant.numeric.robin'));
  });

  it('comments, block comments, regions, annotations, header lines', () => {
    const text = [
      '# flow-vault-disable-next-line secret-in-variable',
      '/# block',
      'SET x TO 1 #/',
      '**REGION Login',
      "@@copilotGeneratedAction: 'False'",
      '@SENSITIVE: [Key]',
      "@INPUT Key : { 'DefaultValue': '' }",
      "IMPORT 'controlRepo.appmask' AS appmask",
      '**ENDREGION',
    ].join('\n');
    assert.ok(has(scopeOf(text, 'flow-vault-disable-next-line', 0), 'keyword.other.directive.suppression.robin'));
    assert.ok(has(scopeOf(text, 'SET x TO 1 ', 2), 'comment.block.robin'));
    assert.ok(has(scopeOf(text, '**REGION', 3), 'keyword.control.region.begin.robin'));
    assert.ok(has(scopeOf(text, 'copilotGeneratedAction', 4), 'meta.annotation.robin'));
    assert.ok(has(scopeOf(text, '@SENSITIVE', 5), 'keyword.other.declaration.sensitive.robin'));
    assert.ok(has(scopeOf(text, 'Key', 6), 'variable.parameter.flow.robin'));
    assert.ok(has(scopeOf(text, 'IMPORT', 7), 'keyword.control.import.robin'));
    assert.ok(has(scopeOf(text, '**ENDREGION', 8), 'keyword.control.region.end.robin'));
  });

  it('action ids, keywords in any case, =>, booleans, enums, subflows', () => {
    const text = [
      'if (Folder.IfFolderExists.DoesNotExist Path: p) then',
      '    Text.Split Text: t StandardDelimiter: Text.StandardDelimiter.NewLine IsRegEx: False Result=> Parts',
      'end',
      "FUNCTION 'Send mail' GLOBAL",
      "CALL 'Send mail'",
    ].join('\n');
    assert.ok(has(scopeOf(text, 'if', 0), 'keyword.control.robin'));
    assert.ok(has(scopeOf(text, 'IfFolderExists', 0), 'entity.name.function.action.robin'));
    assert.ok(has(scopeOf(text, 'Split', 1), 'entity.name.function.action.robin'));
    assert.ok(has(scopeOf(text, 'Text.StandardDelimiter.NewLine', 1), 'constant.other.enum.robin'));
    assert.ok(has(scopeOf(text, 'False', 1), 'constant.language.boolean.robin'));
    assert.ok(has(scopeOf(text, '=>', 1), 'keyword.operator.assignment.output.robin'));
    assert.ok(has(scopeOf(text, 'Parts', 1), 'variable.other.output.robin'));
    assert.ok(has(scopeOf(text, 'end', 2), 'keyword.control.robin'));
    assert.ok(has(scopeOf(text, "'Send mail'", 3), 'entity.name.function.subflow.robin'));
    assert.ok(has(scopeOf(text, "'Send mail'", 4), 'entity.name.function.subflow.robin'));
  });

  it('the ControlRepository trailer is embedded JSON to the end of the file', () => {
    const text = ['WAIT 1', '# [ControlRepository][PowerAutomateDesktop]', '', '{', '  "Name": "appmask",', '  "IF": 1', '}'].join('\r\n');
    assert.ok(has(scopeOf(text, '"Name"', 4), 'meta.embedded.block.json'));
    assert.ok(has(scopeOf(text, '"Name"', 4), 'string.quoted.double.json'));
    assert.ok(!scopeOf(text, '"IF"', 5).some((s) => s.startsWith('keyword.control')));
  });
});
