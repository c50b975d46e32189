import * as assert from 'assert';
import {
  AZURE_CLOUDS,
  AZURE_CLOUD_NAMES,
  cloudOfKeyVaultUrl,
  findCloud,
  isKeyVaultUrlOfCloud,
  keyVaultUrl,
  resolveCloud,
} from '../../../src/azure/clouds';

describe('azure/clouds', () => {
  it('has the three clouds with https endpoints and matching scopes', () => {
    assert.deepStrictEqual([...AZURE_CLOUD_NAMES], ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment']);
    for (const name of AZURE_CLOUD_NAMES) {
      const c = AZURE_CLOUDS[name];
      for (const url of [c.authorityHost, c.resourceManagerEndpoint, c.portalUrl]) assert.match(url, /^https:\/\/[^/]+$/, `${name}: ${url}`);
      assert.strictEqual(c.resourceManagerScope, `${c.resourceManagerEndpoint}/.default`);
      assert.ok(c.keyVaultScope.startsWith('https://vault.'), c.keyVaultScope);
      assert.ok(c.keyVaultScope.replace('https://', '.').startsWith(c.keyVaultDnsSuffix), `${name}: scope host ends the DNS suffix`);
    }
  });

  it('uses the documented endpoints per cloud', () => {
    assert.strictEqual(AZURE_CLOUDS.AzureCloud.authorityHost, 'https://login.microsoftonline.com');
    assert.strictEqual(AZURE_CLOUDS.AzureChinaCloud.resourceManagerEndpoint, 'https://management.chinacloudapi.cn');
    assert.strictEqual(AZURE_CLOUDS.AzureChinaCloud.keyVaultDnsSuffix, '.vault.azure.cn');
    assert.strictEqual(AZURE_CLOUDS.AzureUSGovernment.authorityHost, 'https://login.microsoftonline.us');
    assert.strictEqual(AZURE_CLOUDS.AzureUSGovernment.keyVaultDnsSuffix, '.vault.usgovcloudapi.net');
    assert.strictEqual(AZURE_CLOUDS.AzureUSGovernment.portalUrl, 'https://portal.azure.us');
    assert.strictEqual(AZURE_CLOUDS.AzureCloud.vscodeAuthProviderId, 'microsoft');
    assert.strictEqual(AZURE_CLOUDS.AzureChinaCloud.vscodeAuthProviderId, 'microsoft-sovereign-cloud');
    assert.strictEqual(AZURE_CLOUDS.AzureChinaCloud.vscodeSovereignEnvironment, 'ChinaCloud');
    assert.strictEqual(AZURE_CLOUDS.AzureUSGovernment.vscodeSovereignEnvironment, 'USGovernment');
    assert.strictEqual(AZURE_CLOUDS.AzureUSGovernment.supportsPowerAutomateCredentials, false);
  });

  it('resolves names and aliases; anything else falls back to the public cloud, never to a custom host', () => {
    assert.strictEqual(findCloud('AzureChinaCloud')?.name, 'AzureChinaCloud');
    assert.strictEqual(findCloud(' usgov ')?.name, 'AzureUSGovernment');
    assert.strictEqual(findCloud('AZURE_CHINA_CLOUD')?.name, 'AzureChinaCloud');
    assert.strictEqual(findCloud('https://evil.example.com'), undefined);
    assert.strictEqual(findCloud(42), undefined);
    assert.strictEqual(resolveCloud(undefined).name, 'AzureCloud');
    assert.strictEqual(resolveCloud('https://evil.example.com').name, 'AzureCloud');
  });

  it('recognises Key Vault URLs of a cloud and refuses look-alikes', () => {
    const pub = AZURE_CLOUDS.AzureCloud;
    assert.ok(isKeyVaultUrlOfCloud('https://kv1.vault.azure.net', pub));
    assert.ok(isKeyVaultUrlOfCloud('https://KV1.vault.azure.net/secrets/x', pub));
    assert.ok(!isKeyVaultUrlOfCloud('http://kv1.vault.azure.net', pub), 'http');
    assert.ok(!isKeyVaultUrlOfCloud('https://vault.azure.net', pub), 'bare suffix');
    assert.ok(!isKeyVaultUrlOfCloud('https://kv1.vault.azure.net.evil.com', pub), 'suffix in the middle');
    assert.ok(!isKeyVaultUrlOfCloud('https://kv1evault.azure.net', pub), 'no dot before the suffix');
    assert.ok(!isKeyVaultUrlOfCloud('https://kv1.vault.azure.cn', pub), 'other cloud');
    assert.ok(!isKeyVaultUrlOfCloud('not a url', pub));
    assert.strictEqual(cloudOfKeyVaultUrl('https://kv.vault.usgovcloudapi.net')?.name, 'AzureUSGovernment');
    assert.strictEqual(keyVaultUrl('KV-Demo', AZURE_CLOUDS.AzureChinaCloud), 'https://kv-demo.vault.azure.cn');
  });
});
