import * as assert from 'assert';
import { credentialHealth, type CredentialHealthInput } from '../../../src/core/credentials';
import { read, runChecks } from '../../../src/core/doctor';
import { NOW, credentialInput, healthyFacts } from './facts';

const base = credentialInput();
const DAY = 86_400_000;

/** One input per health state the facts can produce. */
const CASES: Record<string, Partial<CredentialHealthInput>> = {
  ok: {},
  'credential-inactive': { credential: { ...base.credential, active: false } },
  'reference-missing': { credential: { ...base.credential, password: undefined } },
  'reference-malformed': { credential: { ...base.credential, password: { ...base.credential.password!, currentValue: '/subscriptions/not-a-guid/x' } } },
  'vault-other-tenant': { vault: { ...base.vault!, tenantId: '99999999-9999-9999-9999-999999999999' } },
  'provider-not-registered': { subscription: { ...base.subscription!, powerPlatformProvider: 'NotRegistered' } },
  'provider-registering': { subscription: { ...base.subscription!, powerPlatformProvider: 'Registering' } },
  'vault-unreachable': { vault: { ...base.vault!, publicNetworkAccess: 'Disabled', privateEndpoints: [] } },
  'vault-firewall-rules': { vault: { ...base.vault!, networkAcls: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'], virtualNetworkRules: [] } } },
  'vault-unreadable-by-dataverse': { dataverseAccess: { status: 'denied', evidence: 'no role' } },
  'cannot-check': { secret: { status: 'no-access' } },
  'secret-missing': { secret: { status: 'not-found' } },
  'secret-deleted': { secret: { status: 'deleted' } },
  'secret-disabled': { secret: { status: 'found', enabled: false } },
  'secret-expired': { secret: { status: 'found', enabled: true, expiresOn: NOW - DAY } },
  'secret-not-yet-valid': { secret: { status: 'found', enabled: true, notBefore: NOW + DAY } },
  'secret-expiring': { secret: { status: 'found', enabled: true, expiresOn: NOW + 3 * DAY } },
};

describe('doctor/credential checks agree with the credential health', () => {
  for (const [name, over] of Object.entries(CASES)) {
    it(`${name}: the doctor fails a check exactly when the health is an error, and warns when it is a warning`, () => {
      const input = credentialInput(over);
      const health = credentialHealth(input);
      const checks = runChecks({ ...healthyFacts(), credentials: [{ name: 'SAP robot', lookup: read(input) }] }).filter((c) => c.subject === 'SAP robot' || c.id === 'vault-tenant');
      const fails = checks.filter((c) => c.status === 'fail').map((c) => c.id);
      const warns = checks.filter((c) => c.status === 'warn').map((c) => c.id);
      assert.strictEqual(fails.length > 0, health.severity === 'error', `health ${health.state} (${health.severity}); doctor fails: ${fails.join(', ') || 'none'}`);
      if (health.severity === 'warning') assert.ok(warns.length > 0, `health ${health.state} is a warning; doctor warns: none`);
      if (health.severity === 'ok') assert.deepStrictEqual([...fails, ...warns], []);
    });
  }
});
