import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateSnapshot } from './store.js';

/**
 * Fixture files: `<folder>/*.json`, one per service, each of the form
 *   { "scopes": { "<scope key>": { "<collection>": [ { "id": ..., ... }, ... ] } } }
 * Objects are keyed by their `id` field (`@id` for the JSON-LD objects that have no `id`, such as
 * Schema Registry descriptors), in file order. Files are merged in name order.
 */
interface FixtureFile {
  description?: string;
  scopes: Record<string, Record<string, Array<Record<string, unknown>>>>;
}

export class FixtureError extends Error {}

export function loadFixtures(folder: string): StateSnapshot {
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    throw new FixtureError(`Cannot read the fixtures folder ${folder}: ${(error as Error).message}`);
  }
  const snapshot: StateSnapshot = { version: 1, scopes: {} };
  for (const name of names) {
    const file = join(folder, name);
    let parsed: FixtureFile;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as FixtureFile;
    } catch (error) {
      throw new FixtureError(`Fixture ${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.scopes !== 'object' || parsed.scopes === null) {
      throw new FixtureError(`Fixture ${file} must be an object with a "scopes" object`);
    }
    for (const [scope, collections] of Object.entries(parsed.scopes)) {
      const target = (snapshot.scopes[scope] ??= {});
      for (const [collection, objects] of Object.entries(collections)) {
        if (!Array.isArray(objects)) throw new FixtureError(`Fixture ${file}: ${scope} › ${collection} must be an array`);
        const entries = (target[collection] ??= []);
        for (const object of objects) {
          const id = object?.id ?? object?.['@id'];
          if (typeof id !== 'string' && typeof id !== 'number') {
            throw new FixtureError(`Fixture ${file}: every object in ${scope} › ${collection} needs an "id" (or "@id")`);
          }
          entries.push([String(id), object]);
        }
      }
    }
  }
  return snapshot;
}
