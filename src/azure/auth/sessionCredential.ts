/**
 * A token callback over an authentication-session provider like VS Code's
 * `vscode.authentication.getSession('microsoft', scopes, options)`, without importing vscode:
 * the host passes the function in. Tenants are chosen with the `VSCODE_TENANT:<id>` pseudo-scope.
 */
import type { AccessToken } from '@azure/core-auth';
import type { AzureCloud } from '../clouds';
import { OperationCancelledError, SignInRequiredError } from '../errors';
import type { TokenCallback } from './credentials';

export interface SessionLike {
  readonly accessToken: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
}

/** `silent`: never prompt; `createIfNone`: prompt the user (sign-in, MFA, consent). */
export type GetSession = (scopes: string[], mode: 'silent' | 'createIfNone') => Promise<SessionLike | undefined>;

/** Default lifetime assumed for a session token (VS Code does not expose its expiry). */
const ASSUMED_LIFETIME_MS = 5 * 60 * 1000;

/**
 * The scopes to ask VS Code for: the resource's `.default` scope plus the tenant pseudo-scope, and
 * a client-id pseudo-scope when one is configured (user settings only).
 */
export function sessionScopes(scopes: readonly string[], tenantId: string | undefined, clientId?: string): string[] {
  const out = scopes.map((s) => (s.endsWith('/.default') || s.includes('/.default') ? s : `${s.replace(/\/+$/, '')}/.default`));
  if (clientId) out.push(`VSCODE_CLIENT_ID:${clientId}`);
  out.push(`VSCODE_TENANT:${tenantId ?? 'organizations'}`);
  return out;
}

/** Reads the expiry from a JWT's `exp` claim, if it has one. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length < 2) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export interface SessionTokenCallbackOptions {
  readonly getSession: GetSession;
  readonly cloud: AzureCloud;
  readonly clientId?: string;
  /** Injected clock for tests. */
  readonly now?: () => number;
}

/**
 * A token callback that asks for a session silently and, when there is none for a tenant, throws
 * SignInRequiredError (the tree shows "Sign in to tenant …"; the user's click prompts).
 */
export function sessionTokenCallback(options: SessionTokenCallbackOptions): TokenCallback {
  const now = options.now ?? Date.now;
  return async (scopes, tenantId, { abortSignal }): Promise<AccessToken> => {
    if (abortSignal?.aborted) throw new OperationCancelledError();
    let session: SessionLike | undefined;
    try {
      session = await options.getSession(sessionScopes(scopes, tenantId, options.clientId), 'silent');
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      const mfa = /AADSTS(50076|50079|50074)|multi-factor|mfa/i.test(text);
      throw new SignInRequiredError(tenantId, mfa ? 'mfa' : 'other');
    }
    if (abortSignal?.aborted) throw new OperationCancelledError();
    if (!session) throw new SignInRequiredError(tenantId, 'noSession');
    return {
      token: session.accessToken,
      expiresOnTimestamp: jwtExpiry(session.accessToken) ?? now() + ASSUMED_LIFETIME_MS,
    };
  };
}
