import * as assert from 'assert';
import { LOCAL_CHECK_IDS, machineEndpoints, read, runChecks, type DoctorFacts, type LocalMachineFacts } from '../../../src/core/doctor';
import { checkOf, fixture, healthyFacts } from './facts';

function withLocal(over: Partial<LocalMachineFacts>): DoctorFacts {
  const base = healthyFacts();
  return { ...base, local: { ...base.local!, ...over } };
}

const failedDns = { host: 'servicebus.windows.net', pattern: '*.servicebus.windows.net', purpose: 'Service Bus Relay', dns: { ok: false as const, ms: 12, code: 'ENOTFOUND' } };

describe('doctor/local checks (recorded Windows outputs)', () => {
  it('skips every local check on Linux and macOS, with the reason', () => {
    for (const platform of ['linux', 'darwin']) {
      const checks = runChecks({ ...healthyFacts(), local: { platform } }).filter((c) => c.group === 'local');
      assert.deepStrictEqual(checks.map((c) => c.id), LOCAL_CHECK_IDS);
      for (const c of checks) {
        assert.strictEqual(c.status, 'skip');
        assert.match(c.evidence, /runs only on Windows/);
      }
    }
  });

  describe('local-service', () => {
    it('passes a running service and says under which account (the default)', () => {
      const c = checkOf(healthyFacts(), 'local-service');
      assert.strictEqual(c.status, 'pass');
      assert.strictEqual(c.evidence, 'UIFlowService is running; it runs as NT SERVICE\\UIFlowService (the default), start type AUTO_START.');
    });
    it('names a changed account', () => {
      const c = checkOf(withLocal({ serviceConfig: read(fixture('sc-qc-domain-account.txt')) }), 'local-service');
      assert.strictEqual(c.status, 'pass');
      assert.match(c.evidence, /runs as CONTOSO\\svc-rpa \(changed from the default/);
    });
    it('fails a service that is not installed', () => {
      const c = checkOf(withLocal({ serviceConfig: read(fixture('sc-not-installed.txt')), serviceQuery: read(fixture('sc-not-installed.txt')) }), 'local-service');
      assert.strictEqual(c.status, 'fail');
      assert.match(c.evidence, /not installed/);
    });
    it('fails a stopped service with its exit code and the command that starts it', () => {
      const c = checkOf(withLocal({ serviceQuery: read(fixture('sc-query-stopped.txt')) }), 'local-service');
      assert.strictEqual(c.status, 'fail');
      assert.match(c.evidence, /UIFlowService is STOPPED, last exit code 1067/);
      assert.strictEqual(c.fix?.command, 'sc.exe start UIFlowService');
    });
    it('fails a disabled service', () => {
      const c = checkOf(withLocal({ serviceConfig: read(fixture('sc-qc-disabled.txt')) }), 'local-service');
      assert.strictEqual(c.status, 'fail');
      assert.match(c.fix!.command!, /start= auto/);
    });
    it('warns while the service is starting', () => {
      assert.strictEqual(checkOf(withLocal({ serviceQuery: read(fixture('sc-query-start-pending.txt')) }), 'local-service').status, 'warn');
    });
    it('skips when sc.exe timed out or printed something else', () => {
      const t = checkOf(withLocal({ serviceConfig: { status: 'timeout', reason: 'no answer in 3 s' } }), 'local-service');
      assert.strictEqual(t.status, 'skip');
      assert.match(t.evidence, /timed out/);
      assert.strictEqual(checkOf(withLocal({ serviceConfig: read('Access is denied.') }), 'local-service').status, 'skip');
    });
  });

  describe('local-proxy', () => {
    it('passes direct access', () => {
      const c = checkOf(healthyFacts(), 'local-proxy');
      assert.strictEqual(c.status, 'pass');
      assert.match(c.evidence, /direct access/);
    });
    it('passes a proxy when every endpoint answered through it, and names it', () => {
      const c = checkOf(withLocal({ winHttpProxy: read(fixture('netsh-proxy-server.txt')) }), 'local-proxy');
      assert.strictEqual(c.status, 'pass');
      assert.match(c.evidence, /WinHTTP proxy proxy\.contoso\.com:8080, bypass list <local>;\*\.contoso\.com/);
    });
    it('warns for a proxy when an endpoint failed, naming the rules to allow', () => {
      const base = healthyFacts();
      const endpoints = base.local!.endpoints!.status === 'read' ? base.local!.endpoints!.value : [];
      const c = checkOf(withLocal({ winHttpProxy: read(fixture('netsh-proxy-server.txt')), endpoints: read([...endpoints, failedDns]) }), 'local-proxy');
      assert.strictEqual(c.status, 'warn');
      assert.match(c.fix!.text, /\*\.servicebus\.windows\.net/);
    });
    it('skips when netsh could not run', () => {
      assert.strictEqual(checkOf(withLocal({ winHttpProxy: { status: 'failed', reason: 'netsh exited with 1' } }), 'local-proxy').status, 'skip');
    });
  });

  describe('local-endpoint', () => {
    it('passes an endpoint that resolves and completes TLS, per host', () => {
      const c = checkOf(healthyFacts(), 'local-endpoint', 'contoso-rpa.crm4.dynamics.com');
      assert.strictEqual(c.status, 'pass');
      assert.strictEqual(c.evidence, 'contoso-rpa.crm4.dynamics.com (*.dynamics.com): resolved in 3 ms; TLS handshake in 40 ms (TLSv1.3).');
    });
    it('fails DNS, TLS and a timeout, each saying which', () => {
      const probes = [
        failedDns,
        { host: 'api.powerplatform.com', pattern: '*.api.powerplatform.com', purpose: 'x', dns: { ok: true as const, ms: 2 }, tls: { ok: false as const, ms: 30, code: 'SELF_SIGNED_CERT_IN_CHAIN' } },
        { host: 'login.microsoftonline.com', pattern: 'login.microsoftonline.com', purpose: 'x', dns: { ok: true as const, ms: 2 }, tls: { ok: false as const, ms: 3000, code: 'timeout' } },
      ];
      const checks = runChecks(withLocal({ endpoints: read(probes) })).filter((c) => c.id === 'local-endpoint');
      assert.deepStrictEqual(checks.map((c) => [c.subject, c.status]), [
        ['servicebus.windows.net', 'fail'],
        ['api.powerplatform.com', 'fail'],
        ['login.microsoftonline.com', 'fail'],
      ]);
      assert.match(checks[0].evidence, /servicebus\.windows\.net \(\*\.servicebus\.windows\.net\): DNS lookup failed: ENOTFOUND\./);
      assert.match(checks[1].fix!.text, /inspects TLS/);
      assert.match(checks[2].evidence, /TLS handshake timed out after 3000 ms/);
    });
    it('skips when the probes were not run', () => {
      const c = checkOf(withLocal({ endpoints: { status: 'skipped', reason: 'no environment' } }), 'local-endpoint');
      assert.strictEqual(c.status, 'skip');
    });
  });

  describe('endpoints per cloud', () => {
    it('probes the environment host and the service hosts of each cloud', () => {
      assert.deepStrictEqual(machineEndpoints('AzureCloud', 'https://contoso.crm4.dynamics.com').map((e) => e.host), [
        'contoso.crm4.dynamics.com',
        'servicebus.windows.net',
        'gateway.prod.island.powerapps.com',
        'api.powerplatform.com',
        'login.microsoftonline.com',
      ]);
      assert.ok(machineEndpoints('AzureChinaCloud').every((e) => /\.cn$/.test(e.host)));
      assert.ok(machineEndpoints('AzureUSGovernment').every((e) => /\.us$|usgovcloudapi\.net$/.test(e.host)));
    });
  });
});
