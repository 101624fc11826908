import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { getDataSet, listDataSets } from './model.js';

const keyedObjects = { type: 'object', additionalProperties: { type: 'object', additionalProperties: true } } as const;

/** Catalog Service, /data/foundation/catalog (platform.adobe.io). */
export const catalogRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/dataSets',
    { schema: { tags: ['Catalog'], summary: 'List datasets', response: { 200: keyedObjects } } },
    (request) => listDataSets(ctx, request.platform!),
  );
  app.get<{ Params: { id: string } }>(
    '/dataSets/:id',
    {
      schema: {
        tags: ['Catalog'],
        summary: 'Look up a dataset',
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        response: { 200: keyedObjects },
      },
    },
    (request) => getDataSet(ctx, request.platform!, request.params.id),
  );
};
