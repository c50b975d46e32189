/**
 * `@azure/keyvault-secrets` 4.11 maps each listed page with `page.map(…)`, which drops the page's
 * `continuationToken`, and fetches next pages without the caller's abort signal. This pipeline
 * policy restores both, per call, through AsyncLocalStorage: it hands the `nextLink` of the list
 * response to the call that asked for the page, and puts the call's abort signal on requests that
 * have none. The paging error it throws on a 403 or 404 also loses the service's error body (codes
 * that say "firewall" or "RBAC"); the policy keeps that body for the call so the error can be
 * classified. Nothing else about the request or response is touched or kept, and list and error
 * bodies never hold secret values.
 */
import { AsyncLocalStorage } from 'async_hooks';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export interface PageCall {
  nextLink?: string;
  /** The error body of a failed list response (the SDK's paging error drops it). */
  errorBody?: unknown;
  readonly signal?: AbortSignal;
}

const calls = new AsyncLocalStorage<PageCall>();

export const PAGE_CAPTURE_POLICY_NAME = 'flowVaultPageCapture';

export const pageCapturePolicy: PipelinePolicy = {
  name: PAGE_CAPTURE_POLICY_NAME,
  async sendRequest(request, next) {
    const call = calls.getStore();
    if (call?.signal && !request.abortSignal) request.abortSignal = call.signal;
    const response = await next(request);
    if (call && response.status >= 400 && response.bodyAsText) {
      try {
        call.errorBody = JSON.parse(response.bodyAsText);
      } catch {
        call.errorBody = undefined;
      }
    }
    if (call && request.method === 'GET' && response.status === 200 && response.bodyAsText) {
      try {
        const body = JSON.parse(response.bodyAsText) as { nextLink?: unknown };
        call.nextLink = typeof body.nextLink === 'string' && body.nextLink ? body.nextLink : undefined;
      } catch {
        call.nextLink = undefined;
      }
    }
    return response;
  },
};

/** Runs `fn` (one page request) and reports the page's nextLink. */
export async function withPageCapture<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<{ result: T; nextLink?: string }> {
  const call: PageCall = { signal };
  try {
    const result = await calls.run(call, fn);
    return { result, nextLink: call.nextLink };
  } catch (e) {
    if (e && typeof e === 'object' && call.errorBody && !(e as { details?: unknown }).details) {
      (e as { details?: unknown }).details = call.errorBody;
    }
    throw e;
  }
}
