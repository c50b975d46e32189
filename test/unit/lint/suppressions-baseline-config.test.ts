import * as assert from 'node:assert/strict';
import {
  applyBaseline, createBaseline, defaultConfig, formatBaseline, isPathIgnored, lintBytes, lintText, parseBaseline,
  parseConfig, resolveConfig, rules,
} from '../../../src/core/lint';
import { assertFindings, lintRobin, makeCustomizations, makeZip } from './helpers';

const PW = (v: string): string => `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Password: $'''${v}'''`;

describe('suppressions', () => {
  it('disable-next-line silences the listed rule on the next statement only', () => {
    const text = [
      '# flow-vault-disable-next-line secret-in-password-argument -- test mailbox, no real account',
      PW('quietPw-1'),
      PW('loudPw-2'),
    ].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [{ ruleId: 'secret-in-password-argument', secret: 'loudPw-2' }]);
    assert.equal(r.suppressed, 1);
  });

  it('without ids it silences every rule; other rules listed do not silence this one', () => {
    const text = [
      '# flow-vault-disable-next-line',
      "SET DbPassword TO $'''Server=s;Database=d;Password=allPw-1'''",
      '# flow-vault-disable-next-line secret-in-variable, secret-in-url',
      PW('otherRulePw-2'),
      '/# flow-vault-disable-next-line secret-in-password-argument #/',
      PW('blockCommentPw-3'),
    ].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [{ ruleId: 'secret-in-password-argument', secret: 'otherRulePw-2' }]);
    assert.equal(r.suppressed, 2);
  });

  it('skips blank lines and comments to reach the next statement, and silences the whole statement', () => {
    const text = [
      '# flow-vault-disable-next-line secret-in-password-argument',
      '',
      '# unrelated comment',
      "Email.SendEmail.AuthenticateAndSend Username: $'''u''' Password: $'''multi-1''' Body: $'''line one",
      "line two''' HashKey: $'''multi-2'''",
    ].join('\n');
    const r = lintRobin(text);
    assert.equal(r.findings.length, 0);
    assert.equal(r.suppressed, 2);
  });

  it('disable-file silences a rule in the whole script, also in a solution flow and its <Inputs>', () => {
    const text = ['# flow-vault-disable-file secret-in-password-argument', PW('f1-pw'), PW('f2-pw'), "SET Token TO $'''stillTok-1'''"].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [{ ruleId: 'secret-in-variable', secret: 'stillTok-1' }]);
    assert.equal(r.suppressed, 2);
    const inputs = JSON.stringify({ schema: { properties: { K: { default: 'inpDef-9', format: 'password', type: 'string', value: null } }, type: 'object' } });
    const xml = makeCustomizations([{ name: 'F', inputs, definition: '# flow-vault-disable-file\r\n' + PW('xf-pw') + '\r\n' }]);
    const rx = lintText('customizations.xml', xml);
    assert.equal(rx.findings.length, 0);
    assert.equal(rx.suppressed, 2);
  });

  it('returns what it silenced, with the reason, fingerprints apart from the reported findings', () => {
    const text = [
      '# flow-vault-disable-next-line secret-in-password-argument -- test mailbox, no real account',
      PW('quietPw-1'),
      PW('loudPw-2'),
      '# flow-vault-disable-next-line',
      PW('noReasonPw-3'),
    ].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [{ ruleId: 'secret-in-password-argument', secret: 'loudPw-2' }]);
    const silenced = r.silenced ?? [];
    assert.deepEqual(silenced.map((f) => [f.ruleId, text.slice(f.range.start, f.range.end), f.justification]), [
      ['secret-in-password-argument', 'quietPw-1', 'test mailbox, no real account'],
      ['secret-in-password-argument', 'noReasonPw-3', ''],
    ]);
    assert.equal(r.suppressed, silenced.length);
    // The reported finding keeps the fingerprint it has with no comment silencing the others.
    const alone = lintRobin([PW('loudPw-2')].join('\n'));
    assert.equal(r.findings[0].fingerprint, alone.findings[0].fingerprint);
    const prints = new Set([...r.findings, ...silenced].map((f) => f.fingerprint));
    assert.equal(prints.size, 3);
    for (const f of silenced) assert.ok(!f.message.includes('Pw-'), f.message);
    // A file directive and a solution's <Inputs>.
    const inputs = JSON.stringify({ schema: { properties: { K: { default: 'inpDef-9', format: 'password', type: 'string', value: null } }, type: 'object' } });
    const xml = makeCustomizations([{ name: 'F', inputs, definition: '# flow-vault-disable-file -- fixture flow\r\n' + PW('xf-pw') + '\r\n' }]);
    const rx = lintText('customizations.xml', xml);
    assert.deepEqual((rx.silenced ?? []).map((f) => [f.ruleId, f.flowName, f.justification]).sort(), [
      ['secret-in-input-default', 'F', 'fixture flow'],
      ['secret-in-password-argument', 'F', 'fixture flow'],
    ]);
    assert.equal(lintRobin(PW('plain-1')).silenced, undefined);
  });

  it('an unknown rule id in a directive is a problem that names the id, not a crash', () => {
    const r = lintRobin(['# flow-vault-disable-next-line secret-in-pasword-argument', PW('typoPw-1')].join('\n'));
    assert.equal(r.findings.length, 1);
    assert.ok(r.problems.some((p) => p.message.includes("'secret-in-pasword-argument'")));
  });
});

describe('baseline', () => {
  it('createBaseline / formatBaseline / parseBaseline round trip, with no values in the file', () => {
    const text = [PW('basePw-1'), "SET ApiKey TO $'''baseKey-2'''"].join('\n');
    const results = [lintText('flows/a.robin', text)];
    const baseline = createBaseline(results);
    assert.equal(baseline.version, 1);
    assert.equal(baseline.findings.length, 2);
    const file = formatBaseline(baseline);
    assert.ok(!file.includes('basePw-1') && !file.includes('baseKey-2'));
    const parsed = parseBaseline(file);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.baseline, baseline);
  });

  it('applyBaseline removes accepted findings, counts them as suppressed, and keeps new ones', () => {
    const before = PW('old-1') + '\n';
    const baseline = createBaseline([lintText('a.robin', before)]);
    const after = `# new comment\n${PW('old-1-rotated')}\n${PW('new-2')}\n`;
    const [r] = applyBaseline([lintText('a.robin', after)], baseline);
    assert.equal(r.findings.length, 1);
    assert.equal(r.suppressed, 1);
    assert.equal(after.slice(r.findings[0].range.start, r.findings[0].range.end), 'new-2');
  });

  it('solution flows carry the flow name; zip entries keep their archive path', () => {
    const xml = makeCustomizations([{ name: 'Flow X', definition: PW('zb-1') + '\r\n' }]);
    const results = lintBytes('s.zip', makeZip([{ name: 'customizations.xml', data: xml }]));
    const baseline = createBaseline(results);
    assert.deepEqual(baseline.findings.map((f) => [f.path, f.flow, f.ruleId]), [['s.zip!/customizations.xml', 'Flow X', 'secret-in-password-argument']]);
    assert.equal(applyBaseline(results, baseline)[0].findings.length, 0);
  });

  it('bad baseline files give problems and an empty baseline', () => {
    assert.equal(parseBaseline('{ nope').problems.length, 1);
    assert.equal(parseBaseline('{"version":2,"findings":[]}').problems.length, 1);
    const mixed = parseBaseline('{"version":1,"findings":[{"fingerprint":"a","ruleId":"r","path":"p"},{"ruleId":"x"}]}');
    assert.equal(mixed.baseline.findings.length, 1);
    assert.equal(mixed.problems.length, 1);
  });
});

describe('configuration', () => {
  it('parses JSON with comments and trailing commas', () => {
    const { config, problems } = parseConfig(`{
      // rules
      "rules": { "secret-in-variable": "error", "known-secret-format": "off", },
      /* extra words */ "secretWords": ["geheim"],
      "ignorePaths": ["test/fixtures/**"],
      "baseline": ".flowvault-baseline.json",
    }`, '.flowvaultrc.json');
    assert.deepEqual(problems, []);
    const resolved = resolveConfig(config);
    assert.equal(resolved.rules['secret-in-variable'], 'error');
    assert.equal(resolved.rules['known-secret-format'], 'off');
    assert.equal(resolved.rules['secret-in-password-argument'], 'error');
    assert.deepEqual(resolved.secretWords, ['geheim']);
    assert.equal(resolved.baseline, '.flowvault-baseline.json');
  });

  it('clear messages for unknown rules (with a suggestion), bad severities, wrong types and syntax errors', () => {
    const { config, problems } = parseConfig(JSON.stringify({
      rules: { 'secret-in-pasword-argument': 'error', 'secret-in-url': 'loud' },
      secretWords: 'geheim',
      ignorePaths: ['ok/**', 5],
      colour: 'red',
    }), 'cfg.json');
    const messages = problems.map((p) => p.message);
    assert.ok(messages.some((m) => m.includes("unknown rule 'secret-in-pasword-argument'") && m.includes("did you mean 'secret-in-password-argument'")));
    assert.ok(messages.some((m) => m.includes("rule 'secret-in-url' must be set to \"off\", \"info\", \"warning\" or \"error\"")));
    assert.ok(messages.some((m) => m.includes("'secretWords' must be an array of strings")));
    assert.ok(messages.some((m) => m.includes("'ignorePaths' must be an array")));
    assert.ok(messages.some((m) => m.includes("unknown setting 'colour'")));
    assert.ok(messages.every((m) => m.startsWith('cfg.json: ')));
    assert.deepEqual(config.rules, {});
    const syntax = parseConfig('{ "rules": { ', 'x.json');
    assert.ok(syntax.problems.length > 0 && /line 1, column \d+/.test(syntax.problems[0].message));
    assert.ok(parseConfig('[1]', 'x.json').problems[0].message.includes('must be a JSON object'));
  });

  it('defaultConfig lists every rule at its default severity', () => {
    assert.deepEqual(Object.keys(defaultConfig.rules).sort(), rules.map((r) => r.id).sort());
    for (const r of rules) assert.equal(defaultConfig.rules[r.id], r.defaultSeverity);
  });

  it('ignorePaths globs (picomatch), also on the inner path of a zip entry', () => {
    const config = resolveConfig({ ignorePaths: ['test/fixtures/**', '**/*.sample.robin'] });
    assert.ok(isPathIgnored('test/fixtures/a/b.robin', config));
    assert.ok(isPathIgnored('./test\\fixtures\\c.robin', config));
    assert.ok(isPathIgnored('flows/x.sample.robin', config));
    assert.ok(isPathIgnored('dist/s.zip!/test/fixtures/x.robin', config));
    assert.ok(!isPathIgnored('flows/main.robin', config));
    const zip = makeZip([{ name: 'test/fixtures/x.robin', data: PW('ign-1') }, { name: 'flows/y.robin', data: PW('kept-2') }]);
    const results = lintBytes('d.zip', zip, { config });
    assert.deepEqual(results.map((r) => r.path), ['d.zip!/flows/y.robin']);
  });

  it('every rule has an id, docs with an example and a fix, a severity and a priority', () => {
    const ids = new Set<string>();
    for (const r of rules) {
      assert.match(r.id, /^[a-z]+(?:-[a-z]+)+$/);
      assert.ok(!ids.has(r.id));
      ids.add(r.id);
      assert.ok(r.description.length > 10);
      assert.match(r.docs, /Example/);
      assert.match(r.docs, /Fix/);
      assert.ok(['error', 'warning', 'info'].includes(r.defaultSeverity));
      assert.equal(typeof r.fixable, 'boolean');
      assert.equal(typeof r.priority, 'number');
    }
  });
});
