import * as assert from 'assert';
import { MACHINE_CHECK_IDS, read, runChecks, type DoctorFacts, type MachineLookupFacts } from '../../../src/core/doctor';
import { NOW, checkOf, healthyFacts, machine } from './facts';

function withMachine(over: Partial<MachineLookupFacts>): DoctorFacts {
  const base = healthyFacts();
  return { ...base, machine: { ...base.machine!, ...over } };
}

function withRecord(over: Parameters<typeof machine>[0]): DoctorFacts {
  return withMachine({ machines: read([machine(over)]) });
}

describe('doctor/machine checks', () => {
  it('a healthy machine passes every machine check', () => {
    const checks = runChecks(healthyFacts()).filter((c) => c.group === 'machine');
    assert.deepStrictEqual(checks.map((c) => c.id), MACHINE_CHECK_IDS);
    assert.deepStrictEqual(checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.evidence}`), []);
  });

  describe('machine-registered', () => {
    it('passes with the machine id, and names this computer', () => {
      const c = checkOf(healthyFacts(), 'machine-registered');
      assert.strictEqual(c.status, 'pass');
      assert.match(c.evidence, /This computer \(ROBOT-01\) is registered in Contoso RPA \(machine id a1b2c3d4-0000-0000-0000-000000000001, customer machine\)/);
    });
    it('matches the name without regard to case', () => {
      assert.strictEqual(checkOf(withMachine({ name: 'robot-01' }), 'machine-registered').status, 'pass');
    });
    it('fails when no machine of that name is registered, with the machines page and what to do', () => {
      const c = checkOf(withMachine({ name: 'LAPTOP-7', chosenBy: 'user' }), 'machine-registered');
      assert.strictEqual(c.status, 'fail');
      assert.match(c.evidence, /The machine LAPTOP-7 is not among the 2 machines registered in Contoso RPA/);
      assert.strictEqual(c.fix?.url, 'https://make.powerautomate.com/environments/env-1/machines');
      assert.match(c.fix!.text, /machine runtime/);
      for (const id of MACHINE_CHECK_IDS.slice(2)) assert.strictEqual(checkOf(withMachine({ name: 'LAPTOP-7' }), id).status, 'skip');
    });
    it('warns when two registrations carry the name', () => {
      const c = checkOf(withMachine({ machines: read([machine(), machine({ id: 'dup' })]) }), 'machine-registered');
      assert.strictEqual(c.status, 'warn');
      assert.match(c.evidence, /2 machines carry that name/);
    });
    it('skips every machine check, saying it timed out, when the machines could not be read', () => {
      const facts = withMachine({ machines: { status: 'timeout', reason: 'no answer in 5 s' } });
      for (const id of MACHINE_CHECK_IDS) {
        const c = checkOf(facts, id);
        assert.strictEqual(c.status, 'skip');
        assert.match(c.evidence, /timed out \(no answer in 5 s\)/);
      }
    });
    it('skips with the reason when there is no machine to look for', () => {
      const c = checkOf({ ...healthyFacts(), machine: undefined }, 'machine-registered');
      assert.strictEqual(c.status, 'skip');
      assert.match(c.evidence, /--machine NAME/);
    });
  });

  describe('machine-environment', () => {
    const elsewhere = { environmentName: 'Contoso Dev', environmentUrl: 'https://contoso-dev.crm4.dynamics.com', machine: machine({ id: 'dev-1' }) };
    it('passes when registered only in the environment of the credentials', () => {
      assert.strictEqual(checkOf(healthyFacts(), 'machine-environment').status, 'pass');
    });
    it('fails when the machine is registered in another environment than the credentials', () => {
      const c = checkOf(withMachine({ machines: read([]), elsewhere: read([elsewhere]) }), 'machine-environment');
      assert.strictEqual(c.status, 'fail');
      assert.match(c.evidence, /ROBOT-01 is registered in Contoso Dev, but the credentials live in Contoso RPA/);
      assert.ok(c.fix);
    });
    it('warns when a machine of the same name is registered in both', () => {
      const c = checkOf(withMachine({ elsewhere: read([elsewhere]) }), 'machine-environment');
      assert.strictEqual(c.status, 'warn');
      assert.match(c.evidence, /one environment at a time/);
    });
    it('skips when the machine is not here and the other environments could not be read', () => {
      const c = checkOf(withMachine({ machines: read([]), elsewhere: { status: 'failed', reason: 'the Global Discovery Service answered 403' } }), 'machine-environment');
      assert.strictEqual(c.status, 'skip');
      assert.match(c.evidence, /403/);
    });
  });

  describe('machine-status', () => {
    it('passes an active machine', () => assert.strictEqual(checkOf(healthyFacts(), 'machine-status').status, 'pass'));
    it('fails "requires reconnection" and says it in words with both codes', () => {
      const c = checkOf(withRecord({ statusCode: 3 }), 'machine-status');
      assert.strictEqual(c.status, 'fail');
      assert.strictEqual(c.evidence, 'Status of ROBOT-01: requires reconnection (statecode 0 active, statuscode 3).');
      assert.match(c.fix!.text, /sign in again/);
    });
    it('fails a machine that requires the group key', () => {
      const c = checkOf(withRecord({ statusCode: 11 }), 'machine-status');
      assert.strictEqual(c.status, 'fail');
      assert.match(c.evidence, /requires the group key/);
    });
    it('warns for maintenance and drain mode', () => {
      assert.strictEqual(checkOf(withRecord({ stateCode: 2, statusCode: 4 }), 'machine-status').status, 'warn');
      assert.match(checkOf(withRecord({ stateCode: 2, statusCode: 4 }), 'machine-status').evidence, /statecode 2 in maintenance/);
      assert.strictEqual(checkOf(withRecord({ statusCode: 5 }), 'machine-status').status, 'warn');
    });
    it('warns for a status code it does not know', () => {
      assert.match(checkOf(withRecord({ statusCode: 99 }), 'machine-status').evidence, /unknown status.*statuscode 99/);
    });
  });

  describe('machine-heartbeat', () => {
    it('passes a recent heartbeat with how long ago', () => {
      const c = checkOf(healthyFacts(), 'machine-heartbeat');
      assert.strictEqual(c.status, 'pass');
      assert.strictEqual(c.evidence, 'Last heartbeat 2026-12-03 05:58 UTC, 2 minutes ago.');
    });
    it('warns past the threshold, and for a machine that never sent one', () => {
      const old = checkOf(withRecord({ lastHeartbeat: new Date(NOW - 3 * 3600_000).toISOString() }), 'machine-heartbeat');
      assert.strictEqual(old.status, 'warn');
      assert.match(old.evidence, /3 hours ago: more than 10 minutes, so the machine is probably offline/);
      assert.strictEqual(checkOf(withRecord({ lastHeartbeat: undefined }), 'machine-heartbeat').status, 'warn');
    });
    it('honours a custom threshold', () => {
      const facts = withRecord({ lastHeartbeat: new Date(NOW - 20 * 60_000).toISOString() });
      assert.strictEqual(runChecks(facts, { heartbeatStaleMinutes: 30 }).find((c) => c.id === 'machine-heartbeat')?.status, 'pass');
      assert.strictEqual(runChecks(facts).find((c) => c.id === 'machine-heartbeat')?.status, 'warn');
    });
    it('skips a heartbeat that is not a date', () => {
      assert.strictEqual(checkOf(withRecord({ lastHeartbeat: 'yesterday' }), 'machine-heartbeat').status, 'skip');
    });
  });

  describe('machine-agent-version', () => {
    it('passes a recent runtime and notes the 2.52 endpoint', () => {
      const c = checkOf(healthyFacts(), 'machine-agent-version');
      assert.strictEqual(c.status, 'pass');
      assert.match(c.evidence, /api\.powerplatform\.com/);
    });
    it('compares numerically: 2.8.73.21119 passes, 2.8.73.9999 and 2.7 fail', () => {
      assert.strictEqual(checkOf(withRecord({ agentVersion: '2.8.73.21119' }), 'machine-agent-version').status, 'pass');
      assert.strictEqual(checkOf(withRecord({ agentVersion: '2.10.0.1' }), 'machine-agent-version').status, 'pass');
      assert.strictEqual(checkOf(withRecord({ agentVersion: '2.8.73.9999' }), 'machine-agent-version').status, 'fail');
      assert.strictEqual(checkOf(withRecord({ agentVersion: '2.7' }), 'machine-agent-version').status, 'fail');
    });
    it('warns for a version that does not parse, skips an unknown one', () => {
      assert.strictEqual(checkOf(withRecord({ agentVersion: 'v2-beta' }), 'machine-agent-version').status, 'warn');
      assert.strictEqual(checkOf(withRecord({ agentVersion: undefined }), 'machine-agent-version').status, 'skip');
    });
  });

  describe('machine-key-delivery', () => {
    it('passes a delivered key, warns a pending one, fails an expired one, skips an unknown one', () => {
      assert.strictEqual(checkOf(healthyFacts(), 'machine-key-delivery').status, 'pass');
      assert.strictEqual(checkOf(withRecord({ keyDeliveryStatus: 2 }), 'machine-key-delivery').status, 'warn');
      const expired = checkOf(withRecord({ keyDeliveryStatus: 3 }), 'machine-key-delivery');
      assert.strictEqual(expired.status, 'fail');
      assert.match(expired.evidence, /The machine key expired \(keydeliverystatus 3\)/);
      assert.strictEqual(checkOf(withRecord({ keyDeliveryStatus: undefined }), 'machine-key-delivery').status, 'skip');
    });
  });

  describe('machine-group', () => {
    const group = (statusCode: number, stateCode = 0) => withMachine({ groups: read([{ id: 'g-1', name: 'Finance robots', groupType: 545940001, stateCode, statusCode }]) });
    it('passes an active group and names it', () => {
      const c = checkOf(healthyFacts(), 'machine-group');
      assert.strictEqual(c.status, 'pass');
      assert.match(c.evidence, /In group Finance robots, standard group: active/);
    });
    it('warns for a group in maintenance', () => {
      const c = checkOf(group(3, 2), 'machine-group');
      assert.strictEqual(c.status, 'warn');
      assert.match(c.evidence, /maintenance/);
    });
    it('fails a group whose key expired', () => {
      const c = checkOf(group(4), 'machine-group');
      assert.strictEqual(c.status, 'fail');
      assert.match(c.evidence, /group key expired/);
      assert.match(c.fix!.text, /new password/);
    });
    it('warns when the group is not among the groups read, skips when they could not be read', () => {
      assert.strictEqual(checkOf(withMachine({ groups: read([]) }), 'machine-group').status, 'warn');
      assert.strictEqual(checkOf(withMachine({ groups: { status: 'failed', reason: 'HTTP 500' } }), 'machine-group').status, 'skip');
    });
    it('passes a standalone machine with no group', () => {
      assert.strictEqual(checkOf(withRecord({ groupId: undefined, groupName: undefined }), 'machine-group').status, 'pass');
    });
  });
});
