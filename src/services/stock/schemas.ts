/** JSON Schemas of the Adobe Stock routes: validation and the OpenAPI document. */
import { DEFAULT_LIMIT, MAX_LIMIT, ORDERS, ORIENTATIONS, THUMBNAIL_SIZES } from './search.js';

const TAG_SEARCH = 'Stock Search';
const TAG_LICENSING = 'Stock Licensing';

const text = (description: string) => ({ type: 'string', description }) as const;

const stockHeaders = {
  type: 'object',
  properties: {
    'x-api-key': text('The API key (client id) of the integration. Required.'),
    'x-product': text('Name/version of the calling application, e.g. MySampleApp/1.0.'),
    'x-request-id': text('Trace id; echoed on the response, generated when absent.'),
  },
} as const;

const bearerHeaders = {
  ...stockHeaders,
  properties: { ...stockHeaders.properties, authorization: text('Bearer access token from IMS. Required for licensing.') },
} as const;

/** Only the parameters the emulator understands are described; others are ignored. */
const searchQuerystring = {
  type: 'object',
  properties: {
    locale: text('Locale of the answer, e.g. en_US.'),
    'search_parameters[words]': text('Keywords; every word must match the title or a keyword.'),
    'search_parameters[limit]': { type: 'string', description: `Files per page, 1-${MAX_LIMIT} (default ${DEFAULT_LIMIT}).` },
    'search_parameters[offset]': { type: 'string', description: 'Index of the first file of the page (default 0).' },
    'search_parameters[order]': { type: 'string', description: `One of ${ORDERS.join(', ')}.` },
    'search_parameters[creator_id]': text('Only files of this creator.'),
    'search_parameters[media_id]': text('Only the file with this id.'),
    'search_parameters[thumbnail_size]': { type: 'string', description: `Size of thumbnail_url: ${THUMBNAIL_SIZES.join(', ')} (default 160).` },
    'search_parameters[filters][content_type:photo]': text('1 to include photos (any content_type set to 1 restricts to those), 0 to leave them out.'),
    'search_parameters[filters][content_type:illustration]': text('1 / 0, as for photo.'),
    'search_parameters[filters][content_type:vector]': text('1 / 0, as for photo.'),
    'search_parameters[filters][content_type:video]': text('1 / 0, as for photo.'),
    'search_parameters[filters][content_type:template]': text('1 / 0, as for photo.'),
    'search_parameters[filters][content_type:3d]': text('1 / 0, as for photo.'),
    'search_parameters[filters][content_type:image]': text('1 / 0: photos, illustrations and vectors together.'),
    'search_parameters[filters][orientation]': { type: 'string', description: `One of ${ORIENTATIONS.join(', ')}.` },
    'search_parameters[filters][premium]': text('true, false or all.'),
    'result_columns[]': {
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      description: 'Columns to answer (repeat the parameter); nb_results only when listed.',
    },
  },
} as const;

const stockError = {
  type: 'object',
  properties: { error_code: { type: 'string' }, message: { type: 'string' } },
} as const;

const file = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    creator_name: { type: 'string' },
    creator_id: { type: 'integer' },
    width: { type: 'integer' },
    height: { type: 'integer' },
    thumbnail_url: { type: 'string' },
    thumbnail_html_tag: { type: 'string' },
    thumbnail_width: { type: 'integer' },
    thumbnail_height: { type: 'integer' },
    media_type_id: { type: 'integer' },
    category: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    content_type: { type: 'string' },
    vector_type: { type: ['string', 'null'] },
    premium_level_id: { type: 'integer' },
    is_licensed: { type: 'string' },
  },
} as const;

export const searchFilesSchema = {
  tags: [TAG_SEARCH],
  summary: 'Search the catalog (Search/Files)',
  description:
    'Searches the fixture catalog. Authorization is optional; with a token, is_licensed reflects the member. ' +
    'Parameters keep their bracketed names, e.g. search_parameters[words]=unicorns.',
  headers: bearerHeaders,
  querystring: searchQuerystring,
  response: {
    200: {
      type: 'object',
      properties: { nb_results: { type: 'integer' }, files: { type: 'array', items: file } },
    },
    400: stockError,
    403: stockError,
  },
} as const;

const licensingQuerystring = {
  type: 'object',
  properties: {
    content_id: text('Id of the asset (Stock id).'),
    license: text('Standard, Extended, Standard_M, Video_HD or Video_4K.'),
    locale: text('Locale of the messages, e.g. en_US.'),
  },
} as const;

const entitlement = {
  type: 'object',
  properties: {
    quota: { type: 'integer' },
    license_type_id: { type: 'integer' },
    has_credit_model: { type: 'boolean' },
    has_agency_model: { type: 'boolean' },
    is_cce: { type: 'boolean' },
    full_entitlement_quota: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;

export const memberProfileSchema = {
  tags: [TAG_LICENSING],
  summary: "A member's licensing status for an asset (Member/Profile)",
  headers: bearerHeaders,
  querystring: licensingQuerystring,
  response: {
    200: {
      type: 'object',
      properties: {
        available_entitlement: entitlement,
        member: { type: 'object', properties: { member_id: { type: 'integer' } } },
        purchase_options: {
          type: 'object',
          properties: {
            state: { type: 'string' },
            requires_checkout: { type: 'boolean' },
            message: { type: 'string' },
            url: { type: 'string' },
          },
        },
      },
    },
    400: stockError,
    401: stockError,
    404: stockError,
  },
} as const;

export const contentLicenseSchema = {
  tags: [TAG_LICENSING],
  summary: 'License an asset for the member (Content/License)',
  headers: bearerHeaders,
  querystring: licensingQuerystring,
  response: {
    200: {
      type: 'object',
      properties: {
        member: { type: 'object', properties: { stock_id: { type: 'integer' } } },
        available_entitlement: entitlement,
        contents: { type: 'object', additionalProperties: true },
      },
    },
    400: stockError,
    401: stockError,
    404: stockError,
  },
} as const;
