import type { ServicePlugin } from '../../typed-routes.js';
import { dispatchInProcess } from '../../../gateway/in-process.js';
import { runBatch, type Dispatcher } from './model.js';
import { executeBatchSchema } from './schemas.js';

/** POST /:tenant/target/batch: every operation is dispatched through the app itself, in-process. */
export const batchRoutes: ServicePlugin = async (app, { ctx }) => {
  const dispatch: Dispatcher = (request) => dispatchInProcess(app, request);

  // The schema documents the body (OpenAPI); batch/model.ts checks it, so its messages are the ones answered.
  // Rights: a POST needs the edit right, which is seed 002's "at least editor" (the gateway checks it,
  // as it checks each operation's own rights when the operation passes through it).
  const route = { schema: executeBatchSchema, config: { versions: [1] }, validatorCompiler: () => (data: unknown) => ({ value: data }) };
  app.post('/batch', route, (request) => {
    const headerOf = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const inherited = { authorization: headerOf('authorization'), 'x-api-key': headerOf('x-api-key') };
    return runBatch(ctx, request.target!, request.body, inherited, dispatch);
  });
};
