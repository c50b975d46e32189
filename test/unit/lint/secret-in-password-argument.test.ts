import * as assert from 'node:assert/strict';
import { assertFindings, assertQuiet, lintRobin } from './helpers';

const RULE = 'secret-in-password-argument';

describe('lint rule secret-in-password-argument', () => {
  describe('positive: literal values in secret-bearing arguments of pad-formats §2.2', () => {
    const cases: [string, string, string][] = [
      ['Email SMTP password', "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.contoso.com''' Port: 587 EnableSSL: True Username: $'''robot''' Password: $'''Sm7pPass!''' AcceptUntrustedCertificates: False From: $'''a@b.c''' SendTo: $'''d@e.f''' Subject: $'''x''' Body: $'''y''' IsBodyHtml: False", 'Sm7pPass!'],
      ['Email IMAP password', "Email.RetrieveEmails.Retrieve IMAPServer: $'''imap.test.com''' Port: 993 EnableSSL: True Username: $'''example''' Password: $'''Imap-2024''' AcceptUntrustedCertificates: False MailFolder: $'''Inbox''' Emails=> RetrievedEmails", 'Imap-2024'],
      ['Exchange password', "Exchange.ConnectToExchangeServer.ConnectWithCredentials ServerVersion: Exchange.ServerVersion.Exchange2013_SP1 EmailAddress: $'''a@b.c''' Domain: $'''CONTOSO''' Username: $'''svc''' Password: $'''Exch@nge1''' ExchangeConnection=> ExchangeConnection", 'Exch@nge1'],
      ['SFTP password', "FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: $'''sftp.contoso.com''' Port: 22 Username: $'''u''' Timeout: 10 Password: $'''sftpPa55''' SftpConnection=> SftpConnection", 'sftpPa55'],
      ['SFTP private key passphrase', "FTP.OpenSecureConnection.ConnectWithSftpPrivateKeyAndPassPhrase Host: $'''h''' Port: 22 Username: $'''u''' PrivateKeyFile: $'''C:\\\\keys\\\\id_rsa''' PrivateKeyPassPhrase: $'''long phrase here''' SftpConnection=> SftpConnection", 'long phrase here'],
      ['Access password', "Access.LaunchAccess.LaunchExistingDbInAutomationMode Path: $'''C:\\\\db.accdb''' Visible: True Exclusive: False Password: $'''acc3ss''' Instance=> AccessInstance", 'acc3ss'],
      ['Cryptography encryption key', "Cryptography.EncryptText.EncryptTextWithAES TextToEncrypt: $'''hello''' EncryptionKey: $'''K3y-For-AES''' Padding: Cryptography.Padding.PKCS7 KeySize: Cryptography.KeySize.Bits256 EncryptedText=> EncryptedText", 'K3y-For-AES'],
      ['Cryptography decryption key', "Cryptography.DecryptText.DecryptTextWithAES EncryptedTextToDecrypt: EncryptedText DecryptionKey: $'''D3c-Key''' DecryptedText=> DecryptedText", 'D3c-Key'],
      ['Cryptography hash key', "Cryptography.HashTextWithKey TextToHash: $'''x''' HashKey: $'''hmac-key-1''' HashedText=> HashedText", 'hmac-key-1'],
      ['CyberArk certificate password', "Cyberark.GetPassword.GetPasswordWithFileCertificate Safe: $'''s''' Object: $'''o''' ServerAddress: $'''h''' CertificateFilePassword: $'''c3rtPass''' CertificateFilePath: $'''C:\\\\c.pfx''' PlainTextPassword=> CyberArkPassword", 'c3rtPass'],
      ['Excel password', "Excel.LaunchExcel.LaunchAndOpenUnderExistingProcess Path: $'''C:\\\\a.xlsx''' Visible: True ReadOnly: False Password: $'''xlPass''' LoadAddInsAndMacros: False Instance=> ExcelInstance", 'xlPass'],
      ['Word password', "Word.LaunchWord.LaunchAndOpen Path: $'''C:\\\\a.docx''' Visible: True ReadOnly: False Password: $'''wdPass''' Instance=> WordInstance", 'wdPass'],
      ['PDF password', "Pdf.ExtractTextFromPDF.ExtractText PDFFile: $'''C:\\\\a.pdf''' Password: $'''pdfPass''' ExtractedPDFText=> ExtractedPDFText", 'pdfPass'],
      ['ZIP password', "Compression.ZipFiles.Zip ArchivePath: $'''C:\\\\a.zip''' FilesToZip: $'''C:\\\\x''' CompressionLevel: Compression.CompressionLevel.Normal Password: $'''zipPass''' FilesToExclude: $''''''", 'zipPass'],
      ['SAP password', "SAP.SapLogin.SapLogInOptionTerminate Description: $'''PRD''' Client: $'''100''' Username: $'''u''' Password: $'''sapPass1''' Language: $'''EN''' SapInstance=> SapInstance", 'sapPass1'],
      ['Active Directory password', "ActiveDirectory.ConnectToServer.ConnectToServer LDAPPath: $'''LDAP://dc''' Authentication: ActiveDirectory.AuthenticationType.Secure Username: $'''u''' Password: $'''adPass1''' DirectoryEntry=> ParentDirectoryEntry", 'adPass1'],
      ['AWS secret key', "AWS.CreateEc2Session.CreateEc2SessionWithKeys AccessKeyId: $'''AKIAEXAMPLEKEYID0000''' SecretKey: $'''wJalrXUtnFEMIK7MDENGbPxRfiCYzz''' Region: $'''eu-west-1''' Ec2Client=> Ec2Client", 'wJalrXUtnFEMIK7MDENGbPxRfiCYzz'],
      ['Azure client secret', "Azure.CreateSession TenantId: $'''t''' ClientId: $'''c''' ClientSecret: $'''az~Secret.123''' AzureClient=> AzureClient", 'az~Secret.123'],
      ['Google cognitive API key', "GoogleCognitive.NaturalLanguage.AnalyzeSentiment APIKey: $'''AIzaNotReally1234''' Text: $'''hi''' Language: $'''en''' JSONResponse=> JSONResponse", 'AIzaNotReally1234'],
      ['IBM cognitive API key (lower-case name)', "IBMCognitive.LanguageTranslator.Translate ApiKey: $'''ibm-key-1''' Text: $'''hi''' JSONResponse=> JSONResponse", 'ibm-key-1'],
    ];
    for (const [label, line, secret] of cases) {
      it(label, () => {
        const result = lintRobin(line + '\n');
        assertFindings(line, result, [{ ruleId: RULE, secret, severity: 'error' }]);
        const f = result.findings[0];
        assert.equal(f.placement, 'argument');
        assert.match(f.message, /Use a Get credential action\./);
        assert.ok(f.literalRange && f.literalRange.start < f.range.start && f.literalRange.end > f.range.end);
        assert.ok(f.statementRange && f.statementRange.start === 0);
      });
    }

    it('names the argument and the action in the message, never the value', () => {
      const text = "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Username: $'''u''' Password: $'''demo1234'''\n";
      const f = lintRobin(text).findings[0];
      assert.equal(f.message, "Hard-coded password in argument 'Password' of Email.SendEmail.AuthenticateAndSend. Use a Get credential action.");
      assert.equal(f.context, 'Email.SendEmail.AuthenticateAndSend');
      assert.equal(f.argument, 'Password');
      assert.equal(f.kind, 'password');
    });

    it('any argument whose name says password/secret/token/API key, in any action', () => {
      const text = [
        "Custom.Connector.Open Host: $'''h''' AdminPassword: $'''p1-admin'''",
        "Custom.Connector.Open ApiToken: $'''tok-123456'''",
        "Custom.Connector.Open X_Api_Key: $'''key-123456'''",
        "Custom.Connector.Open ClientSecret: $'''cs-123456'''",
        "Custom.Connector.Open Passphrase: $'''phrase-1'''",
      ].join('\n');
      assertFindings(text, lintRobin(text), [
        { ruleId: RULE, secret: 'p1-admin', kind: 'password' },
        { ruleId: RULE, secret: 'tok-123456', kind: 'token' },
        { ruleId: RULE, secret: 'key-123456', kind: 'api-key' },
        { ruleId: RULE, secret: 'cs-123456', kind: 'client-secret' },
        { ruleId: RULE, secret: 'phrase-1', kind: 'passphrase' },
      ]);
    });

    it('plain single-quoted literals, numbers for password arguments, and each item of a list', () => {
      const text = [
        "Email.SendEmail.AuthenticateAndSend SMTPServer: 's' Password: 'quotedPw'",
        "Excel.LaunchExcel.LaunchAndOpen Path: $'''a.xlsx''' Password: 123456 Instance=> ExcelInstance",
        "Pdf.MergeFiles PDFFiles: Files MergedPDFPath: $'''m.pdf''' Passwords: [$'''first-pw''', $'''second-pw'''] PasswordDelimiter: $''';'''",
      ].join('\n');
      assertFindings(text, lintRobin(text), [
        { ruleId: RULE, secret: 'quotedPw' },
        { ruleId: RULE, secret: '123456' },
        { ruleId: RULE, secret: 'first-pw' },
        { ruleId: RULE, secret: 'second-pw' },
      ]);
    });

    it('escapes inside the literal: the range covers the source characters', () => {
      const text = "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Password: $'''it\\'s-50%%'''\n";
      assertFindings(text, lintRobin(text), [{ ruleId: RULE, secret: "it\\'s-50%%" }]);
    });

    it('@-parameters of RunFlow / cloud connectors and CALL arguments', () => {
      const text = [
        "External.RunFlow FlowId: 'a8bf1ac0-0000-0000-0000-000000000000' @Input_Password: $'''flowPw1''' @Out=> x",
        "External.InvokeCloudConnector Connection: 'c' ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sql' OperationId: 'Op' @'apiKey': $'''conn-key-1''' @Res=> r",
        "CALL 'Log in' In_Password: $'''callPw1'''",
      ].join('\n');
      assertFindings(text, lintRobin(text), [
        { ruleId: RULE, secret: 'flowPw1' },
        { ruleId: RULE, secret: 'conn-key-1' },
        { ruleId: RULE, secret: 'callPw1' },
      ]);
    });

    it('disabled actions and condition actions still hold the secret', () => {
      const text = [
        "DISABLE Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Password: $'''disabledPw'''",
        "IF (Custom.Check.IfOk Token: $'''cond-token-1''') THEN",
        'END',
      ].join('\n');
      assertFindings(text, lintRobin(text), [
        { ruleId: RULE, secret: 'disabledPw' },
        { ruleId: RULE, secret: 'cond-token-1' },
      ]);
    });
  });

  describe('negative: variables, interpolations, placeholders and non-secret names', () => {
    it('variables, properties and expressions', () => {
      assertQuiet(lintRobin([
        "Email.SendEmail.AuthenticateAndSend SMTPServer: Input_SMTPObject['Server'] Username: Input_SMTPObject['Username'] Password: Input_SMTPObject['Password']",
        'Exchange.ConnectToExchangeServer.ConnectWithCredentials Username: Credential.Username Password: Credential.Password ExchangeConnection=> c',
        'Cryptography.DecryptText.DecryptTextWithAES EncryptedTextToDecrypt: x DecryptionKey: Enc_Dec_Key DecryptedText=> y',
        "Email.SendEmail.AuthenticateAndSend Password: 'pre' + Suffix",
      ].join('\n')));
    });

    it('interpolations, the empty-string idiom, empty strings and masks', () => {
      assertQuiet(lintRobin([
        "Email.SendEmail.AuthenticateAndSend Password: $'''%Credential.Password%'''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''%x%'''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''%''%'''",
        "Email.SendEmail.AuthenticateAndSend Password: $''''''",
        "Email.SendEmail.AuthenticateAndSend Password: ''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''********'''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''***'''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''xxx'''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''<password>'''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''{{password}}'''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''YOUR_PASSWORD_HERE'''",
        "Email.SendEmail.AuthenticateAndSend Password: $'''   '''",
      ].join('\n')));
    });

    it('Key-named arguments that are not secrets', () => {
      assertQuiet(lintRobin([
        "Variables.AddItemToDictionary Dictionary: d Key: $'''customer-id''' Value: $'''v'''",
        "MouseAndKeyboard.PressReleaseKey Keys: $'''Enter''' HotKey: $'''Ctrl+S'''",
        "MouseAndKeyboard.SetKeyboardLayout KeyboardLayoutId: 1033 KeyboardLayout: $'''en-US'''",
        "Excel.SortColumnsInWorksheet Instance: ExcelInstance SortKey: $'''A''' PrimaryKey: $'''Id'''",
        "Custom.Registry.Read KeyName: $'''HKLM\\\\Software''' KeyPath: $'''x''' ForeignKey: $'''y'''",
        "MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''{Enter}''' DelayBetweenKeystrokes: 10",
        "Pdf.MergeFiles PDFFiles: Files PasswordDelimiter: $''';'''",
        "External.InvokeCloudConnector Connection: 'c' ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_keyvault' OperationId: 'GetSecret' @secretName: $'''Sec-DB-Password''' @GetSecretResponse=> s",
        "Custom.Token.Page NextPageToken: $'''abc123''' TokenType: $'''Bearer''' SecretName: $'''DbSecret''' KeyVaultUrl: $'''https://kv'''",
        "PowerAutomateSecretVariables.GetCredential Credential: 'SQL robot' Timeout: 0 Credential=> Credential",
        "Cyberark.GetPassword.GetPassword Safe: $'''s''' Object: $'''o''' AuthApp: $'''AIMWebService''' ApplicationId: $'''app''' PlainTextPassword=> CyberArkPassword Password=> CyberArkPassword",
        "Email.SendEmail.AuthenticateAndSend Username: $'''robot''' Password: Credential.Password",
        "Custom.Thing.Do IsPassword: True UsePassword: True PasswordLength: 12",
      ].join('\n')));
    });

    it('comments are never scanned', () => {
      assertQuiet(lintRobin([
        "# Email.SendEmail.AuthenticateAndSend Password: $'''inComment1'''",
        '/#',
        "Email.SendEmail.AuthenticateAndSend Password: $'''inBlockComment'''",
        '#/',
      ].join('\n')));
    });

    it('a rule set to "off" reports nothing; a severity override applies', async () => {
      const { resolveConfig } = await import('../../../src/core/lint');
      const text = "Email.SendEmail.AuthenticateAndSend Password: $'''offPw123'''\n";
      assertQuiet(lintRobin(text, { config: resolveConfig({ rules: { [RULE]: 'off' } }) }));
      const r = lintRobin(text, { config: resolveConfig({ rules: { [RULE]: 'info' } }) });
      assertFindings(text, r, [{ ruleId: RULE, secret: 'offPw123', severity: 'info' }]);
    });
  });
});
