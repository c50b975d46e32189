import { strict as assert } from 'node:assert';
import { parseSecretReference, secretReferencePath, validateSecretName, validateVaultName, vaultResourceId } from '../../../src/core/credentials';

const SUB = '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c';
const PATH = `/subscriptions/${SUB}/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-rpa-prod/secrets/sap-password`;
const EXPECTED = { subscriptionId: SUB, resourceGroup: 'rg-rpa', vaultName: 'kv-rpa-prod', secretName: 'sap-password', version: undefined };

function problem(text: string): string {
  const r = parseSecretReference(text);
  assert.ok(!r.ok, `expected malformed: ${text}`);
  return r.problem;
}

describe('credentials/secretReference', () => {
  describe('reads every shape Power Platform accepts', () => {
    const shapes: Record<string, string> = {
      'as the maker portal writes it': PATH,
      'lower case': PATH.toLowerCase().replace('kv-rpa-prod', 'kv-rpa-prod'),
      'upper-case keywords': PATH.replace('/subscriptions/', '/SUBSCRIPTIONS/').replace('/resourceGroups/', '/RESOURCEGROUPS/').replace('Microsoft.KeyVault', 'MICROSOFT.KEYVAULT').replace('/vaults/', '/Vaults/').replace('/secrets/', '/Secrets/'),
      'surrounding whitespace and a line break': `  ${PATH}\r\n`,
      'a trailing slash': `${PATH}/`,
    };
    for (const [label, text] of Object.entries(shapes)) {
      it(label, () => {
        const r = parseSecretReference(text);
        assert.ok(r.ok, label);
        assert.equal(r.reference.secretName, 'sap-password');
        assert.equal(r.reference.vaultName.toLowerCase(), 'kv-rpa-prod');
        assert.equal(r.reference.subscriptionId.toLowerCase(), SUB);
        assert.equal(r.reference.version, undefined);
      });
    }
    it('with a version, and a version and a trailing slash', () => {
      const v = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
      for (const text of [`${PATH}/${v}`, `${PATH}/${v}/`]) {
        const r = parseSecretReference(text);
        assert.ok(r.ok);
        assert.deepEqual(r.reference, { ...EXPECTED, version: v });
      }
    });
    it('exactly the parts, round-tripped', () => {
      const r = parseSecretReference(PATH);
      assert.ok(r.ok);
      assert.deepEqual(r.reference, EXPECTED);
      assert.equal(secretReferencePath(r.reference), PATH);
      assert.equal(vaultResourceId(r.reference), PATH.replace(/\/secrets\/.*$/, ''));
    });
  });

  describe('says why a reference is malformed', () => {
    it('empty', () => assert.match(problem('  '), /empty/));
    it('a secret URI instead of the path', () => assert.match(problem('https://kv-rpa-prod.vault.azure.net/secrets/sap-password'), /is a URL/));
    it('no leading slash', () => assert.match(problem(PATH.slice(1)), /does not start with \/subscriptions\//));
    it('a space inside', () => assert.match(problem(PATH.replace('rg-rpa', 'rg rpa')), /spaces/));
    it('two slashes in a row', () => assert.match(problem(PATH.replace('/secrets/', '//secrets/')), /empty part/));
    it('a wrong keyword', () => assert.match(problem(PATH.replace('resourceGroups', 'resourceGroup')), /Expected 'resourceGroups' as part 3 of the path, found 'resourceGroup'/));
    it('another provider', () => assert.match(problem(PATH.replace('Microsoft.KeyVault', 'Microsoft.Storage')), /names the provider 'Microsoft.Storage'/));
    it('cut short', () => {
      assert.match(problem(PATH.replace(/\/secrets\/.*$/, '')), /ends before 'secrets\/\{secret name\}'/);
      assert.match(problem(PATH.replace(/sap-password$/, '').replace(/\/$/, '')), /no secret name after 'secrets\/'/);
    });
    it('too many parts', () => assert.match(problem(`${PATH}/v1/extra`), /more parts/));
    it('a subscription that is not a GUID', () => assert.match(problem(PATH.replace(SUB, 'my-subscription')), /'my-subscription' is not a GUID/));
    it('an invalid vault name', () => assert.match(problem(PATH.replace('kv-rpa-prod', 'kv_rpa')), /vault name 'kv_rpa' is not valid/));
    it('an invalid secret name', () => assert.match(problem(PATH.replace('sap-password', 'sap_password')), /secret name 'sap_password' is not valid/));
    it('a password pasted where a name goes is described, never quoted', () => {
      const pasted = 'Hunter2!Winter#2024';
      const message = problem(PATH.replace('sap-password', pasted));
      assert.match(message, /secret name a 19-character value that no Azure name can be is not valid/);
      assert.ok(!message.includes(pasted) && !message.includes('Hunter2'));
      const inKeyword = problem(PATH.replace('resourceGroups', pasted));
      assert.ok(!inKeyword.includes(pasted), inKeyword);
    });
    it('a resource group ending with a period', () => assert.match(problem(PATH.replace('rg-rpa', 'rg-rpa.')), /resource group name/));
  });

  it('validates vault and secret names as Key Vault does', () => {
    assert.equal(validateSecretName('sap-login-password'), undefined);
    assert.equal(validateSecretName('x'.repeat(127)), undefined);
    for (const bad of ['', 'x'.repeat(128), 'a_b', 'a.b', 'ä']) assert.ok(validateSecretName(bad), bad);
    assert.equal(validateVaultName('kv-rpa-prod'), undefined);
    for (const bad of ['kv', 'x'.repeat(25), '1kv', 'kv-', 'kv--rpa', 'kv_rpa']) assert.ok(validateVaultName(bad), bad);
  });
});
