/** The diagnostics of a definition packed in a Workflows JSON: where they go and what they say. */
import * as assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint';
import { PACKED_NOT_EDITABLE } from '../../../src/core/solution';
import { packedDiagnostics } from '../../../src/extension/packedDiagnostics';
import { PACKED_SECRET, packedWorkflowJson, secretPosition } from '../../support/workflow-package';

describe('host: diagnostics of a packed definition (Workflows JSON)', () => {
  it('puts each finding on the whole package string, with the line:col inside script.robin, the rule and why there is no fix', () => {
    const json = packedWorkflowJson();
    const result = lintText('Workflows/RPA-1.json', json);
    const diagnostics = packedDiagnostics(result);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    const start = json.indexOf('"package": "') + '"package": '.length;
    const end = json.indexOf('"', start + 1) + 1;
    assert.deepEqual(d!.range, { start, end });
    const at = secretPosition();
    assert.ok(d!.message.startsWith(`script.robin ${at.line}:${at.column}: Hard-coded password`), d!.message);
    assert.ok(d!.message.includes('(secret-in-password-argument)'));
    assert.ok(d!.message.endsWith(PACKED_NOT_EDITABLE));
    assert.equal(d!.severity, 'error');
    assert.equal(d!.ruleId, 'secret-in-password-argument');
    assert.ok(!d!.message.includes(PACKED_SECRET));
  });

  it('shows a parse problem of the packed script on the package too, as a problem without a rule', () => {
    const json = packedWorkflowJson("SET x TO 1\r\nEND\r\n");
    const diagnostics = packedDiagnostics(lintText('Workflows/RPA-1.json', json));
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]!.message, /^script\.robin 2:1: END without an open block/);
    assert.equal(diagnostics[0]!.ruleId, undefined);
    assert.equal(diagnostics[0]!.severity, undefined);
  });

  it('gives nothing for a clean package, and nothing for a result that was not unpacked', () => {
    assert.deepEqual(packedDiagnostics(lintText('Workflows/RPA-1.json', packedWorkflowJson("SET x TO 1\r\n"))), []);
    assert.deepEqual(packedDiagnostics(lintText('a.robin', `SET Password TO $'''${PACKED_SECRET}'''\n`)), []);
  });
});
