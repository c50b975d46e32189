/**
 * The network side: a plain-HTTP CONNECT proxy on 127.0.0.1 and an in-process HTTPS server that the
 * proxy hands every accepted tunnel to. TLS certificates are issued per SNI host name by the run's CA, so
 * clients see the real Azure host names (azure-apis.md §7). Nothing is ever forwarded off the machine:
 * a CONNECT to a host no service answers for is refused with 502.
 */
import * as http from 'http';
import * as https from 'https';
import type * as net from 'net';
import { performance } from 'perf_hooks';
import * as tls from 'tls';
import type { LeafIssuer, CertificateAuthority } from './certs';
import type { Emulator, Reply, RequestContext, Service } from './services/types';
import { randomGuid } from './util';

/** One request as recorded for tests: no bodies, no headers, no tokens. */
export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  host: string;
  /** URL path without the query. */
  path: string;
  /** The raw query string (api-version, maxresults, $skiptoken...; never secrets). */
  query: string;
  status: number;
  durationMs: number;
  service: string;
  /** True when the request carried an Authorization header. */
  authenticated: boolean;
  caller?: { objectId: string; appId: string; tenantId: string };
  /** Set when an injected fault answered (the rule id, or "fault"). */
  fault?: string;
  /** Set when the client went away while an injected latency held the request: it got no answer. */
  aborted?: boolean;
}

const MAX_BODY = 16 * 1024 * 1024;

export class FakeAzureServer {
  readonly requests: RequestLogEntry[] = [];
  /** CONNECT targets that were refused (host:port), for diagnosing a client that went somewhere unexpected. */
  readonly refusedConnects: string[] = [];
  private seq = 0;
  private readonly proxy: http.Server;
  private readonly tlsServer: https.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly contexts = new Map<string, tls.SecureContext>();

  constructor(
    private readonly emu: Emulator,
    private readonly services: Service[],
    private readonly ca: CertificateAuthority,
    private readonly leaves: LeafIssuer,
    private readonly log?: (line: string) => void,
  ) {
    this.tlsServer = https.createServer(
      {
        key: leaves.keyPem,
        cert: leaves.certificateFor('localhost') + ca.certPem,
        SNICallback: (servername, cb) => {
          try {
            cb(null, this.secureContext(servername));
          } catch (e) {
            cb(e as Error);
          }
        },
      },
      (req, res) => {
        void this.dispatch(req, res);
      },
    );
    this.tlsServer.keepAliveTimeout = 30_000;
    this.tlsServer.on('tlsClientError', (err, socket) => {
      this.log?.(`TLS handshake failed: ${err.message}`);
      socket.destroy();
    });

    this.proxy = http.createServer((req, res) => this.plainRequest(req, res));
    this.proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => this.connect(req, socket, head));
    this.proxy.on('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  private secureContext(servername: string): tls.SecureContext {
    const name = servername.toLowerCase();
    let ctx = this.contexts.get(name);
    if (!ctx) {
      ctx = tls.createSecureContext({ key: this.leaves.keyPem, cert: this.leaves.certificateFor(name) + this.ca.certPem });
      this.contexts.set(name, ctx);
    }
    return ctx;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.proxy.once('error', reject);
      this.proxy.listen(port, '127.0.0.1', () => {
        this.proxy.off('error', reject);
        resolve((this.proxy.address() as net.AddressInfo).port);
      });
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.tlsServer.closeAllConnections?.();
    await new Promise<void>((resolve) => this.proxy.close(() => resolve()));
  }

  serviceFor(host: string): Service | undefined {
    return this.services.find((s) => s.matches(host));
  }

  private plainRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method === 'GET' && (req.url === '/' || req.url === '/health')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const mem = process.memoryUsage();
      res.end(
        JSON.stringify({
          fakeAzure: true,
          scenario: this.emu.state.scenarioName,
          requests: this.requests.length,
          memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed },
        }),
      );
      return;
    }
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('The fake Azure proxy only tunnels HTTPS (CONNECT host:443) to the emulated Azure hosts.\n');
  }

  private connect(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    const target = req.url ?? '';
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    const host = m?.[1].toLowerCase() ?? '';
    const port = Number(m?.[2]);
    socket.on('error', () => socket.destroy());
    if (!m || port !== 443 || !this.serviceFor(host)) {
      this.refusedConnects.push(target);
      this.log?.(`CONNECT ${target} refused (not an emulated host)`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nNot an emulated Azure host.\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head && head.length) socket.unshift(head);
    this.tlsServer.emit('connection', socket);
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const servername = (req.socket as tls.TLSSocket).servername;
    const host = String(req.headers.host ?? (typeof servername === 'string' ? servername : '') ?? '')
      .replace(/:\d+$/, '')
      .toLowerCase();
    const rawUrl = req.url ?? '/';
    const qIndex = rawUrl.indexOf('?');
    const rawPath = qIndex >= 0 ? rawUrl.slice(0, qIndex) : rawUrl;
    const rawQuery = qIndex >= 0 ? rawUrl.slice(qIndex + 1) : '';
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(`https://${host}${rawPath.startsWith('/') ? '' : '/'}${rawPath}${qIndex >= 0 ? '?' + rawQuery : ''}`);
    } catch {
      url = new URL(`https://${host || 'invalid.host'}/`);
    }
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      time: new Date().toISOString(),
      method,
      host,
      path: rawPath,
      query: rawQuery,
      status: 0,
      durationMs: 0,
      service: 'none',
      authenticated: !!req.headers.authorization,
    };
    let reply: Reply;
    try {
      const body = await readBody(req);
      const ctx: RequestContext = {
        method,
        host,
        rawPath,
        url,
        query: url.searchParams,
        headers: req.headers,
        body,
        clientIp: this.emu.state.callerIp,
        requestId: randomGuid(),
      };
      const service = this.serviceFor(host);
      if (!service) {
        reply = { status: 421, headers: { 'content-type': 'text/plain' }, body: `No emulated service for host ${host}.\n` };
      } else {
        entry.service = service.name;
        const decision = this.emu.faults.decide(method, host, url.pathname);
        if (decision.latencyMs > 0 && !(await delayUnlessClosed(res, decision.latencyMs))) {
          entry.aborted = true;
          entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
          this.requests.push(entry);
          this.log?.(`${entry.method} ${entry.host}${entry.path} aborted by the client after ${entry.durationMs}ms`);
          return;
        }
        if (decision.failure) {
          entry.fault = decision.failure.ruleId ?? 'fault';
          reply = service.faultReply(ctx, decision.failure.status, decision.failure.retryAfter);
        } else {
          reply = await service.handle(ctx);
        }
        if (ctx.caller) entry.caller = ctx.caller;
      }
    } catch (e) {
      this.log?.(`internal error handling ${method} ${host}${rawPath}: ${(e as Error).message}`);
      reply = { status: 500, headers: { 'content-type': 'application/json' }, body: { error: { code: 'InternalServerError', message: 'The fake Azure failed to handle this request.' } } };
    }
    const payload =
      reply.body === undefined
        ? undefined
        : Buffer.isBuffer(reply.body)
          ? reply.body
          : Buffer.from(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body), 'utf8');
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'x-ms-request-id')) headers['x-ms-request-id'] = randomGuid();
    headers['content-length'] = String(payload?.length ?? 0);
    headers.date = new Date().toUTCString();
    res.writeHead(reply.status, headers);
    res.end(payload);
    entry.status = reply.status;
    entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
    this.requests.push(entry);
    this.log?.(`${entry.method} ${entry.host}${entry.path} ${entry.status} ${entry.durationMs}ms${entry.fault ? ` (fault ${entry.fault})` : ''}`);
  }
}

/** Waits `ms`; resolves false early when the connection closes first (the client gave up). */
function delayUnlessClosed(res: http.ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
