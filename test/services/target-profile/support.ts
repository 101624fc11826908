import type { InjectOptions } from 'fastify';
import { startApp, tokenFor, targetHeaders, DEMO, type TestApp } from '../../helpers.js';
import type { MockOptions } from '../../../src/config.js';

export const CLIENT = DEMO.tenant;
export const SAMPLE_TNT_ID = '111492025094307-353046';
export const SAMPLE_THIRD_PARTY_ID = 'a1-mbox3rdPartyId';

/** seed 004, "Sample Profile Structure", for the demo client. */
export const SAMPLE_PROFILE = {
  client: CLIENT,
  visitorId: SAMPLE_THIRD_PARTY_ID,
  modifiedAt: '2017-08-18T17:53:39.003-04:00',
  profileAttributes: {
    insurance: { value: 'false', modifiedAt: '2017-07-31T20:34:55.625-04:00' },
    country: { value: 'france', modifiedAt: '2017-07-31T14:26:30.879-04:00' },
    checking: { value: 'true', modifiedAt: '2017-07-31T20:34:55.625-04:00' },
    'user.memberlevel': { value: '0.0', modifiedAt: '2017-08-09T18:18:04.661-04:00' },
    param1: { value: 'value1', modifiedAt: '2017-08-09T18:18:04.659-04:00' },
    param2: { value: 'value2', modifiedAt: '2017-08-09T18:18:04.659-04:00' },
    firstSessionStart: { value: '1500648715286', modifiedAt: '2017-07-21T10:51:55.286-04:00' },
    'entity.name': { value: 'my-entityName', modifiedAt: '2017-08-09T18:18:04.659-04:00' },
    'entity.id': { value: 'my-entityId', modifiedAt: '2017-08-09T18:18:04.659-04:00' },
  },
};

export const XML = 'application/xml; charset=utf-8';
export const FORM = 'application/x-www-form-urlencoded';

export interface ProfileCaller {
  t: TestApp;
  inject(options: InjectOptions): ReturnType<TestApp['inject']>;
  fetchTnt(tntId: string, client?: string, headers?: Record<string, string>): ReturnType<TestApp['inject']>;
  fetchThirdParty(id: string, client?: string, headers?: Record<string, string>): ReturnType<TestApp['inject']>;
  /** POSTs a batch file the way `curl --data-binary @BATCH.TXT` does (form Content-Type). */
  batch(
    version: 1 | 2,
    body: string | Buffer | NodeJS.ReadableStream,
    options?: { client?: string; headers?: Record<string, string> },
  ): ReturnType<TestApp['inject']>;
  /** A Target Admin authentication token of the given scope for the demo tenant. */
  authToken(scope: 'profile_api' | 'debug_tools'): Promise<string>;
  close(): Promise<void>;
}

export async function startProfiles(options: MockOptions = {}): Promise<ProfileCaller> {
  const t = await startApp(options);
  return {
    t,
    inject: (o) => t.inject(o),
    fetchTnt: (tntId, client = CLIENT, headers = {}) =>
      t.inject({ method: 'GET', url: `/rest/v1/profiles/${encodeURIComponent(tntId)}?client=${client}`, headers }),
    fetchThirdParty: (id, client = CLIENT, headers = {}) =>
      t.inject({ method: 'GET', url: `/rest/v1/profiles/thirdPartyId/${encodeURIComponent(id)}?client=${client}`, headers }),
    batch: (version, body, options = {}) =>
      t.inject({
        method: 'POST',
        url: `/m2/${options.client ?? CLIENT}/${version === 2 ? 'v2/' : ''}profile/batchUpdate`,
        headers: { 'content-type': FORM, ...options.headers },
        payload: body as string,
      }),
    async authToken(scope) {
      const bearer = await tokenFor(t);
      const response = await t.inject({
        method: 'POST',
        url: `/${DEMO.tenant}/target/authentication/token?scope=${scope}`,
        headers: { ...targetHeaders(bearer), 'content-type': 'application/vnd.adobe.target.v1+json' },
      });
      if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`);
      return (response.json() as { accessToken: string }).accessToken;
    },
    close: () => t.close(),
  };
}

/** The text of one element of an XML <response>. */
export function xmlField(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
}

/** The local path of a status URL the emulator answered. */
export function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/, '').replace(/&amp;/g, '&');
}

export function attributeValues(profile: { profileAttributes: Record<string, { value: string }> }): Record<string, string> {
  return Object.fromEntries(Object.entries(profile.profileAttributes).map(([name, { value }]) => [name, value]));
}
