/** Raw HTTPS to the fake Dataverse through the in-process agent, for the dataverse*.test.ts suites. */
import * as https from 'https';
import type { FakeAzure } from '../../src/fake-azure';
import { withFakeAzure } from './helpers';

export const PROD = 'contoso-rpa.crm4.dynamics.com';
export const DEV = 'contoso-rpa-dev.crm.dynamics.com';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface DataverseHttp {
  request(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

/** Encodes a Web API path with its query the way clients do (spaces and quotes percent-encoded). */
export function q(path: string): string {
  return encodeURI(path).replace(/'/g, '%27');
}

export function raw(fake: FakeAzure, host: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, path, method, agent: fake.agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A client for one environment as one identity of the scenario. */
export function dataverse(fake: FakeAzure, host = PROD, identity = 'flowvault-demo'): DataverseHttp {
  const token = fake.issueToken({ identity, resource: `https://${host}` }).token;
  const request = (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json', ...(options.headers ?? {}) };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return raw(fake, host, method, path.startsWith('/') ? path : `/api/data/v9.2/${path}`, headers, body);
  };
  return { request, get: (path, headers) => request('GET', path, { headers }) };
}

/**
 * Inside a `describe`: starts the fake cloud before the suite's tests, hands it to `ready` with a
 * client for the production environment, and closes it after them.
 */
export function withFakeDataverse(ready: (fake: FakeAzure, dv: DataverseHttp) => void): void {
  withFakeAzure((fake) => ready(fake, dataverse(fake)));
}
