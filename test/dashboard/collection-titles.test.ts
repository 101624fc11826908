import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectionTitle, humanise } from '../../src/control/collection-titles.js';

test('collection titles: declared by their services, humanised for any other', () => {
  assert.equal(collectionTitle('platform', 'largeFileUploads'), 'Large file uploads');
  assert.equal(collectionTitle('platform', 'dataSets'), 'Datasets');
  assert.equal(collectionTitle('xdm', 'fieldgroups'), 'Field groups');
  assert.equal(collectionTitle('profile', 'thirdPartyProfiles'), 'Profiles known by thirdPartyId only');
  assert.equal(collectionTitle('platform', 'someNewThing'), 'Some new thing');
  assert.equal(collectionTitle('elsewhere', 'dataSets'), 'Data sets', 'a title belongs to the scopes its service declares');
  assert.equal(humanise('xdm_fieldGroups'), 'Xdm field groups');
  assert.equal(humanise('batch2Files'), 'Batch2 files');
  assert.equal(humanise('offers'), 'Offers');
});
