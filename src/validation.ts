import type { Ajv, Options as AjvOptions, ValidateFunction } from 'ajv';
import { newAjv } from './lazy-libraries.js';

const COMMON: AjvOptions = { useDefaults: true, allErrors: false, allowUnionTypes: true, strict: false };

interface RouteSchema {
  schema: { $id?: string };
  httpPart?: string;
}

/**
 * Request validation for the whole app, with two ajv instances. Query strings, params and
 * headers arrive as text, so they are coerced to the declared types; JSON bodies are not: a
 * client that sends 42 where a string is documented gets a 400, as from the real API, instead
 * of a silently fixed value.
 *
 * Each route's validator is compiled on its first request, so startup stays flat however many
 * routes there are. `compileAll()` compiles every pending one at once (tests use it, so a bad
 * schema cannot hide until some request happens to reach it).
 */
export class RequestValidators {
  /** Created on the first compile: building them is a noticeable part of startup. */
  private instances: { forText: Ajv; forBody: Ajv } | null = null;
  private readonly shared: { $id?: string }[] = [];
  private readonly pending = new Set<() => void>();

  /** Fastify's `schemaController.compilersFactory.buildValidator`; called once per plugin context. */
  readonly factory = (externalSchemas: Record<string, unknown>) => {
    for (const schema of Object.values(externalSchemas) as { $id?: string }[]) {
      if (this.shared.includes(schema)) continue;
      this.shared.push(schema);
      if (this.instances) this.addShared(schema);
    }
    return (route: RouteSchema): ValidateFunction => this.lazy(route);
  };

  compileAll(): void {
    for (const compile of [...this.pending]) compile();
  }

  private ajvFor(httpPart: string | undefined): Ajv {
    if (!this.instances) {
      this.instances = {
        forText: newAjv({ ...COMMON, coerceTypes: 'array', removeAdditional: true }),
        forBody: newAjv({ ...COMMON, coerceTypes: false, removeAdditional: false }),
      };
      for (const schema of this.shared) this.addShared(schema);
    }
    return httpPart === 'body' ? this.instances.forBody : this.instances.forText;
  }

  private addShared(schema: { $id?: string }): void {
    for (const ajv of [this.instances!.forText, this.instances!.forBody]) {
      if (!schema.$id || !ajv.getSchema(schema.$id)) ajv.addSchema(schema);
    }
  }

  private compile({ schema, httpPart }: RouteSchema): ValidateFunction {
    const ajv = this.ajvFor(httpPart);
    return (schema.$id && ajv.getSchema(schema.$id)) || ajv.compile(schema);
  }

  private lazy(route: RouteSchema): ValidateFunction {
    let compiled: ValidateFunction | null = null;
    const compile = () => {
      compiled ??= this.compile(route);
      this.pending.delete(compile);
      return compiled;
    };
    this.pending.add(compile);
    const validate = ((data: unknown) => {
      const check = compile();
      const valid = check(data);
      validate.errors = check.errors;
      return valid;
    }) as ValidateFunction;
    validate.errors = null;
    return validate;
  }
}
