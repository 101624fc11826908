import { answer } from '../../answer.js';
import { callerOf } from '../../platform-objects.js';
import type { ServicePlugin } from '../../typed-routes.js';
import { auditLogOf } from './auditlog.js';
import { sampleDataFor } from './sampledata.js';
import { auditLogSchema, exportSchema, importSchema, sampleDataSchema, statsSchema } from './schemas.js';
import { statsOf } from './stats.js';
import { exportPayload, importPayload } from './transfer.js';

/**
 * Schema Registry GET /stats and remote procedure calls (help/xdm/api/stats.md, audit-log.md,
 * export.md, import.md, sample-data.md): no container, no Accept needed.
 */
export const rpcRoutes: ServicePlugin = async (app, { ctx }) => {
  app.get('/stats', { schema: statsSchema }, (request) => statsOf(ctx, request.platform!));
  app.get('/rpc/auditlog/:id', { schema: auditLogSchema }, (request) => auditLogOf(ctx, request.platform!.scope, request.params.id));
  app.get('/rpc/export/:id', { schema: exportSchema }, (request) => exportPayload(ctx, request.platform!, request.params.id));
  app.post('/rpc/import', { schema: importSchema }, async (request, reply) => {
    const { org, sandbox, scope } = request.platform!;
    return answer(reply, importPayload(ctx, { scope, org, sandbox, caller: callerOf(request.principal) }, request.body));
  });
  app.get('/rpc/sampledata/:id', { schema: sampleDataSchema }, (request) => sampleDataFor(ctx, request.platform!.scope, request.params.id));
};
