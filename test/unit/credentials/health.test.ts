import { strict as assert } from 'node:assert';
import {
  CREDENTIAL_CONNECTION_TYPE,
  DATAVERSE_APP_ID,
  ENV_VAR_TYPE,
  HEALTH_PRECEDENCE,
  SECRET_STORE,
  credentialHealth,
  type CredentialHealthInput,
  type CredentialHealthState,
} from '../../../src/core/credentials';
import { DAY, NOW, OTHER_TENANT, REFERENCE, SUB, VAULT_ID, foundSecret, healthy, healthySubscription, healthyVault, withFacts, withPassword } from './fixtures';

type Mutation = (i: CredentialHealthInput) => CredentialHealthInput;

/** One way to break each state, in precedence order (secret-missing … expiring are layered on the secret). */
const BREAKS: readonly (readonly [CredentialHealthState, Mutation])[] = [
  ['credential-inactive', (i) => ({ ...i, credential: { ...i.credential, active: false } })],
  ['not-key-vault', (i) => ({ ...i, credential: { ...i.credential, connectionType: CREDENTIAL_CONNECTION_TYPE.cyberArk } })],
  ['reference-missing', (i) => ({ ...i, credential: { ...i.credential, password: { ...i.credential.password!, currentValue: '', defaultValue: undefined } } })],
  ['reference-malformed', (i) => ({ ...i, credential: { ...i.credential, password: { ...i.credential.password!, currentValue: 'kv-rpa-prod/sap-password' } } })],
  ['vault-other-tenant', (i) => ({ ...i, vault: { ...i.vault!, tenantId: OTHER_TENANT }, subscription: { ...i.subscription!, tenantId: OTHER_TENANT } })],
  ['vault-not-found', (i) => ({ ...i, vault: { ...i.vault!, status: 'not-found' } })],
  ['provider-not-registered', (i) => ({ ...i, subscription: { ...i.subscription!, powerPlatformProvider: 'NotRegistered' } })],
  ['vault-unreachable', (i) => ({ ...i, vault: { ...i.vault!, publicNetworkAccess: 'Disabled' } })],
  ['vault-unreadable-by-dataverse', (i) => ({ ...i, dataverseAccess: { status: 'denied', evidence: 'no role assignment for the Dataverse service principal on the vault or above' } })],
  ['cannot-check', (i) => ({ ...i, secret: { ...i.secret!, status: 'no-access' } })],
  ['secret-missing', (i) => ({ ...i, secret: { ...i.secret!, status: 'not-found' } })],
  ['secret-deleted', (i) => ({ ...i, secret: { ...i.secret!, status: 'deleted' } })],
  ['secret-disabled', (i) => ({ ...i, secret: { ...i.secret!, enabled: false } })],
  ['secret-expired', (i) => ({ ...i, secret: { ...i.secret!, expiresOn: NOW - 3 * DAY } })],
  ['secret-not-yet-valid', (i) => ({ ...i, secret: { ...i.secret!, notBefore: NOW + 2 * DAY } })],
  ['secret-expiring', (i) => ({ ...i, secret: { ...i.secret!, expiresOn: NOW + 10 * DAY } })],
];

/** The healthy facts with breaks `from`… applied, the earliest last so that it wins where two touch the same field. */
function brokenFrom(from: number): CredentialHealthInput {
  let input = healthy();
  for (let k = BREAKS.length - 1; k >= from; k--) input = BREAKS[k][1](input);
  return input;
}

describe('credentials/health', () => {
  it('reports each problem in precedence order, the most fundamental first', () => {
    const seen = BREAKS.map((_, k) => credentialHealth(brokenFrom(k)).state);
    assert.deepEqual(seen, BREAKS.map(([s]) => s));
    assert.deepEqual(seen, HEALTH_PRECEDENCE.filter((s) => s !== 'not-checked' && s !== 'ok'));
    assert.equal(credentialHealth(brokenFrom(BREAKS.length)).state, 'ok');
  });

  it('each break alone gives its own state', () => {
    for (const [state, mutate] of BREAKS) assert.equal(credentialHealth(mutate(healthy())).state, state, state);
  });

  it('ok: severity ok, the evidence read, no fix', () => {
    const h = credentialHealth(healthy());
    assert.equal(h.state, 'ok');
    assert.equal(h.severity, 'ok');
    assert.equal(h.summary, 'OK');
    assert.equal(h.fix, undefined);
    assert.match(h.detail, /reads secret 'sap-password' in vault 'kv-rpa-prod' \(resource group rg-rpa, subscription 5d1c7e9a/);
    assert.match(h.detail, /expires on 2026-09-17/);
    assert.deepEqual(h.reference, { subscriptionId: SUB, resourceGroup: 'rg-rpa', vaultName: 'kv-rpa-prod', secretName: 'sap-password', version: undefined });
  });

  it('ok with missing vault, provider or Dataverse facts says which checks did not run', () => {
    const h = credentialHealth(withFacts({ vault: undefined, subscription: undefined, dataverseAccess: { status: 'unknown', evidence: 'Graph could not be read' } }));
    assert.equal(h.state, 'ok');
    assert.equal(h.summary, 'OK (not every check ran)');
    assert.match(h.detail, /vault's settings \(tenant, network\) were not read/);
    assert.match(h.detail, /Microsoft\.PowerPlatform is registered .* was not read/);
    assert.match(h.detail, /Dataverse service principal can read the vault was not checked: Graph could not be read/);
  });

  it('credential-inactive is a warning pointing at the credential', () => {
    const h = credentialHealth(BREAKS[0][1](healthy()));
    assert.equal(h.severity, 'warning');
    assert.equal(h.summary, 'inactive');
    assert.deepEqual(h.fix?.portal, { kind: 'credential', id: healthy().credential.id });
  });

  it('not-key-vault: CyberArk and Dataverse-stored secrets are not checked, and say so; a text password variable is a warning', () => {
    const cyber = credentialHealth(BREAKS[1][1](healthy()));
    assert.equal(cyber.severity, 'unknown');
    assert.equal(cyber.summary, 'CyberArk: not checked');
    assert.match(cyber.detail, /not one backed by Azure Key Vault.*not checked/);
    const dv = credentialHealth(withPassword({ secretStore: SECRET_STORE.dataverse }));
    assert.equal(dv.state, 'not-key-vault');
    assert.equal(dv.severity, 'unknown');
    const text = credentialHealth(withPassword({ type: ENV_VAR_TYPE.string }));
    assert.equal(text.state, 'not-key-vault');
    assert.equal(text.severity, 'warning');
    assert.match(text.detail, /'new_SapPassword' is a string environment variable, not a secret one/);
    // Negative: username/password and certificate credentials are checked.
    for (const t of [CREDENTIAL_CONNECTION_TYPE.usernamePassword, CREDENTIAL_CONNECTION_TYPE.certificate, undefined]) {
      const i = healthy();
      assert.equal(credentialHealth({ ...i, credential: { ...i.credential, connectionType: t } }).state, 'ok');
    }
  });

  it('reference-missing: no password variable, or no value and no default', () => {
    const none = credentialHealth(withPassword(undefined));
    assert.equal(none.state, 'reference-missing');
    assert.equal(none.summary, 'no password variable');
    const empty = credentialHealth(withPassword({ currentValue: '   ' }));
    assert.equal(empty.state, 'reference-missing');
    assert.equal(empty.severity, 'error');
    assert.match(empty.detail, /'new_SapPassword' has no value in this environment and no default/);
  });

  it('falls back on the default value, and says so', () => {
    const h = credentialHealth(withPassword({ currentValue: undefined, defaultValue: REFERENCE }));
    assert.equal(h.state, 'ok');
    assert.match(h.detail, /its default value: no current value is set/);
  });

  it('reference-malformed says why', () => {
    const h = credentialHealth(withPassword({ currentValue: 'https://kv-rpa-prod.vault.azure.net/secrets/sap-password' }));
    assert.equal(h.state, 'reference-malformed');
    assert.equal(h.summary, 'secret reference malformed');
    assert.match(h.detail, /is a URL; Power Platform expects the secret's resource path/);
    assert.equal(h.reference, undefined);
  });

  it('vault-other-tenant names both tenants', () => {
    const h = credentialHealth(withFacts({ vault: { ...healthyVault, tenantId: OTHER_TENANT } }));
    assert.equal(h.state, 'vault-other-tenant');
    assert.equal(h.severity, 'error');
    assert.ok(h.detail.includes(OTHER_TENANT) && h.detail.includes(healthy().environmentTenantId));
    // Negative: the same tenant written in another case is the same tenant.
    assert.equal(credentialHealth(withFacts({ vault: { ...healthyVault, tenantId: healthy().environmentTenantId.toUpperCase() } })).state, 'ok');
  });

  it('vault-not-found: from the vault, or from a subscription nobody can see', () => {
    const h = credentialHealth(withFacts({ vault: { status: 'not-found' } }));
    assert.equal(h.state, 'vault-not-found');
    assert.equal(h.severity, 'error');
    assert.match(h.detail, /no vault 'kv-rpa-prod' in resource group rg-rpa/);
    assert.match(h.fix!.command!, /^az keyvault recover --name kv-rpa-prod --subscription 5d1c7e9a/);
    const sub = credentialHealth(withFacts({ vault: undefined, subscription: { status: 'not-found', id: SUB } }), { signedInAs: 'ada@contoso.com' });
    assert.equal(sub.state, 'vault-not-found');
    assert.equal(sub.severity, 'warning');
    assert.match(sub.detail, /does not exist, or ada@contoso\.com cannot see it/);
  });

  it('provider-not-registered gives the az command with the subscription', () => {
    const h = credentialHealth(withFacts({ subscription: { ...healthySubscription, powerPlatformProvider: 'NotRegistered' } }));
    assert.equal(h.state, 'provider-not-registered');
    assert.equal(h.fix?.command, `az provider register --namespace Microsoft.PowerPlatform --subscription ${SUB}`);
    assert.ok(h.detail.includes(h.fix!.command!));
    const registering = credentialHealth(withFacts({ subscription: { ...healthySubscription, powerPlatformProvider: 'Registering' } }));
    assert.equal(registering.severity, 'warning');
    // Unknown registration state is not a problem by itself.
    assert.equal(credentialHealth(withFacts({ subscription: { ...healthySubscription, powerPlatformProvider: undefined } })).state, 'ok');
  });

  describe('vault-unreachable', () => {
    const vault = (v: Partial<typeof healthyVault>) => credentialHealth(withFacts({ vault: { ...healthyVault, ...v } }));
    it('public access disabled without a private endpoint is an error', () => {
      const h = vault({ publicNetworkAccess: 'disabled' });
      assert.equal(h.state, 'vault-unreachable');
      assert.equal(h.severity, 'error');
      assert.match(h.detail, /no approved private endpoint/);
      assert.deepEqual(h.fix?.portal, { kind: 'vault-networking', id: VAULT_ID });
    });
    it('a private endpoint in a network delegated to Power Platform works; an unknown delegation is a warning; a non-delegated one an error', () => {
      const pe = (d: boolean | undefined) => [{ id: '/pe/1', status: 'Approved', powerPlatformDelegated: d }];
      assert.equal(vault({ publicNetworkAccess: 'Disabled', privateEndpoints: pe(true) }).state, 'ok');
      const unknown = vault({ publicNetworkAccess: 'Disabled', privateEndpoints: pe(undefined) });
      assert.equal(unknown.state, 'vault-unreachable');
      assert.equal(unknown.severity, 'warning');
      assert.match(unknown.detail, /delegated to Microsoft\.PowerPlatform\/enterprisePolicies/);
      assert.equal(vault({ publicNetworkAccess: 'Disabled', privateEndpoints: pe(false) }).severity, 'error');
      // A rejected endpoint does not count.
      assert.equal(vault({ publicNetworkAccess: 'Disabled', privateEndpoints: [{ id: '/pe/2', status: 'Rejected', powerPlatformDelegated: true }] }).severity, 'error');
    });
    it('a firewall that denies with no rules is an error even with the trusted-services bypass', () => {
      const h = vault({ networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] } });
      assert.equal(h.state, 'vault-unreachable');
      assert.equal(h.severity, 'error');
      assert.match(h.detail, /Power Platform is not one of them/);
    });
    it('a firewall with rules cannot be verified: a warning', () => {
      const h = vault({ networkAcls: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'], virtualNetworkRules: [] } });
      assert.equal(h.severity, 'warning');
      assert.match(h.detail, /allows 1 IP range\(s\) and 0 virtual network\(s\)/);
    });
    it('Allow by default is fine', () => {
      assert.equal(vault({ networkAcls: { defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] } }).state, 'ok');
    });
  });

  it('vault-unreadable-by-dataverse gives the role assignment with the vault id, and notes RBAC on access-policy vaults', () => {
    const h = credentialHealth(withFacts({ dataverseAccess: { status: 'denied', evidence: 'no Key Vault Secrets User assignment', accessPolicyGet: true }, vault: { ...healthyVault, enableRbacAuthorization: false } }));
    assert.equal(h.state, 'vault-unreadable-by-dataverse');
    assert.equal(h.fix?.command, `az role assignment create --role "Key Vault Secrets User" --assignee ${DATAVERSE_APP_ID} --scope ${VAULT_ID}`);
    assert.match(h.detail, /uses access policies, and one grants the principal get on secrets, but Power Platform checks Azure RBAC/);
    assert.deepEqual(h.fix?.portal, { kind: 'vault-access', id: VAULT_ID });
    const rbac = credentialHealth(withFacts({ dataverseAccess: { status: 'denied', evidence: 'none' } }));
    assert.doesNotMatch(rbac.detail, /access policies/);
    // Negative: unknown access is not reported as a problem.
    assert.equal(credentialHealth(withFacts({ dataverseAccess: { status: 'unknown', evidence: 'x' } })).state, 'ok');
  });

  it('cannot-check says who cannot read, not that it is broken', () => {
    const h = credentialHealth(withFacts({ secret: { status: 'no-access', reason: 'Forbidden by RBAC' } }), { signedInAs: 'ada@contoso.com' });
    assert.equal(h.state, 'cannot-check');
    assert.equal(h.severity, 'unknown');
    assert.match(h.detail, /Flow Vault cannot check this secret because ada@contoso\.com has no access to it/);
    assert.match(h.detail, /does not mean the credential is broken/);
    assert.doesNotMatch(h.summary, /broken/);
    const vaultDenied = credentialHealth(withFacts({ secret: undefined, vault: { status: 'no-access', reason: 'AuthorizationFailed' } }));
    assert.equal(vaultDenied.state, 'cannot-check');
    assert.match(vaultDenied.detail, /because the signed-in account has no access to vault 'kv-rpa-prod'/);
    const unreachable = credentialHealth(withFacts({ secret: { status: 'unreachable', reason: 'ForbiddenByFirewall' } }));
    assert.equal(unreachable.state, 'cannot-check');
    assert.match(unreachable.detail, /does not let this machine in \(ForbiddenByFirewall\)/);
    assert.equal(credentialHealth(withFacts({ secret: { status: 'error', reason: 'timeout' } })).state, 'cannot-check');
  });

  it('secret-missing and secret-deleted (recoverable, with the recover command)', () => {
    const missing = credentialHealth(withFacts({ secret: { status: 'not-found' } }));
    assert.equal(missing.state, 'secret-missing');
    assert.match(missing.detail, /Vault 'kv-rpa-prod' has no secret 'sap-password'/);
    const deleted = credentialHealth(withFacts({ secret: { status: 'deleted' } }));
    assert.equal(deleted.state, 'secret-deleted');
    assert.equal(deleted.summary, 'secret deleted (recoverable)');
    assert.equal(deleted.fix?.command, `az keyvault secret recover --vault-name kv-rpa-prod --name sap-password --subscription ${SUB}`);
  });

  it('secret-disabled, -expired, -not-yet-valid carry their dates and set-attributes commands', () => {
    const disabled = credentialHealth(withFacts({ secret: { ...foundSecret, enabled: false } }));
    assert.equal(disabled.state, 'secret-disabled');
    assert.match(disabled.fix!.command!, /set-attributes --vault-name kv-rpa-prod --name sap-password .* --enabled true$/);
    const expired = credentialHealth(withFacts({ secret: { ...foundSecret, expiresOn: NOW - 3 * DAY } }));
    assert.equal(expired.summary, 'secret expired 3 days ago');
    assert.match(expired.detail, /expired on 2026-02-26/);
    const early = credentialHealth(withFacts({ secret: { ...foundSecret, notBefore: NOW + 7 * DAY } }));
    assert.equal(early.state, 'secret-not-yet-valid');
    assert.match(early.detail, /not valid before 2026-03-08/);
  });

  describe('expiring boundaries', () => {
    const at = (ms: number, days?: number) => credentialHealth(withFacts({ secret: { ...foundSecret, expiresOn: NOW + ms } }), { expiringWithinDays: days }).state;
    it('30 days by default, inclusive', () => {
      assert.equal(at(30 * DAY), 'secret-expiring');
      assert.equal(at(30 * DAY + 1), 'ok');
      assert.equal(at(1), 'secret-expiring');
      assert.equal(at(0), 'secret-expired');
      assert.equal(at(-1), 'secret-expired');
    });
    it('configurable, and 0 turns it off', () => {
      assert.equal(at(7 * DAY, 7), 'secret-expiring');
      assert.equal(at(8 * DAY, 7), 'ok');
      assert.equal(at(DAY / 2, 0), 'ok');
    });
    it('a secret valid from exactly now is valid; no expiry never expires', () => {
      assert.equal(credentialHealth(withFacts({ secret: { ...foundSecret, notBefore: NOW } })).state, 'ok');
      assert.equal(credentialHealth(withFacts({ secret: { status: 'found', enabled: true } })).state, 'ok');
    });
    it('says how long is left', () => {
      const h = credentialHealth(withFacts({ secret: { ...foundSecret, expiresOn: NOW + 12 * DAY } }));
      assert.equal(h.summary, 'secret expires in 12 days');
      assert.equal(h.severity, 'warning');
    });
  });

  it('not-checked while the secret has not been read', () => {
    const h = credentialHealth(withFacts({ secret: undefined }));
    assert.equal(h.state, 'not-checked');
    assert.equal(h.severity, 'unknown');
  });

  it('every state has a summary short enough for a tree item, and the detail ends with its fix', () => {
    for (let k = 0; k <= BREAKS.length; k++) {
      const h = credentialHealth(brokenFrom(k));
      assert.ok(h.summary.length > 0 && h.summary.length <= 48, `${h.state}: '${h.summary}'`);
      if (h.fix) assert.ok(h.detail.includes(`Fix: ${h.fix.title}`), h.state);
    }
  });
});
