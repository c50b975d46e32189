import { assertFindings, assertQuiet, lintRobin } from './helpers';

const RULE = 'secret-in-script';

const ps = (body: string): string => `Scripting.RunPowershellScript.RunScript Script: $'''${body}''' ScriptOutput=> PowershellOutput ScriptError=> ScriptError`;

describe('lint rule secret-in-script', () => {
  describe('PowerShell', () => {
    it('positive: ConvertTo-SecureString -AsPlainText, -Password parameter, $password = , PSCredential', () => {
      const text = [
        ps("$pw = ConvertTo-SecureString \\'Pl@in1\\' -AsPlainText -Force"),
        ps("Connect-Thing -Server s -Password \\'paramPw1\\'"),
        ps("$password = \\'assignPw1\\'\r\n$user = \\'u\\'"),
        ps("$cred = New-Object System.Management.Automation.PSCredential(\\'u\\', (ConvertTo-SecureString \"credPw1\" -AsPlainText -Force))"),
        ps("$ApiKey = \"psApiKey123\""),
      ].join('\n');
      assertFindings(text, lintRobin(text), [
        { ruleId: RULE, secret: 'Pl@in1', severity: 'error' },
        { ruleId: RULE, secret: 'paramPw1' },
        { ruleId: RULE, secret: 'assignPw1' },
        { ruleId: RULE, secret: 'credPw1' },
        { ruleId: RULE, secret: 'psApiKey123', kind: 'api-key' },
      ]);
    });

    it('negative: variables, environment, interpolations from the flow, Credential Manager reads', () => {
      assertQuiet(lintRobin([
        ps('$pw = ConvertTo-SecureString $env:PW -AsPlainText -Force'),
        ps("$pw = ConvertTo-SecureString \\'%Credential.Password%\\' -AsPlainText -Force"),
        ps('Connect-Thing -Password $securePw'),
        ps('$password = Read-Host -AsSecureString'),
        ps("$password = \\'\\'"),
        ps('$cred = Get-StoredCredential -Target MyApp'),
        ps("Stop-Process -Name \\\"EXCEL\\\" -Force\r\nWrite-Host \"Enter password: \""),
      ].join('\n')));
    });
  });

  describe('cmd and command lines', () => {
    it('positive: net use, psexec -p, sqlcmd -P, curl -u, runas pipes, /password: switches, --password', () => {
      const text = [
        "Cmd.Write Session: CmdSession Command: $'''net use Z: \\\\\\\\\\\\\\\\fs01\\\\share netUsePw1 /user:CONTOSO\\\\svc''' SendEnter: True",
        "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''psexec \\\\\\\\\\\\\\\\srv -u admin -p psexecPw1 cmd''' StandardOutput=> o",
        "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''sqlcmd -S srv -U sa -P sqlPw1 -Q \"SELECT 1\"''' StandardOutput=> o",
        "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''curl -u admin:curlPw1 https://x.example.com''' StandardOutput=> o",
        "System.RunApplication.RunApplication ApplicationPath: $'''C:\\\\tools\\\\sync.exe''' CommandLineArguments: $'''/user:svc /password:argPw1 /quiet''' WindowStyle: System.ProcessWindowStyle.Normal ProcessId=> AppProcessId",
        "System.RunApplication.RunApplication ApplicationPath: $'''backup.exe''' CommandLineArguments: $'''--host h --password longOptPw1''' ProcessId=> p",
        "System.RunApplication.RunApplication ApplicationPath: $'''tool.exe''' CommandLineArguments: $'''user=svc password=kvPw1''' ProcessId=> p",
        "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''echo runasPw1| runas /user:admin cmd''' StandardOutput=> o",
        "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''net user robot newUserPw1 /add''' StandardOutput=> o",
      ].join('\n');
      assertFindings(text, lintRobin(text), [
        { ruleId: RULE, secret: 'netUsePw1' },
        { ruleId: RULE, secret: 'psexecPw1' },
        { ruleId: RULE, secret: 'sqlPw1' },
        { ruleId: RULE, secret: 'curlPw1' },
        { ruleId: RULE, secret: 'argPw1' },
        { ruleId: RULE, secret: 'longOptPw1' },
        { ruleId: RULE, secret: 'kvPw1' },
        { ruleId: RULE, secret: 'runasPw1' },
        { ruleId: RULE, secret: 'newUserPw1' },
      ]);
    });

    it('negative: prompts, cmd variables, msbuild properties, ordinary arguments', () => {
      assertQuiet(lintRobin([
        "Cmd.Write Session: CmdSession Command: $'''net use Z: \\\\\\\\\\\\\\\\fs01\\\\share * /user:CONTOSO\\\\svc''' SendEnter: True",
        "Cmd.Write Session: CmdSession Command: $'''net use Z: \\\\\\\\\\\\\\\\fs01\\\\share %%NETPW%% /user:svc''' SendEnter: True",
        "Cmd.Write Session: CmdSession Command: $'''net use Z: /delete''' SendEnter: True",
        "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''msbuild app.sln /p:Configuration=Release''' StandardOutput=> o",
        "System.RunApplication.RunApplication ApplicationPath: $'''notepad.exe''' CommandLineArguments: $'''C:\\\\temp\\\\passwords-policy.txt''' ProcessId=> p",
        "System.RunApplication.RunApplication ApplicationPath: $'''tool.exe''' CommandLineArguments: $'''--password %Credential.Password%''' ProcessId=> p",
        "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''sqlcmd -S srv -E -Q \"SELECT 1\"''' StandardOutput=> o",
      ].join('\n')));
    });
  });

  describe('VBScript, JavaScript, Python, .NET', () => {
    it('positive: assignments of secret-named variables to literals', () => {
      const text = [
        "Scripting.RunVBScript.RunVBScript VBScriptCode: $'''Dim pwd\r\npwd = \"vbsPw1\"\r\nWScript.Echo 1''' ScriptOutput=> o",
        "Scripting.RunJavascript JavascriptCode: $'''var apiKey = \\'jsKey-123456\\';\r\nconst token = \"jsTok123\";''' ScriptOutput=> o",
        "Scripting.RunPythonScript.RunPythonScript PythonCode: $'''password = \\'pyPw1\\'\r\nrequests.get(u, auth=(\\'u\\', \\'pyAuthPw1\\'))''' ScriptOutput=> o",
        "Scripting.RunDotNetScript Language: System.DotNetActionLanguageType.CSharp Script: $'''var c = new NetworkCredential(\"u\", \"netPw1\");''' @'name:x': y",
        "WebAutomation.ExecuteJavascript BrowserInstance: Browser Javascript: $'''function ExecuteScript() { var cfg = { \"clientSecret\": \"jsonSecret1\" }; }''' Result=> Result",
      ].join('\n');
      assertFindings(text, lintRobin(text), [
        { ruleId: RULE, secret: 'vbsPw1' },
        { ruleId: RULE, secret: 'jsKey-123456' },
        { ruleId: RULE, secret: 'jsTok123', kind: 'token' },
        { ruleId: RULE, secret: 'pyPw1' },
        { ruleId: RULE, secret: 'pyAuthPw1' },
        { ruleId: RULE, secret: 'netPw1' },
        { ruleId: RULE, secret: 'jsonSecret1', kind: 'client-secret' },
      ]);
    });

    it('negative: reads from the environment or the flow, comparisons, non-secret names', () => {
      assertQuiet(lintRobin([
        "Scripting.RunPythonScript.RunPythonScript PythonCode: $'''password = os.environ[\"PW\"]\r\ntoken = get_token()\r\nif password == \"\":\r\n  pass''' ScriptOutput=> o",
        "Scripting.RunVBScript.RunVBScript VBScriptCode: $'''pwd = \"%Credential.Password%\"\r\nmsg = \"Password expired\"''' ScriptOutput=> o",
        "Scripting.RunJavascript JavascriptCode: $'''var passwordField = document.getElementById(\"pwd\"); var tokenType = \"bearer\";''' ScriptOutput=> o",
      ].join('\n')));
    });
  });
});
