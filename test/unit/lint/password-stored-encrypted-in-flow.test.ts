import * as assert from 'node:assert/strict';
import { applyEdits, FixableFile } from '../../../src/core/fix';
import { lintText } from '../../../src/core/lint';
import { readCustomizations } from '../../../src/core/solution';
import { TEMPLATE } from '../fix/helpers';
import { assertFindings, assertQuiet, lintRobin, makeCustomizations } from './helpers';

const RULE = 'password-stored-encrypted-in-flow';
/** A DPAPI-shaped blob as PAD writes it (pad-formats §2.1); made up, not from a real flow. */
const BLOB = 'AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAAexampleOnlyNotARealBlob0123456789+/==';
const ENC = `P'${BLOB}'`;

const POPULATE = `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: NewBrowser Control: appmask['Web Page']['Input password'] Text: ${ENC} Mode: WebAutomation.PopulateTextMode.Replace EmulateTyping: True UnfocusAfterPopulate: False`;

describe('lint rule password-stored-encrypted-in-flow', () => {
  describe('positive', () => {
    it("PopulateTextField Text: P'…' (the real shape of pad-formats §2.1)", () => {
      const text = POPULATE + '\n';
      const result = lintRobin(text);
      assertFindings(text, result, [{ ruleId: RULE, secret: ENC, severity: 'warning', kind: 'password' }]);
      const f = result.findings[0];
      assert.equal(f.placement, 'argument');
      assert.deepEqual(f.literalRange, f.range);
      assert.equal(f.argument, 'Text');
      assert.equal(f.context, 'WebAutomation.PopulateTextField.PopulateTextField');
      assert.equal(
        f.message,
        "Password stored encrypted in the flow in argument 'Text' of WebAutomation.PopulateTextField.PopulateTextField: it is tied to the machine where it was typed and cannot be rotated or shared. Use a Get credential action.",
      );
    });

    it("any argument, whatever its name: P'…' is a sensitive input by definition", () => {
      const text = `Excel.LaunchExcel.LaunchAndOpenUnderExistingProcess Path: $'''C:\\\\a.xlsx''' Visible: True Password: ${ENC} Instance=> ExcelInstance\nCustom.Thing.Do Foo: ${ENC}\n`;
      assertFindings(text, lintRobin(text), [
        { ruleId: RULE, secret: ENC, occurrence: 0 },
        { ruleId: RULE, secret: ENC, occurrence: 1 },
      ]);
    });

    it("SET x TO P'…'", () => {
      const text = `SET Greeting TO ${ENC}\n`;
      const result = lintRobin(text);
      assertFindings(text, result, [{ ruleId: RULE, secret: ENC, severity: 'warning' }]);
      assert.equal(result.findings[0].placement, 'set');
      assert.equal(result.findings[0].argument, 'Greeting');
    });

    it("CALL argument", () => {
      const text = `CALL Login Pwd: ${ENC} User: $'''bob'''\n`;
      const result = lintRobin(text);
      assertFindings(text, result, [{ ruleId: RULE, secret: ENC }]);
      assert.match(result.findings[0].message, /of the call to subflow 'Login'/);
    });

    it('inside a customizations.xml definition, at the place in the XML', () => {
      const robin = `IMPORT 'controlRepo.appmask' AS appmask\r\n${POPULATE}\r\n`;
      const xml = makeCustomizations([{ name: 'Login flow', definition: robin }]);
      const result = lintText('solution/customizations.xml', xml);
      const mine = result.findings.filter((f) => f.ruleId === RULE);
      assert.equal(mine.length, 1);
      assert.equal(xml.slice(mine[0].range.start, mine[0].range.end), ENC);
      assert.equal(mine[0].flowName, 'Login flow');
      assert.ok(!mine[0].message.includes(BLOB.slice(0, 12)));
    });

    it('the Get credential fix replaces the whole value, in Robin and in the XML', () => {
      const text = POPULATE + '\nWAIT 1\n';
      const finding = lintRobin(text).findings[0];
      const file = new FixableFile(text, 'robin');
      assert.equal(file.getCredentialProblem(finding), undefined);
      const fixed = file.useGetCredential([finding], { template: TEMPLATE, credentialName: 'Portal' });
      assert.ok(fixed.ok);
      const out = applyEdits(text, fixed.edits);
      assert.ok(!out.includes(BLOB));
      assert.ok(out.includes(' Text: Credential.Password Mode: WebAutomation.PopulateTextMode.Replace'));
      assert.deepEqual(lintRobin(out).findings.map((f) => f.ruleId), []);

      const xml = makeCustomizations([{ name: 'Flow', definition: `SET pw TO ${ENC}\r\n` }]);
      const xf = lintText('solution/customizations.xml', xml).findings.find((f) => f.ruleId === RULE);
      assert.ok(xf);
      const xfile = new FixableFile(xml, 'solution-xml');
      const xfixed = xfile.useGetCredential([xf], { template: TEMPLATE, credentialName: 'Portal' });
      assert.ok(xfixed.ok);
      const xout = applyEdits(xml, xfixed.edits);
      assert.ok(!xout.includes(BLOB));
      const def = readCustomizations(xout).flows[0].definition?.text ?? '';
      assert.match(def, /\r\nSET pw TO Credential\.Password\r\n$/);
    });
  });

  describe('negative', () => {
    const cases: [string, string][] = [
      ['a variable named P', "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: B Control: appmask['p']['Input password'] Text: P Mode: WebAutomation.PopulateTextMode.Replace\nSET x TO P\n"],
      ["P, a space, then a string", "SET x TO P + 'a'\nCustom.Thing.Do Foo: P 'abc'\n"],
      ['%P% inside a string', "SET x TO $'''%P%'''\nCustom.Thing.Do Text: $'''%P%'''\n"],
      ["a P'…' inside a string or a comment", "SET x TO $'''P'abc' x'''\n# Text: P'QUJD'\n"],
    ];
    for (const [label, text] of cases) {
      it(label, () => {
        const result = lintRobin(text);
        assert.deepEqual(result.findings.filter((f) => f.ruleId === RULE).map((f) => f.message), []);
      });
    }

    it('a flow without any stays quiet', () => {
      assertQuiet(lintRobin("SET Pa TO 1\nCustom.Thing.Do Text: Pa\n"));
    });
  });
});
