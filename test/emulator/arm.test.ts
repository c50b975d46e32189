import * as assert from 'assert/strict';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential } from '@azure/identity';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { startFakeAzure, FakeAzure } from '../../src/fake-azure';
import { DEMO, rejection, requestsTo, smallScenario } from './helpers';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('fake Resource Manager (real ARM SDKs)', () => {
  let fake: FakeAzure;
  let cred: ClientSecretCredential;
  before(async () => {
    fake = await startFakeAzure();
    const c = fake.credentials;
    cred = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret!, fake.clientOptions);
  });
  after(async () => {
    await fake.close();
  });

  it('lists the tenants the service principal exists in', async () => {
    const client = new SubscriptionClient(cred, fake.clientOptions);
    const tenants = await all(client.tenants.list());
    assert.deepEqual(tenants.map((t) => t.displayName).sort(), ['Contoso', 'Fabrikam Partner Tenant']);
    const contoso = tenants.find((t) => t.tenantId === DEMO.tenantId)!;
    assert.equal(contoso.tenantCategory, 'Home');
    assert.equal(contoso.defaultDomain, 'contoso.onmicrosoft.com');
    assert.ok(contoso.domains?.includes('contoso.com'));
  });

  it('lists the subscriptions of the token tenant that the caller has a role in', async () => {
    const client = new SubscriptionClient(cred, fake.clientOptions);
    const subs = await all(client.subscriptions.list());
    assert.deepEqual(subs.map((s) => s.displayName).sort(), ['Contoso RPA Development', 'Contoso RPA Production']);
    const prod = subs.find((s) => s.subscriptionId === DEMO.prodSubscription)!;
    assert.equal(prod.state, 'Enabled');
    assert.equal(prod.tenantId, DEMO.tenantId);
    assert.equal(prod.id, `/subscriptions/${DEMO.prodSubscription}`);
  });

  it('pages the subscription list with nextLink', async () => {
    const big = await startFakeAzure({
      scenario: smallScenario({}, {
        paging: { subscriptions: 50 },
        tenants: [{ name: 'test', displayName: 'Test Tenant', generate: { subscriptions: 120, roleAssignments: [{ principal: 'tester', role: 'Reader' }] } }],
      }),
    });
    try {
      const t = big.identity('tester');
      const c = new ClientSecretCredential(t.tenantId, t.clientId!, t.clientSecret!, big.clientOptions);
      const subs = await all(new SubscriptionClient(c, big.clientOptions).subscriptions.list());
      assert.equal(subs.length, 120);
      assert.equal(new Set(subs.map((s) => s.subscriptionId)).size, 120);
      const calls = requestsTo(big, 'management.azure.com', '/subscriptions');
      assert.equal(calls.length, 3);
      assert.ok(calls.slice(1).every((r) => r.query.includes('skiptoken')));
    } finally {
      await big.close();
    }
  });

  it('lists vaults per subscription (with $top paging), per resource group, and as generic resources', async () => {
    const client = new KeyVaultManagementClient(cred, DEMO.prodSubscription, fake.clientOptions);
    fake.clearRequests();
    const bySub = await all(client.vaults.listBySubscription({ top: 3 }));
    assert.deepEqual(bySub.map((v) => v.name), ['kv-contoso-finance', 'kv-contoso-rpa-legacy', 'kv-contoso-rpa-prod', 'kv-contoso-rpa-secure']);
    assert.equal(requestsTo(fake, 'management.azure.com', `/subscriptions/${DEMO.prodSubscription}/providers/Microsoft.KeyVault/vaults`).length, 2);
    const byGroup = await all(client.vaults.listByResourceGroup('rg-rpa-prod'));
    assert.deepEqual(byGroup.map((v) => v.name), ['kv-contoso-rpa-legacy', 'kv-contoso-rpa-prod', 'kv-contoso-rpa-secure']);
    const generic = await all(client.vaults.list());
    assert.equal(generic.length, 4);
    assert.equal(generic[0].type, 'Microsoft.KeyVault/vaults');
  });

  it('returns vault details: tenant, permission model, access policies, network rules, private endpoints', async () => {
    const client = new KeyVaultManagementClient(cred, DEMO.prodSubscription, fake.clientOptions);
    const legacy = await client.vaults.get('rg-rpa-prod', 'kv-contoso-rpa-legacy');
    assert.equal(legacy.properties.tenantId, DEMO.tenantId);
    assert.equal(legacy.properties.enableRbacAuthorization, false);
    assert.equal(legacy.properties.vaultUri, 'https://kv-contoso-rpa-legacy.vault.azure.net/');
    assert.equal(legacy.properties.sku.name, 'standard');
    assert.equal(legacy.location, 'westeurope');
    assert.equal(legacy.tags?.permissionModel, 'access-policy');
    const policy = legacy.properties.accessPolicies?.find((p) => p.objectId === fake.credentials.objectId);
    assert.deepEqual(policy?.permissions.secrets, ['get', 'list']);
    const secure = await client.vaults.get('rg-rpa-prod', 'kv-contoso-rpa-secure');
    assert.equal(secure.properties.networkAcls?.defaultAction, 'Deny');
    assert.deepEqual(secure.properties.networkAcls?.ipRules?.map((r) => r.value), ['203.0.113.0/24']);
    assert.equal(secure.properties.publicNetworkAccess, 'Enabled');
    assert.equal(secure.properties.privateEndpointConnections?.[0].privateLinkServiceConnectionState?.status, 'Approved');
    const err = await rejection(() => client.vaults.get('rg-rpa-prod', 'kv-missing'));
    assert.equal(err.statusCode, 404);
    assert.equal(err.code, 'ResourceNotFound');
  });

  it('reports and changes resource provider registration (Microsoft.PowerPlatform)', async () => {
    const prod = new ResourceManagementClient(cred, DEMO.prodSubscription, fake.clientOptions);
    assert.equal((await prod.providers.get('Microsoft.PowerPlatform')).registrationState, 'Registered');
    const dev = new ResourceManagementClient(cred, DEMO.devSubscription, fake.clientOptions);
    assert.equal((await dev.providers.get('Microsoft.PowerPlatform')).registrationState, 'NotRegistered');
    fake.arm.registrationDelayMs = 50;
    const registering = await dev.providers.register('Microsoft.PowerPlatform');
    assert.equal(registering.registrationState, 'Registering');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal((await dev.providers.get('Microsoft.PowerPlatform')).registrationState, 'Registered');
    // Reader may not register providers.
    const err = await rejection(() => prod.providers.register('Microsoft.EventGrid'));
    assert.equal(err.statusCode, 403);
    assert.equal(err.code, 'AuthorizationFailed');
    const names = (await all(prod.providers.list())).map((p) => p.namespace);
    assert.ok(names.includes('Microsoft.KeyVault') && names.includes('Microsoft.PowerPlatform'));
  });

  it('lists role assignments for a vault scope, with the $filter forms the SDK sends', async () => {
    const client = new AuthorizationManagementClient(cred, DEMO.prodSubscription, fake.clientOptions);
    const scope = `subscriptions/${DEMO.prodSubscription}/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod`;
    const atScope = await all(client.roleAssignments.listForScope(scope, { filter: 'atScope()' }));
    const roleIds = atScope.map((a) => a.roleDefinitionId!.split('/').pop());
    assert.ok(roleIds.includes('4633458b-17de-408a-b874-0445c86b69e6'), 'Key Vault Secrets User (Dataverse, Megan)');
    assert.ok(roleIds.includes('b86a8fe4-44ce-4948-aee5-eccb2c155cd7'), 'Key Vault Secrets Officer (demo SP)');
    assert.ok(roleIds.includes('acdd72a7-3385-48ef-bd42-f606fba81ae7'), 'inherited Reader from the subscription');
    const dataverse = fake.identity('dataverse');
    const mine = await all(client.roleAssignments.listForScope(scope, { filter: `assignedTo('${dataverse.objectId}')` }));
    assert.equal(mine.length, 1);
    assert.equal(mine[0].principalId, dataverse.objectId);
    assert.equal(mine[0].principalType, 'ServicePrincipal');
    assert.equal(mine[0].roleDefinitionId, `/subscriptions/${DEMO.prodSubscription}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`);
    assert.equal(mine[0].scope, `/${scope}`);
    const sent = fake.requests.filter((r) => r.path.endsWith('/providers/Microsoft.Authorization/roleAssignments'));
    assert.ok(sent.some((r) => decodeURIComponent(r.query).includes("$filter=assignedTo('")));
  });

  it('gets and lists role definitions (Key Vault Secrets User, Secrets Officer, Reader)', async () => {
    const client = new AuthorizationManagementClient(cred, DEMO.prodSubscription, fake.clientOptions);
    const scope = `subscriptions/${DEMO.prodSubscription}`;
    const user = await client.roleDefinitions.get(scope, '4633458b-17de-408a-b874-0445c86b69e6');
    assert.equal(user.roleName, 'Key Vault Secrets User');
    assert.equal(user.roleType, 'BuiltInRole');
    assert.deepEqual(user.permissions?.[0].dataActions, ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action']);
    const byId = await client.roleDefinitions.getById('/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7');
    assert.equal(byId.roleName, 'Key Vault Secrets Officer');
    const readers = await all(client.roleDefinitions.list(scope, { filter: "roleName eq 'Reader'" }));
    assert.equal(readers.length, 1);
    assert.equal(readers[0].name, 'acdd72a7-3385-48ef-bd42-f606fba81ae7');
    const builtIns = await all(client.roleDefinitions.list(scope));
    assert.ok(builtIns.length >= 8);
  });

  it('lists the caller\'s effective permissions on a vault', async () => {
    const client = new AuthorizationManagementClient(cred, DEMO.prodSubscription, fake.clientOptions);
    const perms = await all(client.permissions.listForResource('rg-rpa-prod', 'Microsoft.KeyVault', '', 'vaults', 'kv-contoso-rpa-prod'));
    assert.ok(perms.some((p) => p.actions?.includes('*/read')));
    assert.ok(perms.some((p) => p.dataActions?.includes('Microsoft.KeyVault/vaults/secrets/*')));
  });

  it('answers 403 AuthorizationFailed (real body shape) to an identity without access to the subscription', async () => {
    const noAccess = fake.identity('no-access-sp');
    const c = new ClientSecretCredential(noAccess.tenantId, noAccess.clientId!, noAccess.clientSecret!, fake.clientOptions);
    const client = new KeyVaultManagementClient(c, DEMO.prodSubscription, fake.clientOptions);
    const err = await rejection(() => client.vaults.get('rg-rpa-prod', 'kv-contoso-rpa-prod'));
    assert.equal(err.statusCode, 403);
    assert.equal(err.code, 'AuthorizationFailed');
    assert.match(
      err.message,
      new RegExp(`^The client '${noAccess.objectId}' with object id '${noAccess.objectId}' does not have authorization to perform action 'Microsoft.KeyVault/vaults/read' over scope '/subscriptions/${DEMO.prodSubscription}/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod' or the scope is invalid\\. If access was recently granted, please refresh your credentials\\.$`),
    );
    assert.deepEqual(await all(new SubscriptionClient(c, fake.clientOptions).subscriptions.list()), []);
    // Granting Reader makes the same call succeed.
    fake.state.addRoleAssignment({ scope: `/subscriptions/${DEMO.prodSubscription}`, principal: 'no-access-sp', role: 'Reader' });
    try {
      assert.equal((await client.vaults.get('rg-rpa-prod', 'kv-contoso-rpa-prod')).name, 'kv-contoso-rpa-prod');
    } finally {
      fake.state.removeRoleAssignments({ principal: 'no-access-sp' });
    }
  });

  it('checks the token audience (401 InvalidAuthenticationTokenAudience for a Key Vault token)', async () => {
    const vaultTokenOnly: TokenCredential = {
      getToken: async (): Promise<AccessToken | null> => cred.getToken('https://vault.azure.net/.default'),
    };
    const client = new SubscriptionClient(vaultTokenOnly, fake.clientOptions);
    const err = await rejection(() => all(client.subscriptions.list()));
    assert.equal(err.statusCode, 401);
    assert.equal(err.code, 'InvalidAuthenticationTokenAudience');
  });

  it('answers 401 InvalidAuthenticationTokenTenant when the token is from another tenant than the subscription', async () => {
    const wrongTenant: TokenCredential = {
      getToken: async (): Promise<AccessToken> => {
        const t = fake.issueToken({ identity: 'flowvault-demo', tenant: 'fabrikam', resource: 'https://management.azure.com' });
        return { token: t.token, expiresOnTimestamp: t.expiresOnTimestamp };
      },
    };
    const client = new KeyVaultManagementClient(wrongTenant, DEMO.prodSubscription, fake.clientOptions);
    const err = await rejection(() => all(client.vaults.listBySubscription()));
    assert.equal(err.statusCode, 401);
    assert.equal(err.code, 'InvalidAuthenticationTokenTenant');
  });
});
