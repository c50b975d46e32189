import * as assert from 'assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import {
  agentPolicy,
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import { startFakeAzure, type FakeAzure } from '../../src/fake-azure';
import { PROD } from './dataverse-support';

/** The fake Dataverse through the Azure SDKs' own HTTP pipeline: bearer policy, retries on 429 Retry-After. */
describe('fake Dataverse through @azure/core-rest-pipeline', () => {
  let fake: FakeAzure;
  let pipeline: Pipeline;
  before(async () => {
    fake = await startFakeAzure();
    const c = fake.credentials;
    const credential = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret!, fake.clientOptions);
    pipeline = createPipelineFromOptions({ retryOptions: { maxRetries: 2 } });
    pipeline.addPolicy(agentPolicy(fake.agent));
    pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: `https://${PROD}/.default` }));
  });
  after(async () => {
    await fake.close();
  });

  const send = async (url: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Record<string, string> }> => {
    const res = await pipeline.sendRequest(createDefaultHttpClient(), createPipelineRequest({ url, headers: createHttpHeaders({ accept: 'application/json', ...headers }) }));
    return { status: res.status, json: JSON.parse(res.bodyAsText ?? '{}'), headers: res.headers.toJSON() };
  };

  it('pages through every credential by following @odata.nextLink verbatim', async () => {
    const names: string[] = [];
    let url: string | undefined = `https://${PROD}/api/data/v9.2/credentials?$select=name&$orderby=name`;
    let pages = 0;
    while (url) {
      const res = await send(url, { prefer: 'odata.maxpagesize=5' });
      assert.equal(res.status, 200);
      names.push(...(res.json.value as { name: string }[]).map((r) => r.name));
      url = res.json['@odata.nextLink'] as string | undefined;
      pages++;
    }
    assert.ok(pages >= 3);
    assert.deepEqual(names, [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.includes('SAP service account') && names.includes('Old mainframe account'));
  });

  it('retries after a 429 with Retry-After and then succeeds', async () => {
    fake.clearRequests();
    const remove = fake.faults.add({ host: PROD, path: '/api/data/v9.2/WhoAmI', status: 429, retryAfter: 1, count: 1 });
    try {
      const res = await send(`https://${PROD}/api/data/v9.2/WhoAmI`);
      assert.equal(res.status, 200);
      assert.deepEqual(fake.requests.filter((r) => r.host === PROD).map((r) => r.status), [429, 200]);
    } finally {
      remove();
    }
  });
});
