import { strict as assert } from 'node:assert';
import { findingField, findUserName, suggestCredentialName, suggestSecretName, validateSecretName } from '../../../src/core/credentials';
import { credentialNameProblem as fixCredentialNameProblem } from '../../../src/core/fix';

describe('credentials/secretNames', () => {
  describe('suggestSecretName', () => {
    const cases: [string | undefined, string | undefined, string][] = [
      ['SAP Login', 'Password', 'sap-login-password'],
      ['SAP Login', "appmask['Login']['Txt_Password']".split("'")[3], 'sap-login-password'],
      ['Invoice_Run', 'SMTPPassword', 'invoice-run-smtp-password'],
      ['Daily report – Café Müller', 'DbPwd', 'daily-report-cafe-muller-db-pwd'],
      ['Rotate password', 'Password', 'rotate-password'],
      [undefined, undefined, 'password'],
      ['', 'Input_ApiKey', 'api-key'],
      ['日本語のフロー', 'Password', 'password'],
    ];
    for (const [flow, field, expected] of cases) {
      it(`${flow ?? '(no flow)'} + ${field ?? '(no field)'} -> ${expected}`, () => {
        const name = suggestSecretName(flow, field);
        assert.equal(name, expected);
        assert.equal(validateSecretName(name), undefined);
      });
    }
    it('is deduplicated against existing names, ignoring case', () => {
      assert.equal(suggestSecretName('SAP Login', 'Password', ['SAP-LOGIN-PASSWORD']), 'sap-login-password-2');
      assert.equal(suggestSecretName('SAP Login', 'Password', ['sap-login-password', 'sap-login-password-2']), 'sap-login-password-3');
      // Negative: a name that only starts the same is not taken.
      assert.equal(suggestSecretName('SAP Login', 'Password', ['sap-login-password-old']), 'sap-login-password');
    });
    it('stays within 127 characters, with the suffix', () => {
      const long = 'Flow '.repeat(60);
      const name = suggestSecretName(long, 'Password');
      assert.ok(name.length <= 127 && !name.endsWith('-'));
      const second = suggestSecretName(long, 'Password', [name]);
      assert.ok(second.length <= 127 && second.endsWith('-2'), second);
      assert.equal(validateSecretName(second), undefined);
    });
  });

  it('findingField: the argument or variable, or the kind of secret for free text', () => {
    assert.equal(findingField({ argument: 'SMTPPassword', kind: 'password', placement: 'argument' }), 'SMTPPassword');
    assert.equal(findingField({ argument: 'SftpPassword', kind: 'password', placement: 'set' }), 'SftpPassword');
    assert.equal(findingField({ argument: 'Text', kind: 'password', placement: 'argument' }), 'password');
    assert.equal(findingField({ argument: 'Script', kind: 'client-secret', placement: 'embedded' }), 'client-secret');
    assert.equal(findingField({ argument: 'ConnectionString', kind: 'connection-string-password', placement: 'embedded' }), 'password');
    assert.equal(findingField({ argument: undefined, kind: 'api-key', placement: 'input-default' }), 'api-key');
    assert.equal(suggestSecretName('Payroll export', findingField({ argument: 'Script', kind: 'password', placement: 'embedded' })), 'payroll-export-password');
  });

  describe('suggestCredentialName', () => {
    it('reads as a name, within 100 characters, deduplicated', () => {
      assert.equal(suggestCredentialName('SAP Login', 'Txt_Password'), 'SAP Login password');
      assert.equal(suggestCredentialName('sap login', 'Password'), 'Sap login password');
      assert.equal(suggestCredentialName('Rotate password', 'Password'), 'Rotate password');
      assert.equal(suggestCredentialName(undefined, 'SMTPPassword'), 'Smtp password');
      assert.equal(suggestCredentialName('SAP Login', 'Password', ['sap login PASSWORD']), 'SAP Login password (2)');
      const long = suggestCredentialName('x'.repeat(150), 'Password', ['x'.repeat(100)]);
      assert.ok(long.length <= 100 && long.endsWith(' (2)'));
      assert.equal(fixCredentialNameProblem(long), undefined);
      assert.equal(suggestCredentialName('Line\r\nbreak', 'Password'), 'Line break password');
    });
  });

  describe('findUserName', () => {
    /** The user name typed before the planted password. */
    const at = (text: string) => {
      const start = text.indexOf('Sup3r-Secret!');
      assert.ok(start >= 0);
      return findUserName(text, { start, end: start + 'Sup3r-Secret!'.length });
    };

    it('a user-name argument of the same action', () => {
      const text = "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.contoso.com''' Port: 587 EnableSSL: True Username: $'''robot@contoso.com''' Password: $'''Sup3r-Secret!''' From: $'''a@contoso.com''' SendTo: $'''b@contoso.com''' Subject: $'''x''' Body: $'''y''' IsBodyHtml: False";
      const hint = at(text);
      assert.equal(hint?.value, 'robot@contoso.com');
      assert.equal(hint?.source, 'argument');
      assert.equal(text.slice(hint!.range.start, hint!.range.end), "$'''robot@contoso.com'''");
    });

    it('typed into the user-name field just before (web and desktop), comments in between', () => {
      const web = [
        "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Username'] Text: $'''demo.user''' Mode: WebAutomation.PopulateTextMode.Replace",
        '# now the password',
        "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: $'''Sup3r-Secret!''' Mode: WebAutomation.PopulateTextMode.Replace",
      ].join('\n');
      assert.deepEqual([at(web)?.value, at(web)?.source], ['demo.user', 'previous-field']);
      const desktop = web.replace(/WebAutomation\.PopulateTextField\.PopulateTextField BrowserInstance: Browser Control:/g, 'UIAutomation.PopulateTextField.PopulateTextField TextField:').replace(/ Mode: WebAutomation\.PopulateTextMode\.Replace/g, '');
      assert.equal(at(desktop)?.value, 'demo.user');
    });

    it('typed before {Tab} in the same keys', () => {
      const text = "MouseAndKeyboard.SendKeys.FocusAndSendKeys TextField: appmask['App']['Txt_Username'] TextToSend: $'''robot{Tab}Sup3r-Secret!{Enter}''' DelayBetweenKeystrokes: 10 SendTextAsHardwareKeys: False";
      const hint = at(text);
      assert.equal(hint?.value, 'robot');
      assert.equal(hint?.source, 'keys');
      assert.equal(text.slice(hint!.range.start, hint!.range.end), 'robot');
    });

    it('none: a variable user name, a field that is not a user name, another action between, another subflow', () => {
      const pwd = "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: $'''Sup3r-Secret!'''";
      const user = (field: string, value: string) => `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['${field}'] Text: ${value}`;
      assert.equal(at([user('Txt_Username', 'UserName'), pwd].join('\n')), undefined);
      assert.equal(at([user('Txt_Username', "$'''%UserName%'''"), pwd].join('\n')), undefined);
      assert.equal(at([user('Txt_Search', "$'''invoices'''"), pwd].join('\n')), undefined);
      assert.equal(at([user('Txt_Username', "$'''demo'''"), 'WAIT 2', pwd].join('\n')), undefined);
      assert.equal(at([user('Txt_Username', "$'''demo'''"), "Display.ShowMessageDialog.ShowMessage Message: $'''hi'''", pwd].join('\n')), undefined);
      assert.equal(at(['FUNCTION A GLOBAL', user('Txt_Username', "$'''demo'''"), 'END FUNCTION', 'FUNCTION B GLOBAL', pwd, 'END FUNCTION'].join('\n')), undefined);
      assert.equal(at(pwd), undefined);
      assert.equal(findUserName('', { start: 0, end: 0 }), undefined);
      // Keys without {Tab} before the password.
      assert.equal(at("MouseAndKeyboard.SendKeys.FocusAndSendKeys TextField: appmask['App']['Txt_Password'] TextToSend: $'''Sup3r-Secret!{Enter}'''"), undefined);
    });
  });
});
