/**
 * Reference resolution: turns a registry resource that composes others (`allOf` of a class and
 * field groups, `$ref` to data types inside fields) into the `xed-full` form, one JSON Schema
 * whose `properties` hold every field. Fields that came from a data type keep a
 * `meta:referencedFrom` naming it, as the registry's full form does (seed 001).
 *
 * Pure: resources are found through the `lookup` the caller passes in.
 */

export type Json = Record<string, unknown>;
export type XdmResource = Json & { $id: string; 'meta:altId': string };
export type Lookup = (id: string) => XdmResource | undefined;

/** Top-level keys of a stored resource that composition replaces in the full form. */
const COMPOSITION_KEYS = new Set(['id', 'allOf', 'definitions', 'properties', 'refs']);

export class ResolutionError extends Error {}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The full form of a resource: its own metadata, `properties` with everything resolved, no `allOf`/`definitions`. */
export function resolveFull(resource: XdmResource, lookup: Lookup): Json {
  const full: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    if (!COMPOSITION_KEYS.has(key)) full[key] = value;
  }
  full.properties = resolvedProperties(resource, lookup, [resource.$id]);
  return full;
}

/** Every `$id` the resource builds on, directly or through what it references (the `meta:extends` list). */
export function extendedIds(resource: Json, lookup: Lookup, trail: string[] = []): string[] {
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const entry of asArray(resource.allOf)) {
    const ref = isObject(entry) ? entry.$ref : undefined;
    if (typeof ref !== 'string' || ref.startsWith('#')) continue;
    add(ref);
    const target = lookup(ref);
    if (!target || trail.includes(ref)) continue;
    for (const id of extendedIds(target, lookup, [...trail, ref])) add(id);
  }
  return ids;
}

function resolvedProperties(resource: Json, lookup: Lookup, trail: string[]): Json {
  const properties: Json = {};
  for (const entry of asArray(resource.allOf)) {
    if (!isObject(entry) || typeof entry.$ref !== 'string') throw new ResolutionError(`${trail[0]}: every allOf entry needs a "$ref"`);
    const ref = entry.$ref;
    if (ref.startsWith('#/definitions/')) {
      const name = ref.slice('#/definitions/'.length);
      const definition = isObject(resource.definitions) ? resource.definitions[name] : undefined;
      if (!isObject(definition)) throw new ResolutionError(`${ref} does not name a definition of ${String(resource.$id ?? 'the resource')}`);
      mergeProperties(properties, resolveFields(definition.properties, lookup, trail));
      continue;
    }
    mergeProperties(properties, resolvedProperties(referenced(ref, lookup, trail), lookup, [...trail, ref]));
  }
  mergeProperties(properties, resolveFields(resource.properties, lookup, trail));
  return properties;
}

function referenced(ref: string, lookup: Lookup, trail: string[]): XdmResource {
  if (trail.includes(ref)) throw new ResolutionError(`${ref} references itself (through ${trail.join(' → ')})`);
  const target = lookup(ref);
  if (!target) throw new ResolutionError(`The referenced resource ${ref} does not exist`);
  return target;
}

function resolveFields(fields: unknown, lookup: Lookup, trail: string[]): Json {
  if (fields === undefined) return {};
  if (!isObject(fields)) throw new ResolutionError('"properties" must be an object');
  const resolved: Json = {};
  for (const [name, field] of Object.entries(fields)) resolved[name] = resolveField(field, lookup, trail);
  return resolved;
}

/** One field: a `$ref` to a data type becomes the data type's fields; objects, arrays and maps are walked. */
function resolveField(field: unknown, lookup: Lookup, trail: string[]): unknown {
  if (!isObject(field)) throw new ResolutionError('Every field definition must be an object');
  if (typeof field.$ref === 'string') {
    const ref = field.$ref;
    const dataType = referenced(ref, lookup, trail);
    const { $ref: _ref, ...own } = field;
    const result: Json = {};
    if (dataType.title !== undefined) result.title = dataType.title;
    if (dataType.description !== undefined) result.description = dataType.description;
    Object.assign(result, { type: 'object', 'meta:xdmType': 'object' }, own, { 'meta:referencedFrom': ref });
    result.properties = resolvedProperties(dataType, lookup, [...trail, ref]);
    return result;
  }
  const result: Json = { ...field };
  if (field.properties !== undefined) result.properties = resolveFields(field.properties, lookup, trail);
  if (field.items !== undefined) result.items = resolveField(field.items, lookup, trail);
  if (isObject(field.additionalProperties)) result.additionalProperties = resolveField(field.additionalProperties, lookup, trail);
  return result;
}

/** Adds fields; an object field several sources define gets the union of their sub-fields. */
function mergeProperties(into: Json, from: Json): void {
  for (const [name, field] of Object.entries(from)) {
    const existing = into[name];
    if (isObject(existing) && isObject(field) && isObject(existing.properties) && isObject(field.properties)) {
      const properties = { ...existing.properties };
      mergeProperties(properties, field.properties);
      into[name] = { ...field, ...existing, properties };
    } else if (existing === undefined) {
      into[name] = field;
    }
  }
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ResolutionError('"allOf" must be an array');
  return value;
}

/** Removes titles and/or descriptions from every schema node (the `-notext` and `-desc` formats). */
export function withoutText(node: unknown, drop: { titles: boolean; descriptions: boolean }): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutText(item, drop));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (drop.titles && key === 'title') continue;
    if (drop.descriptions && key === 'description') continue;
    if ((key === 'properties' || key === 'definitions') && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, withoutText(child, drop)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'allOf') {
      out[key] = withoutText(value, drop);
    } else {
      out[key] = value;
    }
  }
  return out;
}
