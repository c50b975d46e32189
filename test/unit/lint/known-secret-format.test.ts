import * as assert from 'node:assert/strict';
import { assertFindings, assertQuiet, lintRobin } from './helpers';

const RULE = 'known-secret-format';

// Format-valid but fake tokens, built at run time so that no token-shaped string sits in the repo.
const GITHUB = 'ghp_' + 'Ab1'.repeat(12);
const NPM = 'npm_' + 'Zy9'.repeat(12);
const SLACK_HOOK = 'https://hooks.slack.com/services/T' + 'ABC123DEF' + '/B' + 'GHI456JKL' + '/' + 'Xy'.repeat(12);
const PEM_BODY = 'MII' + 'Ab12'.repeat(40);
const PEM = '-----BEGIN RSA PRIVATE KEY-----\n' + PEM_BODY + '\n-----END RSA PRIVATE KEY-----';
const MONGO_PW = 'm0ngoPw' + 'Q'.repeat(3);

describe('lint rule known-secret-format (secretlint recommended preset)', () => {
  it('positive: tokens in any literal, whole or embedded, with exact ranges', () => {
    const text = [
      `SET Notes TO $'''deploy with ${GITHUB} please'''`,
      `Web.InvokeWebService.InvokeWebService Url: $'''${SLACK_HOOK}''' Method: Web.Method.Post`,
      `Scripting.RunPowershellScript.RunScript Script: $'''npm config set //registry.npmjs.org/:_authToken ${NPM}''' ScriptOutput=> o`,
      `SET Cert TO $'''${PEM}'''`,
      `SET Mixed TO $'''%Prefix% ${GITHUB}'''`,
    ].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [
      { ruleId: RULE, secret: GITHUB, severity: 'error', kind: 'token' },
      { ruleId: RULE, secret: SLACK_HOOK, kind: 'webhook-url' },
      { ruleId: RULE, secret: NPM, kind: 'token' },
      { ruleId: RULE, secret: PEM, kind: 'private-key' },
      { ruleId: RULE, secret: GITHUB, occurrence: 1 },
    ]);
    assert.match(r.findings[0].message, /^Possible GitHub token in variable 'Notes'\./);
    assert.equal(r.findings[0].placement, 'embedded');
    assert.equal(r.findings[3].placement, 'set');
  });

  it('a more specific rule keeps a range secretlint also reports (one finding per secret)', () => {
    const text = [
      `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Password: $'''${GITHUB}'''`,
      `SET MongoUri TO $'''mongodb://app:${MONGO_PW}@db.contoso.net:27017/orders'''`,
    ].join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, [
      { ruleId: 'secret-in-password-argument', secret: GITHUB },
      { ruleId: 'secret-in-url', secret: MONGO_PW },
    ]);
  });

  it('with the narrower rule off, secretlint\'s own range is kept', async () => {
    const { resolveConfig } = await import('../../../src/core/lint');
    const uri = `mongodb://app:${MONGO_PW}@db.contoso.net:27017/orders`;
    const text = `SET MongoUri TO $'''${uri}'''\n`;
    const r = lintRobin(text, { config: resolveConfig({ rules: { 'secret-in-url': 'off' } }) });
    assertFindings(text, r, [{ ruleId: RULE, secret: uri, kind: 'connection-string-password' }]);
  });

  it('negative: GUIDs, paths, long ordinary text, tokens in comments and in the trailer', () => {
    assertQuiet(lintRobin([
      "External.RunFlow FlowId: 'a8bf1ac0-1234-4cde-9f00-0123456789ab' WaitToComplete: True",
      "SET Path TO $'''C:\\\\Users\\\\robot\\\\AppData\\\\Local\\\\Microsoft\\\\PowerAutomateDesktop\\\\Logs'''",
      "SET Text TO $'''TheQuickBrownFoxJumpsOverTheLazyDogAgainAndAgain'''",
      `# ${GITHUB}`,
      '# [ControlRepository][PowerAutomateDesktop]',
      '',
      `{ "ControlRepositorySymbols": [], "Token": "${GITHUB}" }`,
    ].join('\n')));
  });
});
