/**
 * The hand-made fixtures in test/fixtures/lint: a solution customizations.xml (two desktop flows,
 * one cloud flow, XML- and JSON-escaped definitions, an <Inputs> schema) and a copied Robin script
 * with a trailer. Every planted secret is found at its exact file range; nothing else is.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintBytes, lintText } from '../../../src/core/lint';
import { assertNoSecretInMessages, FIXTURES, rangeOf } from './helpers';

function read(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

describe('lint: test/fixtures/lint', () => {
  it('customizations.xml: findings at file offsets, per flow, suppression honoured, cloud flows ignored', () => {
    const xml = read('customizations.xml');
    const r = lintText('solution/customizations.xml', xml);
    assert.deepEqual(r.problems, []);
    const got = r.findings.map((f) => [f.ruleId, f.flowName, f.severity, f.range.start, f.range.end]);
    const at = (needle: string): [number, number] => {
      const x = rangeOf(xml, needle);
      return [x.start, x.end];
    };
    assert.deepEqual(got, [
      // <Inputs>: "format":"password" with a default value.
      ['secret-in-input-default', 'Fixture: Secrets & Co', 'error', ...at('fixtureInputsDefault')],
      // @INPUT Enc_Dec_Key (in @SENSITIVE) with 'DefaultValue': '…'.
      ['secret-in-input-default', 'Fixture: Secrets & Co', 'error', ...at('fixtureAes12345')],
      // Password= in a connection string; in the file the value is XML-escaped.
      ['secret-in-connection-string', 'Fixture: Secrets & Co', 'error', ...at('fixtureDb&lt;&amp;&gt;Pw')],
      // Typed into Txt_Password; in the file the Robin \' is JSON-escaped to \\'.
      ['secret-typed-into-password-field', 'Fixture: Secrets & Co', 'error', ...at("fixtureTyped\\\\'Pw")],
      // api_key= in a URL of the second flow.
      ['secret-in-url', 'Fixture: Web', 'error', ...at('fixtureQueryKey9')],
    ]);
    // The SMTP password under `# flow-vault-disable-next-line` is counted, not reported.
    assert.equal(r.suppressed, 1);
    assertNoSecretInMessages(r, ['fixtureInputsDefault', 'fixtureAes12345', 'fixtureDb', 'fixtureTyped', 'fixtureQueryKey9', 'fixtureSuppressedPw', 'notADesktopFlow1']);
    // Statement ranges point at the action in the file, for inserting a Get credential before it.
    const cs = r.findings[2];
    assert.ok(cs.statementRange && xml.slice(cs.statementRange.start, cs.statementRange.end).startsWith('Database.Connect.Connect'));
  });

  it('planted.robin: SET, PowerShell and command-line secrets; the trailer is not scanned', () => {
    const text = read('planted.robin');
    const r = lintText('flows/planted.robin', text);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, text.slice(f.range.start, f.range.end)]), [
      ['secret-in-variable', 'fixtureSetPw'],
      ['secret-in-script', 'fixturePsPw'],
      ['secret-in-script', 'fixtureArgPw'],
    ]);
    assertNoSecretInMessages(r, ['fixtureSetPw', 'fixturePsPw', 'fixtureArgPw']);
  });

  it('the same solution read as bytes gives the same findings', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'customizations.xml')));
    const [asBytes] = lintBytes('customizations.xml', bytes);
    assert.deepEqual(asBytes.findings, lintText('customizations.xml', read('customizations.xml')).findings);
  });
});
