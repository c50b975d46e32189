import * as assert from 'node:assert/strict';
import { parse } from '../../../src/core/robin';
import { lintBytes, lintScript, lintText } from '../../../src/core/lint';
import type { RuleContext } from '../../../src/core/lint/rule';
import { assertFindings, lintRobin, makeCustomizations, makeZip, rangeOf } from './helpers';

const PW_LINE = "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp''' Username: $'''u''' Password: $'''xmlPw-1'''";

describe('lint engine', () => {
  describe('formats', () => {
    it('Robin files by extension (.robin, .txt that looks like Robin, .powerautomate); other files give nothing', () => {
      const text = PW_LINE + '\n';
      assert.equal(lintText('a.robin', text).findings.length, 1);
      assert.equal(lintText('a.powerautomate', text).findings.length, 1);
      assert.equal(lintText('dir/sub/a.txt', text).findings.length, 1);
      assert.deepEqual(lintText('notes.md', text), { path: 'notes.md', findings: [], problems: [], suppressed: 0 });
    });

    it('customizations.xml: each desktop flow linted, ranges mapped through JSON and XML escapes, flowName set', () => {
      const defA = `@@ConnectionString: ''\r\nSET x TO 'a & <b>'\r\n${PW_LINE}\r\n`;
      const defB = "FUNCTION Main GLOBAL\r\nSET ApiToken TO $'''tok\\\\en-\"1\"'''\r\nEND FUNCTION\r\n";
      const xml = makeCustomizations([{ name: 'Flow A & Co', definition: defA }, { name: 'Flow B', definition: defB }]);
      const r = lintText('src/solution/customizations.xml', xml);
      assert.deepEqual(r.problems, []);
      const got = r.findings.map((f) => [f.ruleId, f.flowName, xml.slice(f.range.start, f.range.end)]);
      assert.deepEqual(got, [
        ['secret-in-password-argument', 'Flow A & Co', 'xmlPw-1'],
        // In the file the value is JSON- and XML-escaped: \\\\ and &quot;-free \" stay as written.
        ['secret-in-variable', 'Flow B', 'tok\\\\\\\\en-\\"1\\"'],
      ]);
      const f = r.findings[0];
      assert.ok(f.statementRange && xml.slice(f.statementRange.start, f.statementRange.end).startsWith('Email.SendEmail'));
      assert.ok(f.literalRange && xml.slice(f.literalRange.start, f.literalRange.end) === "$'''xmlPw-1'''");
    });

    it('one broken flow does not hide findings in the others', () => {
      const xml = makeCustomizations([
        { name: 'Broken', definition: undefined },
        { name: 'Good', definition: PW_LINE + '\r\n' },
      ]).replace('<Workflow WorkflowId="{00000000-0000-0000-0000-000000000000}" Name="Broken">', '<Workflow WorkflowId="{00000000-0000-0000-0000-000000000000}" Name="Broken">\r\n      <Definition>"not closed</Definition>');
      const r = lintText('customizations.xml', xml);
      assert.equal(r.findings.length, 1);
      assert.equal(r.findings[0].flowName, 'Good');
      assert.ok(r.problems.length >= 1);
    });

    it('the clipboard trailer is not scanned, but a trailer marker inside a multi-line string does not hide what follows', () => {
      const text = [
        "SET Notes TO $'''first line",
        '# [ControlRepository][PowerAutomateDesktop]',
        "still inside the string'''",
        "SET DbPassword TO $'''afterMarker1'''",
        '# [ControlRepository][PowerAutomateDesktop]',
        '',
        '{ "ControlRepositorySymbols": [], "Password": "inTrailer1" }',
      ].join('\n');
      assertFindings(text, lintRobin(text), [{ ruleId: 'secret-in-variable', secret: 'afterMarker1' }]);
    });

    it('copy-paste dumps: every script between trailers is linted, no trailer is', () => {
      const trailer = (secret: string): string =>
        `# [ControlRepository][PowerAutomateDesktop]\r\n{\r\n  "ControlRepositorySymbols": [{ "Repository": "{\\"Screens\\": [\\"}]\\"]}", "Password": "${secret}" }],\r\n  "ImageRepositorySymbols": []\r\n}`;
      const conn = "Database.Connect.Connect ConnectionString: $'''Server=sql01;Database=Sales;User Id=robot;Password=dumpConn3;''' Connection=> SQLConnection";
      const text = [
        "SET DbPassword TO $'''firstCopy1'''", trailer('inTrailerA1'),
        "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp''' Username: $'''u''' Password: $'''secondCopy2'''", conn, trailer('inTrailerB2'),
        "SET ApiToken TO $'''thirdCopy3'''", '',
      ].join('\r\n');
      const expected = [
        { ruleId: 'secret-in-variable', secret: 'firstCopy1' },
        { ruleId: 'secret-in-password-argument', secret: 'secondCopy2' },
        { ruleId: 'secret-in-connection-string', secret: 'dumpConn3' },
        { ruleId: 'secret-in-variable', secret: 'thirdCopy3' },
      ];
      const r = lintRobin(text);
      assertFindings(text, r, expected);
      assert.deepEqual(r.problems, []);
      // Two scripts and two trailers, the secret in the second script (the reported gap).
      const two = ["SET a TO 1", trailer('t1'), "SET DbPassword TO $'''onlyInSecond4'''", trailer('t2'), ''].join('\n');
      assertFindings(two, lintRobin(two), [{ ruleId: 'secret-in-variable', secret: 'onlyInSecond4' }]);
      // The editor path: a script parsed whole (with its trailer statements) gives the same findings.
      const unit = { script: parse(text), text, toFileOffset: (o: number) => o };
      assertFindings(text, lintScript(unit), expected);
      // A marker line inside a multi-line string between two trailers is not a trailer.
      const inString = ["SET a TO 1", trailer('t1'), "SET Notes TO $'''x", '# [ControlRepository][PowerAutomateDesktop]', "{ }'''", "SET DbPassword TO $'''afterString5'''", trailer('t2')].join('\n');
      assertFindings(inString, lintRobin(inString), [{ ruleId: 'secret-in-variable', secret: 'afterString5' }]);
    });

    it('rules that batch (checkAll) get every flow of a solution in one call; their reports and failures go to each flow', () => {
      const GITHUB = 'ghp_' + 'Ab1'.repeat(12);
      const xml = makeCustomizations([
        { name: 'One', definition: `SET Notes TO $'''first ${GITHUB}'''\r\n` },
        { name: 'Two', definition: "SET a TO 1\r\n" },
        { name: 'Three', definition: `# flow-vault-disable-file known-secret-format\r\nSET Notes TO $'''third ${GITHUB}'''\r\n` },
        { name: 'Four', definition: `Display.ShowMessageDialog.ShowMessage Title: $'''fourth ${GITHUB}''' Message: 'm'\r\n` },
      ]);
      const r = lintText('customizations.xml', xml);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.findings.map((f) => [f.ruleId, f.flowName, xml.slice(f.range.start, f.range.end)]), [
        ['known-secret-format', 'One', GITHUB],
        ['known-secret-format', 'Four', GITHUB],
      ]);
      assert.equal(r.suppressed, 1);
      // A custom rule with checkAll: one call per file, one context per flow.
      const calls: number[] = [];
      const batching = {
        id: 'batching', description: 'd', docs: 'd', defaultSeverity: 'warning' as const, fixable: false, priority: 5,
        check(): void { throw new Error('not called when checkAll is there'); },
        checkAll(contexts: readonly RuleContext[]): void {
          calls.push(contexts.length);
          for (const c of contexts) {
            const lit = c.literals()[0];
            if (lit) c.report({ range: lit.literal.contentRange, kind: 'secret', placement: 'set', message: 'm', statement: lit.statement });
          }
        },
      };
      const r2 = lintText('customizations.xml', xml, { rules: [batching] });
      assert.deepEqual(calls, [4]);
      assert.deepEqual(r2.findings.map((f) => f.flowName), ['One', 'Three', 'Four']);
      const failing = { ...batching, checkAll(): void { throw new Error('boom'); } };
      const r3 = lintText('customizations.xml', xml, { rules: [failing] });
      const failures = r3.problems.filter((p) => /rule 'batching' failed on this script/.test(p.message));
      assert.deepEqual(failures.map((p) => p.message.split(':')[0]), ["Flow 'One'", "Flow 'Two'", "Flow 'Three'", "Flow 'Four'"]);
    });

    it('broken XML and unparsable Robin become problems, never exceptions', () => {
      const r1 = lintText('customizations.xml', '<ImportExportXml><Workflows><Workflow Name="x"><Category>6</Category><Definition>"abc');
      assert.equal(r1.findings.length, 0);
      assert.ok(r1.problems.length > 0);
      const robin = "IF (x THEN\nSET Password TO $'''unterminated\n";
      const r2 = lintRobin(robin);
      const unterminated = r2.problems.find((p) => p.message === "Unterminated string: $''' without closing '''");
      assert.ok(unterminated, JSON.stringify(r2.problems.map((p) => p.message)));
      assert.equal(unterminated.range?.start, robin.indexOf("$'''"));
      assert.ok(r2.problems.some((p) => p.message === 'IF without END at the end of the text'));
    });
  });

  describe('bytes and zips', () => {
    it('binary files: a problem and no findings', () => {
      const r = lintBytes('image.robin', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
      assert.equal(r.length, 1);
      assert.equal(r[0].findings.length, 0);
      assert.match(r[0].problems[0].message, /^Not linted: /);
    });

    it('UTF-16 text with a BOM: findings with offsets in the decoded text, and `text` set', () => {
      const text = PW_LINE + '\r\n';
      const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const [r] = lintBytes('flow.robin', bytes);
      assert.equal(r.text, text);
      assert.deepEqual(r.findings[0].range, rangeOf(text, 'xmlPw-1'));
    });

    it('a solution zip: one result per relevant entry at archive.zip!/path, with text', () => {
      const xml = makeCustomizations([{ name: 'Zipped', definition: PW_LINE + '\r\n' }]);
      const robin = "SET DbPassword TO $'''zipPw-2'''\n";
      const zip = makeZip([
        { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
        { name: 'customizations.xml', data: xml },
        { name: 'flows/extra.robin', data: robin, store: true },
        { name: 'Workflows/x.json', data: '{}' },
        { name: 'readme.txt', data: 'just words' },
      ]);
      const results = lintBytes('dist/Solution_1_0.zip', zip);
      const byPath = new Map(results.map((r) => [r.path, r]));
      assert.deepEqual([...byPath.keys()].sort(), ['dist/Solution_1_0.zip!/customizations.xml', 'dist/Solution_1_0.zip!/flows/extra.robin']);
      const x = byPath.get('dist/Solution_1_0.zip!/customizations.xml');
      assert.ok(x && x.text === xml);
      assert.deepEqual(x.findings.map((f) => x.text!.slice(f.range.start, f.range.end)), ['xmlPw-1']);
      const y = byPath.get('dist/Solution_1_0.zip!/flows/extra.robin');
      assert.ok(y && y.text === robin);
      assert.deepEqual(y.findings[0].range, rangeOf(robin, 'zipPw-2'));
    });

    it('a corrupt zip gives a problem, not an exception', () => {
      const r = lintBytes('broken.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
      assert.equal(r.length, 1);
      assert.ok(r[0].problems.length > 0);
    });
  });

  describe('results', () => {
    it('lintScript lints a parsed unit and maps ranges with toFileOffset', () => {
      const text = PW_LINE + '\n';
      const r = lintScript({ script: parse(text), text, toFileOffset: (o) => o + 100, flowName: 'F' }, { path: 'x.xml' });
      assert.equal(r.findings.length, 1);
      assert.equal(r.findings[0].range.start, rangeOf(text, 'xmlPw-1').start + 100);
      assert.equal(r.findings[0].flowName, 'F');
    });

    it('fingerprints: stable when other lines move, distinct per occurrence, never from the value', () => {
      const a = `${PW_LINE}\n${PW_LINE.replace('xmlPw-1', 'other-2')}\n`;
      const b = `# a comment added above\n\n${PW_LINE.replace('xmlPw-1', 'changed-3')}\n${PW_LINE}\n`;
      const fa = lintRobin(a).findings.map((f) => f.fingerprint);
      const fb = lintRobin(b).findings.map((f) => f.fingerprint);
      assert.equal(fa.length, 2);
      assert.notEqual(fa[0], fa[1]);
      assert.deepEqual(fb, fa);
      const inOtherFile = lintText('other.robin', a).findings.map((f) => f.fingerprint);
      assert.notDeepEqual(inOtherFile, fa);
      for (const f of fa) assert.match(f, /^[0-9a-f]{32}$/);
    });

    it('subflows are part of the fingerprint', () => {
      const text = `FUNCTION A GLOBAL\n${PW_LINE}\nEND FUNCTION\nFUNCTION B GLOBAL\n${PW_LINE}\nEND FUNCTION\n`;
      const r = lintRobin(text);
      assert.equal(r.findings.length, 2);
      assert.notEqual(r.findings[0].fingerprint, r.findings[1].fingerprint);
      const swapped = `FUNCTION B GLOBAL\n${PW_LINE}\nEND FUNCTION\nFUNCTION A GLOBAL\n${PW_LINE}\nEND FUNCTION\n`;
      assert.deepEqual(new Set(lintRobin(swapped).findings.map((f) => f.fingerprint)), new Set(r.findings.map((f) => f.fingerprint)));
    });

    it('findings are sorted by range and de-duplicated', () => {
      const text = "SET DbPassword TO $'''Server=s;Database=d;Password=dupPw-1'''\n";
      const r = lintRobin(text);
      assertFindings(text, r, [{ ruleId: 'secret-in-connection-string', secret: 'dupPw-1' }]);
    });
  });
});
