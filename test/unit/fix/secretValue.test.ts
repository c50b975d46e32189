/**
 * What "Move to Key Vault" reads from a finding: the decoded value (escapes, XML and JSON
 * encodings undone; refused for `%…%` parts and machine-encrypted values), and the user name the
 * flow shows next to the password (same action, connection string, a user field typed before).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FixableFile, secretValueOf, type FixableFinding } from '../../../src/core/fix';
import { lintText } from '../../../src/core/lint';
import { encodeForDefinition } from '../../../src/core/solution';
import { findingAt, lines, unit } from './helpers';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

describe('fix: the value and user name a move reads', () => {
  describe('examples/hard-coded-secrets.robin, on real findings', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'hard-coded-secrets.robin'), 'utf8');
    const findings = lintText('hard-coded-secrets.robin', text).findings;
    const file = new FixableFile(text, 'robin');
    const byRule = (id: string) => {
      const f = findings.find((x) => x.ruleId === id);
      assert.ok(f, id);
      return f;
    };

    const cases: [string, string, string | undefined][] = [
      ['secret-in-password-argument', 'Lighthouse2024!', 'robot@example.com'],
      ['secret-in-connection-string', 'Autumn2024!', undefined],
      ['secret-in-web-request', 'fake-token-Meadow2024', undefined],
      ['secret-in-script', 'Spring2024!', undefined],
      ['secret-typed-into-password-field', 'Password123!', 'robot'],
      ['secret-in-variable', 'Glacier2024!', undefined],
    ];
    for (const [rule, value, user] of cases) {
      it(`${rule}: value and user name ${user ?? '(none)'}`, () => {
        const f = byRule(rule);
        assert.deepEqual(file.secretValue(f), { ok: true, value });
        assert.equal(file.userName(f), user);
      });
    }

    it('negative: a password stored encrypted for one machine cannot be read', () => {
      const r = file.secretValue(byRule('password-stored-encrypted-in-flow'));
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.reason : '', /stored encrypted/);
    });
  });

  it('decodes escapes: \\\' and \\\\ and %%', () => {
    const text = "SET DbPassword TO $'''a\\'b\\\\c%%d'''\n";
    const u = unit(text);
    const start = text.indexOf("a\\'");
    const f = { ...findingAt(text, "a\\'b\\\\c%%d", 'set'), range: { start, end: text.indexOf("'''\n") } };
    assert.deepEqual(secretValueOf(u, f), { ok: true, value: "a'b\\c%d" });
  });

  it('negative: a value with a %…% part is only known at run time', () => {
    const text = "SET DbPassword TO $'''pre%Suffix%post'''\n";
    const f = findingAt(text, 'pre%Suffix%post', 'set');
    const r = secretValueOf(unit(text), f);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /%…% expression/);
  });

  it('inside customizations.xml: XML and JSON encodings are undone', () => {
    const robin = lines('\r\n',
      "@@ConnectionString: ''",
      "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 EnableSSL: True UserName: $'''ops&amp;\"bot''' Password: $'''P<&>\"\\'x''' From: $'''a@example.com''' To: $'''b@example.com''' Subject: $'''s''' Body: $'''x'''",
    );
    const xml = `<?xml version="1.0" encoding="utf-8"?>\r\n<ImportExportXml><Workflows><Workflow WorkflowId="{aaaaaaaa-0000-0000-0000-000000000001}" Name="Flow A"><Category>6</Category><Definition>"${encodeForDefinition(robin)}"</Definition></Workflow></Workflows></ImportExportXml>\r\n`;
    const findings = lintText('solution/customizations.xml', xml).findings;
    const file = new FixableFile(xml, 'solution-xml');
    const f = findings.find((x) => x.ruleId === 'secret-in-password-argument');
    assert.ok(f, JSON.stringify(findings.map((x) => x.ruleId)));
    assert.deepEqual(file.secretValue(f), { ok: true, value: 'P<&>"\'x' });
    assert.equal(file.userName(f), 'ops&amp;"bot');
  });

  describe('user name, through the file', () => {
    const userName = (text: string, f: FixableFinding) => new FixableFile(text, 'robin').userName(f);

    it('from the field typed just before the password field', () => {
      const text = lines('\n',
        "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Email'] Text: $'''ana@contoso.com''' EmulateTyping: False",
        "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: $'''Pw-1234''' EmulateTyping: False",
      );
      assert.equal(userName(text, findingAt(text, 'Pw-1234', 'argument')), 'ana@contoso.com');
    });

    it('negative: not from a field that is not a user field, nor across other statements', () => {
      const field = (name: string, value: string) =>
        `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['${name}'] Text: $'''${value}''' EmulateTyping: False`;
      const search = lines('\n', field('Txt_Search', 'invoices'), field('Txt_Password', 'Pw-1234'));
      assert.equal(userName(search, findingAt(search, 'Pw-1234', 'argument')), undefined);
      const far = lines('\n', field('Txt_User', 'ana'), 'WAIT 1', field('Txt_Password', 'Pw-1234'));
      assert.equal(userName(far, findingAt(far, 'Pw-1234', 'argument')), undefined);
    });

    it('negative: a user-name finding offers no user name, and a %…% user name is not offered', () => {
      const text = "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Username: $'''%UserVar%''' Password: $'''Pw-1234'''\n";
      assert.equal(userName(text, findingAt(text, 'Pw-1234', 'argument')), undefined);
      const own = "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Username: $'''robot''' Password: $'''Pw-1234'''\n";
      assert.equal(userName(own, findingAt(own, 'robot', 'argument', { kind: 'username' })), undefined);
    });
  });
});
