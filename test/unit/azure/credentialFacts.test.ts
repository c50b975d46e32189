import * as assert from 'assert';
import type { AccessPolicyEntry } from '@azure/arm-keyvault';
import { actionMatches, grantsDataAction, policyGrantsGet, READ_SECRET_DATA_ACTION, scopeCovers } from '../../../src/azure/credentials/dataverseAccess';
import { FactsCache, raceAbort } from '../../../src/azure/credentials/factsCache';
import { virtualNetworkOf } from '../../../src/azure/credentials/privateEndpoints';

const VAULT = '/subscriptions/5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-prod';
const OID = 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6';

describe('credential facts: which role assignments reach a secret', () => {
  it('an assignment covers its own scope and everything below, case-insensitively, with or without a leading slash', () => {
    const secret = `${VAULT}/secrets/sap-password`;
    assert.ok(scopeCovers(VAULT, secret));
    assert.ok(scopeCovers(VAULT.toLowerCase().slice(1), secret));
    assert.ok(scopeCovers('/subscriptions/5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c', secret));
    assert.ok(scopeCovers('/', secret), 'root');
    assert.ok(scopeCovers(secret, secret));
    assert.ok(!scopeCovers(`${VAULT}/secrets/other`, secret), 'another secret');
    assert.ok(!scopeCovers(`${VAULT}-dev`, secret), 'a vault whose name starts the same');
    assert.ok(!scopeCovers(secret, VAULT), 'below does not cover above');
  });

  it('matches wildcard actions and honours notDataActions', () => {
    assert.ok(actionMatches('Microsoft.KeyVault/vaults/secrets/*', READ_SECRET_DATA_ACTION));
    assert.ok(actionMatches('*', READ_SECRET_DATA_ACTION));
    assert.ok(actionMatches('microsoft.keyvault/vaults/secrets/getsecret/action', READ_SECRET_DATA_ACTION));
    assert.ok(!actionMatches('Microsoft.KeyVault/vaults/secrets/readMetadata/action', READ_SECRET_DATA_ACTION));
    assert.ok(!actionMatches('Microsoft.KeyVault/vaults/keys/*', READ_SECRET_DATA_ACTION));
    assert.ok(grantsDataAction([{ dataActions: ['Microsoft.KeyVault/vaults/secrets/*'] }], READ_SECRET_DATA_ACTION));
    assert.ok(!grantsDataAction([{ dataActions: ['Microsoft.KeyVault/*'], notDataActions: ['Microsoft.KeyVault/vaults/secrets/getSecret/action'] }], READ_SECRET_DATA_ACTION));
    assert.ok(!grantsDataAction([{ actions: ['*'] }], READ_SECRET_DATA_ACTION), 'control-plane Owner does not read values');
  });

  it('an access policy grants get to that object only, not to a compound (app + user) entry', () => {
    const entry = (objectId: string, secrets: string[], applicationId?: string): AccessPolicyEntry =>
      ({ tenantId: 't', objectId, applicationId, permissions: { secrets } }) as unknown as AccessPolicyEntry;
    assert.ok(policyGrantsGet([entry(OID, ['get'])], OID));
    assert.ok(policyGrantsGet([entry(OID.toUpperCase(), ['All'])], OID));
    assert.ok(!policyGrantsGet([entry(OID, ['list'])], OID));
    assert.ok(!policyGrantsGet([entry('00000000-0000-0000-0000-000000000001', ['get'])], OID));
    assert.ok(!policyGrantsGet([entry(OID, ['get'], '00000000-0000-0000-0000-000000000002')], OID));
    assert.ok(!policyGrantsGet(undefined, OID));
  });
});

describe('credential facts: private endpoints', () => {
  it('finds the virtual network of a subnet id, and nothing in anything else', () => {
    const vnet = '/subscriptions/5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-rpa';
    assert.strictEqual(virtualNetworkOf(`${vnet}/subnets/snet-pe`), vnet);
    assert.strictEqual(virtualNetworkOf(vnet), undefined);
    assert.strictEqual(virtualNetworkOf(`${vnet}/subnets/snet-pe/extra`), undefined);
    assert.strictEqual(virtualNetworkOf('https://management.azure.com/x'), undefined);
  });
});

describe('credential facts: the refresh cache', () => {
  it('loads a key once within its lifetime, failures included, and again after it', async () => {
    let t = 0;
    const cache = new FactsCache(1000, () => t);
    let loads = 0;
    const load = async (): Promise<number> => ++loads;
    assert.deepStrictEqual(await Promise.all([cache.get('a', load), cache.get('a', load)]), [1, 1]);
    let failures = 0;
    const fail = async (): Promise<never> => {
      failures++;
      throw new Error('403');
    };
    await assert.rejects(cache.get('b', fail));
    await assert.rejects(cache.get('b', fail));
    assert.strictEqual(failures, 1);
    t = 1000;
    assert.strictEqual(await cache.get('a', load), 2);
  });

  it('a caller stops waiting when its signal aborts; the shared lookup goes on for the others', async () => {
    let release!: (v: string) => void;
    const shared = new Promise<string>((r) => (release = r));
    const ac = new AbortController();
    const mine = raceAbort(shared, ac.signal);
    ac.abort();
    await assert.rejects(mine, (e: Error) => e.name === 'AbortError');
    release('done');
    assert.strictEqual(await raceAbort(shared, new AbortController().signal), 'done');
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(raceAbort(Promise.resolve(1), aborted.signal));
  });
});
