import { basics, compact, instant, text } from '../../control/summaries.js';
import type { ScopeDeclaration, ServiceDeclaration, StoredObject } from '../declaration.js';
import { COLLECTIONS, settleBatches } from '../platform-objects.js';
import { catalogRoutes } from './routes.js';

/** An org + sandbox of Experience Platform (`platform/<org>/<sandbox>`): every Platform service keeps its objects there. */
export const PLATFORM_SCOPES: ScopeDeclaration = {
  kind: 'platform',
  label: (rest, scope) => (rest.length >= 2 ? `${rest.slice(0, -1).join('/')} · sandbox ${rest.at(-1)}` : scope),
  // Batches whose processing time has come on the emulator's clock show their final state, as a Catalog read would.
  settle: settleBatches,
};

export const catalogService: ServiceDeclaration = {
  name: 'catalog',
  product: 'platform',
  prefixes: ['/data/foundation/catalog'],
  routes: catalogRoutes,
  scopes: [PLATFORM_SCOPES],
  collections: [
    {
      name: COLLECTIONS.dataSets,
      title: 'Datasets',
      fixtures: true,
      primary: true,
      summary: (id, o) =>
        compact({
          ...basics(id, o),
          status: undefined,
          lastBatchId: text(o.lastBatchId),
          lastBatchStatus: text(o.lastBatchStatus),
          schema: text((o.schemaRef as StoredObject | undefined)?.id),
        }),
      columns: [
        { heading: 'Name', field: 'name', kind: 'name' },
        { heading: 'Id', field: 'id', kind: 'id' },
        { heading: 'Last batch', field: 'lastBatchStatus', kind: 'badge', also: 'lastBatchId' },
        { heading: 'Updated', field: 'updated', kind: 'time' },
      ],
    },
    {
      name: COLLECTIONS.batches,
      title: 'Batches',
      primary: true,
      summary: (id, o) => {
        const related = Array.isArray(o.relatedObjects) ? (o.relatedObjects as StoredObject[]) : [];
        return compact({
          ...basics(id, o),
          dataSetId: text(related.find((entry) => entry.type === 'dataSet')?.id),
          format: text((o.inputFormat as StoredObject | undefined)?.format),
          started: instant(o.started),
          completed: instant(o.completed),
          metrics: o.metrics && typeof o.metrics === 'object' ? o.metrics : undefined,
          errors: Array.isArray(o.errors) && o.errors.length > 0 ? o.errors.length : undefined,
        });
      },
      columns: [
        { heading: 'Id', field: 'id', kind: 'id' },
        { heading: 'Status', field: 'status', kind: 'badge' },
        { heading: 'Dataset', field: 'dataSetId', kind: 'ref' },
        { heading: 'Metrics', field: 'metrics', kind: 'metrics', also: 'errors' },
        { heading: 'Updated', field: 'updated', kind: 'time' },
      ],
    },
    {
      name: COLLECTIONS.dataSetFiles,
      title: 'Dataset files',
      summary: (id, o) => compact({ ...basics(id, o), name: text(o.name), batchId: text(o.batchId), records: o.records, size: o.size }),
    },
  ],
  // Catalog, Batch Ingestion and Data Access share one lifecycle: a dataset's batches, their uploaded files, the files processing wrote.
  reset: { together: ['ingestion', 'export'], undeclared: true },
};
