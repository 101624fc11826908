import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { DEMO, OTHER, startApp, tokenFor, type TestApp } from '../../helpers.js';

const SEARCH = '/Rest/Media/1/Search/Files';
const PROFILE = '/Rest/Libraries/1/Member/Profile';
const LICENSE = '/Rest/Libraries/1/Content/License';

/** Fixture ids (fixtures/stock.json). */
const LICENSED_UNICORN = 112670342; // the demo member holds a Standard license
const CARTOON_UNICORN = 112678261; // vector, not licensed
const SURF_VIDEO = 112670342 + 41 * 7919; // 4K video

interface SearchBody {
  nb_results?: number;
  files: Array<Record<string, unknown>>;
}

const search = (query: string) => `${SEARCH}?locale=en_US&${query}`;

describe('Adobe Stock Search/Files', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.inject({ method: 'GET', url, headers: { 'x-api-key': DEMO.clientId, 'x-product': 'MySampleApp/1.0', ...headers } });

  test("seed 003's search without a token answers nb_results and files in the default columns", async () => {
    const response = await get(search('search_parameters[words]=unicorns'));
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const body = response.json() as SearchBody;
    assert.equal(body.nb_results, 4);
    assert.equal(body.files.length, 4);
    for (const file of body.files) {
      assert.deepEqual(Object.keys(file), [
        'id',
        'title',
        'creator_name',
        'creator_id',
        'width',
        'height',
        'thumbnail_url',
        'thumbnail_html_tag',
        'thumbnail_width',
        'thumbnail_height',
        'media_type_id',
        'category',
        'content_type',
        'vector_type',
        'premium_level_id',
        'is_licensed',
      ]);
      assert.match(String(file.title), /unicorn/i);
      assert.equal(file.is_licensed, '', 'without a token nothing reads as licensed');
    }
    const first = body.files.find((file) => file.id === LICENSED_UNICORN)!;
    assert.deepEqual(
      { width: first.width, height: first.height, thumbnail_width: first.thumbnail_width, thumbnail_height: first.thumbnail_height },
      { width: 6000, height: 4000, thumbnail_width: 160, thumbnail_height: 107 },
    );
  });

  test('with a token the same search answers, and is_licensed shows the member’s license', async () => {
    const response = await get(search('search_parameters[words]=unicorn'), { authorization: `Bearer ${token}` });
    assert.equal(response.statusCode, 200);
    const files = (response.json() as SearchBody).files;
    assert.equal(files.find((file) => file.id === LICENSED_UNICORN)!.is_licensed, 'Standard');
    assert.equal(files.find((file) => file.id === CARTOON_UNICORN)!.is_licensed, '');
  });

  test('every word must match (AND); plural and singular forms find each other', async () => {
    const both = (await get(search('search_parameters[words]=dog%20big%20happy'))).json() as SearchBody;
    assert.deepEqual(
      both.files.map((file) => file.title),
      ['Happy big dog catching a frisbee in the park'],
    );
    const none = (await get(search('search_parameters[words]=unicorn%20coffee'))).json() as SearchBody;
    assert.deepEqual(none, { nb_results: 0, files: [] });
    const puppies = (await get(search('search_parameters[words]=puppies'))).json() as SearchBody;
    assert.equal(puppies.nb_results, 1);
  });

  test('paging: limit and offset slice the same ordered result; nb_results is the total', async () => {
    const all = (await get(search('search_parameters[words]=dog&search_parameters[limit]=100'))).json() as SearchBody;
    assert.equal(all.nb_results, 6);
    const ids = all.files.map((file) => file.id);
    const first = (await get(search('search_parameters[words]=dog&search_parameters[limit]=4'))).json() as SearchBody;
    const second = (await get(search('search_parameters[words]=dog&search_parameters[limit]=4&search_parameters[offset]=4'))).json() as SearchBody;
    assert.equal(first.nb_results, 6);
    assert.equal(second.nb_results, 6);
    assert.deepEqual(
      [...first.files, ...second.files].map((file) => file.id),
      ids,
    );
    const beyond = (await get(search('search_parameters[words]=dog&search_parameters[offset]=50'))).json() as SearchBody;
    assert.deepEqual(beyond, { nb_results: 6, files: [] });
  });

  test('the default page is 32 files; no words lists the whole catalog', async () => {
    const body = (await get(SEARCH)).json() as SearchBody;
    assert.equal(body.nb_results, 46);
    assert.equal(body.files.length, 32);
  });

  test('content_type filters: 1 selects (any of several), 0 leaves out', async () => {
    const photos = (await get(search('search_parameters[words]=dog&search_parameters[filters][content_type:photo]=1'))).json() as SearchBody;
    assert.equal(photos.nb_results, 4);
    assert.ok(photos.files.every((file) => file.media_type_id === 1));
    const photoOrVideo = (
      await get(search('search_parameters[words]=dog&search_parameters[filters][content_type:photo]=1&search_parameters[filters][content_type:video]=1'))
    ).json() as SearchBody;
    assert.equal(photoOrVideo.nb_results, 5);
    const noVector = (await get(search('search_parameters[words]=dog&search_parameters[filters][content_type:vector]=0'))).json() as SearchBody;
    assert.equal(noVector.nb_results, 5);
    assert.ok(noVector.files.every((file) => file.media_type_id !== 3));
  });

  test('orientation and premium filters', async () => {
    const vertical = (await get(search('search_parameters[filters][orientation]=vertical&search_parameters[limit]=100'))).json() as SearchBody;
    assert.ok(vertical.nb_results! > 0);
    assert.ok(vertical.files.every((file) => (file.height as number) > (file.width as number)));
    const square = (await get(search('search_parameters[filters][orientation]=square&search_parameters[limit]=100'))).json() as SearchBody;
    assert.ok(square.files.every((file) => file.height === file.width));
    const panoramic = (await get(search('search_parameters[filters][orientation]=panoramic'))).json() as SearchBody;
    assert.deepEqual(
      panoramic.files.map((file) => file.title),
      ['Mountain lake panorama at sunrise', 'City skyline at night with light trails'],
    );
    const premium = (await get(search('search_parameters[filters][premium]=true&search_parameters[limit]=100'))).json() as SearchBody;
    assert.equal(premium.nb_results, 4);
    assert.ok(premium.files.every((file) => (file.premium_level_id as number) > 1));
  });

  test('order=nb_downloads sorts by downloads, most first', async () => {
    const body = (
      await get(search('search_parameters[order]=nb_downloads&search_parameters[limit]=100&result_columns[]=id&result_columns[]=nb_downloads'))
    ).json() as SearchBody;
    const downloads = body.files.map((file) => file.nb_downloads as number);
    assert.deepEqual(
      downloads,
      [...downloads].sort((a, b) => b - a),
    );
  });

  test('result_columns[] chooses the fields; nb_results only when asked for', async () => {
    const body = (
      await get(search('search_parameters[words]=lighthouse&result_columns[]=id&result_columns[]=keywords&result_columns[]=thumbnail_500_url'))
    ).json();
    assert.deepEqual(body, {
      files: [
        {
          id: 112670342 + 17 * 7919,
          keywords: ['lighthouse', 'coast', 'rocks', 'dusk', 'sea'],
          thumbnail_500_url: `https://stock-thumbnails.adobe-api-mock.invalid/500/${112670342 + 17 * 7919}.jpg`,
        },
      ],
    });
    const counted = (await get(search('search_parameters[words]=lighthouse&result_columns[]=nb_results&result_columns[]=title'))).json();
    assert.deepEqual(counted, { nb_results: 1, files: [{ title: 'Lighthouse on a rocky coast at dusk' }] });
  });

  test('creator_id and media_id narrow to one creator or one file', async () => {
    const one = (await get(search(`search_parameters[media_id]=${CARTOON_UNICORN}&result_columns[]=id`))).json();
    assert.deepEqual(one, { files: [{ id: CARTOON_UNICORN }] });
    const byCreator = (await get(search('search_parameters[creator_id]=118250&search_parameters[limit]=100&result_columns[]=creator_id'))).json() as SearchBody;
    assert.ok(byCreator.files.length > 0);
    assert.ok(byCreator.files.every((file) => file.creator_id === 118250));
  });

  test('bad parameters → 400 in the Stock style, never 5xx', async () => {
    const cases: Array<[string, string]> = [
      ['search_parameters[limit]=0', 'search_parameters[limit] must be an integer from 1 to 100, got "0"'],
      ['search_parameters[limit]=101', 'search_parameters[limit] must be an integer from 1 to 100, got "101"'],
      ['search_parameters[offset]=-1', 'search_parameters[offset] must be an integer from 0 to 9007199254740991, got "-1"'],
      ['search_parameters[order]=random', 'search_parameters[order] must be one of relevance, creation, popularity, nb_downloads, undiscovered, got "random"'],
      [
        'search_parameters[filters][orientation]=round',
        'search_parameters[filters][orientation] must be one of horizontal, vertical, square, panoramic, all, got "round"',
      ],
      ['search_parameters[filters][content_type:photo]=yes', 'search_parameters[filters][content_type:photo] must be 1 or 0, got "yes"'],
      ['result_columns[]=colour', 'result_columns[] has an unknown column "colour"'],
      ['search_parameters[thumbnail_size]=300', 'search_parameters[thumbnail_size] must be one of 110, 160, 220, 240, 500, 1000, got "300"'],
    ];
    for (const [query, message] of cases) {
      const response = await get(search(query));
      assert.equal(response.statusCode, 400, query);
      assert.deepEqual(response.json(), { error_code: '400', message }, query);
      assert.ok(response.headers['x-request-id'], query);
    }
  });

  test('X-Request-Id: echoed when sent, generated (32 characters) when not, on success and failure', async () => {
    const echoed = await get(search('search_parameters[words]=cat'), { 'x-request-id': 'trace-42' });
    assert.equal(echoed.statusCode, 200);
    assert.equal(echoed.headers['x-request-id'], 'trace-42');
    const generated = await get(search('search_parameters[words]=cat'));
    assert.match(String(generated.headers['x-request-id']), /^[A-Za-z0-9]{32}$/);
    const failed = await get(search('search_parameters[limit]=abc'));
    assert.equal(failed.statusCode, 400);
    assert.match(String(failed.headers['x-request-id']), /^[A-Za-z0-9]{32}$/);
  });

  test('an invalid API key → exactly the 403003 body of seed 003', async () => {
    const response = await t.inject({
      method: 'GET',
      url: search('search_parameters[words]=unicorns'),
      headers: { 'x-api-key': 'a74b00000dcf4075bea68fca6306a1aa' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403003","message":"Api Key is invalid"}');
    assert.equal(response.headers['content-length'], '54');
  });
});

describe('Adobe Stock licensing: Member/Profile and Content/License', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.inject({ method: 'GET', url, headers: { 'x-api-key': DEMO.clientId, 'x-product': 'MySampleApp/1.0', ...headers } });
  const signedIn = (url: string, bearer = token) => get(url, { authorization: `Bearer ${bearer}` });
  const profile = (contentId: number | string, license = 'Standard') => `${PROFILE}?content_id=${contentId}&license=${license}&locale=en_US`;

  test('a token is required: none → 403 403010, a bad one → 401 401013', async () => {
    const none = await get(profile(CARTOON_UNICORN));
    assert.equal(none.statusCode, 403);
    assert.equal(none.body, '{"error_code":"403010","message":"Oauth token is missing."}');
    assert.match(String(none.headers['x-request-id']), /^[A-Za-z0-9]{32}$/);
    const bad = await get(profile(CARTOON_UNICORN), { authorization: 'Bearer not-a-token' });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.body, '{"error_code":"401013","message":"Oauth token is not valid"}');
    const license = await get(`${LICENSE}?content_id=${CARTOON_UNICORN}&license=Standard`);
    assert.equal(license.statusCode, 403);
  });

  test("the member's quota and a purchase that is possible", async () => {
    const response = await signedIn(profile(CARTOON_UNICORN));
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      available_entitlement: {
        quota: 6,
        license_type_id: 1,
        has_credit_model: false,
        has_agency_model: false,
        is_cce: true,
        full_entitlement_quota: { image_quota: 10 },
      },
      member: { member_id: 1222994 },
      purchase_options: { state: 'possible', requires_checkout: false, message: 'This will use 1 of your 6 licenses.' },
    });
  });

  test('an asset licensed before reads as purchased', async () => {
    const response = await signedIn(profile(LICENSED_UNICORN));
    assert.deepEqual(response.json().purchase_options, { state: 'purchased', requires_checkout: false, message: 'You have already licensed this asset.' });
  });

  test('a member without quota or overage must check out on the Stock site', async () => {
    const otherToken = await tokenFor(t, OTHER);
    const response = await t.inject({
      method: 'GET',
      url: profile(CARTOON_UNICORN),
      headers: { 'x-api-key': OTHER.clientId, authorization: `Bearer ${otherToken}` },
    });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.available_entitlement.quota, 0);
    assert.deepEqual(body.purchase_options, {
      state: 'not_possible',
      requires_checkout: true,
      message: 'You have no licenses left. Buy a plan on Adobe Stock to license this asset.',
      url: 'https://stock.adobe.com/plans',
    });
  });

  test('with no quota left but a payment method on file, the purchase is an overage; licensing it spends no quota', async () => {
    const members = t.ctx.store.collection<Record<string, unknown>>('stock', 'members');
    const demo = members.get(DEMO.clientId)!;
    members.put(DEMO.clientId, { ...demo, quota: 0, overage: { price: 'US$ 29.99' } });
    try {
      const response = await signedIn(profile(CARTOON_UNICORN));
      assert.deepEqual(response.json().purchase_options, {
        state: 'overage',
        requires_checkout: false,
        message: 'You have no licenses left; this license costs US$ 29.99.',
      });
      const licensed = await signedIn(`${LICENSE}?content_id=${CARTOON_UNICORN}&license=Standard`);
      assert.equal(licensed.json().available_entitlement.quota, 0);
      assert.equal(licensed.json().contents[String(CARTOON_UNICORN)].purchase_details.state, 'just_purchased');
    } finally {
      await t.ctx.reset();
    }
  });

  test('a member with nothing left cannot license: Content/License answers not_possible and changes nothing', async () => {
    const otherToken = await tokenFor(t, OTHER);
    const response = await t.inject({
      method: 'GET',
      url: `${LICENSE}?content_id=${CARTOON_UNICORN}&license=Standard`,
      headers: { 'x-api-key': OTHER.clientId, authorization: `Bearer ${otherToken}` },
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json().contents[String(CARTOON_UNICORN)], {
      content_id: String(CARTOON_UNICORN),
      size: 'Comp',
      purchase_details: {
        state: 'not_possible',
        message: 'You have no licenses left. Buy a plan on Adobe Stock to license this asset.',
        url: 'https://stock.adobe.com/plans',
      },
    });
    const members = t.ctx.store.collection<{ licenses: unknown[] }>('stock', 'members');
    assert.deepEqual(members.get(OTHER.clientId)!.licenses, []);
  });

  test('a license that does not apply to the asset is not possible', async () => {
    const response = await signedIn(profile(CARTOON_UNICORN, 'Video_HD'));
    assert.equal(response.json().purchase_options.state, 'not_possible');
    const video = await signedIn(profile(SURF_VIDEO, 'Video_4K'));
    assert.equal(video.json().purchase_options.state, 'possible');
  });

  test('unknown content → 404 in the Stock style; bad or missing parameters → 400', async () => {
    const missing = await signedIn(profile(999999999));
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { error_code: '404', message: 'Content 999999999 does not exist' });
    assert.ok(missing.headers['x-request-id']);

    const cases: Array<[string, string]> = [
      [`${PROFILE}?license=Standard`, 'content_id is required'],
      [`${PROFILE}?content_id=abc&license=Standard`, 'content_id must be a number, got "abc"'],
      [`${PROFILE}?content_id=${CARTOON_UNICORN}`, 'license is required'],
      [`${PROFILE}?content_id=${CARTOON_UNICORN}&license=Forever`, 'license must be one of Standard, Extended, Standard_M, Video_HD, Video_4K, got "Forever"'],
    ];
    for (const [url, message] of cases) {
      const response = await signedIn(url);
      assert.equal(response.statusCode, 400, url);
      assert.deepEqual(response.json(), { error_code: '400', message }, url);
    }
  });

  test('Content/License spends one license; the profile and the search then show it; a repeat costs nothing', async () => {
    const licensed = await signedIn(`${LICENSE}?content_id=${CARTOON_UNICORN}&license=Standard`);
    assert.equal(licensed.statusCode, 200);
    const body = licensed.json();
    assert.equal(body.member.stock_id, 1222994);
    assert.equal(body.available_entitlement.quota, 5);
    const details = body.contents[String(CARTOON_UNICORN)];
    assert.equal(details.content_id, String(CARTOON_UNICORN));
    assert.equal(details.purchase_details.state, 'just_purchased');
    assert.equal(details.purchase_details.license, 'Standard');
    assert.match(details.purchase_details.date, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const after = await signedIn(profile(CARTOON_UNICORN));
    assert.equal(after.json().purchase_options.state, 'purchased');
    assert.equal(after.json().available_entitlement.quota, 5);
    const searched = (await signedIn(`${SEARCH}?search_parameters[media_id]=${CARTOON_UNICORN}&result_columns[]=is_licensed`)).json();
    assert.deepEqual(searched, { files: [{ is_licensed: 'Standard' }] });

    const again = await signedIn(`${LICENSE}?content_id=${CARTOON_UNICORN}&license=Standard`);
    assert.equal(again.json().available_entitlement.quota, 5);
    assert.equal(again.json().contents[String(CARTOON_UNICORN)].purchase_details.state, 'purchased');

    await t.ctx.reset();
    const reset = await signedIn(profile(CARTOON_UNICORN));
    assert.equal(reset.json().available_entitlement.quota, 6, 'reset brings the fixtures back');
  });

  test('the client X-Request-Id is echoed on licensing answers', async () => {
    const response = await signedIn(profile(CARTOON_UNICORN), token);
    assert.match(String(response.headers['x-request-id']), /^[A-Za-z0-9]{32}$/);
    const echoed = await get(profile(CARTOON_UNICORN), { authorization: `Bearer ${token}`, 'x-request-id': 'licensing-trace' });
    assert.equal(echoed.headers['x-request-id'], 'licensing-trace');
  });
});

describe('Adobe Stock X-Product', () => {
  test("is recorded in the request's log line", async () => {
    const stream = new PassThrough();
    let logged = '';
    stream.on('data', (chunk) => (logged += chunk));
    const t = await startApp({ logLevel: 'info', logStream: stream });
    try {
      const response = await t.inject({
        method: 'GET',
        url: `${SEARCH}?search_parameters[words]=cat`,
        headers: { 'x-api-key': DEMO.clientId, 'x-product': 'MySampleApp/1.0' },
      });
      assert.equal(response.statusCode, 200);
      const completed = logged
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg: string; xProduct?: string })
        .find((entry) => entry.msg.startsWith('GET /Rest/Media/1/Search/Files'));
      assert.equal(completed?.xProduct, 'MySampleApp/1.0');
    } finally {
      await t.close();
    }
  });
});
