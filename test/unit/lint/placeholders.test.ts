/**
 * Placeholders are not secrets: template values (`Your Password`, `<password>`, `changeme`,
 * `user@example.com`) stay quiet in every rule, real weak passwords next to them are still
 * reported, and sensitive inputs named for the account (`Input_Username`) are not secrets.
 */
import * as assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint';
import { saysAccount } from '../../../src/core/lint/names';
import { isPlaceholder } from '../../../src/core/lint/placeholders';
import { assertFindings, assertQuiet, lintRobin, makeCustomizations, rangeOf } from './helpers';

/** Placeholders (labelled: each must be recognised). */
const PLACEHOLDERS = [
  'Your Username', 'Your Password', 'YOUR_PASSWORD_HERE', 'your-api-key', 'your e-mail',
  '<password>', '[password]', '{password}', '{{password}}', '${PASSWORD}', '<Your Password>',
  'user@example.com', '*@example.org', 'first.last@mail.example.net', 'robot@contoso.test',
  'changeme', 'change-me', 'Change_Me', 'CHANGE ME', 'changeit',
  'xxx', 'XXXXXXXX', '****', '••••', '-', '?',
  'TODO', 'todo', 'FIXME', 'placeholder', 'redacted', 'n/a', 'none', 'null',
  'password', 'Password', 'PASSWORD', 'pwd', 'secret', 'token', 'API key', 'apikey', 'username',
  'enter password here', 'Enter your password', 'enter_password', 'type the password here', 'password here',
  '', '   ', "''", '""',
];
/** Real values that look a little like placeholders: they must still be reported. */
const NEAR_MISSES = [
  'changeme123!', 'ChangeMe2024', 'P@ssw0rd', 'Password1', 'password123', 'example', 'Summer2024!',
  'demo', '1234', 'secret!', 'mypassword', 'x1x2x3', 'xxxx1', 'user@contoso.com', 'admin@example.com.evil.io',
  'todo-list-pw-9', '<password', 'passw0rd', 'your', 'Enter2024!',
];

describe('lint placeholders (isPlaceholder)', () => {
  it('recognises template values, masks, example addresses and empty-ish values', () => {
    const missed = PLACEHOLDERS.filter((v) => !isPlaceholder(v));
    assert.deepEqual(missed, []);
  });

  it('does not take real weak passwords for placeholders', () => {
    const taken = NEAR_MISSES.filter((v) => isPlaceholder(v));
    assert.deepEqual(taken, []);
  });
});

describe('lint names (saysAccount)', () => {
  it('account names', () => {
    for (const name of ['Input_Username', 'UserName', 'username', 'Login', 'LoginId', 'Input_Email', 'E_Mail', 'e-mail', 'EmailAddress', 'emailaddress', 'UserEmail', 'AccountName', 'Account', 'UserPrincipalName', 'UPN', 'Input_Mail', 'SmtpUser']) {
      assert.ok(saysAccount(name), name);
    }
  });
  it('other names, including secrets of an account', () => {
    for (const name of ['Enc_Dec_Key', 'Input_Recipient', 'Input_ApiKey', 'LoginCode', 'UserPin2', 'FileName', 'Input_ConnectionString', 'Mailbox_Folder', 'AccountKeyValue', 'Token']) {
      assert.ok(!saysAccount(name), name);
    }
  });
});

describe('lint rules on placeholders', () => {
  /** One statement per rule that holds `value` where a password goes, with the rule that reports it. */
  const STATEMENTS: readonly (readonly [string, (v: string) => string])[] = [
    ['secret-in-password-argument', (v) => `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Username: $'''u''' Password: $'''${v}'''`],
    ['secret-typed-into-password-field', (v) => `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Txt_Password'] Text: $'''${v}'''`],
    ['secret-in-connection-string', (v) => `Database.Connect.Connect ConnectionString: $'''Server=s;User Id=u;Password=${v};''' Connection=> c`],
    ['secret-in-url', (v) => `WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://robot:${v}@intranet.contoso.com/''' BrowserInstance=> Browser`],
    ['secret-in-url', (v) => `Web.InvokeWebService.InvokeWebService Url: $'''https://api.contoso.com/x?api_key=${v}''' Method: Web.Method.Get`],
    ['secret-in-web-request', (v) => `Web.InvokeWebService.InvokeWebService Url: $'''https://api.contoso.com/login''' Method: Web.Method.Post RequestBody: $'''{ "user": "u", "password": "${v}" }'''`],
    ['secret-in-script', (v) => `Scripting.RunPowershellScript.RunScript Script: $'''$pw = ConvertTo-SecureString \\'${v}\\' -AsPlainText -Force''' ScriptOutput=> o`],
    ['secret-in-variable', (v) => `SET SmtpPassword TO $'''${v}'''`],
    ['secret-in-input-default', (v) => `@SENSITIVE: [Enc_Key]\n@INPUT Enc_Key : { 'Description': '', 'FriendlyName': 'K', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '${v}' }`],
  ];
  /** The statements that can hold `value`: a URL holds no space, nor an unescaped `@` in user:password@host. */
  const usable = (value: string) => STATEMENTS.filter(([, make]) => {
    const sample = make('');
    if (/\s/.test(value) && sample.includes('://')) return false;
    return !(value.includes('@') && sample.includes('robot:@'));
  });
  const everyRule = (value: string): string => usable(value).map(([, make]) => make(value)).join('\n');

  it('negative: each placeholder is quiet in every rule', () => {
    for (const value of ['Your Password', '<password>', '[password]', '{password}', 'changeme', 'change-me', 'xxxxxxxx', '****', 'TODO', 'placeholder', 'password', 'enter password here', 'user@example.com', '*@example.org', 'YOUR_API_KEY']) {
      const r = lintRobin(everyRule(value));
      assert.deepEqual(r.findings.map((f) => f.ruleId), [], value);
    }
  });

  it('positive: near-misses are still reported by every rule, at their exact range', () => {
    for (const value of ['changeme123!', 'P@ssw0rd', 'example', 'Summer2024!']) {
      const text = everyRule(value);
      const r = lintRobin(text);
      assertFindings(text, r, usable(value).map(([ruleId], occurrence) => ({ ruleId, secret: value, occurrence })));
    }
  });

  it('solution <Inputs>: placeholder defaults are quiet, real ones reported', () => {
    const inputs = JSON.stringify({
      schema: {
        properties: {
          Input_Pw: { default: 'Your Password', format: 'password', type: 'string', value: null },
          Input_Key: { default: '<api key>', format: 'password', type: 'string', value: 'changeme' },
          Input_Secret: { default: 'Summer2024!', format: 'password', type: 'string', value: null },
        },
        type: 'object',
      },
    });
    const xml = makeCustomizations([{ name: 'Placeholders', inputs, definition: 'SET x TO 1\r\n' }]);
    const r = lintText('solution/customizations.xml', xml);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.range]), [['secret-in-input-default', rangeOf(xml, 'Summer2024!')]]);
  });
});

describe('lint rules on sensitive inputs named for the account', () => {
  it('negative: @SENSITIVE inputs and variables named user, login, e-mail or account keep their defaults quietly', () => {
    assertQuiet(lintRobin([
      '@SENSITIVE: [Input_Username, Input_Login, Input_Email, E_Mail, AccountName, Input_UserPrincipalName, Login_Email]',
      "@INPUT Input_Username : { 'Description': '', 'FriendlyName': 'U', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'svc-robot01' }",
      "@INPUT Input_Login : { 'Description': '', 'FriendlyName': 'L', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'CONTOSO\\\\robot' }",
      "@INPUT Input_Email : { 'Description': '', 'FriendlyName': 'E', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'robot@contoso.com' }",
      "@INPUT E_Mail : { 'Description': '', 'FriendlyName': 'E', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'ops@contoso.com' }",
      "@INPUT AccountName : { 'Description': '', 'FriendlyName': 'A', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'acct-42' }",
      "@INPUT Input_UserPrincipalName : { 'Description': '', 'FriendlyName': 'P', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'robot@contoso.onmicrosoft.com' }",
      "SET Login_Email TO $'''robot2@contoso.com'''",
    ].join('\n')));
  });

  it('positive: secrets of an account and inputs with no account name are still reported', () => {
    const text = [
      '@SENSITIVE: [Input_LoginPassword, AccountKey, Input_Recipient, Input_UserPin]',
      "@INPUT Input_LoginPassword : { 'Description': '', 'FriendlyName': 'P', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'loginPw-77' }",
      "@INPUT AccountKey : { 'Description': '', 'FriendlyName': 'K', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'acctKey-8812' }",
      "@INPUT Input_Recipient : { 'Description': '', 'FriendlyName': 'R', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'rcpt-secret-1' }",
      "@INPUT Input_UserPin : { 'Description': '', 'FriendlyName': 'N', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '4711' }",
    ].join('\n');
    assertFindings(text, lintRobin(text), [
      { ruleId: 'secret-in-input-default', secret: 'loginPw-77', kind: 'password' },
      { ruleId: 'secret-in-input-default', secret: 'acctKey-8812', kind: 'api-key' },
      { ruleId: 'secret-in-input-default', secret: 'rcpt-secret-1', kind: 'secret' },
      { ruleId: 'secret-in-input-default', secret: '4711', kind: 'password' },
    ]);
  });

  it('solution <Inputs>: "format":"password" inputs named for the account are quiet', () => {
    const inputs = JSON.stringify({
      schema: {
        properties: {
          Input_UserName: { default: 'svc-robot01', format: 'password', type: 'string', value: null },
          Input_Email: { default: '', format: 'password', type: 'string', value: 'robot@contoso.com' },
          Input_Password: { default: 'realPw-2024', format: 'password', type: 'string', value: null },
        },
        type: 'object',
      },
    });
    const xml = makeCustomizations([{ name: 'Accounts', inputs, definition: 'SET x TO 1\r\n' }]);
    const r = lintText('solution/customizations.xml', xml);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.range]), [['secret-in-input-default', rangeOf(xml, 'realPw-2024')]]);
  });
});
