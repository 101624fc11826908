/**
 * Checks a body against a schema of the emulator's OpenAPI document, whose `$ref`s point into the
 * document's own components (#/components/...). Used by write-examples.ts and by
 * test/openapi-examples.test.ts.
 */
import { Ajv, type ValidateFunction } from 'ajv';

type Json = Record<string, any>;

export interface DocumentValidator {
  /** The problems of `value` against `schema` (a schema of the document); empty when it conforms. */
  problems(schema: unknown, value: unknown): string[];
}

export function documentValidator(document: Json): DocumentValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ components: document.components }, 'doc');
  /** The document's local $refs, resolved against the registered components. */
  const rebase = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
  const compiled = new Map<string, ValidateFunction>();
  return {
    problems(schema, value) {
      const key = JSON.stringify(schema ?? {});
      let validate = compiled.get(key);
      if (!validate) compiled.set(key, (validate = ajv.compile(rebase(schema ?? {}))));
      return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
    },
  };
}

/** The response object of a document operation, its `$ref` to components/responses followed. */
export function responseOf(document: Json, response: Json | undefined): Json | undefined {
  const ref = response?.$ref;
  if (typeof ref !== 'string') return response;
  return document.components?.responses?.[ref.split('/').pop()!];
}
