import * as assert from 'node:assert/strict';
import { assertFindings, assertQuiet, lintRobin } from './helpers';

const RULE = 'secret-in-connection-string';

describe('lint rule secret-in-connection-string', () => {
  it('positive: Password= in a ConnectionString argument, the range is the value only', () => {
    const text = "Database.Connect.Connect ConnectionString: $'''Server=sql01;Database=Sales;User Id=robot;Password=S3cret!;''' Connection=> SQLConnection\n";
    const r = lintRobin(text);
    assertFindings(text, r, [{ ruleId: RULE, secret: 'S3cret!', severity: 'error', kind: 'connection-string-password' }]);
    assert.equal(r.findings[0].placement, 'embedded');
  });

  it('positive: Pwd=, quoted, braced and last-pair values, in any literal', () => {
    const text = [
      "Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Driver={SQL Server};Server=s;Uid=u;Pwd=odbcPw1''' Statement: $'''SELECT 1''' Timeout: 30 Result=> r",
      "Database.Connect.Connect ConnectionString: $'''Data Source=s;User ID=u;Password=\\'quo;ted\\';''' Connection=> c",
      "Database.Connect.Connect ConnectionString: $'''Server=s;UID=u;PWD={br;ace}};d};''' Connection=> c",
      "SET ConnStr TO $'''Provider=SQLOLEDB;Data Source=s;User Id=u; Password = spaced1 ;'''",
    ].join('\n');
    assertFindings(text, lintRobin(text), [
      { ruleId: RULE, secret: 'odbcPw1' },
      { ruleId: RULE, secret: 'quo;ted' },
      { ruleId: RULE, secret: 'br;ace}};d' },
      { ruleId: RULE, secret: 'spaced1' },
    ]);
  });

  it('positive: a connection string inside a script and in the @@ConnectionString header', () => {
    const text = [
      "@@ConnectionString: 'Server=s;Database=d;User Id=u;Password=hdrPw1'",
      "Scripting.RunPowershellScript.RunScript Script: $'''$cs = \"Server=s;Database=d;User Id=u;Password=psPw1;\"''' ScriptOutput=> o",
    ].join('\n');
    assertFindings(text, lintRobin(text), [
      { ruleId: RULE, secret: 'hdrPw1' },
      { ruleId: RULE, secret: 'psPw1' },
    ]);
  });

  it('negative: interpolated, empty and masked passwords; integrated security; variables', () => {
    assertQuiet(lintRobin([
      "Database.Connect.Connect ConnectionString: $'''Server=s;User Id=u;Password=%Credential.Password%;''' Connection=> c",
      "Database.Connect.Connect ConnectionString: $'''Server=s;User Id=%Credential.Username%;Pwd=%pwd%''' Connection=> c",
      "Database.Connect.Connect ConnectionString: $'''Server=s;Password=;''' Connection=> c",
      "Database.Connect.Connect ConnectionString: $'''Server=s;Password=********;''' Connection=> c",
      "Database.Connect.Connect ConnectionString: $'''Server=s;Database=d;Integrated Security=SSPI;''' Connection=> c",
      'Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: Input_ConnectionString Statement: $\'\'\'SELECT 1\'\'\' Timeout: 30 Result=> r',
      "@@ConnectionString: ''",
      "SET Note TO $'''Remember: password=reset means the user must change it'''",
    ].join('\n')));
  });
});
