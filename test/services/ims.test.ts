import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, decodeJwt } from 'jose';
import { TokenService } from '../../src/auth/tokens.js';
import { Clock } from '../../src/store/clock.js';
import { DEMO, OTHER, platformHeaders, startApp, targetHeaders, type TestApp } from '../helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const DATASETS = '/data/foundation/catalog/dataSets';

/** A service-account JWT as a client would build it for /ims/exchange/jwt (seed 004). */
async function serviceAccountJwt(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('the client private key stand-in'));
}

const demoJwtClaims = (now: number) => ({
  exp: Math.floor(now / 1000) + 300,
  iss: DEMO.org,
  sub: '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com',
  aud: `https://ims-na1.adobelogin.com/c/${DEMO.clientId}`,
  'https://ims-na1.adobelogin.com/s/ent_marketing_sdk': true,
});

describe('IMS: /ims/token/v3 (OAuth server-to-server)', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp();
  });
  after(() => t.close());

  test('form body → {access_token, token_type, expires_in: 86399}; the token carries client, org, scopes, created_at, expires_in', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/ims/token/v3',
      headers: FORM,
      payload: `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}&scope=openid,AdobeID,read_organizations`,
    });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(Object.keys(body), ['access_token', 'token_type', 'expires_in']);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 86399);
    const claims = decodeJwt(body.access_token);
    assert.equal(claims.client_id, DEMO.clientId);
    assert.equal(claims.org, DEMO.org);
    assert.equal(claims.scope, 'openid,AdobeID,read_organizations');
    assert.equal(claims.type, 'access_token');
    assert.equal(claims.expires_in, '86400000');
    assert.ok(Math.abs(Number(claims.created_at) - Date.now()) < 60_000);
  });

  test('query parameters work too, and the token passes the Platform gateway', async () => {
    const response = await t.inject({
      method: 'POST',
      url: `/ims/token/v3?grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}`,
    });
    assert.equal(response.statusCode, 200);
    const call = await t.inject({ method: 'GET', url: DATASETS, headers: platformHeaders(response.json().access_token) });
    assert.equal(call.statusCode, 200);
  });

  test('wrong credentials → OAuth-style errors', async () => {
    const cases: Array<[string, number, object]> = [
      [`grant_type=client_credentials&client_id=nobody&client_secret=x`, 400, { error: 'invalid_client', error_description: 'invalid client_id parameter' }],
      [`grant_type=client_credentials&client_secret=x`, 400, { error: 'invalid_client', error_description: 'invalid client_id parameter' }],
      [
        `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=wrong`,
        401,
        { error: 'invalid_client', error_description: 'invalid client_secret parameter' },
      ],
      [`client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}`, 400, { error: 'invalid_request', error_description: 'missing grant_type parameter' }],
      [
        `grant_type=password&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}`,
        400,
        { error: 'unsupported_grant_type', error_description: 'unsupported grant_type: password' },
      ],
      [
        `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}&scope=openid,admin_everything`,
        400,
        { error: 'invalid_scope', error_description: 'invalid scope: admin_everything' },
      ],
    ];
    for (const [payload, status, body] of cases) {
      const response = await t.inject({ method: 'POST', url: '/ims/token/v3', headers: FORM, payload });
      assert.equal(response.statusCode, status, payload);
      assert.deepEqual(response.json(), body, payload);
    }
  });

  test('a token expires after 24 hours of the emulator clock → 401013', async () => {
    const token = (
      await t.inject({ method: 'POST', url: `/ims/token/v3?grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}` })
    ).json().access_token;
    const advance = (by: string) => t.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: by } });
    try {
      await advance('23h59m');
      assert.equal((await t.inject({ method: 'GET', url: DATASETS, headers: platformHeaders(token) })).statusCode, 200);
      await advance('1m');
      const expired = await t.inject({ method: 'GET', url: DATASETS, headers: platformHeaders(token) });
      assert.equal(expired.statusCode, 401);
      assert.equal(expired.body, '{"error_code":"401013","message":"Oauth token is not valid"}');
      const target = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/environments`, headers: targetHeaders(token) });
      assert.equal(target.statusCode, 401);
    } finally {
      await t.inject({ method: 'POST', url: '/_mock/clock', payload: { reset: true } });
    }
  });

  test('a token has the bytes jose signs for the same header and claims', async () => {
    const tokens = new TokenService('a signing secret', new Clock());
    for (const org of ['0123456789ABCDEF01234567@AdobeOrg', null]) {
      const { token, claims } = await tokens.issue({ clientId: 'client', userId: 'user@techacct.adobe.com', org, scopes: ['openid', 'AdobeID'] });
      const header = { alg: 'HS256', typ: 'JWT', kid: 'ims_na1-key-at-1', x5u: 'ims_na1-key-at-1.cer' };
      const signed = await new SignJWT({ ...claims }).setProtectedHeader(header).sign(new TextEncoder().encode('a signing secret'));
      assert.equal(token, signed);
      assert.deepEqual(await tokens.verify(token), { valid: true, claims: decodeJwt(token) });
    }
  });
});

describe('IMS: /ims/exchange/jwt (service account, seed 004)', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp();
  });
  after(() => t.close());

  const exchange = (params: Record<string, string>) => t.inject({ method: 'POST', url: `/ims/exchange/jwt/?${new URLSearchParams(params)}` });

  test('a well-formed JWT naming the client → {token_type, access_token, expires_in: 86399990}', async () => {
    const jwt = await serviceAccountJwt(demoJwtClaims(Date.now()));
    const response = await exchange({ client_id: DEMO.clientId, client_secret: DEMO.clientSecret, jwt_token: jwt });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(Object.keys(body), ['token_type', 'access_token', 'expires_in']);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 86399990);
    const claims = decodeJwt(body.access_token);
    assert.equal(claims.scope, 'ent_marketing_sdk');
    assert.equal(claims.user_id, '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com');
    const call = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/environments`, headers: targetHeaders(body.access_token) });
    assert.equal(call.statusCode, 200);
  });

  test('form body works as well as the query', async () => {
    const jwt = await serviceAccountJwt(demoJwtClaims(Date.now()));
    const response = await t.inject({
      method: 'POST',
      url: '/ims/exchange/jwt',
      headers: FORM,
      payload: new URLSearchParams({ client_id: DEMO.clientId, client_secret: DEMO.clientSecret, jwt_token: jwt }).toString(),
    });
    assert.equal(response.statusCode, 200);
  });

  test('bad JWTs are refused with OAuth-style errors', async () => {
    const now = Date.now();
    const cases: Array<[Record<string, string>, number, object]> = [
      [{ client_id: DEMO.clientId, client_secret: DEMO.clientSecret }, 400, { error: 'invalid_request', error_description: 'missing jwt_token parameter' }],
      [
        { client_id: DEMO.clientId, client_secret: DEMO.clientSecret, jwt_token: 'not.a.jwt' },
        400,
        { error: 'invalid_token', error_description: 'jwt_token is not a well-formed JWT' },
      ],
      [
        {
          client_id: DEMO.clientId,
          client_secret: DEMO.clientSecret,
          jwt_token: await serviceAccountJwt({ ...demoJwtClaims(now), aud: 'https://ims-na1.adobelogin.com/c/someone-else' }),
        },
        400,
        { error: 'invalid_token', error_description: `the JWT's aud claim does not name client ${DEMO.clientId}` },
      ],
      [
        {
          client_id: DEMO.clientId,
          client_secret: DEMO.clientSecret,
          jwt_token: await serviceAccountJwt({ ...demoJwtClaims(now), exp: Math.floor(now / 1000) - 10 }),
        },
        400,
        { error: 'invalid_token', error_description: 'the JWT has expired' },
      ],
      [
        { client_id: DEMO.clientId, client_secret: DEMO.clientSecret, jwt_token: await serviceAccountJwt({ ...demoJwtClaims(now), iss: OTHER.org }) },
        400,
        { error: 'invalid_token', error_description: "the JWT's iss claim is not the integration's org" },
      ],
      [
        { client_id: DEMO.clientId, client_secret: 'wrong', jwt_token: await serviceAccountJwt(demoJwtClaims(now)) },
        401,
        { error: 'invalid_client', error_description: 'invalid client_secret parameter' },
      ],
    ];
    for (const [params, status, body] of cases) {
      const response = await exchange(params);
      assert.equal(response.statusCode, status, JSON.stringify(body));
      assert.deepEqual(response.json(), body);
    }
  });

  test('unknown IMS paths answer 404 in the OAuth style', async () => {
    const response = await t.inject({ method: 'GET', url: '/ims/userinfo' });
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), { error: 'not_found', error_description: 'No route for GET /ims/userinfo' });
  });
});

describe('IMS in permissive mode', () => {
  test('unknown clients get a token; known clients still need their secret', async () => {
    const t = await startApp({ auth: 'permissive' });
    try {
      const unknown = await t.inject({ method: 'POST', url: '/ims/token/v3?grant_type=client_credentials&client_id=my-real-client&client_secret=s3cret' });
      assert.equal(unknown.statusCode, 200);
      assert.equal(decodeJwt(unknown.json().access_token).client_id, 'my-real-client');
      const known = await t.inject({ method: 'POST', url: `/ims/token/v3?grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=wrong` });
      assert.equal(known.statusCode, 401);
    } finally {
      await t.close();
    }
  });
});
