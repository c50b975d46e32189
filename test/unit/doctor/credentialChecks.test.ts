import * as assert from 'assert';
import { ENV_VAR_TYPE, SECRET_STORE, type CredentialHealthInput } from '../../../src/core/credentials/facts';
import { CREDENTIAL_CHECK_IDS, read, runChecks, type DoctorFacts } from '../../../src/core/doctor';
import { NOW, SUB, VAULT_ID, checkOf, credentialInput, healthyFacts } from './facts';

function withInput(over: Partial<CredentialHealthInput>): DoctorFacts {
  return { ...healthyFacts(), credentials: [{ name: 'SAP robot', usedIn: ['flows/Invoice.robin'], lookup: read(credentialInput(over)) }] };
}

function withPassword(over: Partial<NonNullable<CredentialHealthInput['credential']['password']>> | null): DoctorFacts {
  const base = credentialInput();
  const password = over === null ? undefined : { ...base.credential.password!, ...over };
  return withInput({ credential: { ...base.credential, password } });
}

const c = (facts: DoctorFacts, id: string) => checkOf(facts, id, 'SAP robot');
const vault = credentialInput().vault!;
const DAY = 86_400_000;

describe('doctor/credential checks', () => {
  it('a healthy credential passes every check, each naming the credential', () => {
    const checks = runChecks(healthyFacts()).filter((x) => x.group === 'credential');
    assert.deepStrictEqual(checks.map((x) => x.id), CREDENTIAL_CHECK_IDS);
    assert.ok(checks.every((x) => x.subject === 'SAP robot'));
    assert.deepStrictEqual(checks.filter((x) => x.status !== 'pass').map((x) => `${x.id}: ${x.evidence}`), []);
  });

  it('skips every check, saying it timed out, when the credential could not be read', () => {
    const facts: DoctorFacts = { ...healthyFacts(), credentials: [{ name: 'SAP robot', lookup: { status: 'timeout', reason: 'no answer in 10 s' } }] };
    for (const id of CREDENTIAL_CHECK_IDS) {
      const x = c(facts, id);
      assert.strictEqual(x.status, 'skip');
      assert.match(x.evidence, /timed out/);
    }
  });

  describe('credential-exists', () => {
    it('passes with the credential id and the flow that uses it', () => {
      assert.match(c(healthyFacts(), 'credential-exists').evidence, /SAP robot exists \(credential id c-1\)\. Used in flows\/Invoice\.robin\./);
    });
    it('fails a missing credential and skips the rest', () => {
      const facts: DoctorFacts = { ...healthyFacts(), credentials: [{ name: 'SAP robot', lookup: read(null) }] };
      const x = c(facts, 'credential-exists');
      assert.strictEqual(x.status, 'fail');
      assert.strictEqual(x.fix?.url, 'https://make.powerautomate.com/environments/env-1/credentials');
      for (const id of CREDENTIAL_CHECK_IDS.slice(1)) assert.strictEqual(c(facts, id).status, 'skip');
    });
    it('warns an inactive credential, as its health does, and still checks its secret', () => {
      const facts = withInput({ credential: { ...credentialInput().credential, active: false } });
      const x = c(facts, 'credential-exists');
      assert.strictEqual(x.status, 'warn');
      assert.match(x.evidence, /inactive/);
      assert.strictEqual(c(facts, 'credential-secret').status, 'pass');
    });
  });

  describe('credential-reference', () => {
    it('passes a Key Vault reference and names its parts', () => {
      assert.strictEqual(c(healthyFacts(), 'credential-reference').evidence, `new_SapPassword → secret sap-password in vault kv-rpa (resource group rg-rpa, subscription ${SUB}).`);
    });
    it('reads the default value when there is no current value', () => {
      assert.strictEqual(c(withPassword({ currentValue: undefined, defaultValue: `${VAULT_ID}/secrets/sap-password` }), 'credential-reference').status, 'pass');
    });
    it('fails no password variable, no value and a malformed value; warns a text variable; skips a Dataverse secret', () => {
      const cases: [DoctorFacts, string, RegExp][] = [
        [withPassword(null), 'fail', /no password environment variable/],
        [withPassword({ currentValue: undefined, defaultValue: undefined }), 'fail', /has no value/],
        [withPassword({ currentValue: 'https://kv-rpa.vault.azure.net/secrets/sap-password' }), 'fail', /is a URL/],
        [withPassword({ type: ENV_VAR_TYPE.string }), 'warn', /not a secret one/],
        [withPassword({ secretStore: SECRET_STORE.dataverse }), 'skip', /keeps its secret in Dataverse/],
      ];
      for (const [facts, status, why] of cases) {
        const x = c(facts, 'credential-reference');
        assert.strictEqual(x.status, status, x.evidence);
        assert.match(x.evidence, why);
        for (const id of CREDENTIAL_CHECK_IDS.slice(2)) assert.strictEqual(c(facts, id).status, 'skip');
      }
    });
    it('skips a CyberArk credential: not backed by Key Vault', () => {
      const x = c(withInput({ credential: { ...credentialInput().credential, connectionType: 4 } }), 'credential-reference');
      assert.strictEqual(x.status, 'skip');
      assert.match(x.evidence, /CyberArk/);
    });
  });

  describe('credential-provider-registered', () => {
    const sub = (over: object) => withInput({ subscription: { ...credentialInput().subscription!, ...over } });
    it('passes Registered, warns Registering, fails NotRegistered with the az command', () => {
      assert.strictEqual(c(healthyFacts(), 'credential-provider-registered').status, 'pass');
      assert.strictEqual(c(sub({ powerPlatformProvider: 'Registering' }), 'credential-provider-registered').status, 'warn');
      const x = c(sub({ powerPlatformProvider: 'NotRegistered' }), 'credential-provider-registered');
      assert.strictEqual(x.status, 'fail');
      assert.strictEqual(x.fix?.command, `az provider register --namespace Microsoft.PowerPlatform --subscription ${SUB}`);
    });
    it('skips when the subscription or its providers could not be read', () => {
      assert.strictEqual(c(sub({ status: 'no-access', reason: 'Reader role needed' }), 'credential-provider-registered').status, 'skip');
      assert.strictEqual(c(sub({ powerPlatformProvider: undefined }), 'credential-provider-registered').status, 'skip');
      assert.strictEqual(c(withInput({ subscription: undefined }), 'credential-provider-registered').status, 'skip');
    });
  });

  describe('credential-dataverse-access', () => {
    it('passes granted, skips unknown', () => {
      assert.strictEqual(c(healthyFacts(), 'credential-dataverse-access').status, 'pass');
      assert.strictEqual(c(withInput({ dataverseAccess: { status: 'unknown', evidence: 'The role assignments could not be read (403).' } }), 'credential-dataverse-access').status, 'skip');
    });
    it('fails denied with the role assignment command for the Dataverse principal at the secret scope', () => {
      const x = c(withInput({ dataverseAccess: { status: 'denied', evidence: 'No role grants the Dataverse service principal secret reads on kv-rpa', principalObjectId: 'dv-oid' } }), 'credential-dataverse-access');
      assert.strictEqual(x.status, 'fail');
      assert.strictEqual(x.fix?.command, `az role assignment create --role "Key Vault Secrets User" --assignee 00000007-0000-0000-c000-000000000000 --scope ${VAULT_ID}`);
      assert.strictEqual(x.fix?.url, `https://portal.azure.com/#@72f988bf-86f1-41af-91ab-2d7cd011db47/resource${VAULT_ID}/users`);
    });
    it('explains the RBAC check on an access-policy vault whose policy grants get', () => {
      const x = c(
        withInput({
          vault: { ...vault, enableRbacAuthorization: false },
          dataverseAccess: { status: 'denied', evidence: 'No role assignment for the Dataverse service principal', accessPolicyGet: true },
        }),
        'credential-dataverse-access',
      );
      assert.strictEqual(x.status, 'fail');
      assert.match(x.evidence, /one grants the principal get on secrets, but Power Platform checks Azure RBAC role assignments even on such vaults/);
      assert.match(x.fix!.command!, /--assignee 00000007-0000-0000-c000-000000000000/);
    });
  });

  describe('credential-user-access', () => {
    it('passes when the vault answered for the secret', () => {
      assert.strictEqual(c(healthyFacts(), 'credential-user-access').status, 'pass');
      assert.strictEqual(c(withInput({ secret: { status: 'not-found' } }), 'credential-user-access').status, 'pass');
    });
    it('warns no-access (runs do not need it, makers do) with a role assignment for the signed-in user (RBAC) or an access policy', () => {
      const rbac = c(withInput({ secret: { status: 'no-access', reason: 'RBAC: no getSecret data action' } }), 'credential-user-access');
      assert.strictEqual(rbac.status, 'warn');
      assert.match(rbac.evidence, /Runs do not need it/);
      assert.strictEqual(rbac.fix?.command, `az role assignment create --role "Key Vault Secrets User" --assignee maker@contoso.com --scope ${VAULT_ID}/secrets/sap-password`);
      const policy = c(withInput({ vault: { ...vault, enableRbacAuthorization: false }, secret: { status: 'no-access' } }), 'credential-user-access');
      assert.strictEqual(policy.fix?.command, 'az keyvault set-policy --name kv-rpa --upn maker@contoso.com --secret-permissions get list');
    });
    it('skips when the network refused or the read failed', () => {
      assert.strictEqual(c(withInput({ secret: { status: 'unreachable', reason: 'firewall' } }), 'credential-user-access').status, 'skip');
      assert.strictEqual(c(withInput({ secret: { status: 'error', reason: 'HTTP 500' } }), 'credential-user-access').status, 'skip');
    });
  });

  describe('credential-network', () => {
    const net = (over: object) => withInput({ vault: { ...vault, ...over } });
    it('passes public access from all networks', () => assert.strictEqual(c(healthyFacts(), 'credential-network').status, 'pass'));
    it('fails a firewall that denies by default with no IP rules (trusted services do not cover Power Platform)', () => {
      const x = c(net({ networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] } }), 'credential-network');
      assert.strictEqual(x.status, 'fail');
      assert.match(x.evidence, /"Allow trusted Microsoft services" exception is on, but Power Platform is not one of them/);
      assert.strictEqual(x.fix?.url, `https://portal.azure.com/#@72f988bf-86f1-41af-91ab-2d7cd011db47/resource${VAULT_ID}/networking`);
    });
    it('warns a firewall with IP rules it cannot match to Power Platform', () => {
      assert.strictEqual(c(net({ networkAcls: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'], virtualNetworkRules: [] } }), 'credential-network').status, 'warn');
    });
    it('passes disabled public access with a private endpoint in a delegated network; fails without; warns when unknown', () => {
      const off = { publicNetworkAccess: 'disabled' };
      assert.strictEqual(c(net({ ...off, privateEndpoints: [{ id: 'pe1', powerPlatformDelegated: true }] }), 'credential-network').status, 'pass');
      assert.strictEqual(c(net({ ...off, privateEndpoints: [{ id: 'pe1', powerPlatformDelegated: false }] }), 'credential-network').status, 'fail');
      assert.strictEqual(c(net({ ...off, privateEndpoints: [] }), 'credential-network').status, 'fail');
      assert.strictEqual(c(net({ ...off, privateEndpoints: [{ id: 'pe1' }] }), 'credential-network').status, 'warn');
    });
    it('skips a vault it could not read', () => {
      assert.strictEqual(c(net({ status: 'no-access', reason: '403' }), 'credential-network').status, 'skip');
    });
  });

  describe('credential-secret and credential-secret-expiry', () => {
    const secret = (over: object) => withInput({ secret: { ...credentialInput().secret!, ...over } });
    it('fail a missing, deleted, disabled and not-yet-valid secret', () => {
      assert.strictEqual(c(withInput({ secret: { status: 'not-found' } }), 'credential-secret').status, 'fail');
      const deleted = c(withInput({ secret: { status: 'deleted' } }), 'credential-secret');
      assert.strictEqual(deleted.fix?.command, `az keyvault secret recover --vault-name kv-rpa --name sap-password --subscription ${SUB}`);
      const disabled = c(secret({ enabled: false }), 'credential-secret');
      assert.strictEqual(disabled.status, 'fail');
      assert.strictEqual(disabled.fix?.command, `az keyvault secret set-attributes --vault-name kv-rpa --name sap-password --subscription ${SUB} --enabled true`);
      assert.strictEqual(c(secret({ notBefore: NOW + DAY }), 'credential-secret').status, 'fail');
    });
    it('skip when the secret could not be read', () => {
      assert.strictEqual(c(withInput({ secret: { status: 'no-access' } }), 'credential-secret').status, 'skip');
      assert.strictEqual(c(withInput({ secret: { status: 'no-access' } }), 'credential-secret-expiry').status, 'skip');
    });
    it('expiry: passes far or none, warns within the threshold, fails expired', () => {
      assert.strictEqual(c(healthyFacts(), 'credential-secret-expiry').status, 'pass');
      assert.match(c(secret({ expiresOn: undefined }), 'credential-secret-expiry').evidence, /no expiry date/);
      const soon = c(secret({ expiresOn: NOW + 5 * DAY }), 'credential-secret-expiry');
      assert.strictEqual(soon.status, 'warn');
      assert.match(soon.evidence, /in 5 days \(within 30 days\)/);
      const gone = c(secret({ expiresOn: NOW - 3 * DAY }), 'credential-secret-expiry');
      assert.strictEqual(gone.status, 'fail');
      assert.match(gone.evidence, /3 days ago/);
      assert.strictEqual(runChecks(secret({ expiresOn: NOW + 5 * DAY }), { secretExpiringDays: 3 }).find((x) => x.id === 'credential-secret-expiry')?.status, 'pass');
    });
  });
});
