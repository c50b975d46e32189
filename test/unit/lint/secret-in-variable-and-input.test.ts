import * as assert from 'node:assert/strict';
import { lintText, resolveConfig } from '../../../src/core/lint';
import { assertFindings, assertQuiet, lintRobin, makeCustomizations, rangeOf } from './helpers';

const SET_RULE = 'secret-in-variable';
const INPUT_RULE = 'secret-in-input-default';

describe('lint rule secret-in-variable', () => {
  it('positive: SET of secret-named variables, object keys and properties', () => {
    const text = [
      "SET SmtpPassword TO $'''Winter2024!'''",
      "SET db_pwd TO 'plainQuoted1'",
      "SET ApiKey TO $'''varKey-12345'''",
      "SET Config TO { 'Server': $'''s''', 'DbPassword': $'''objPw1''' }",
      "SET Settings['ClientSecret'] TO $'''propSecret1'''",
      'SET Pin TO 1234',
    ].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [
      { ruleId: SET_RULE, secret: 'Winter2024!', severity: 'warning', kind: 'password' },
      { ruleId: SET_RULE, secret: 'plainQuoted1' },
      { ruleId: SET_RULE, secret: 'varKey-12345', kind: 'api-key' },
      { ruleId: SET_RULE, secret: 'objPw1' },
      { ruleId: SET_RULE, secret: 'propSecret1', kind: 'client-secret' },
      { ruleId: SET_RULE, secret: '1234', occurrence: 1 },
    ]);
    assert.equal(r.findings[0].placement, 'set');
    assert.equal(r.findings[0].message, "Hard-coded password assigned to variable 'SmtpPassword'. Use a Get credential action instead of a literal.");
  });

  it('positive: secret-named fields of JSON/XML text in a SET or given to Convert JSON to custom object', () => {
    const text = [
      `SET Body TO $'''{ "user": "robot", "password": "jsonSetPw1", "options": { "apiKey": "nestedKey1" } }'''`,
      `Variables.ConvertJsonToCustomObject Json: $'''{"Server":"s","ClientSecret":"convSecret1"}''' CustomObject=> Config`,
      "SET Xml TO $'''<cfg><pwd>xmlSetPw1</pwd></cfg>'''",
    ].join('\n');
    assertFindings(text, lintRobin(text), [
      { ruleId: SET_RULE, secret: 'jsonSetPw1', kind: 'password' },
      { ruleId: SET_RULE, secret: 'nestedKey1', kind: 'api-key' },
      { ruleId: SET_RULE, secret: 'convSecret1', kind: 'client-secret' },
      { ruleId: SET_RULE, secret: 'xmlSetPw1' },
    ]);
  });

  it('negative: JSON/XML without literal secrets', () => {
    assertQuiet(lintRobin([
      `SET Body TO $'''{ "user": "robot", "password": "%Credential.Password%", "passwordPolicy": "strict" }'''`,
      `Variables.ConvertJsonToCustomObject Json: $'''{"Modules":{"Logger":{"LogLevels":"Info"}},"TokenType":"Bearer"}''' CustomObject=> Config`,
      "SET Msg TO $'''password=reset is not a pair here'''",
    ].join('\n')));
  });

  it('positive: a variable listed in @SENSITIVE set to a secret-shaped literal', () => {
    const text = "@SENSITIVE: [Enc_Dec, Out_Message]\nSET Enc_Dec TO $'''Zx81-secret'''\n";
    assertFindings(text, lintRobin(text), [{ ruleId: SET_RULE, secret: 'Zx81-secret', kind: 'secret' }]);
  });

  it('positive: configured secretWords extend the names', () => {
    const text = "SET Geheimnis TO $'''wordsPw1'''\n";
    assertQuiet(lintRobin(text));
    assertFindings(text, lintRobin(text, { config: resolveConfig({ secretWords: ['geheimnis'] }) }), [{ ruleId: SET_RULE, secret: 'wordsPw1' }]);
  });

  it('negative: messages in sensitive variables, variables, Key Vault outputs, non-secret names', () => {
    assertQuiet(lintRobin([
      '@SENSITIVE: [Output_Message, ErrorMessage]',
      "SET Output_Message TO $'''Bad Request'''",
      "SET ErrorMessage TO ''",
      "SET ErrorMessage TO $'''Status: %Table_SPResult[0]['Status']%'''",
      'SET txt_DbPassword TO obj_DBSecret.value',
      'SET Password TO Credential.Password',
      "SET Password TO $'''%Credential.Password%'''",
      "SET PasswordExpiryDays TO $'''90'''",
      "SET SecretName TO $'''Sec-DBSecret'''",
      "SET TokenType TO $'''Bearer'''",
      "SET NextPageToken TO $'''abc123'''",
      "SET SearchKeyword TO $'''แก้หนี้ยั่งยืน'''",
      "SET IsPasswordSet TO $'''yes'''",
      "SET Password TO $'''********'''",
      "SET Password TO $'''%''%'''",
    ].join('\n')));
  });
});

describe('lint rule secret-in-input-default', () => {
  it('positive: @INPUT default of a @SENSITIVE or secret-named input (the PADPOC Enc_Dec_Key leak)', () => {
    const text = [
      '@SENSITIVE: [Enc_Dec_Key, Input_Recipient]',
      "@INPUT Enc_Dec_Key : { 'Description': '', 'FriendlyName': 'Enc_Dec_Key', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '12345' }",
      "@INPUT Input_Recipient : { 'Description': '', 'FriendlyName': 'R', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'someone@contoso.com' }",
      "@INPUT Input_ApiToken : { 'Description': '', 'FriendlyName': 'T', 'Type': 'String', 'IsOptional': True, 'DefaultValue': 'tok-12345' }",
      "@INPUT Input_SMTPObject : { 'Description': '', 'FriendlyName': 'S', 'Type': 'CustomObject', 'IsOptional': True, 'DefaultValue': { 'Server': 'smtp', 'Password': 'objDefPw1' } }",
    ].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [
      { ruleId: INPUT_RULE, secret: '12345', severity: 'error', kind: 'encryption-key' },
      { ruleId: INPUT_RULE, secret: 'someone@contoso.com', kind: 'secret' },
      { ruleId: INPUT_RULE, secret: 'tok-12345', kind: 'token' },
      { ruleId: INPUT_RULE, secret: 'objDefPw1', kind: 'password' },
    ]);
    assert.ok(r.findings.every((f) => f.placement === 'input-default'));
  });

  it('negative: empty defaults, non-sensitive inputs, descriptions', () => {
    assertQuiet(lintRobin([
      '@SENSITIVE: [Input_ConnectionString, Input_ExchangeObject]',
      "@INPUT Input_ConnectionString : { 'Description': 'Provide the connection string.', 'FriendlyName': 'Input_ConnectionString', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' }",
      "@INPUT Input_ExchangeObject : { 'Description': '''Parameters expected:\n1. Password''', 'FriendlyName': 'E', 'Type': 'CustomObject', 'IsOptional': True, 'DefaultValue': {{ }} }",
      "@INPUT Input_URL : { 'Description': 'u', 'FriendlyName': 'Input_URL', 'Type': 'String', 'IsOptional': False, 'DefaultValue': 'https://contoso.com' }",
      "@INPUT Input_IncognitoMode : { 'Description': 'b', 'FriendlyName': 'I', 'Type': 'Bool', 'IsOptional': False, 'DefaultValue': False }",
    ].join('\n')));
  });

  it('solution <Inputs>: "format":"password" (or secret-named) inputs with a default/value, mapped to file offsets', () => {
    const inputs = JSON.stringify({
      schema: {
        required: [],
        properties: {
          Enc_Key: { isOptional: false, default: 'inpDef123', description: '', format: 'password', title: 'Enc_Key', type: 'string', value: null },
          Input_Mail: { isOptional: false, default: '', description: '', format: 'password', title: 'Input_Mail', type: 'string', value: null },
          Input_ApiKey: { isOptional: true, default: '', description: '', format: null, title: 'Input_ApiKey', type: 'string', value: 'inpVal456' },
          Input_URL: { isOptional: true, default: 'https://x', description: '', format: null, title: 'Input_URL', type: 'string', value: '' },
          Input_List: { isOptional: true, default: '', description: '', format: 'password', title: 'Input_List', type: 'array', value: '[\r\n]\r\n' },
        },
        type: 'object',
      },
    });
    const xml = makeCustomizations([{ name: 'Flow With Inputs', inputs, definition: "@SENSITIVE: [Enc_Key]\r\nSET x TO 1\r\n" }]);
    const r = lintText('solution/customizations.xml', xml);
    const got = r.findings.map((f) => [f.ruleId, xml.slice(f.range.start, f.range.end), f.flowName, f.context]);
    assert.deepEqual(got, [
      [INPUT_RULE, 'inpDef123', 'Flow With Inputs', '<Inputs>'],
      [INPUT_RULE, 'inpVal456', 'Flow With Inputs', '<Inputs>'],
    ]);
    assert.deepEqual(r.findings[0].range, rangeOf(xml, 'inpDef123'));
    for (const f of r.findings) assert.ok(!f.message.includes('inpDef123') && !f.message.includes('inpVal456'));
  });
});
