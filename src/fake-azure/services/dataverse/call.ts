/** One Web API operation, from the wire or from inside a `$batch`. */
import type { DataverseEnvironment } from '../../state';

export interface DataverseCaller {
  objectId: string;
  appId: string;
  tenantId: string;
}

export interface DataverseCall {
  method: string;
  /** The full request URL. */
  url: URL;
  /** Path after `/api/data/v9.x/`, percent-decoded, e.g. `credentials(…)`. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
  env: DataverseEnvironment;
  /** Web API version from the path, e.g. "9.2". */
  version: string;
  caller: DataverseCaller;
  /** Inside a change set: Content-ID → entity URL of what an earlier request created. */
  contentIds?: Map<string, string>;
}

export function headerMap(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
