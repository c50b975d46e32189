/**
 * JSON requests over `@azure/core-rest-pipeline`, the pipeline the Azure SDKs use: retries with
 * back-off, 429 `Retry-After`, the proxy from the environment, the fake cloud's agent, cancellation
 * by AbortSignal, and a bearer token for one scope. For the services without an SDK here
 * (Dataverse Web API, Global Discovery Service, Microsoft Graph).
 *
 * A request may only go to the origin the client was made for: a link from a response (an OData
 * `nextLink`) that points elsewhere is refused before a token is attached.
 */
import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type HttpMethods,
  type Pipeline,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { AzureClientOptions } from './clients';

export interface JsonRequest {
  readonly method: HttpMethods;
  /** Absolute URL on the client's origin, or a path relative to its base URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON unless it is a string. */
  readonly body?: unknown;
  readonly abortSignal?: AbortSignal;
}

export interface JsonResponse<T> {
  readonly status: number;
  readonly headers: { get(name: string): string | undefined };
  /** Parsed JSON; undefined for an empty body. */
  readonly body: T;
}

export class OriginMismatchError extends Error {
  override readonly name = 'OriginMismatchError';
}

/** Throws a RestError carrying the response (status, headers, body) for a status of 400 or more. */
function throwIfFailed(response: PipelineResponse): void {
  if (response.status < 400) return;
  let code: string | undefined;
  try {
    const parsed = JSON.parse(response.bodyAsText ?? '') as { error?: { code?: unknown } };
    if (typeof parsed.error?.code === 'string') code = parsed.error.code;
  } catch {
    code = undefined;
  }
  // The message holds only the status and code; classifyAzureError reads the rest from `response`.
  throw new RestError(`HTTP ${response.status}${code ? ` ${code}` : ''}`, {
    statusCode: response.status,
    code,
    request: response.request,
    response,
  });
}

export class JsonPipelineClient {
  private readonly pipeline: Pipeline;
  private readonly httpClient: HttpClient;
  readonly origin: string;

  /**
   * @param baseUrl absolute https URL; relative request URLs resolve against it (keep its trailing slash).
   * @param scope the token scope, e.g. `https://contoso.crm4.dynamics.com/.default`.
   */
  constructor(
    readonly baseUrl: string,
    credential: TokenCredential,
    scope: string,
    options: AzureClientOptions = {},
  ) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:') throw new OriginMismatchError(`Refusing a token over ${url.protocol} (${url.host}).`);
    this.origin = url.origin;
    this.pipeline = createPipelineFromOptions({
      retryOptions: options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : undefined,
      userAgentOptions: { userAgentPrefix: options.userAgentPrefix ?? 'flow-vault' },
      ...(options.agent ? { agent: options.agent } : {}),
    });
    this.pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: [scope] }));
    for (const extra of options.additionalPolicies ?? []) {
      this.pipeline.addPolicy(extra.policy, extra.position === 'perRetry' ? { afterPhase: 'Sign' } : {});
    }
    this.httpClient = createDefaultHttpClient();
  }

  /** The absolute URL of `url`, refused when it leaves the client's origin. */
  resolve(url: string): string {
    const absolute = new URL(url, this.baseUrl);
    if (absolute.origin !== this.origin) {
      throw new OriginMismatchError(`Refusing to send a token to ${absolute.host}: this client talks to ${new URL(this.origin).host} only.`);
    }
    return absolute.toString();
  }

  async send<T>(req: JsonRequest): Promise<JsonResponse<T>> {
    const headers = createHttpHeaders({ accept: 'application/json', ...(req.headers ?? {}) });
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
    }
    const request = createPipelineRequest({
      url: this.resolve(req.url),
      method: req.method,
      headers,
      body,
      abortSignal: req.abortSignal,
    });
    const response = await this.pipeline.sendRequest(this.httpClient, request);
    throwIfFailed(response);
    const text = response.bodyAsText ?? '';
    let parsed: unknown;
    if (text.trim()) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new RestError(`HTTP ${response.status}: the response is not JSON`, { statusCode: response.status, code: 'InvalidJson', request, response });
      }
    }
    return {
      status: response.status,
      headers: { get: (name: string) => response.headers.get(name) },
      body: parsed as T,
    };
  }
}
