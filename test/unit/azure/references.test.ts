import * as assert from 'assert';
import { AZURE_CLOUDS } from '../../../src/azure/clouds';
import {
  parseSecretArmPath,
  parseSecretUri,
  secretArmPath,
  secretPortalUrl,
  secretUri,
  validateSecretName,
  vaultAccessPortalUrl,
  vaultPortalUrl,
} from '../../../src/azure/keyVault/references';

const loc = {
  subscriptionId: '5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c',
  resourceGroup: 'rg-rpa-prod',
  vaultName: 'kv-contoso-rpa-prod',
  vaultUri: 'https://kv-contoso-rpa-prod.vault.azure.net/',
  secretName: 'sap-password',
};

describe('azure/keyVault/references', () => {
  it('builds the secret URI with and without a version', () => {
    assert.strictEqual(secretUri(loc), 'https://kv-contoso-rpa-prod.vault.azure.net/secrets/sap-password');
    assert.strictEqual(secretUri({ ...loc, version: 'abc123' }), 'https://kv-contoso-rpa-prod.vault.azure.net/secrets/sap-password/abc123');
  });

  it('builds the Power Platform environment-variable reference, and parses it back', () => {
    const path = secretArmPath(loc);
    assert.strictEqual(
      path,
      '/subscriptions/5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod/secrets/sap-password',
    );
    assert.deepStrictEqual(parseSecretArmPath(path), {
      subscriptionId: loc.subscriptionId,
      resourceGroup: 'rg-rpa-prod',
      vaultName: 'kv-contoso-rpa-prod',
      secretName: 'sap-password',
      version: undefined,
    });
    assert.strictEqual(parseSecretArmPath(path.toLowerCase() + '/v1')?.version, 'v1');
    assert.strictEqual(parseSecretArmPath('/subscriptions/x/secrets/y'), undefined);
  });

  it('parses secret URIs (port 443 dropped)', () => {
    assert.deepStrictEqual(parseSecretUri('https://kv.vault.azure.net:443/secrets/a/v'), { vaultUri: 'https://kv.vault.azure.net', secretName: 'a', version: 'v' });
    assert.strictEqual(parseSecretUri('https://kv.vault.azure.net/keys/a'), undefined);
  });

  it('links to the portal of the cloud', () => {
    const vaultId = `/subscriptions/${loc.subscriptionId}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv`;
    assert.strictEqual(vaultPortalUrl(AZURE_CLOUDS.AzureCloud, 't1', vaultId), `https://portal.azure.com/#@t1/resource${vaultId}`);
    assert.ok(vaultPortalUrl(AZURE_CLOUDS.AzureChinaCloud, 't1', vaultId).startsWith('https://portal.azure.cn/#@t1/'));
    assert.ok(secretPortalUrl(AZURE_CLOUDS.AzureUSGovernment, 't1', 'https://kv.vault.usgovcloudapi.net/secrets/a').startsWith('https://portal.azure.us/#@t1/asset/Microsoft_Azure_KeyVault/Secret/'));
    assert.ok(vaultAccessPortalUrl(AZURE_CLOUDS.AzureCloud, 't1', vaultId, false).endsWith('/access_policies'));
    assert.ok(vaultAccessPortalUrl(AZURE_CLOUDS.AzureCloud, 't1', vaultId, true).endsWith('/users'));
  });

  it('validates secret names as Key Vault does', () => {
    assert.strictEqual(validateSecretName('sap-password-2'), undefined);
    assert.ok(validateSecretName(''));
    assert.ok(validateSecretName('has space'));
    assert.ok(validateSecretName('under_score'));
    assert.ok(validateSecretName('x'.repeat(128)));
  });
});
