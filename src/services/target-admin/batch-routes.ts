import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { targetError, targetErrorBody } from '../../gateway/target.js';
import { dispatchInProcess } from '../../gateway/in-process.js';
import { BatchInvalid, executeBatch, validateBatch, type Dispatcher } from './batch-model.js';
import { executeBatchSchema } from './batch-schemas.js';

/** Target roles in increasing rights; the batch needs at least editor (seed 002, "Permissions & Throttling"). */
const ROLE_RANK: Record<string, number> = { viewer: 0, editor: 1, approver: 2, publisher: 3 };

/** POST /:tenant/target/batch: every operation is dispatched through the app itself, in-process. */
export const batchRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const dispatch: Dispatcher = (request) => dispatchInProcess(app, request);

  // The schema documents the body (OpenAPI); batch-model.ts checks it, so its messages are the ones answered.
  const route = { schema: executeBatchSchema, config: { versions: [1] }, validatorCompiler: () => (data: unknown) => ({ value: data }) };
  app.post('/batch', route, async (request) => {
    const role = request.principal?.integration?.role;
    if (role !== undefined && (ROLE_RANK[role] ?? -1) < ROLE_RANK.editor) {
      throw targetError(ctx.clock, 403, 'Access.Forbidden', `The batch API needs at least the editor role (this integration has '${role}')`);
    }
    let operations;
    try {
      operations = validateBatch(request.body);
    } catch (error) {
      if (error instanceof BatchInvalid) throw targetError(ctx.clock, 400, 'Request.Invalid', error.message);
      throw error;
    }
    const target = request.target!;
    const headerOf = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const results = await executeBatch(operations, {
      base: `/${encodeURIComponent(target.tenant)}/target`,
      inherited: { authorization: headerOf('authorization'), 'x-api-key': headerOf('x-api-key') },
      dispatch,
      errorBody: (status, errorCode, message) => targetErrorBody(ctx.clock, status, errorCode, message),
    });
    return { results };
  });
};
