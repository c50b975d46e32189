import * as assert from 'assert';
import { ENV_VAR_TYPE, SECRET_STORE } from '../../../src/core/credentials/facts';
import { createReport, formatJson, formatMarkdown, formatText, read, runChecks, summarize, type DoctorCheck, type DoctorFacts } from '../../../src/core/doctor';
import { assertNoCanary, CANARY } from '../../support/canary';
import { NOW, credentialInput, healthyFacts, machine } from './facts';
import { doctorReportErrors } from './schema';

const CONTEXT = { cloud: 'Azure', environment: 'Contoso RPA', environmentUrl: 'https://contoso-rpa.crm4.dynamics.com', machine: 'ROBOT-01', signedInAs: 'maker@contoso.com', checkedAt: new Date(NOW).toISOString(), durationMs: 840 };

/** A run with failures, warnings and skips of every group. */
function brokenFacts(): DoctorFacts {
  const base = healthyFacts();
  const input = credentialInput();
  return {
    ...base,
    machine: { ...base.machine!, machines: read([machine({ statusCode: 3, keyDeliveryStatus: 2 })]) },
    local: { platform: 'linux' },
    credentials: [
      { name: 'SAP robot', usedIn: ['flows/Invoice.robin'], lookup: read({ ...input, subscription: { ...input.subscription!, powerPlatformProvider: 'NotRegistered' } }) },
      { name: 'Missing | one', lookup: read(null) },
      { name: 'Slow', lookup: { status: 'timeout', reason: 'no answer in 10 s' } },
    ],
  };
}

describe('doctor/report formats', () => {
  it('summarises: the worst status of the checks that ran', () => {
    const mk = (status: DoctorCheck['status']): DoctorCheck => ({ id: 'x', group: 'machine', title: 'x', status, evidence: 'e' });
    assert.deepStrictEqual(summarize([mk('pass'), mk('warn'), mk('skip')]), { total: 3, pass: 1, warn: 1, fail: 0, skip: 1, status: 'warn' });
    assert.strictEqual(summarize([mk('pass'), mk('fail')]).status, 'fail');
    assert.strictEqual(summarize([mk('pass')]).status, 'pass');
    assert.strictEqual(summarize([mk('skip')]).status, 'skip');
  });

  it('orders the checks by group: environment, machine, this computer, credentials', () => {
    const groups = createReport(CONTEXT, runChecks(brokenFacts())).checks.map((c) => c.group);
    const order = [...new Set(groups)];
    assert.deepStrictEqual(order, ['environment', 'machine', 'local', 'credential']);
  });

  it('JSON validates against the schema in the repository, for a healthy and a broken run', () => {
    for (const facts of [healthyFacts(), brokenFacts()]) {
      const doc = JSON.parse(formatJson(createReport(CONTEXT, runChecks(facts))));
      assert.deepStrictEqual(doctorReportErrors(doc), []);
      assert.ok(doc.checks.length > 20);
      for (const c of doc.checks) assert.deepStrictEqual(Object.keys(c), ['id', 'group', 'title', 'subject', 'status', 'evidence', 'fix']);
    }
  });

  it('the schema rejects what it should (an unknown status, a missing fix, a non-kebab id)', () => {
    const doc = JSON.parse(formatJson(createReport(CONTEXT, runChecks(healthyFacts()))));
    const bad = (mutate: (c: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(doc));
      mutate(copy.checks[0]);
      return doctorReportErrors(copy);
    };
    assert.notDeepStrictEqual(bad((c) => (c.status = 'ok')), []);
    assert.notDeepStrictEqual(bad((c) => delete c.fix), []);
    assert.notDeepStrictEqual(bad((c) => (c.id = 'Machine_Status')), []);
    assert.notDeepStrictEqual(doctorReportErrors({ checks: [] }), []);
  });

  it('text groups the checks under headings, with marks, evidence and fixes, and ends with the summary', () => {
    const text = formatText(createReport(CONTEXT, runChecks(brokenFacts())));
    assert.match(text, /^Flow Vault doctor: environment Contoso RPA \(https:\/\/contoso-rpa\.crm4\.dynamics\.com\), machine ROBOT-01, cloud Azure, signed in as maker@contoso\.com\nChecked 2026-12-03T06:00:00\.000Z in 0\.8 s\.\n/);
    assert.match(text, /\nMachine registration\n {2}✓ Machine is registered in the environment {2}machine-registered\n/);
    assert.match(text, /\n {2}✗ Machine status {2}machine-status\n {6}Status of ROBOT-01: requires reconnection/);
    assert.match(text, /\n {6}Fix: Register the Microsoft\.PowerPlatform resource provider .*\n {8}az provider register --namespace Microsoft\.PowerPlatform --subscription /);
    assert.match(text, /\n {2}- 8 checks of Slow skipped {2}credential-exists, credential-reference, .*credential-secret-expiry\n {6}The credential could not be read: timed out \(no answer in 10 s\)/);
    assert.match(text, /\n {2}- 7 checks of Missing \| one skipped {2}credential-reference, /);
    assert.match(text, /\d+ checks: \d+ failed, \d+ warnings?, \d+ passed, \d+ skipped\.\n$/);
  });

  it('text colours by status when given a style', () => {
    const style = { red: (s: string) => `<r>${s}</r>`, yellow: (s: string) => `<y>${s}</y>`, green: (s: string) => `<g>${s}</g>`, dim: (s: string) => s, bold: (s: string) => s };
    const text = formatText(createReport(CONTEXT, runChecks(brokenFacts())), style);
    assert.match(text, /<r>✗<\/r> Machine status/);
    assert.match(text, /<y>!<\/y> Machine key delivery/);
    assert.match(text, /<r>\d+ checks:/);
  });

  it('Markdown for a support ticket: context table, a table per group, what to fix with commands; names escaped', () => {
    const text = formatMarkdown(createReport(CONTEXT, runChecks(brokenFacts())));
    assert.match(text, /^# Flow Vault doctor report\n\n\| \| \|\n\|---\|---\|\n\| Environment \| Contoso RPA \(https:\/\/contoso-rpa\.crm4\.dynamics\.com\) \|/);
    assert.match(text, /\n## Credentials\n\n\| Status \| Check \| Evidence \|\n\|---\|---\|---\|\n/);
    assert.match(text, /Missing \\\| one/);
    assert.match(text, /\n## What to fix\n/);
    assert.match(text, /```sh\n {2}az provider register --namespace Microsoft\.PowerPlatform --subscription [0-9a-f-]+\n {2}```/);
    assert.ok(!/\| pass \|.*Fix/.test(text));
  });

  it('no format prints a secret value, even one pasted into a variable instead of a reference (canary)', () => {
    const input = credentialInput();
    const facts: DoctorFacts = {
      ...healthyFacts(),
      credentials: [
        {
          name: 'Pasted',
          lookup: read({ ...input, credential: { ...input.credential, password: { id: 'v', schemaName: 'new_Pasted', type: ENV_VAR_TYPE.secret, secretStore: SECRET_STORE.azureKeyVault, currentValue: CANARY } } }),
        },
        {
          name: 'Pasted default',
          lookup: read({ ...input, credential: { ...input.credential, password: { id: 'v', schemaName: 'new_Pasted2', type: ENV_VAR_TYPE.secret, defaultValue: `p@ss/${CANARY}` } } }),
        },
      ],
    };
    const checks = runChecks(facts);
    assert.strictEqual(checks.filter((c) => c.id === 'credential-reference' && c.status === 'fail').length, 2);
    const report = createReport(CONTEXT, checks);
    assertNoCanary('the text report', formatText(report));
    assertNoCanary('the JSON report', formatJson(report));
    assertNoCanary('the Markdown report', formatMarkdown(report));
  });
});
