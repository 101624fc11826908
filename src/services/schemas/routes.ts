import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** Schema Registry, /data/foundation/schemaregistry (platform.adobe.io). */
export const schemaRegistryRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
