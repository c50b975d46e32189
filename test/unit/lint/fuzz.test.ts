/**
 * Robustness: random mutations of corpus files (and of a planted-secrets script) through the
 * engine never throw, and every range stays inside the text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintBytes, lintText } from '../../../src/core/lint';
import { PUBLIC_CORPUS } from './helpers';
import { rng } from '../../support/random';

const TOKENS = ["$'''", "'''", "'", '%', '%%', '\\', '\\\'', '\n', '\r\n', '#', '/#', '#/', '@@x: ', '@SENSITIVE: [', 'END', 'FUNCTION f GLOBAL\n', 'END FUNCTION\n',
  'IF (', ') THEN\n', '[', ']', '{', '}', '{{', '}}', 'Password: ', "Password: $'''p'''", 'SET Password TO ', ';Password=', '://u:p@', '?api_key=',
  '# flow-vault-disable-next-line', '&amp;', '&lt;', '"', '\\"', '\\u0041', '<Definition>', '</Definition>', '\u0000', '\uFFFD', '\uD800'];

function mutate(text: string, random: () => number): string {
  let s = text;
  const n = 1 + Math.floor(random() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(random() * (s.length + 1));
    const op = Math.floor(random() * 5);
    if (op === 0) s = s.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(Math.min(s.length, at + Math.floor(random() * 200)));
    else if (op === 2) {
      const len = Math.floor(random() * 300);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    } else if (op === 3) s = s.slice(0, at);
    else s = s.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + s.slice(at + 1);
  }
  return s;
}

function checkRanges(text: string, result: ReturnType<typeof lintText>): void {
  for (const f of result.findings) {
    assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, 'range inside the text');
  }
}

const PLANTED = [
  "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''s''' Username: $'''u''' Password: $'''p@ss-1'''",
  "Database.Connect.Connect ConnectionString: $'''Server=s;Database=d;Password=cs-2;''' Connection=> c",
  "Web.InvokeWebService.InvokeWebService Url: $'''https://x.example.com/?api_key=k-3''' CustomHeaders: $'''Authorization: Bearer t-4''' Method: Web.Method.Get",
  "Scripting.RunPowershellScript.RunScript Script: $'''$pw = ConvertTo-SecureString \\'ps-5\\' -AsPlainText -Force''' ScriptOutput=> o",
  "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['L']['Txt_Password'] Text: $'''demo'''",
  "@SENSITIVE: [K]\n@INPUT K : { 'Type': 'String', 'DefaultValue': 'k-6' }",
  "SET ApiToken TO $'''tok-7'''",
].join('\n');

describe('lint: fuzzing never throws', function () {
  this.timeout(120000);

  it('mutations of a script full of planted secrets', () => {
    const random = rng(12345);
    for (let i = 0; i < 400; i++) {
      const text = mutate(PLANTED, random);
      checkRanges(text, lintText('f.robin', text));
    }
  });

  it('mutations of corpus Robin and solution files', function () {
    const files = [
      'pad-labs/modules/08-excel-web-roundtrip/scripts/08-excel-web-roundtrip.robin',
      'pad-labs/modules/09-error-handling/scripts/09-error-handling.robin',
      'pad-framework/src/flows/email-sender/source/send-email-via-smtp.txt',
      'pad-framework/src/flows/flow-template/source/login-to-webpage.txt',
      'pad-framework/src/solutions/local-connectors-only/customizations.xml',
    ].map((f) => path.join(PUBLIC_CORPUS, f)).filter((f) => fs.existsSync(f));
    const random = rng(777);
    for (const file of files) {
      const original = fs.readFileSync(file, 'utf8');
      const name = path.basename(file);
      const rounds = name === 'customizations.xml' ? 25 : 60;
      for (let i = 0; i < rounds; i++) {
        const text = mutate(original, random);
        checkRanges(text, lintText(name, text));
      }
    }
  });

  it('random bytes and truncated zips through lintBytes', function () {
    const random = rng(99);
    for (let i = 0; i < 100; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 400));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
      if (i % 3 === 0 && bytes.length > 4) bytes.set([0x50, 0x4b, 0x03, 0x04]);
      assert.ok(Array.isArray(lintBytes(i % 2 ? 'x.robin' : 'x.zip', bytes)));
    }
    const zip = fs.readFileSync(path.join(PUBLIC_CORPUS, 'pad-framework/solutions/PADFramework_LocalConnectors_1_1_12501_241.zip'));
    for (let i = 0; i < 20; i++) {
      const cut = new Uint8Array(zip.subarray(0, Math.floor(random() * zip.length)));
      if (cut.length > 10) cut[Math.floor(random() * cut.length)] ^= 0xff;
      assert.ok(Array.isArray(lintBytes('s.zip', cut)));
    }
  });
});
