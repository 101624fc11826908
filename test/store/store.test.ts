import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, type ChangeEvent, type StateSnapshot } from '../../src/store/store.js';

/** A snapshot to load shared, deep-frozen so that any change to it throws. */
function frozenBaseline(): StateSnapshot {
  const snapshot: StateSnapshot = {
    version: 1,
    scopes: {
      s: {
        offers: [
          ['3', { id: 3, name: 'three', tags: ['a'] }],
          ['1', { id: 1, name: 'one', tags: [] }],
        ],
      },
    },
  };
  const freeze = (value: unknown): void => {
    if (typeof value === 'object' && value !== null) {
      Object.freeze(value);
      for (const inner of Object.values(value)) freeze(inner);
    }
  };
  freeze(snapshot);
  return snapshot;
}

describe('Store: shared (copy-on-write) loading, as a reset uses it', () => {
  test('a shared object is handed out as a private copy, by get and by iteration, in the original order', () => {
    const baseline = frozenBaseline();
    const store = new Store();
    store.loadShared(baseline);
    const offers = store.collection<{ id: number; name: string; tags: string[] }>('s', 'offers');
    const three = offers.get(3)!;
    assert.notEqual(three, baseline.scopes.s!.offers![0]![1]);
    three.name = 'changed in place';
    three.tags.push('b');
    assert.equal(offers.get(3), three, 'the copy is now the stored object');
    for (const offer of offers.values()) offer.tags.push('seen');
    assert.deepEqual([...offers.keys()], ['3', '1']);
    assert.deepEqual(baseline.scopes.s!.offers![0]![1], { id: 3, name: 'three', tags: ['a'] });

    store.loadShared(baseline);
    assert.deepEqual(store.snapshot().scopes, {
      s: {
        offers: [
          ['3', { id: 3, name: 'three', tags: ['a'] }],
          ['1', { id: 1, name: 'one', tags: [] }],
        ],
      },
    });
  });

  test('a change over a shared object announces a copy as the previous value', () => {
    const baseline = frozenBaseline();
    const store = new Store();
    store.loadShared(baseline);
    const events: ChangeEvent[] = [];
    store.onChange((event) => events.push(event));
    const offers = store.collection<object>('s', 'offers');
    offers.put(3, { id: 3, name: 'replaced' });
    offers.delete(1);
    assert.deepEqual(
      events.map((event) => event.previous),
      [
        { id: 3, name: 'three', tags: ['a'] },
        { id: 1, name: 'one', tags: [] },
      ],
    );
    assert.notEqual(events[0]!.previous, baseline.scopes.s!.offers![0]![1]);
    // A rollback stores the previous value again: it is a private copy, free to change.
    offers.put(3, events[0]!.previous as object);
    (offers.get(3) as { name: string }).name = 'rolled back, then changed';
  });

  test('loadShared keeps the scopes it is told to keep and drops every other', () => {
    const store = new Store();
    store.collection<object>('internal', 'keys').put('k', { secret: 'x' });
    store.collection<object>('s', 'offers').put(99, { id: 99 });
    store.collection<object>('user', 'things').put('t', { id: 't' });
    store.loadShared(frozenBaseline(), new Set(['internal']));
    assert.deepEqual(store.scopeKeys().sort(), ['internal', 's']);
    assert.deepEqual(store.collection('internal', 'keys').get('k'), { secret: 'x' });
    assert.deepEqual([...store.collection('s', 'offers').keys()], ['3', '1']);
  });

  test('a read-only snapshot shares the objects; the default one copies those still shared', () => {
    const baseline = frozenBaseline();
    const store = new Store();
    store.loadShared(baseline);
    const shared = store.snapshot(undefined, { readOnly: true });
    assert.equal(shared.scopes.s!.offers![0]![1], baseline.scopes.s!.offers![0]![1]);
    const copied = store.snapshot();
    assert.notEqual(copied.scopes.s!.offers![0]![1], baseline.scopes.s!.offers![0]![1]);
    assert.deepEqual(copied, shared);
  });
});
