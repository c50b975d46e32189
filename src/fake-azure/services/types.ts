import type { IncomingHttpHeaders } from 'http';
import type { FaultInjector } from '../faults';
import type { FakeAzureState } from '../state';
import type { TokenAuthority } from '../tokens';

/** One request as a service sees it. */
export interface RequestContext {
  method: string;
  /** Lower-case host name without port (the real Azure host, thanks to the CONNECT tunnel). */
  host: string;
  /** Raw path as sent (percent-encoding kept), without query. */
  rawPath: string;
  /** Parsed URL (`https://{host}{path}`); `query` decodes keys such as `api%2Dversion`. */
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  clientIp: string;
  requestId: string;
  /** Set by a service once it knows who calls (object id / app id only; goes to the request log). */
  caller?: { objectId: string; appId: string; tenantId: string };
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are; undefined sends no body. */
  body?: unknown;
}

/** Shared by every service. */
export interface Emulator {
  state: FakeAzureState;
  tokens: TokenAuthority;
  faults: FaultInjector;
}

/** A host family the fake answers for (Entra ID, ARM, Key Vault, Dataverse...). */
export interface Service {
  readonly name: string;
  /** True when this service answers for the host (also decides whether the proxy accepts a CONNECT). */
  matches(host: string): boolean;
  handle(ctx: RequestContext): Reply | Promise<Reply>;
  /** The body this service's real counterpart sends for an injected fault status (429, 500...). */
  faultReply(ctx: RequestContext, status: number, retryAfter?: number): Reply;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}
