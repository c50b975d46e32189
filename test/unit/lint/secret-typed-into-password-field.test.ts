import * as assert from 'node:assert/strict';
import { assertFindings, assertQuiet, lintRobin } from './helpers';

const RULE = 'secret-typed-into-password-field';

describe('lint rule secret-typed-into-password-field', () => {
  it('positive: web PopulateTextField into Txt_Password (the pad-labs 08/10 pattern)', () => {
    const text = [
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Lab08 Login']['Txt_Username'] Text: $'''demo''' EmulateTyping: False UnfocusAfterPopulate: True Mode: WebAutomation.PopulateTextMode.Replace",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Lab08 Login']['Txt_Password'] Text: $'''demo''' EmulateTyping: False UnfocusAfterPopulate: True Mode: WebAutomation.PopulateTextMode.Replace",
    ].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [{ ruleId: RULE, secret: 'demo', occurrence: 1, severity: 'error', kind: 'password' }]);
    assert.equal(r.findings[0].placement, 'argument');
    assert.equal(r.findings[0].argument, 'Text');
    assert.match(r.findings[0].message, /password field 'Txt_Password'/);
  });

  it('positive: other languages and spellings, desktop UI automation, physical keyboard, selectors', () => {
    const text = [
      "WebAutomation.PopulateTextField.PopulateTextFieldUsePhysicalKeyboard BrowserInstance: Browser Control: appmask['Login']['Input password \\'password\\''] Text: $'''kbdPw1''' Mode: WebAutomation.PopulateTextMode.Replace",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Anmeldung']['Passwort'] Text: $'''dePw1'''",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Acceso']['Contraseña'] Text: $'''esPw1'''",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Connexion']['Mot de passe'] Text: $'''frPw1'''",
      "UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['SAP Logon']['Edit pwd'] Text: $'''sapGuiPw1''' Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick",
      "UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Bank']['PIN'] Text: 4711",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: $'''input[type=\"password\"]''' Text: $'''selPw1'''",
    ].join('\n');
    assertFindings(text, lintRobin(text), [
      { ruleId: RULE, secret: 'kbdPw1' },
      { ruleId: RULE, secret: 'dePw1' },
      { ruleId: RULE, secret: 'esPw1' },
      { ruleId: RULE, secret: 'frPw1' },
      { ruleId: RULE, secret: 'sapGuiPw1' },
      { ruleId: RULE, secret: '4711' },
      { ruleId: RULE, secret: 'selPw1' },
    ]);
  });

  it('positive: SendKeys into a password element, or right after clicking one (key groups excluded)', () => {
    const text = [
      "MouseAndKeyboard.SendKeys.FocusAndSendKeysByUIElement Element: appmask['Login']['txtPassword'] TextToSend: $'''sendPw1{Enter}''' DelayBetweenKeystrokes: 10",
      "UIAutomation.Click Element: appmask['Login']['Password box'] ClickType: UIAutomation.MouseClickType.LeftClick",
      "MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''{Control}({A})afterClickPw1{Tab}''' DelayBetweenKeystrokes: 10 SendTextAsHardwareKeys: False",
    ].join('\n');
    assertFindings(text, lintRobin(text), [
      { ruleId: RULE, secret: 'sendPw1' },
      { ruleId: RULE, secret: 'afterClickPw1' },
    ]);
  });

  it('SendKeys after a click: through comments and ON ERROR … END, not past other statements or out of a function', () => {
    const text = [
      'FUNCTION Main GLOBAL',
      "    UIAutomation.Click Element: appmask['Login']['Txt_Password']",
      '    # the focus stays on the password box',
      "    MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''afterCommentPw1''' DelayBetweenKeystrokes: 10",
      "    UIAutomation.Click Element: appmask['Login']['Txt_Password']",
      '    ON ERROR',
      '    END',
      "    MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''afterOnErrorPw1''' DelayBetweenKeystrokes: 10",
      "    UIAutomation.Click Element: appmask['Login']['Txt_Password']",
      '    SET Attempts TO 1',
      "    MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''afterSetText''' DelayBetweenKeystrokes: 10",
      "    UIAutomation.Click Element: appmask['Login']['Txt_Password']",
      'END FUNCTION',
      'FUNCTION Other GLOBAL',
      "    MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''otherFunctionText''' DelayBetweenKeystrokes: 10",
      'END FUNCTION',
    ].join('\n');
    assertFindings(text, lintRobin(text), [
      { ruleId: RULE, secret: 'afterCommentPw1' },
      { ruleId: RULE, secret: 'afterOnErrorPw1' },
    ]);
  });

  it('negative: ordinary fields, variables, credentials, masks, forgot/show-password elements, key-only SendKeys', () => {
    assertQuiet(lintRobin([
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Lab08 Login']['Txt_Username'] Text: $'''demo''' EmulateTyping: False",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Lab03b FormSearch']['Txt_Search'] Text: SearchKeyword",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: Credential.Password",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: $'''%Credential.Password%'''",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: $'''********'''",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: $''''''",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Forgot password link'] Text: $'''me@contoso.com'''",
      "UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Contoso Invoicing']['Txt_Date'] Text: DateForContoso Mode: UIAutomation.PopulateTextMode.Replace",
      "MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''Lab09b dialog test''' DelayBetweenKeystrokes: 10 SendTextAsHardwareKeys: False",
      "UIAutomation.Click Element: appmask['Login']['Txt_Password']",
      "MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''{Control}{S}''' DelayBetweenKeystrokes: 10",
      "UIAutomation.Click Element: appmask['Login']['Txt_Password']",
      "MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: Credential.Password DelayBetweenKeystrokes: 10",
    ].join('\n')));
  });
});
