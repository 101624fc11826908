import { answer } from '../../answer.js';
import { callerOf } from '../../platform-objects.js';
import type { ServicePlugin } from '../../typed-routes.js';
import { createDescriptor, deleteDescriptor, getDescriptor, listDescriptors, updateDescriptor } from './model.js';
import { createDescriptorSchema, deleteDescriptorSchema, getDescriptorSchema, listDescriptorsSchema, updateDescriptorSchema } from './schemas.js';

/** Schema Registry descriptors, /data/foundation/schemaregistry/tenant/descriptors (help/xdm/api/descriptors.md). */
export const descriptorRoutes: ServicePlugin = async (app, { ctx }) => {
  app.get('/tenant/descriptors', { schema: listDescriptorsSchema }, (request) =>
    listDescriptors(ctx, request.platform!.scope, request.headers.accept, request.query),
  );
  app.post('/tenant/descriptors', { schema: createDescriptorSchema }, async (request, reply) =>
    answer(reply, createDescriptor(ctx, request.platform!, callerOf(request.principal), request.body)),
  );
  app.get('/tenant/descriptors/:id', { schema: getDescriptorSchema }, (request) =>
    getDescriptor(ctx, request.platform!.scope, request.params.id, request.headers.accept),
  );
  app.put('/tenant/descriptors/:id', { schema: updateDescriptorSchema }, (request) =>
    updateDescriptor(ctx, request.platform!, callerOf(request.principal), request.params.id, request.body),
  );
  app.delete('/tenant/descriptors/:id', { schema: deleteDescriptorSchema }, async (request, reply) =>
    answer(reply, deleteDescriptor(ctx, request.platform!.scope, callerOf(request.principal), request.params.id)),
  );
};
