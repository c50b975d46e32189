// The canary (test/support/canary.ts) through the command line: planted in a flow, a Robin .txt,
// a flow that does not parse, a customizations.xml (one good definition, one that is not JSON)
// and a solution zip. Every report format, to stdout and to a file, the baseline file, stderr
// and the worker-thread path must say where the findings are and never hold the value.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoCanary, canaryFiles, hasCanary, CANARY } from '../../support/canary';
import { cleanup, runCli, tempDir, write, type RunResult } from './helpers';

interface JsonReportFile {
  filePath: string;
  messages: { ruleId: string }[];
  problems: { message: string }[];
}

describe('the canary secret through flow-vault lint', () => {
  let dir: string;
  before(() => {
    dir = tempDir('fv-leak-');
    for (const f of canaryFiles()) write(dir, f.path, f.data);
  });
  after(cleanup);

  const checked = (what: string, r: RunResult): RunResult => {
    assertNoCanary(`${what}: stdout`, r.stdout);
    assertNoCanary(`${what}: stderr`, r.stderr);
    return r;
  };

  it('is a value the checks can see (the inputs hold it; a report that quoted it would be caught)', () => {
    for (const f of canaryFiles().filter((x) => !x.path.endsWith('.zip'))) {
      assert.ok(hasCanary(f.data.toString('utf8')), `${f.path} holds the canary`);
    }
    assert.ok(hasCanary(`Password: ${CANARY.slice(0, 3)}${CANARY.slice(3)}`));
    assert.ok(hasCanary(`masked: ${CANARY.slice(0, 6)}****`), 'a kept prefix is a leak');
    assert.throws(() => assertNoCanary('x', CANARY), (e: Error) => !e.message.includes(CANARY) && /leaked into x/.test(e.message));
  });

  it('finds it in every form, and reports the parts it could not read, in JSON without the value', () => {
    const r = checked('json', runCli(['lint', '--format', 'json', '--no-progress', '.'], dir));
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as JsonReportFile[];
    const byFile = new Map(report.map((f) => [f.filePath, f]));
    for (const file of [
      'canary/nightly-report.robin',
      'canary/copied-from-designer.txt',
      'canary/solution/customizations.xml',
      'canary/NightlyReport_1_0_0_0.zip!/customizations.xml',
      'canary/broken.robin',
    ]) {
      assert.ok((byFile.get(file)?.messages.length ?? 0) > 0, `findings in ${file}`);
    }
    assert.ok((byFile.get('canary/broken.robin')?.problems.length ?? 0) > 0, 'the broken flow has a problem');
    assert.ok((byFile.get('canary/solution/customizations.xml')?.problems.length ?? 0) > 0, 'the broken definition has a problem');
  });

  for (const format of ['stylish', 'json', 'sarif']) {
    it(`writes ${format} to stdout and to a file without the value`, () => {
      checked(`${format} to stdout`, runCli(['lint', '--format', format, '--no-progress', '.'], dir));
      const out = path.join(dir, `report.${format}`);
      const r = checked(`${format} to a file`, runCli(['lint', '--format', format, '--no-progress', '-o', out, '.'], dir));
      assert.equal(r.code, 1);
      const text = fs.readFileSync(out, 'utf8');
      assert.ok(text.length > 200, 'the report was written');
      fs.rmSync(out);
      assertNoCanary(`the ${format} report file`, text);
    });
  }

  it('keeps it out of the baseline file, and out of what a run against the baseline prints', () => {
    const baseline = path.join(dir, '.flowvault-baseline.json');
    try {
      const w = checked('--write-baseline', runCli(['lint', '--write-baseline', '--no-progress', '.'], dir));
      assert.equal(w.code, 0, w.stderr);
      assertNoCanary('the baseline file', fs.readFileSync(baseline, 'utf8'));
      for (const format of ['stylish', 'json', 'sarif']) {
        const r = checked(`${format} with the baseline`, runCli(['lint', '--format', format, '--no-progress', '.'], dir));
        assert.equal(r.code, 0, `${format}: every finding is in the baseline`);
      }
    } finally {
      fs.rmSync(baseline, { force: true });
    }
  });

  it('keeps it out of the worker-thread path and of debug output', () => {
    checked('-j 2', runCli(['lint', '-j', '2', '--format', 'json', '--no-progress', '.'], dir));
    const debug = checked('FLOW_VAULT_DEBUG', runCli(['lint', '--no-progress', '.'], dir, { env: { ...process.env, NO_COLOR: '1', FLOW_VAULT_DEBUG: '1' } }));
    assert.equal(debug.code, 1);
  });
});
