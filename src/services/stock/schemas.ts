/** JSON Schemas of the Adobe Stock routes: validation and the OpenAPI document. */
import { arrayOf, describedString as text, fields, listEnvelope, objectSchema, sameSchema } from '../schema-builders.js';
import { DEFAULT_LIMIT, MAX_LIMIT, ORDERS, ORIENTATIONS, THUMBNAIL_SIZES } from './search.js';

const TAG_SEARCH = 'Stock Search';
const TAG_LICENSING = 'Stock Licensing';

const bearerHeaders = objectSchema({
  'x-api-key': text('The API key (client id) of the integration. Required.'),
  'x-product': text('Name/version of the calling application, e.g. MySampleApp/1.0.'),
  'x-request-id': text('Trace id; echoed on the response, generated when absent.'),
  authorization: text('Bearer access token from IMS. Required for licensing.'),
});

/** Only the parameters the emulator understands are described; others are ignored. */
const searchQuerystring = objectSchema({
  locale: text('Locale of the answer, e.g. en_US.'),
  'search_parameters[words]': text('Keywords; every word must match the title or a keyword.'),
  'search_parameters[limit]': text(`Files per page, 1-${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`),
  'search_parameters[offset]': text('Index of the first file of the page (default 0).'),
  'search_parameters[order]': text(`One of ${ORDERS.join(', ')}.`),
  'search_parameters[creator_id]': text('Only files of this creator.'),
  'search_parameters[media_id]': text('Only the file with this id.'),
  'search_parameters[thumbnail_size]': text(`Size of thumbnail_url: ${THUMBNAIL_SIZES.join(', ')} (default 160).`),
  'search_parameters[filters][content_type:photo]': text('1 to include photos (any content_type set to 1 restricts to those), 0 to leave them out.'),
  'search_parameters[filters][content_type:illustration]': text('1 / 0, as for photo.'),
  'search_parameters[filters][content_type:vector]': text('1 / 0, as for photo.'),
  'search_parameters[filters][content_type:video]': text('1 / 0, as for photo.'),
  'search_parameters[filters][content_type:template]': text('1 / 0, as for photo.'),
  'search_parameters[filters][content_type:3d]': text('1 / 0, as for photo.'),
  'search_parameters[filters][content_type:image]': text('1 / 0: photos, illustrations and vectors together.'),
  'search_parameters[filters][orientation]': text(`One of ${ORIENTATIONS.join(', ')}.`),
  'search_parameters[filters][premium]': text('true, false or all.'),
  'result_columns[]': {
    anyOf: [{ type: 'string' }, arrayOf('string')],
    description: 'Columns to answer (repeat the parameter); nb_results only when listed.',
  },
});

const stockError = objectSchema({ error_code: 'string', message: 'string' });

const file = {
  type: 'object',
  additionalProperties: true,
  properties: fields({
    id: 'integer',
    title: 'string',
    creator_name: 'string',
    creator_id: 'integer',
    width: 'integer',
    height: 'integer',
    thumbnail_url: 'string',
    thumbnail_html_tag: 'string',
    thumbnail_width: 'integer',
    thumbnail_height: 'integer',
    media_type_id: 'integer',
    category: objectSchema({ id: 'integer', name: 'string' }),
    content_type: 'string',
    vector_type: { type: ['string', 'null'] },
    premium_level_id: 'integer',
    is_licensed: 'string',
  }),
} as const;

export const searchFilesSchema = {
  tags: [TAG_SEARCH],
  summary: 'Search the catalog (Search/Files)',
  description:
    'Searches the fixture catalog. Authorization is optional; with a token, is_licensed reflects the member. ' +
    'Parameters keep their bracketed names, e.g. search_parameters[words]=unicorns.',
  headers: bearerHeaders,
  querystring: searchQuerystring,
  response: { 200: listEnvelope('files', file, ['nb_results']), ...sameSchema(stockError, [400, 403]) },
} as const;

const licensingQuerystring = objectSchema({
  content_id: text('Id of the asset (Stock id).'),
  license: text('Standard, Extended, Standard_M, Video_HD or Video_4K.'),
  locale: text('Locale of the messages, e.g. en_US.'),
});

const entitlement = objectSchema({
  quota: 'integer',
  license_type_id: 'integer',
  has_credit_model: 'boolean',
  has_agency_model: 'boolean',
  is_cce: 'boolean',
  full_entitlement_quota: { type: 'object', additionalProperties: { type: 'integer' } },
});

/** Both licensing routes: the same headers, parameters and errors around their own 200 answer. */
function licensingSchema<const S extends string, const Ok extends object>(summary: S, ok: Ok) {
  return {
    tags: [TAG_LICENSING],
    summary,
    headers: bearerHeaders,
    querystring: licensingQuerystring,
    response: { 200: ok, ...sameSchema(stockError, [400, 401, 404]) },
  } as const;
}

export const memberProfileSchema = licensingSchema(
  "A member's licensing status for an asset (Member/Profile)",
  objectSchema({
    available_entitlement: entitlement,
    member: objectSchema({ member_id: 'integer' }),
    purchase_options: objectSchema({ state: 'string', requires_checkout: 'boolean', message: 'string', url: 'string' }),
  }),
);

export const contentLicenseSchema = licensingSchema(
  'License an asset for the member (Content/License)',
  objectSchema({
    member: objectSchema({ stock_id: 'integer' }),
    available_entitlement: entitlement,
    contents: { type: 'object', additionalProperties: true },
  }),
);
