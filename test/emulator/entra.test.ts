import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as https from 'https';
import * as path from 'path';
import { ClientCertificateCredential, ClientSecretCredential, UsernamePasswordCredential } from '@azure/identity';
import type { FakeAzure } from '../../src/fake-azure';
import { createClientCertificate } from '../../src/fake-azure/certs';
import { DEMO, jwtPayload, rejection, withFakeAzure } from './helpers';

function getJson(fake: FakeAzure, host: string, p: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    https
      .get({ host, path: p, agent: fake.agent }, (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as Record<string, unknown> }));
      })
      .on('error', reject);
  });
}

describe('fake Entra ID (real @azure/identity)', () => {
  let fake: FakeAzure;
  withFakeAzure((f) => {
    fake = f;
  });

  it('issues a JWT-shaped token for a client secret, with tid, oid, appid, aud and exp', async () => {
    const c = fake.credentials;
    const cred = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret!, fake.clientOptions);
    const token = await cred.getToken('https://management.azure.com/.default');
    const claims = jwtPayload(token.token);
    assert.equal(claims.tid, DEMO.tenantId);
    assert.equal(claims.oid, c.objectId);
    assert.equal(claims.appid, c.clientId);
    assert.equal(claims.aud, 'https://management.azure.com');
    assert.equal(claims.appidacr, '1');
    assert.ok(typeof claims.exp === 'number' && (claims.exp as number) * 1000 > Date.now());
    assert.ok(Math.abs(token.expiresOnTimestamp - (claims.exp as number) * 1000) < 5000);
    const post = fake.requests.find((r) => r.method === 'POST' && r.host === 'login.microsoftonline.com');
    assert.ok(post && post.path === `/${DEMO.tenantId}/oauth2/v2.0/token` && post.status === 200);
  });

  it('issues a token for a client certificate after verifying the signed assertion', async () => {
    const c = fake.credentials;
    assert.ok(c.certificatePath && fs.existsSync(c.certificatePath));
    const cred = new ClientCertificateCredential(c.tenantId, c.clientId, { certificatePath: c.certificatePath }, fake.clientOptions);
    const token = await cred.getToken('https://vault.azure.net/.default');
    const claims = jwtPayload(token.token);
    assert.equal(claims.aud, 'https://vault.azure.net');
    assert.equal(claims.appidacr, '2');
    assert.equal(claims.oid, c.objectId);
  });

  it('rejects a certificate that is not registered on the app (AADSTS700027)', async () => {
    const c = fake.credentials;
    const other = createClientCertificate('not-registered');
    const file = path.join(fake.tmpDir, 'other.pem');
    fs.writeFileSync(file, other.pem);
    const cred = new ClientCertificateCredential(c.tenantId, c.clientId, { certificatePath: file }, fake.clientOptions);
    const err = await rejection(() => cred.getToken('https://vault.azure.net/.default'));
    assert.match(err.message, /AADSTS700027/);
  });

  it('answers a wrong client secret with AADSTS7000215 (invalid_client)', async () => {
    const c = fake.credentials;
    const cred = new ClientSecretCredential(c.tenantId, c.clientId, 'wrong-secret', fake.clientOptions);
    const err = await rejection(() => cred.getToken('https://management.azure.com/.default'));
    // MSAL raises a ServerError, which @azure/identity 4.13 wraps as AuthenticationRequiredError.
    assert.ok(['AuthenticationRequiredError', 'AuthenticationError'].includes(err.name), err.name);
    assert.match(err.message, /AADSTS7000215: Invalid client secret provided/);
    assert.match(err.message, /invalid_client/);
    assert.ok(!err.message.includes('wrong-secret'), 'the error must not echo the secret');
    assert.ok(fake.requests.some((r) => r.status === 401 && r.host === 'login.microsoftonline.com'));
  });

  it('answers an unknown client id with AADSTS700016 and an unknown tenant with AADSTS90002', async () => {
    const unknownClient = new ClientSecretCredential(DEMO.tenantId, '11111111-2222-4333-8444-555555555555', 's', fake.clientOptions);
    assert.match((await rejection(() => unknownClient.getToken('https://management.azure.com/.default'))).message, /AADSTS700016: Application with identifier '11111111-2222-4333-8444-555555555555' was not found in the directory 'Contoso'/);
    const unknownTenant = new ClientSecretCredential('99999999-0000-4000-8000-000000000000', fake.credentials.clientId, 's', fake.clientOptions);
    assert.match((await rejection(() => unknownTenant.getToken('https://management.azure.com/.default'))).message, /AADSTS90002: Tenant '99999999-0000-4000-8000-000000000000' not found/);
  });

  it('answers every token request for a tenant that requires MFA with AADSTS50076', async () => {
    const c = fake.credentials;
    const cred = new ClientSecretCredential(DEMO.mfaTenantId, c.clientId, c.clientSecret!, fake.clientOptions);
    const err = await rejection(() => cred.getToken('https://management.azure.com/.default'));
    assert.match(err.message, /AADSTS50076/);
    assert.match(err.message, /interaction_required|multi-factor/);
  });

  it('accepts a tenant domain name as well as its id', async () => {
    const c = fake.credentials;
    const cred = new ClientSecretCredential('contoso.onmicrosoft.com', c.clientId, c.clientSecret!, fake.clientOptions);
    assert.equal(jwtPayload((await cred.getToken('https://vault.azure.net/.default')).token).tid, DEMO.tenantId);
  });

  it('signs users in with username and password (ROPC) and rejects a wrong password with AADSTS50126', async () => {
    const megan = fake.identity('megan');
    const cred = new UsernamePasswordCredential(DEMO.tenantId, '04b07795-8ddb-461a-bbee-02f9e1bf7b46', megan.userPrincipalName!, megan.password!, fake.clientOptions);
    const token = await cred.getToken('https://management.azure.com/.default');
    const claims = jwtPayload(token.token);
    assert.equal(claims.oid, megan.objectId);
    assert.equal(claims.idtyp, 'user');
    assert.equal(claims.upn, 'megan@contoso.onmicrosoft.com');
    const bad = new UsernamePasswordCredential(DEMO.tenantId, '04b07795-8ddb-461a-bbee-02f9e1bf7b46', megan.userPrincipalName!, 'nope', fake.clientOptions);
    assert.match((await rejection(() => bad.getToken('https://management.azure.com/.default'))).message, /AADSTS50126/);
  });

  it('serves OpenID metadata, instance discovery and JWKS the way MSAL requests them', async () => {
    const meta = await getJson(fake, 'login.microsoftonline.com', `/${DEMO.tenantId}/v2.0/.well-known/openid-configuration`);
    assert.equal(meta.status, 200);
    assert.equal(meta.body.token_endpoint, `https://login.microsoftonline.com/${DEMO.tenantId}/oauth2/v2.0/token`);
    assert.equal(meta.body.issuer, `https://login.microsoftonline.com/${DEMO.tenantId}/v2.0`);
    for (const k of ['authorization_endpoint', 'jwks_uri']) assert.ok(meta.body[k]);
    const common = await getJson(fake, 'login.microsoftonline.com', '/common/v2.0/.well-known/openid-configuration');
    assert.equal(common.body.issuer, 'https://login.microsoftonline.com/{tenantid}/v2.0');
    const unknown = await getJson(fake, 'login.microsoftonline.com', '/nope.onmicrosoft.com/v2.0/.well-known/openid-configuration');
    assert.equal(unknown.status, 400);
    assert.match(String(unknown.body.error_description), /AADSTS90002/);
    const disco = await getJson(fake, 'login.microsoftonline.com', `/common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.microsoftonline.com/${DEMO.tenantId}/oauth2/v2.0/authorize`);
    assert.equal(disco.body.tenant_discovery_endpoint, `https://login.microsoftonline.com/${DEMO.tenantId}/v2.0/.well-known/openid-configuration`);
    const keys = await getJson(fake, 'login.microsoftonline.com', `/${DEMO.tenantId}/discovery/v2.0/keys`);
    assert.equal((keys.body.keys as unknown[]).length, 1);
  });

  it('lets tests mint tokens the services accept (for stub sign-in providers)', async () => {
    const { token, expiresOnTimestamp } = fake.issueToken({ identity: 'megan', resource: 'https://vault.azure.net' });
    assert.ok(expiresOnTimestamp > Date.now());
    assert.equal(jwtPayload(token).upn, 'megan@contoso.onmicrosoft.com');
  });
});
