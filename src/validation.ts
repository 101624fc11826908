import { Ajv, type Options as AjvOptions, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

// ajv-formats is CommonJS with an `exports.default`; under NodeNext the callable is on .default.
const addFormats = formats.default;

const COMMON: AjvOptions = { useDefaults: true, allErrors: false, allowUnionTypes: true, strict: false };

/**
 * Request validation with two ajv instances. Query strings, params and headers arrive as text,
 * so they are coerced to the declared types; JSON bodies are not: a client that sends 42 where a
 * string is documented gets a 400, as from the real API, instead of a silently fixed value.
 */
export function buildRequestValidator(externalSchemas: Record<string, unknown>) {
  const forText = new Ajv({ ...COMMON, coerceTypes: 'array', removeAdditional: true });
  const forBody = new Ajv({ ...COMMON, coerceTypes: false, removeAdditional: false });
  for (const ajv of [forText, forBody]) {
    addFormats(ajv);
    for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as object);
  }
  return ({ schema, httpPart }: { schema: { $id?: string }; httpPart?: string }): ValidateFunction => {
    const ajv = httpPart === 'body' ? forBody : forText;
    return (schema.$id && ajv.getSchema(schema.$id)) || ajv.compile(schema);
  };
}
