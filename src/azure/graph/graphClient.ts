/**
 * The two Microsoft Graph reads Flow Vault needs, in one tenant: the signed-in user's `userType`
 * (guests cannot use Key Vault credentials reliably: the doctor warns) and the object id of a
 * service principal by app id (the Dataverse service principal, whose access to a vault is checked).
 */
import type { AzureAccount } from '../auth/accounts';
import type { AzureClientOptions } from '../clients';
import { classified, type ProblemContext } from '../errors';
import { JsonPipelineClient } from '../jsonPipeline';
import { throwIfAborted } from '../paging';

export interface SignedInUser {
  /** `user`: a user token; `application`: an app-only token (a service principal), which has no /me. */
  readonly kind: 'user' | 'application';
  readonly id?: string;
  readonly userPrincipalName?: string;
  readonly displayName?: string;
  /** `Member` or `Guest`; undefined for an application. */
  readonly userType?: string;
}

export interface ServicePrincipalInfo {
  readonly objectId: string;
  readonly appId: string;
  readonly displayName?: string;
}

export class GraphClient {
  private readonly http: JsonPipelineClient;

  constructor(
    readonly account: AzureAccount,
    readonly tenantId: string,
    options: AzureClientOptions = {},
  ) {
    const graph = account.cloud.graphEndpoint;
    this.http = new JsonPipelineClient(`${graph}/v1.0/`, account.credential(tenantId), `${graph}/.default`, options);
  }

  private ctx(): ProblemContext {
    return { operation: 'readGraph', tenant: { id: this.tenantId }, identity: this.account.identity, accountKind: this.account.kind };
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    return classified(this.ctx(), fn);
  }

  /**
   * The signed-in user (`GET /me`). An app-only token gets Graph's 400/403 for /me: that is reported
   * as `kind: 'application'`, not as an error.
   */
  me(abortSignal?: AbortSignal): Promise<SignedInUser> {
    return this.run(async () => {
      throwIfAborted(abortSignal);
      try {
        const res = await this.http.send<{ id?: string; userPrincipalName?: string; displayName?: string; userType?: string }>({
          method: 'GET',
          url: 'me?$select=id,userPrincipalName,displayName,userType',
          abortSignal,
        });
        const b = res.body ?? {};
        return { kind: 'user', id: b.id, userPrincipalName: b.userPrincipalName, displayName: b.displayName, userType: b.userType };
      } catch (e) {
        if (isAppOnlyMeError(e)) return { kind: 'application' };
        throw e;
      }
    });
  }

  /** A service principal of the tenant by its app id; undefined when the tenant has none. */
  servicePrincipalByAppId(appId: string, abortSignal?: AbortSignal): Promise<ServicePrincipalInfo | undefined> {
    return this.run(async () => {
      throwIfAborted(abortSignal);
      if (!/^[0-9a-fA-F-]{36}$/.test(appId)) throw new Error('Not an app id.');
      try {
        const res = await this.http.send<{ id?: string; appId?: string; displayName?: string }>({
          method: 'GET',
          url: `servicePrincipals(appId='${appId}')?$select=id,appId,displayName`,
          abortSignal,
        });
        const b = res.body ?? {};
        return b.id ? { objectId: b.id.toLowerCase(), appId: (b.appId ?? appId).toLowerCase(), displayName: b.displayName } : undefined;
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode === 404) return undefined;
        throw e;
      }
    });
  }
}

/** Graph answers /me with an app-only token: 400 `BadRequest` ("/me request is only valid with delegated authentication flow") or 403. */
function isAppOnlyMeError(e: unknown): boolean {
  const err = e as { statusCode?: number; response?: { bodyAsText?: string } };
  if (err.statusCode !== 400 && err.statusCode !== 403) return false;
  return /delegated authentication flow|only valid with delegated|\/me request/i.test(err.response?.bodyAsText ?? '');
}
