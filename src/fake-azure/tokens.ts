/**
 * Access tokens: real RS256 JWTs signed by a key made for the run (published at the tenants' JWKS
 * endpoints), carrying the v1 claims ARM and Key Vault read: aud, iss, tid, oid, appid, exp...
 */
import * as crypto from 'crypto';
import { base64url, fromBase64url, nowSeconds, randomGuid } from './util';

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  tid: string;
  oid: string;
  sub: string;
  appid: string;
  /** "1" client secret, "2" certificate, "0" public client. */
  appidacr: string;
  idtyp: 'app' | 'user';
  ver: '1.0';
  uti: string;
  idp?: string;
  upn?: string;
  unique_name?: string;
  name?: string;
  scp?: string;
  amr?: string[];
  xms_cc?: string[];
}

export type TokenProblem = 'missing' | 'malformed' | 'signature' | 'expired' | 'notYetValid';

export class TokenAuthority {
  private readonly privateKey: crypto.KeyObject;
  readonly publicKey: crypto.KeyObject;
  readonly kid: string;

  constructor() {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.kid = crypto.createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
  }

  sign(payload: object): string {
    const header = { typ: 'JWT', alg: 'RS256', kid: this.kid, x5t: this.kid };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const signature = crypto.sign('sha256', Buffer.from(signingInput), this.privateKey);
    return `${signingInput}.${base64url(signature)}`;
  }

  issue(claims: Omit<AccessTokenClaims, 'iat' | 'nbf' | 'exp' | 'uti' | 'ver' | 'sub'> & { sub?: string }, lifetimeSeconds: number): {
    token: string;
    claims: AccessTokenClaims;
  } {
    const now = nowSeconds();
    const full: AccessTokenClaims = {
      ...claims,
      sub: claims.sub ?? claims.oid,
      iat: now,
      nbf: now - 300,
      exp: now + lifetimeSeconds,
      uti: base64url(crypto.randomBytes(16)),
      ver: '1.0',
    };
    return { token: this.sign(full), claims: full };
  }

  /** Checks signature and lifetime of a token this authority issued. */
  verify(token: string): { claims: AccessTokenClaims } | { problem: TokenProblem } {
    const parts = token.split('.');
    if (parts.length !== 3) return { problem: 'malformed' };
    let claims: AccessTokenClaims;
    try {
      claims = JSON.parse(fromBase64url(parts[1]).toString('utf8')) as AccessTokenClaims;
    } catch {
      return { problem: 'malformed' };
    }
    const ok = crypto.verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), this.publicKey, fromBase64url(parts[2]));
    if (!ok) return { problem: 'signature' };
    const now = nowSeconds();
    if (typeof claims.exp !== 'number' || claims.exp <= now) return { problem: 'expired' };
    if (typeof claims.nbf === 'number' && claims.nbf > now + 300) return { problem: 'notYetValid' };
    return { claims };
  }

  jwks(): object {
    const jwk = this.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    return { keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n: jwk.n, e: jwk.e, issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' }] };
  }
}

/** Decodes a JWT payload without checking anything (for reading client assertions before verification). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signingInput: string; signature: Buffer } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return {
      header: JSON.parse(fromBase64url(parts[0]).toString('utf8')) as Record<string, unknown>,
      payload: JSON.parse(fromBase64url(parts[1]).toString('utf8')) as Record<string, unknown>,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: fromBase64url(parts[2]),
    };
  } catch {
    return undefined;
  }
}

export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return m ? m[1] : undefined;
}

export { randomGuid };
