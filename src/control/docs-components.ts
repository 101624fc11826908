/**
 * Shrinks the OpenAPI document without changing what it says: a schema that appears more than
 * once in the operations (a Target activity in every activity answer and request body, once per
 * API version's media type) becomes one entry of components/schemas, referred to by `$ref`, and
 * a parameter that several operations share (Target's {tenant}, the Schema Registry's paging)
 * one entry of components/parameters.
 * Works on the document only; the routes keep their own JSON Schemas for validation and
 * serialization.
 */
type Json = Record<string, any>;

/** Smaller schemas stay inline: a `$ref` would not save much and reads worse. */
const MIN_LENGTH = 200;

/** Where a JSON Schema holds schemas: the keywords whose value is a schema, a list or a map of them. */
const ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions'];

interface Slot {
  parent: Json | unknown[];
  key: string | number;
  /** The property names leading to the slot, for the component's name. */
  trail: string[];
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each schema slot below a schema (not the schema itself), depth first. */
function forEachSubschema(schema: Json, trail: string[], visit: (slot: Slot) => void): void {
  for (const keyword of ONE) if (isObject(schema[keyword])) visit({ parent: schema, key: keyword, trail: keyword === 'items' ? [...trail, 'item'] : trail });
  for (const keyword of LIST) {
    if (Array.isArray(schema[keyword])) schema[keyword].forEach((entry: unknown, index: number) => isObject(entry) && visit({ parent: schema[keyword], key: index, trail }));
  }
  for (const keyword of MAP) {
    if (!isObject(schema[keyword])) continue;
    for (const [name, entry] of Object.entries(schema[keyword])) if (isObject(entry)) visit({ parent: schema[keyword], key: name, trail: [...trail, name] });
  }
}

/** The schema slots of the operations: request bodies, responses and parameters, with a name each. */
function operationSlots(document: Json): Slot[] {
  const slots: Slot[] = [];
  for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
    const base = path.split('/').filter((segment) => segment && !segment.startsWith('{') && !['data', 'foundation', 'rest', 'Rest'].includes(segment));
    for (const operation of Object.values<Json>(item)) {
      if (!isObject(operation)) continue;
      for (const media of Object.values<Json>(operation.requestBody?.content ?? {})) {
        if (isObject(media.schema)) slots.push({ parent: media, key: 'schema', trail: [...base, 'request'] });
      }
      for (const response of Object.values<Json>(operation.responses ?? {})) {
        for (const media of Object.values<Json>(response?.content ?? {})) {
          if (isObject(media.schema)) slots.push({ parent: media, key: 'schema', trail: [...base, 'response'] });
        }
      }
      for (const parameter of operation.parameters ?? []) {
        if (isObject(parameter.schema)) slots.push({ parent: parameter, key: 'schema', trail: [...base, parameter.name] });
      }
    }
  }
  return slots;
}

const valueAt = (slot: Slot) => (slot.parent as any)[slot.key] as Json;
const pascal = (words: string[]) =>
  words
    .flatMap((word) => word.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/** Moves each schema of at least MIN_LENGTH characters that appears twice or more into components/schemas. */
export function hoistRepeatedSchemas(document: Json): void {
  const schemas: Json = (document.components ??= {}).schemas ??= {};
  const text = new Map<Json, string>();
  const textOf = (schema: Json) => {
    let value = text.get(schema);
    if (value === undefined) text.set(schema, (value = JSON.stringify(schema)));
    return value;
  };

  // Count every schema, the ones nested in others too.
  const count = new Map<string, number>();
  const tally = (slot: Slot) => {
    const schema = valueAt(slot);
    const key = textOf(schema);
    if (key.length >= MIN_LENGTH) count.set(key, (count.get(key) ?? 0) + 1);
    forEachSubschema(schema, slot.trail, tally);
  };
  const roots = operationSlots(document);
  roots.forEach(tally);

  // Outermost first: a repeated schema becomes a component, whose own repeats are hoisted in turn.
  const named = new Map<string, string>();
  const used = new Set<string>(Object.keys(schemas));
  const uses = new Map<string, number>();
  const hoist = (slot: Slot) => {
    const schema = valueAt(slot);
    const key = textOf(schema);
    // A schema with its own example stays where it is: Swagger UI leaves an example as written
    // only below a path's schema (docs-document.ts, addSuccessExamples).
    if ((count.get(key) ?? 0) < 2 || schema.example !== undefined) return forEachSubschema(schema, slot.trail, hoist);
    let name = named.get(key);
    if (name === undefined) {
      name = uniqueName(pascal(slot.trail.slice(-3)) || 'Schema', used);
      named.set(key, name);
      schemas[name] = schema;
      forEachSubschema(schema, slot.trail, hoist);
    }
    uses.set(name, (uses.get(name) ?? 0) + 1);
    (slot.parent as any)[slot.key] = { $ref: `#/components/schemas/${name}` };
  };
  roots.forEach(hoist);

  // A schema repeated only inside one hoisted schema ends up used once: put it back inline.
  for (const [name, times] of uses) {
    if (times === 1) inlineOnce(document, name);
  }
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n += 1) name = `${base}${n}`;
  used.add(name);
  return name;
}

/** Replaces the single `$ref` to a component by the component itself. */
function inlineOnce(document: Json, name: string): void {
  const ref = `#/components/schemas/${name}`;
  const schema = document.components.schemas[name];
  const replace = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some((entry, index) => (isObject(entry) && entry.$ref === ref ? ((node[index] = schema), true) : replace(entry)));
    if (!isObject(node)) return false;
    for (const [key, value] of Object.entries(node)) {
      if (isObject(value) && value.$ref === ref && Object.keys(value).length === 1) {
        node[key] = schema;
        return true;
      }
      if (replace(value)) return true;
    }
    return false;
  };
  delete document.components.schemas[name];
  replace(document);
}

/** Moves each parameter that two or more operations declare alike into components/parameters. */
export function hoistRepeatedParameters(document: Json): void {
  const operations = Object.values<Json>(document.paths ?? {}).flatMap((item) => Object.values<Json>(item).filter((operation) => Array.isArray(operation?.parameters)));
  const count = new Map<string, number>();
  for (const operation of operations) {
    for (const parameter of operation.parameters) count.set(JSON.stringify(parameter), (count.get(JSON.stringify(parameter)) ?? 0) + 1);
  }
  const parameters: Json = ((document.components ??= {}).parameters ??= {});
  const used = new Set<string>(Object.keys(parameters));
  const named = new Map<string, string>();
  for (const operation of operations) {
    operation.parameters = operation.parameters.map((parameter: Json) => {
      const key = JSON.stringify(parameter);
      if ((count.get(key) ?? 0) < 2) return parameter;
      let name = named.get(key);
      if (name === undefined) {
        name = uniqueName(pascal([operation.tags?.[0] ?? '', parameter.in, parameter.name]), used);
        named.set(key, name);
        parameters[name] = parameter;
      }
      return { $ref: `#/components/parameters/${name}` };
    });
  }
}
