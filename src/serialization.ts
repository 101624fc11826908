import { createRequire } from 'node:module';
import type { SerializerSelector as Selector } from '@fastify/fast-json-stringify-compiler';

type SerializerFactory = ReturnType<typeof Selector>;
type RouteDefinition = Parameters<ReturnType<SerializerFactory>>[0];
type Serializer = (data: unknown) => string;

const require = createRequire(import.meta.url);

/**
 * Response serializers (fast-json-stringify, Fastify's own compiler), each built on its route's
 * first answer instead of at startup: building all of them, and loading the compiler (with ajv),
 * was a quarter of the time to the first answer. `compileAll()` builds every pending one (tests use it, so a bad response schema cannot
 * hide until some request happens to reach it).
 */
export class LazySerializers {
  private selector: SerializerFactory | null = null;
  private readonly pending = new Set<() => Serializer>();

  /** Fastify's `schemaController.compilersFactory.buildSerializer`; called once per plugin context. */
  readonly factory = (externalSchemas?: unknown, options?: Parameters<SerializerFactory>[1]) => {
    let build: ReturnType<SerializerFactory> | null = null;
    return (route: RouteDefinition): Serializer => {
      let serializer: Serializer | null = null;
      const compile = () => {
        build ??= this.load()(externalSchemas, options);
        serializer ??= build(route);
        this.pending.delete(compile);
        return serializer;
      };
      this.pending.add(compile);
      return (data) => (serializer ?? compile())(data);
    };
  };

  private load(): SerializerFactory {
    this.selector ??= (require('@fastify/fast-json-stringify-compiler') as { SerializerSelector: typeof Selector }).SerializerSelector();
    return this.selector;
  }

  compileAll(): void {
    for (const compile of [...this.pending]) compile();
  }
}
