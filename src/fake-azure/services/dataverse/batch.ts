/**
 * `POST $batch`: multipart/mixed with requests and change sets, as Dataverse answers them. A change
 * set is all or nothing: when one of its requests fails, everything the change set wrote is undone
 * and the response holds only that request's error, with its Content-ID. Inside a change set,
 * `$n` (in a URL or an `@odata.bind`) names what request `n` created. Processing stops at the
 * first failure unless the batch says `Prefer: odata.continue-on-error`.
 */
import { randomUUID } from 'crypto';
import { STATUS_CODES } from 'http';
import type { Reply } from '../types';
import type { DataverseCall } from './call';
import { badQuery } from './errors';
import { parsePrefer } from './paging';
import { transactionAsync } from './store';

interface Part {
  headers: Record<string, string>;
  body: string;
}

interface BatchRequest {
  contentId?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

type BatchItem = { kind: 'request'; request: BatchRequest } | { kind: 'changeset'; requests: BatchRequest[] };

function boundaryOf(contentType: string | undefined): string {
  const m = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '');
  if (!m || !/^multipart\/mixed/i.test(contentType ?? '')) throw badQuery('A $batch request needs Content-Type: multipart/mixed with a boundary.');
  return m[2];
}

function splitHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** Splits a head/body at the first blank line. */
function cut(text: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? [text.slice(0, m.index), text.slice(m.index + m[0].length)] : [text, ''];
}

function parts(body: string, boundary: string): Part[] {
  const delimiter = `--${boundary}`;
  const out: Part[] = [];
  const chunks = body.split(delimiter);
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const text = chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    const [head, content] = cut(text);
    out.push({ headers: splitHeaders(head), body: content });
  }
  return out;
}

function httpRequest(part: Part): BatchRequest {
  if (!/^application\/http/i.test(part.headers['content-type'] ?? '')) throw badQuery('Each $batch part must be application/http or a multipart/mixed change set.');
  const [head, body] = cut(part.body.replace(/^\s+/, ''));
  const [requestLine, ...headerLines] = head.split(/\r?\n/);
  const m = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)(?:\s+HTTP\/1\.1)?$/i.exec(requestLine.trim());
  if (!m) throw badQuery(`The $batch request line '${requestLine.slice(0, 80)}' is not valid.`);
  const headers = splitHeaders(headerLines.join('\n'));
  return { contentId: part.headers['content-id'] ?? headers['content-id'], method: m[1].toUpperCase(), url: m[2], headers, body: body.replace(/\r?\n$/, '') };
}

export function parseBatch(contentType: string | undefined, body: string): BatchItem[] {
  return parts(body, boundaryOf(contentType)).map((part): BatchItem => {
    if (/^multipart\/mixed/i.test(part.headers['content-type'] ?? '')) {
      return { kind: 'changeset', requests: parts(part.body, boundaryOf(part.headers['content-type'])).map(httpRequest) };
    }
    return { kind: 'request', request: httpRequest(part) };
  });
}

function serialize(reply: Reply, contentId?: string): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId !== undefined) lines.push(`Content-ID: ${contentId}`);
  lines.push('', `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}`.trimEnd());
  for (const [k, v] of Object.entries(reply.headers ?? {})) lines.push(`${k.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase()).replace(/^Odata/, 'OData')}: ${v}`);
  lines.push('');
  if (reply.body !== undefined) lines.push(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  return lines.join('\r\n');
}

class ChangeSetFailed extends Error {
  constructor(readonly reply: Reply, readonly contentId?: string) {
    super('change set failed');
  }
}

/** Runs a `$batch`; `dispatch` runs one operation. */
export async function handleBatch(call: DataverseCall, dispatch: (sub: DataverseCall) => Promise<Reply>): Promise<Reply> {
  const items = parseBatch(call.headers['content-type'], call.body.toString('utf8'));
  const continueOnError = parsePrefer(call.headers['prefer']).has('odata.continue-on-error');
  const base = `https://${call.env.host}/api/data/v${call.version}/`;
  const toCall = (r: BatchRequest, contentIds?: Map<string, string>): DataverseCall | Reply => {
    let target = r.url;
    const ref = /^\$(\w+)(.*)$/.exec(target);
    if (ref) {
      const url = contentIds?.get(ref[1]);
      if (!url) return { status: 400, headers: { 'content-type': 'application/json; odata.metadata=minimal' }, body: { error: { code: '0x80060888', message: `The Content-ID reference '$${ref[1]}' is not defined in this change set.` } } };
      target = url + ref[2];
    }
    const url = new URL(target, base);
    const m = /^\/api\/data\/v(9\.[0-2])\/(.*)$/i.exec(url.pathname);
    if (url.host !== call.env.host || !m) {
      return { status: 400, headers: { 'content-type': 'application/json; odata.metadata=minimal' }, body: { error: { code: '0x80060888', message: `The $batch request URL '${r.url}' is not in this organization.` } } };
    }
    return { ...call, method: r.method, url, path: decodeURIComponent(m[2]), query: url.searchParams, headers: r.headers, body: Buffer.from(r.body, 'utf8'), version: m[1], contentIds };
  };
  const run = async (r: BatchRequest, contentIds?: Map<string, string>): Promise<Reply> => {
    const sub = toCall(r, contentIds);
    return 'status' in sub ? sub : dispatch(sub);
  };

  const boundary = `batchresponse_${randomUUID()}`;
  const out: string[] = [];
  for (const item of items) {
    if (item.kind === 'request') {
      const reply = await run(item.request);
      out.push(serialize(reply, item.request.contentId));
      if (reply.status >= 400 && !continueOnError) break;
      continue;
    }
    const contentIds = new Map<string, string>();
    const replies: { reply: Reply; contentId?: string }[] = [];
    try {
      await transactionAsync(call.env, async () => {
        for (const r of item.requests) {
          const reply = await run(r, contentIds);
          if (reply.status >= 400) throw new ChangeSetFailed(reply, r.contentId);
          const entity = reply.headers?.['odata-entityid'];
          if (r.contentId !== undefined && entity) contentIds.set(r.contentId, entity);
          replies.push({ reply, contentId: r.contentId });
        }
      });
    } catch (e) {
      if (!(e instanceof ChangeSetFailed)) throw e;
      out.push(serialize(e.reply, e.contentId));
      if (!continueOnError) break;
      continue;
    }
    const cs = `changesetresponse_${randomUUID()}`;
    const inner = replies.map((r) => `--${cs}\r\n${serialize(r.reply, r.contentId)}`).join('\r\n');
    out.push(`Content-Type: multipart/mixed; boundary=${cs}\r\n\r\n${inner}\r\n--${cs}--`);
  }
  const body = out.map((p) => `--${boundary}\r\n${p}`).join('\r\n') + `\r\n--${boundary}--\r\n`;
  return { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${boundary}`, 'odata-version': '4.0' }, body };
}
