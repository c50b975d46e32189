/**
 * "Use a Get credential action": byte-for-byte results on Robin text (LF, CRLF + BOM, tabs,
 * nested blocks, subflows, annotations), reuse of an existing Get credential, free variable
 * names, embedded secrets, SET, usernames, "fix all", and what is refused.
 */
import * as assert from 'node:assert/strict';
import {
  applyEdits,
  DEFAULT_GET_CREDENTIAL_TEMPLATE,
  getCredentialProblem,
  useGetCredential,
  type FixableFinding,
} from '../../../src/core/fix';
import { findingAt, lines, TEMPLATE, unit } from './helpers';

const GET = (v = 'Credential', name = 'SAP') =>
  `PowerAutomateSecretVariables.GetCredential Credential: '${name}' Timeout: 0 Credential=> ${v}`;

function fix(text: string, findings: FixableFinding[], credentialName = 'SAP', template = TEMPLATE): string {
  const result = useGetCredential(unit(text), findings, { template, credentialName });
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return applyEdits(text, result.edits);
}

describe('fix: Use a Get credential action', () => {
  it('uses the documented default template', () => {
    assert.equal(DEFAULT_GET_CREDENTIAL_TEMPLATE, TEMPLATE);
  });

  it('inserts the action before the statement and replaces a whole-argument literal (LF)', () => {
    const text = lines('\n',
      "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 Username: $'''bob''' Password: $'''Hunter2-secret''' From: $'''a@example.com'''",
      'WAIT 1',
    );
    const out = fix(text, [findingAt(text, 'Hunter2-secret', 'argument')]);
    assert.equal(out, lines('\n',
      GET(),
      "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 Username: $'''bob''' Password: Credential.Password From: $'''a@example.com'''",
      'WAIT 1',
    ));
  });

  it('keeps CRLF line endings and a BOM, inserting after the BOM on the first line', () => {
    const text = '\uFEFF' + lines('\r\n',
      "FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: $'''h''' Port: 22 Username: $'''u''' Timeout: 10 Password: $'''Sftp-Pass-1''' SftpConnection=> Conn",
      'WAIT 2',
    );
    const out = fix(text, [findingAt(text, 'Sftp-Pass-1', 'argument')]);
    assert.equal(out, '\uFEFF' + lines('\r\n',
      GET(),
      "FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: $'''h''' Port: 22 Username: $'''u''' Timeout: 10 Password: Credential.Password SftpConnection=> Conn",
      'WAIT 2',
    ));
  });

  it('keeps tab indentation inside nested blocks', () => {
    const text = lines('\n',
      'LOOP FOREACH Item IN Items',
      '\tIF Item = 1 THEN',
      "\t\tEmail.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Port: 25 Username: $'''u''' Password: $'''Nested-Pass-9''' From: $'''f'''",
      '\tEND',
      'END',
    );
    const out = fix(text, [findingAt(text, 'Nested-Pass-9', 'argument')]);
    assert.equal(out, lines('\n',
      'LOOP FOREACH Item IN Items',
      '\tIF Item = 1 THEN',
      `\t\t${GET()}`,
      "\t\tEmail.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Port: 25 Username: $'''u''' Password: Credential.Password From: $'''f'''",
      '\tEND',
      'END',
    ));
  });

  it('inserts inside the subflow, with its indentation', () => {
    const text = lines('\r\n',
      'FUNCTION Login GLOBAL',
      "    Access.LaunchAccess.LaunchExistingDbInAutomationMode Path: $'''C:\\\\db.accdb''' Password: $'''Access-Pass-3''' AccessInstance=> Db",
      'END FUNCTION',
    );
    const out = fix(text, [findingAt(text, 'Access-Pass-3', 'argument')]);
    assert.equal(out, lines('\r\n',
      'FUNCTION Login GLOBAL',
      `    ${GET()}`,
      "    Access.LaunchAccess.LaunchExistingDbInAutomationMode Path: $'''C:\\\\db.accdb''' Password: Credential.Password AccessInstance=> Db",
      'END FUNCTION',
    ));
  });

  it('reuses a Get credential for the same credential earlier in scope', () => {
    const text = lines('\n',
      "PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred",
      'IF x = 1 THEN',
      "    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Port: 25 Username: $'''u''' Password: $'''Reuse-Pass-1''' From: $'''f'''",
      'END',
    );
    const result = useGetCredential(unit(text), [findingAt(text, 'Reuse-Pass-1', 'argument')], { template: TEMPLATE, credentialName: 'SAP' });
    assert.ok(result.ok);
    assert.equal(result.inserted, 0);
    assert.equal(result.variable, 'SapCred');
    assert.equal(applyEdits(text, result.edits), lines('\n',
      "PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred",
      'IF x = 1 THEN',
      "    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Port: 25 Username: $'''u''' Password: SapCred.Password From: $'''f'''",
      'END',
    ));
  });

  it('does not reuse a Get credential from a closed branch, another subflow, a later line or a disabled action', () => {
    const text = lines('\n',
      'IF x = 1 THEN',
      "    PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred",
      'END',
      "DISABLE PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred",
      "SET pwd TO $'''Branch-Pass-1'''",
      "PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred",
      'FUNCTION Other GLOBAL',
      "    SET pwd2 TO $'''Other-Pass-2'''",
      'END FUNCTION',
    );
    const out = fix(text, [findingAt(text, 'Branch-Pass-1', 'set'), findingAt(text, 'Other-Pass-2', 'set')]);
    // A new line for each (the variable name of the existing action for this credential is reused).
    assert.equal(out, lines('\n',
      'IF x = 1 THEN',
      "    PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred",
      'END',
      "DISABLE PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred",
      GET('SapCred'),
      'SET pwd TO SapCred.Password',
      "PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred",
      'FUNCTION Other GLOBAL',
      `    ${GET('SapCred')}`,
      '    SET pwd2 TO SapCred.Password',
      'END FUNCTION',
    ));
  });

  it('does not reuse a Get credential for another credential, and picks a free variable name', () => {
    const text = lines('\n',
      "PowerAutomateSecretVariables.GetCredential Credential: 'Mail' Timeout: 0 Credential=> Credential",
      'SET credential3 TO 1',
      "SET CREDENTIAL2 TO $'''x'''",
      "SET dbPassword TO $'''Other-Cred-4'''",
    );
    const out = fix(text, [findingAt(text, 'Other-Cred-4', 'set')]);
    assert.equal(out, lines('\n',
      "PowerAutomateSecretVariables.GetCredential Credential: 'Mail' Timeout: 0 Credential=> Credential",
      'SET credential3 TO 1',
      "SET CREDENTIAL2 TO $'''x'''",
      GET('Credential4'),
      'SET dbPassword TO Credential4.Password',
    ));
  });

  it('puts %Credential.Password% inside an interpolated connection string', () => {
    const text = lines('\n',
      "Database.Connect.Connect ConnectionString: $'''Server=db;User ID=sa;Password=Conn-Pass-5;Encrypt=True''' Connection=> SqlConnection",
    );
    const f = findingAt(text, 'Conn-Pass-5', 'embedded', { kind: 'connection-string-password', literal: "$'''Server=db;User ID=sa;Password=Conn-Pass-5;Encrypt=True'''" });
    assert.equal(fix(text, [f]), lines('\n',
      GET(),
      "Database.Connect.Connect ConnectionString: $'''Server=db;User ID=sa;Password=%Credential.Password%;Encrypt=True''' Connection=> SqlConnection",
    ));
  });

  it('puts %Credential.Password% inside a multi-line header string, keeping escapes around it', () => {
    const text = lines('\r\n',
      "Web.InvokeWebService.InvokeWebService Url: $'''https://api.example.com''' Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''X-Note: 100%% it\\'s',",
      "Authorization: Bearer Tok-abcdef-123456''' RequestBody: $'''{}''' Response=> WebResponse",
    );
    const literal = "$'''X-Note: 100%% it\\'s',\r\nAuthorization: Bearer Tok-abcdef-123456'''";
    const f = findingAt(text, 'Tok-abcdef-123456', 'embedded', { kind: 'authorization-header', literal });
    assert.equal(fix(text, [f]), lines('\r\n',
      GET(),
      "Web.InvokeWebService.InvokeWebService Url: $'''https://api.example.com''' Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''X-Note: 100%% it\\'s',",
      "Authorization: Bearer %Credential.Password%''' RequestBody: $'''{}''' Response=> WebResponse",
    ));
  });

  it('doubles a lone backslash right before the new %…%', () => {
    const text = lines('\n', "Scripting.RunPowershellScript.RunScript Script: $'''net use X: \\\\srv\\share /user:bob \\Pw-Lone-7''' ScriptOutput=> Out");
    // In the source: `\\srv` is an escaped backslash; ` \Pw` is a lone one before the secret.
    const literal = "$'''net use X: \\\\srv\\share /user:bob \\Pw-Lone-7'''";
    const f = findingAt(text, 'Pw-Lone-7', 'embedded', { literal });
    assert.equal(fix(text, [f]), lines('\n',
      GET(),
      "Scripting.RunPowershellScript.RunScript Script: $'''net use X: \\\\srv\\share /user:bob \\\\%Credential.Password%''' ScriptOutput=> Out",
    ));
  });

  it('refuses a secret embedded in a plain single-quoted string', () => {
    const text = lines('\n', "SET conn TO 'Server=db;Password=Plain-Pass-6' + suffix");
    const f = findingAt(text, 'Plain-Pass-6', 'embedded', { literal: "'Server=db;Password=Plain-Pass-6'" });
    const problem = getCredentialProblem(unit(text), f);
    assert.match(problem ?? '', /plain '…' string/);
    const result = useGetCredential(unit(text), [f], { template: TEMPLATE, credentialName: 'SAP' });
    assert.equal(result.ok, false);
  });

  it('replaces a SET value with Credential.Password', () => {
    const text = lines('\n', '    SET txt_Password TO $\'\'\'Set-Pass-8\'\'\'');
    assert.equal(fix(text, [findingAt(text, 'Set-Pass-8', 'set')]), lines('\n', `    ${GET()}`, '    SET txt_Password TO Credential.Password'));
  });

  it('uses .Username for a user name, and one Get credential for both on the same statement', () => {
    const text = lines('\n',
      "Exchange.ConnectToExchangeServer.ConnectToServerWithCredentials ServerAddress: $'''x''' ExchangeVersion: Exchange.ExchangeVersion.Exchange2013 Domain: $'''d''' Username: $'''svc_robot''' Password: $'''Ex-Pass-10''' ExchangeConnection=> ExchangeConnection",
    );
    const out = fix(text, [
      findingAt(text, 'Ex-Pass-10', 'argument'),
      findingAt(text, 'svc_robot', 'argument', { kind: 'username', ruleId: 'secret-in-password-argument' }),
    ]);
    assert.equal(out, lines('\n',
      GET(),
      "Exchange.ConnectToExchangeServer.ConnectToServerWithCredentials ServerAddress: $'''x''' ExchangeVersion: Exchange.ExchangeVersion.Exchange2013 Domain: $'''d''' Username: Credential.Username Password: Credential.Password ExchangeConnection=> ExchangeConnection",
    ));
  });

  it('fix all: one credential, one Get credential per scope, reused by later statements in it', () => {
    const text = lines('\n',
      "SET a TO $'''All-1'''",
      "SET b TO $'''All-2'''",
      'IF x THEN',
      "    SET c TO $'''All-3'''",
      'ELSE',
      "    SET d TO $'''All-4'''",
      'END',
      "SET e TO $'''All-5'''",
    );
    const findings = ['All-1', 'All-2', 'All-3', 'All-4', 'All-5'].map((s) => findingAt(text, s, 'set'));
    const result = useGetCredential(unit(text), findings, { template: TEMPLATE, credentialName: 'Shared' });
    assert.ok(result.ok);
    assert.equal(result.fixed.length, 5);
    assert.equal(result.inserted, 1);
    assert.equal(applyEdits(text, result.edits), lines('\n',
      GET('Credential', 'Shared'),
      'SET a TO Credential.Password',
      'SET b TO Credential.Password',
      'IF x THEN',
      '    SET c TO Credential.Password',
      'ELSE',
      '    SET d TO Credential.Password',
      'END',
      'SET e TO Credential.Password',
    ));
  });

  it('fix all: a line inserted inside a branch does not serve statements after the branch', () => {
    const text = lines('\n',
      'IF x THEN',
      "    SET c TO $'''Br-1'''",
      'END',
      "SET e TO $'''Br-2'''",
    );
    const out = fix(text, [findingAt(text, 'Br-1', 'set'), findingAt(text, 'Br-2', 'set')]);
    assert.equal(out, lines('\n',
      'IF x THEN',
      `    ${GET()}`,
      '    SET c TO Credential.Password',
      'END',
      GET(),
      'SET e TO Credential.Password',
    ));
  });

  it('fix all: skips what it cannot fix and says why', () => {
    const text = lines('\n', "SET a TO $'''Skip-1'''", "SET b TO 'x;Password=Skip-2'");
    const result = useGetCredential(unit(text), [
      findingAt(text, 'Skip-1', 'set'),
      findingAt(text, 'Skip-2', 'embedded', { literal: "'x;Password=Skip-2'" }),
    ], { template: TEMPLATE, credentialName: 'SAP' });
    assert.ok(result.ok);
    assert.equal(result.fixed.length, 1);
    assert.equal(result.skipped.length, 1);
    assert.match(result.skipped[0].reason, /plain/);
  });

  it('goes before the statement\'s @@ annotations, with their indentation', () => {
    const text = lines('\n',
      'IF x THEN',
      "        @@copilotGeneratedAction: 'False'",
      "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Port: 25 Username: $'''u''' Password: $'''Ann-Pass-11''' From: $'''f'''",
      'END',
    );
    assert.equal(fix(text, [findingAt(text, 'Ann-Pass-11', 'argument')]), lines('\n',
      'IF x THEN',
      `        ${GET()}`,
      "        @@copilotGeneratedAction: 'False'",
      "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Port: 25 Username: $'''u''' Password: Credential.Password From: $'''f'''",
      'END',
    ));
  });

  it('refuses a secret in an ELSE IF condition (the line would land in the previous branch)', () => {
    const text = lines('\n', 'IF a THEN', '    WAIT 1', "ELSE IF (Text.X Value: $'''Cond-Pass-12''') THEN", '    WAIT 2', 'END');
    const f = findingAt(text, 'Cond-Pass-12', 'argument');
    assert.match(getCredentialProblem(unit(text), f) ?? '', /ELSE IF/);
  });

  it('refuses a flow input default (another fix applies)', () => {
    const text = lines('\n', "@INPUT Key : { 'Type': 'String', 'DefaultValue': 'In-Def-13' }");
    const f = findingAt(text, 'In-Def-13', 'input-default', { literal: "'In-Def-13'" });
    assert.match(getCredentialProblem(unit(text), f) ?? '', /header|input/);
  });

  it('escapes the credential name for the string it stands in', () => {
    const text = lines('\n', "SET p TO $'''Esc-Pass-14'''");
    const f = findingAt(text, 'Esc-Pass-14', 'set');
    assert.equal(fix(text, [f], "O'Brien \\ 100%"), lines('\n',
      "PowerAutomateSecretVariables.GetCredential Credential: 'O\\'Brien \\\\ 100%' Timeout: 0 Credential=> Credential",
      'SET p TO Credential.Password',
    ));
    const interpolated = "PowerAutomateSecretVariables.GetCredential Credential: $'''${credentialName}''' Credential=> ${variable}";
    assert.equal(fix(text, [f], '100% SAP', interpolated), lines('\n',
      "PowerAutomateSecretVariables.GetCredential Credential: $'''100%% SAP''' Credential=> Credential",
      'SET p TO Credential.Password',
    ));
  });

  it('follows a custom template (the real PAD text, once someone copies it)', () => {
    const text = lines('\n', "SET p TO $'''Tpl-Pass-15'''");
    const template = "CredentialManager.Get CredentialName: $'''${credentialName}''' Result=> ${variable}";
    assert.equal(fix(text, [findingAt(text, 'Tpl-Pass-15', 'set')], 'SAP', template), lines('\n',
      "CredentialManager.Get CredentialName: $'''SAP''' Result=> Credential",
      'SET p TO Credential.Password',
    ));
  });

  it('refuses unusable templates and credential names with a reason', () => {
    const text = lines('\n', "SET p TO $'''Bad-16'''");
    const f = findingAt(text, 'Bad-16', 'set');
    const run = (template: string, name = 'SAP') => useGetCredential(unit(text), [f], { template, credentialName: name });
    for (const [template, why] of [
      ['PowerAutomateSecretVariables.GetCredential Credential: \'${credentialName}\'', /\$\{variable\}/],
      ['A.B X: 1 Credential=> ${variable}\nA.B', /single line/],
      ['SET ${variable} TO 1', /one Robin action|output argument/],
      ["A.B Credential: ${credentialName} Out=> ${variable}", /quoted string/],
    ] as const) {
      const r = run(template);
      assert.equal(r.ok, false, template);
      if (!r.ok) assert.match(r.reason, why);
    }
    const r = run(TEMPLATE, 'two\nlines');
    assert.equal(r.ok, false);
  });
});
