/**
 * Masking: the same secrets (the text of each finding, 2 characters or more, longest first) are
 * masked the same way in the CLI's reports and in the editor's diagnostics: messages, flow names,
 * problems.
 */
import * as assert from 'node:assert/strict';
import { maskSecrets, MIN_MASKED_LENGTH, secretsOf } from '../../../src/core/lint/mask';
import type { FileResult, Finding } from '../../../src/core/lint/types';
import { createEngine } from '../../../src/cli/engine';
import { toReportFile } from '../../../src/cli/report';
import { resultDiagnostics } from '../../../src/extension/resultDiagnostics';
import { packedDiagnostics } from '../../../src/extension/packedDiagnostics';

function finding(text: string, secret: string, extra: Partial<Finding> = {}): Finding {
  const start = text.indexOf(secret);
  return {
    ruleId: 'secret-in-variable', severity: 'error', message: 'Hard-coded password in DbPassword.',
    range: { start, end: start + secret.length }, kind: 'password', placement: 'set', fingerprint: '0'.repeat(32), ...extra,
  };
}

describe('masking secrets in messages', () => {
  it('secretsOf: the trimmed text of each finding, 2 characters or more, longest first, each once', () => {
    const text = "SET a TO $'''xy''' SET b TO $'''Hunter2''' SET c TO $'''z''' SET d TO $'''Hunter2'''";
    const at = (s: string, from = 0) => ({ range: { start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length } });
    assert.equal(MIN_MASKED_LENGTH, 2);
    assert.deepEqual(secretsOf(text, [at('xy'), at('Hunter2'), at('z'), at('Hunter2', 40)]), ['Hunter2', 'xy']);
    assert.deepEqual(secretsOf(text, []), []);
  });

  it('maskSecrets: each occurrence, at most 8 stars; a secret holding another is masked whole; other text is kept', () => {
    assert.equal(maskSecrets('Password xy in xy', ['xy']), 'Password ** in **');
    assert.equal(maskSecrets('Pw Summer2024-long here', ['Summer2024-long', 'Summer']), 'Pw ******** here');
    assert.equal(maskSecrets('Hard-coded password in DbPassword.', ['Hunter2']), 'Hard-coded password in DbPassword.');
    assert.equal(maskSecrets('nothing to mask', []), 'nothing to mask');
  });

  describe('the CLI report and the editor mask alike', () => {
    // A 2-character password, quoted in the message, in the flow's name and in a problem.
    const text = "SET DbPassword TO $'''Q7'''\n";
    const result: FileResult = {
      path: 'flows/a.robin',
      findings: [finding(text, 'Q7', { message: 'Hard-coded password Q7 in DbPassword.', flowName: 'Login Q7' })],
      problems: [{ message: "Unexpected 'Q7' after the value" }],
      suppressed: 0,
    };

    it('the CLI report: message, flow name and problem masked', () => {
      const file = toReportFile(createEngine(), result, [], { cwd: '/w', absolutePath: '/w/flows/a.robin', given: 'flows/a.robin', text, quiet: false });
      assert.equal(file.findings[0]!.message, 'Hard-coded password ** in DbPassword.');
      assert.equal(file.findings[0]!.flowName, 'Login **');
      assert.equal(file.problems[0]!.message, "Unexpected '**' after the value");
      assert.ok(!JSON.stringify(file).includes('Q7'));
    });

    it('the editor, a file on disk: message and problem masked, as in the report', () => {
      const diagnostics = resultDiagnostics(result, text);
      assert.deepEqual(diagnostics.map((d) => d.message), ['Hard-coded password ** in DbPassword.', "Unexpected '**' after the value"]);
    });

    it('the editor, a flow inside a zip: the entry, the masked flow name, the line and the masked message', () => {
      const diagnostics = resultDiagnostics({ ...result, path: 's.zip!/flows/a.robin' }, text, 'flows/a.robin');
      assert.deepEqual(diagnostics.map((d) => d.message), [
        'flows/a.robin (Login **), line 1: Hard-coded password ** in DbPassword.',
        "flows/a.robin: Unexpected '**' after the value",
      ]);
    });

    it('the editor, a packed definition: masked too', () => {
      const packed = packedDiagnostics({ ...result, path: 'Workflows/x.json!/script.robin', text, packedAt: { start: 10, end: 20 } });
      assert.ok(packed.length === 2 && packed.every((d) => !d.message.includes('Q7')), JSON.stringify(packed));
      assert.match(packed[0]!.message, /^script\.robin 1:23: Hard-coded password \*\* in DbPassword\./);
    });

    it('a message without the secret is left as it is (negative case)', () => {
      const clean: FileResult = { ...result, findings: [finding(text, 'Q7')], problems: [] };
      assert.equal(resultDiagnostics(clean, text)[0]!.message, 'Hard-coded password in DbPassword.');
      const file = toReportFile(createEngine(), clean, [], { cwd: '/w', absolutePath: '/w/flows/a.robin', given: 'flows/a.robin', text, quiet: false });
      assert.equal(file.findings[0]!.message, 'Hard-coded password in DbPassword.');
    });
  });
});
