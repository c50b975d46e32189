import * as assert from 'assert';
import { read, type DoctorFacts } from '../../../src/core/doctor';
import { ENV_TENANT, VAULT_ID, PUBLIC_CLOUD, checkOf, credentialInput, healthyFacts } from './facts';

const OTHER_TENANT = '11111111-2222-3333-4444-555555555555';

describe('doctor/environment checks', () => {
  describe('environment-reachable', () => {
    it('passes with the environment, its ids and who reached it', () => {
      const c = checkOf(healthyFacts(), 'environment-reachable');
      assert.strictEqual(c.status, 'pass');
      assert.match(c.evidence, /Reached Contoso RPA \(https:\/\/contoso-rpa\.crm4\.dynamics\.com, environment env-1, tenant .*\) as maker@contoso\.com/);
    });
    it('fails with the reason, and says so when it timed out', () => {
      const f = checkOf({ ...healthyFacts(), environment: { status: 'failed', reason: 'Dataverse answered 403: the user is not a member of the organization.' } }, 'environment-reachable');
      assert.strictEqual(f.status, 'fail');
      assert.match(f.evidence, /403/);
      assert.match(f.fix!.text, /security role/);
      const t = checkOf({ ...healthyFacts(), environment: { status: 'timeout', reason: 'no answer in 10 s' } }, 'environment-reachable');
      assert.strictEqual(t.status, 'fail');
      assert.match(t.evidence, /did not answer in time/);
    });
    it('skips when no environment was chosen', () => {
      assert.strictEqual(checkOf({ ...healthyFacts(), environment: { status: 'skipped', reason: 'No environment chosen.' } }, 'environment-reachable').status, 'skip');
    });
  });

  describe('cloud-supports-credentials', () => {
    it('passes in the public and China clouds, fails in US Government', () => {
      assert.strictEqual(checkOf(healthyFacts(), 'cloud-supports-credentials').status, 'pass');
      const gov = checkOf({ ...healthyFacts(), cloud: { ...PUBLIC_CLOUD, name: 'AzureUSGovernment', displayName: 'Azure US Government', supportsPowerAutomateCredentials: false } }, 'cloud-supports-credentials');
      assert.strictEqual(gov.status, 'fail');
      assert.match(gov.evidence, /not available in Azure US Government/);
    });
  });

  describe('user-not-guest', () => {
    const identity = (over: object): DoctorFacts => ({ ...healthyFacts(), identity: read({ kind: 'user' as const, userPrincipalName: 'ext_user#EXT#@contoso.onmicrosoft.com', tenantId: ENV_TENANT, ...over }) });
    it('passes a member', () => assert.strictEqual(checkOf(healthyFacts(), 'user-not-guest').status, 'pass'));
    it('warns a guest', () => {
      const c = checkOf(identity({ userType: 'Guest' }), 'user-not-guest');
      assert.strictEqual(c.status, 'warn');
      assert.match(c.evidence, /is a guest/);
    });
    it('skips an application, an unknown user type, and an identity that could not be read', () => {
      assert.strictEqual(checkOf(identity({ kind: 'application', userType: undefined }), 'user-not-guest').status, 'skip');
      assert.strictEqual(checkOf(identity({ userType: undefined }), 'user-not-guest').status, 'skip');
      assert.strictEqual(checkOf({ ...healthyFacts(), identity: { status: 'timeout', reason: 'Graph did not answer in 5 s' } }, 'user-not-guest').status, 'skip');
    });
  });

  describe('vault-tenant', () => {
    const vaultIn = (tenantId: string | undefined): DoctorFacts => ({
      ...healthyFacts(),
      credentials: [{ name: 'SAP robot', lookup: read(credentialInput({ vault: { ...credentialInput().vault!, tenantId } })) }],
    });
    it('passes a vault in the environment tenant, once per vault', () => {
      const facts: DoctorFacts = { ...healthyFacts(), credentials: [healthyFacts().credentials![0], { name: 'Second', lookup: read(credentialInput()) }] };
      const c = checkOf(facts, 'vault-tenant', 'kv-rpa');
      assert.strictEqual(c.status, 'pass');
    });
    it('fails a vault in another tenant, with both tenants and the vault page', () => {
      const c = checkOf(vaultIn(OTHER_TENANT), 'vault-tenant', 'kv-rpa');
      assert.strictEqual(c.status, 'fail');
      assert.match(c.evidence, new RegExp(`Vault 'kv-rpa' belongs to tenant ${OTHER_TENANT}; the environment is in tenant ${ENV_TENANT}`));
      assert.strictEqual(c.fix?.url, `https://portal.azure.com/#@${OTHER_TENANT}/resource${VAULT_ID}`);
    });
    it('skips a vault whose tenant is unknown', () => {
      assert.strictEqual(checkOf(vaultIn(undefined), 'vault-tenant', 'kv-rpa').status, 'skip');
    });
  });
});
