/** JSON Schemas of the Data Access routes (data-access.yaml): validation and the OpenAPI document. */
import { describedString, objectSchema, stringParams, stringProperties } from '../schema-builders.js';

const TAG_DATA_ACCESS = 'Data Access';
const TAG_FILES = 'Files';
const TAG_PREVIEW = 'Preview';

const paging = {
  start: { type: 'integer', minimum: 0, description: 'Zero-based offset of the first entry of the page.' },
  limit: { type: 'integer', minimum: 1, description: 'Entries per page: 100 by default, and at most 100 (a larger value is served as 100).' },
} as const;

const link = { type: 'object', properties: { href: { type: 'string' } } } as const;

const pageLinks = {
  type: 'object',
  properties: {
    next: link,
    page: { type: 'object', properties: { href: { type: 'string' }, templated: { type: 'boolean' } } },
  },
} as const;

const page = { type: 'object', properties: { limit: { type: 'integer' }, count: { type: 'integer' } } } as const;

const selfLink = { type: 'object', properties: { self: link } } as const;

/** A page of entries with `data`, `_page` and `_links`, as every Data Access listing answers. */
const pageOf = <Entry extends Record<string, unknown>>(entry: Entry) =>
  ({
    type: 'object',
    properties: {
      data: { type: 'array', items: { type: 'object', properties: entry } },
      _page: page,
      _links: pageLinks,
    },
  }) as const;

/** data-access.yaml `files`: name/length/_links entries. */
const filesListing = pageOf({ name: { type: 'string' }, length: { type: 'string' }, _links: selfLink } as const);

/** data-access.yaml `dataSetFiles`. */
const dataSetFilesListing = pageOf({
  ...stringProperties('dataSetFileId', 'dataSetViewId', 'version', 'created', 'updated', 'records', 'size'),
  isValid: { type: 'boolean' },
  _links: selfLink,
} as const);

const download = { description: 'The file contents (application/octet-stream).', type: 'string', format: 'binary' } as const;

const batchParams = stringParams('batchId');
const fileParams = stringParams('dataSetFileId');

/** A page query with `path`, which names what to list or download instead. */
const pagedWithPath = (pathDescription: string) => objectSchema({ ...paging, path: describedString(pathDescription) });

/** A batch's files listing that `?path=` turns into a download. */
const batchFilesSchema = (summary: string, pathDescription: string) =>
  ({
    tags: [TAG_DATA_ACCESS],
    summary,
    params: batchParams,
    querystring: pagedWithPath(pathDescription),
    response: { 200: filesListing },
  }) as const;

export const listBatchFilesSchema = {
  tags: [TAG_DATA_ACCESS],
  summary: "List a batch's dataset files",
  params: batchParams,
  querystring: { type: 'object', properties: paging },
  response: { 200: dataSetFilesListing },
} as const;

export const failedFilesSchema = batchFilesSchema(
  "List a batch's failed records files, or download one (?path=) as JSON lines",
  'Name of a failed file from the listing: its records, one JSON line each, with their _errors.',
);

export const batchMetaSchema = batchFilesSchema(
  "List a batch's meta directory (input_files, row_errors, row_errors_sample.json), or download a file under it",
  'A directory (input_files, row_errors) to list, or a file under the meta directory to download.',
);

export const dataSetFileSchema = {
  tags: [TAG_FILES],
  summary: "List a dataset file, or download its bytes (?path=, with Range support)",
  params: fileParams,
  querystring: pagedWithPath('Name of the file, as listed: downloads its exact bytes.'),
  response: {
    200: filesListing,
    206: { ...download, description: 'The requested byte range (Content-Range says which).' },
  },
} as const;

export const dataSetFileHeadSchema = {
  tags: [TAG_FILES],
  summary: "Retrieve a dataset file's headers (Content-Length, Content-Type, Accept-Ranges)",
  params: fileParams,
  querystring: {
    type: 'object',
    properties: { path: describedString('Name of the file, as listed.') },
    required: ['path'],
  },
} as const;

export const previewSchema = {
  tags: [TAG_PREVIEW],
  summary: "Preview a dataset's latest rows (at most 100)",
  params: stringParams('id'),
  response: {
    200: {
      type: 'object',
      properties: { data: { type: 'array', items: { type: 'object', additionalProperties: true } } },
    },
  },
} as const;
