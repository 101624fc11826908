import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FIXTURES_DIR } from '../../../src/config.js';
import { RuleError, audienceIdsIn, checkAudienceRule, checkTargetRule } from '../../../src/services/target-admin/audiences/rules.js';

interface FixtureFile {
  scopes: Record<string, { offers: Array<Record<string, unknown>>; audiences: Array<Record<string, unknown>>; properties: Array<Record<string, unknown>> }>;
}

const fixtures = JSON.parse(readFileSync(join(DEFAULT_FIXTURES_DIR, 'target-offers.json'), 'utf8')) as FixtureFile;
const demo = fixtures.scopes['target/mocktenant'];

describe('audience rules (model, no HTTP)', () => {
  test('the samples of seed 004 pass', () => {
    checkTargetRule({ and: [{ profile: 'memberLevel', equals: ['gold'] }, { geo: 'region', matches: ['california'] }] });
    checkTargetRule({ and: [{ page: 'url', equals: ['http://www.myhomepage.com/'] }, { geo: 'region', matches: ['california'] }] });
  });

  test('errors are RuleErrors naming the path', () => {
    assert.throws(() => checkTargetRule({ and: [{ profile: 'a', equals: ['b'] }, { or: [{ geo: 'moon', equals: ['x'] }] }] }), (error: unknown) =>
      error instanceof RuleError && error.message === "targetRule.and[1].or[0].geo: unknown attribute 'moon' (allowed: country, region, city, zip, dma, mobileCarrier, latitude, longitude)");
  });

  test('checkAudienceRule returns the ids it refers to; audienceIdsIn finds them again', () => {
    const rule = { and: [{ audienceId: 1 }, { not: { or: [{ audienceId: 2 }, { audienceId: 3 }] } }] };
    assert.deepEqual(checkAudienceRule(rule), [1, 2, 3]);
    assert.deepEqual(audienceIdsIn(rule), [1, 2, 3]);
    assert.deepEqual(audienceIdsIn(undefined), []);
  });
});

describe('fixtures/target-offers.json', () => {
  test('every fixture audience holds exactly one valid rule, and audienceRules name fixture audiences', () => {
    const ids = new Set(demo.audiences.map((audience) => audience.id));
    assert.equal(ids.size, demo.audiences.length, 'ids are unique');
    for (const audience of demo.audiences) {
      assert.equal(audience.origin, 'target');
      assert.ok((audience.targetRule === undefined) !== (audience.audienceRule === undefined), `audience ${audience.id}: one rule`);
      if (audience.targetRule !== undefined) checkTargetRule(audience.targetRule);
      else for (const id of checkAudienceRule(audience.audienceRule)) assert.ok(ids.has(id), `audience ${audience.id} refers to ${id}`);
    }
  });

  test('offers: unique ids, names within the limits, Target timestamps', () => {
    const ids = new Set(demo.offers.map((offer) => offer.id));
    assert.equal(ids.size, demo.offers.length);
    assert.equal(demo.offers.length, 1120, 'the List Offers sample total');
    assert.equal(demo.audiences.length, 289, 'the List Audiences sample total');
    for (const offer of demo.offers) {
      assert.deepEqual(Object.keys(offer), ['id', 'name', 'content', 'modifiedAt', 'workspace']);
      assert.ok(typeof offer.name === 'string' && offer.name.length > 0 && offer.name.length <= 250);
      assert.match(offer.modifiedAt as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });
});
