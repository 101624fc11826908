import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectionTitle, humanise } from '../../src/control/collection-titles.js';

test('collection titles: written by hand for known collections, humanised for any other', () => {
  assert.equal(collectionTitle('largeFileUploads'), 'Large file uploads');
  assert.equal(collectionTitle('dataSets'), 'Datasets');
  assert.equal(collectionTitle('thirdPartyProfiles'), 'Profiles known by thirdPartyId only');
  assert.equal(collectionTitle('someNewThing'), 'Some new thing');
  assert.equal(humanise('xdm_fieldGroups'), 'Xdm field groups');
  assert.equal(humanise('batch2Files'), 'Batch2 files');
  assert.equal(humanise('offers'), 'Offers');
});
