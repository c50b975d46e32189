import * as assert from 'assert/strict';
import type { FakeAzure } from '../../src/fake-azure';
import { DataverseHttp, PROD, q, withFakeDataverse } from './dataverse-support';

const PROD_REF = '/subscriptions/5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod/secrets/smtp-relay';
const FINANCE_REF = '/subscriptions/5d1c7e9a-3f2b-4a6d-8e1c-9b0a7f6e5d4c/resourceGroups/rg-finance/providers/Microsoft.KeyVault/vaults/kv-contoso-finance/secrets/bank-portal-password';
const BASE = `https://${PROD}/api/data/v9.2/`;

interface SubRequest {
  method: string;
  url: string;
  body?: unknown;
  contentId?: string;
}

function httpPart(r: SubRequest): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (r.contentId) lines.push(`Content-ID: ${r.contentId}`);
  lines.push('', `${r.method} ${r.url} HTTP/1.1`);
  if (r.body !== undefined) lines.push('Content-Type: application/json; type=entry', '', JSON.stringify(r.body));
  else lines.push('');
  return lines.join('\r\n');
}

/** A multipart/mixed batch body: top-level requests and change sets (arrays). */
function batchBody(boundary: string, items: (SubRequest | SubRequest[])[]): string {
  const out: string[] = [];
  items.forEach((item, i) => {
    if (Array.isArray(item)) {
      const cs = `changeset_${i}`;
      out.push(`--${boundary}\r\nContent-Type: multipart/mixed; boundary=${cs}\r\n\r\n${item.map((r) => `--${cs}\r\n${httpPart(r)}`).join('\r\n')}\r\n--${cs}--`);
    } else out.push(`--${boundary}\r\n${httpPart(item)}`);
  });
  return out.join('\r\n') + `\r\n--${boundary}--\r\n`;
}

interface PartResponse {
  contentId?: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads every application/http response of a batch response, change-set responses included. */
function responses(contentType: string, text: string): PartResponse[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)![1];
  const out: PartResponse[] = [];
  for (const chunk of text.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = chunk.replace(/^\r\n/, '');
    const inner = /^Content-Type: multipart\/mixed; boundary=(\S+)/.exec(part);
    if (inner) {
      out.push(...responses(`multipart/mixed; boundary=${inner[1]}`, part.slice(part.indexOf('\r\n\r\n') + 4)));
      continue;
    }
    const [mime, rest] = [part.slice(0, part.indexOf('\r\n\r\n')), part.slice(part.indexOf('\r\n\r\n') + 4)];
    const [head, ...bodyParts] = rest.split('\r\n\r\n');
    const [statusLine, ...headerLines] = head.split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of headerLines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
    out.push({ contentId: /Content-ID: (\S+)/.exec(mime)?.[1], status: Number(statusLine.split(' ')[1]), headers, body: bodyParts.join('\r\n\r\n').trim() });
  }
  return out;
}

describe('fake Dataverse: $batch and change sets', () => {
  let fake: FakeAzure;
  let dv: DataverseHttp;
  withFakeDataverse((f, d) => {
    fake = f;
    dv = d;
  });

  const send = async (items: (SubRequest | SubRequest[])[], prefer?: string): Promise<PartResponse[]> => {
    const boundary = 'batch_5e1a';
    const res = await dv.request('POST', '$batch', {
      body: batchBody(boundary, items),
      headers: { 'content-type': `multipart/mixed; boundary=${boundary}`, ...(prefer ? { prefer } : {}) },
    });
    assert.equal(res.status, 200, res.text);
    assert.match(String(res.headers['content-type']), /^multipart\/mixed; boundary=batchresponse_/);
    return responses(String(res.headers['content-type']), res.text);
  };

  /** The change set a client sends to create a Key Vault credential: two definitions, two values, the credential. */
  const credentialChangeSet = (name: string, reference: string): SubRequest[] => {
    const s = name.replace(/\W/g, '');
    return [
      { contentId: '1', method: 'POST', url: `${BASE}environmentvariabledefinitions`, body: { schemaname: `new_${s}UserName`, displayname: `${name} user`, type: 100000000 } },
      { contentId: '2', method: 'POST', url: `${BASE}environmentvariablevalues`, body: { schemaname: `new_${s}UserName`, value: 'robot', 'EnvironmentVariableDefinitionId@odata.bind': '$1' } },
      { contentId: '3', method: 'POST', url: '/api/data/v9.2/environmentvariabledefinitions', body: { schemaname: `new_${s}Password`, displayname: `${name} password`, type: 100000005, secretstore: 0 } },
      { contentId: '4', method: 'POST', url: 'environmentvariablevalues', body: { schemaname: `new_${s}Password`, value: reference, 'EnvironmentVariableDefinitionId@odata.bind': '$3' } },
      { contentId: '5', method: 'POST', url: `${BASE}credentials`, body: { name, connectiontype: 1, 'username@odata.bind': '$1', 'password@odata.bind': '$3' } },
    ];
  };

  it('runs a change set with Content-ID references and answers each request', async () => {
    const parts = await send([credentialChangeSet('Batch robot', PROD_REF), { method: 'GET', url: q(`${BASE}credentials?$select=name&$filter=name eq 'Batch robot'`) }]);
    assert.deepEqual(parts.map((p) => [p.contentId, p.status]), [['1', 204], ['2', 204], ['3', 204], ['4', 204], ['5', 204], [undefined, 200]]);
    assert.match(parts[4].headers['odata-entityid'], /\/credentials\([0-9a-f-]{36}\)$/);
    assert.deepEqual(JSON.parse(parts[5].body).value.map((r: { name: string }) => r.name), ['Batch robot']);
    const cred = (await dv.get(q("credentials?$filter=name eq 'Batch robot'&$select=name&$expand=password($select=schemaname;$expand=environmentvariabledefinition_environmentvariablevalue($select=value))"))).json.value[0];
    assert.equal(cred.password.environmentvariabledefinition_environmentvariablevalue[0].value, PROD_REF);
  });

  it('rolls a change set back entirely when one request fails, and says which one', async () => {
    const before = JSON.stringify([...fake.state.findEnvironmentByHost(PROD)!.tables]);
    const parts = await send([credentialChangeSet('Doomed robot', FINANCE_REF)]);
    assert.equal(parts.length, 1);
    assert.equal(parts[0].contentId, '4');
    assert.equal(parts[0].status, 400);
    assert.match(JSON.parse(parts[0].body).error.message, /User is not authorized to read secrets/);
    assert.equal(JSON.stringify([...fake.state.findEnvironmentByHost(PROD)!.tables]), before);
    const dup = await send([credentialChangeSet('SAP service account', PROD_REF)]);
    assert.equal(dup[0].contentId, '5');
    assert.equal(JSON.parse(dup[0].body).error.code, '0x80040237');
    assert.equal(JSON.stringify([...fake.state.findEnvironmentByHost(PROD)!.tables]), before);
  });

  it('stops at the first failure unless Prefer: odata.continue-on-error', async () => {
    const items: SubRequest[] = [
      { method: 'GET', url: `${BASE}nothing` },
      { method: 'GET', url: `${BASE}credentials?$select=name&$top=1` },
    ];
    const stopped = await send(items);
    assert.deepEqual(stopped.map((p) => p.status), [404]);
    const continued = await send(items, 'odata.continue-on-error');
    assert.deepEqual(continued.map((p) => p.status), [404, 200]);
  });

  it('refuses a batch without a multipart boundary, and a request for another organization', async () => {
    const res = await dv.request('POST', '$batch', { body: 'x', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 400);
    const other = await send([{ method: 'GET', url: 'https://contoso-rpa-dev.crm.dynamics.com/api/data/v9.2/credentials' }]);
    assert.equal(other[0].status, 400);
  });
});
