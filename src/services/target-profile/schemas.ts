const TAGS = ['Target Profile API'];

const envelope = {
  type: 'object',
  properties: { status: { type: 'integer' }, message: { type: 'string' } },
} as const;

const xmlText = { type: 'string', description: 'An XML <response> document' } as const;

const profile = {
  type: 'object',
  properties: {
    client: { type: 'string' },
    visitorId: { type: 'string' },
    modifiedAt: { type: 'string' },
    profileAttributes: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { value: { type: 'string' }, modifiedAt: { type: 'string' } },
      },
    },
  },
} as const;

const clientQuery = {
  type: 'object',
  properties: { client: { type: 'string', description: 'The Target client code (required)' } },
  additionalProperties: true,
} as const;

const accessTokenHeader = {
  type: 'object',
  properties: { access_token: { type: 'string', description: 'profile_api token; required when the client has authentication ON' } },
} as const;

const clientParams = { type: 'object', properties: { client: { type: 'string' } }, required: ['client'] } as const;

export const fetchByTntIdSchema = {
  tags: TAGS,
  summary: 'Fetch a profile by tntId (mboxPC)',
  description: 'Missing or expired: 404 "No profile found for client <client> with mboxPC=<id>". Without ?client=: 400.',
  params: { type: 'object', properties: { tntId: { type: 'string' } }, required: ['tntId'] },
  querystring: clientQuery,
  headers: accessTokenHeader,
  response: { 200: profile, 400: envelope, 401: envelope, 404: envelope },
} as const;

export const fetchByThirdPartyIdSchema = {
  tags: TAGS,
  summary: 'Fetch a profile by thirdPartyId (mbox3rdPartyId)',
  description: 'Missing or expired: 404 "No profile found for client <client> with third party id=<id>". Without ?client=: 400.',
  params: { type: 'object', properties: { thirdPartyId: { type: 'string' } }, required: ['thirdPartyId'] },
  querystring: clientQuery,
  headers: accessTokenHeader,
  response: { 200: profile, 400: envelope, 401: envelope, 404: envelope },
} as const;

const updateQuery = {
  type: 'object',
  properties: {
    mboxPC: { type: 'string' },
    mbox3rdPartyId: { type: 'string' },
  },
  additionalProperties: true,
  description: 'Also profile.<name>=<value> for each attribute',
} as const;

export const singleUpdateGetSchema = {
  tags: TAGS,
  summary: 'Update one profile (GET, parameters in the URL, up to 8 KB)',
  description:
    'mboxPC or mbox3rdPartyId names the profile; profile.<name>=<value> parameters are its attributes. Updates existing profiles only. Answers <response><success>true</success><message>Request successfully submitted</message></response>.',
  params: clientParams,
  querystring: updateQuery,
  headers: accessTokenHeader,
  response: { 200: xmlText, 400: envelope, 401: envelope, 429: envelope },
} as const;

export const singleUpdatePostSchema = {
  tags: TAGS,
  summary: 'Update one profile (POST, form-encoded parameters, up to 60 KB)',
  description: 'As the GET form, with the parameters in an application/x-www-form-urlencoded body (and/or the query string).',
  params: clientParams,
  querystring: updateQuery,
  headers: accessTokenHeader,
  response: { 200: xmlText, 400: envelope, 401: envelope, 413: envelope, 429: envelope },
} as const;

const batchDescription =
  'Body: the batch file (curl --data-binary @BATCH.TXT; any Content-Type), header row first: pcId or thirdPartyId, then attribute names; URL-encoded UTF-8 cells; empty cells leave attributes untouched. Under 50 MB, at most 500,000 rows, 1,000,000 rows per client per day. Answers an XML <response> with success, batchId, numRows, message';

export const batchUpdateV1Schema = {
  tags: TAGS,
  summary: 'Bulk profile update v1 (existing profiles only, overall status)',
  description: `${batchDescription}.`,
  params: clientParams,
  headers: accessTokenHeader,
  response: { 200: xmlText, 400: xmlText, 401: envelope, 413: xmlText, 429: xmlText },
} as const;

export const batchUpdateV2Schema = {
  tags: TAGS,
  summary: 'Bulk profile update v2 (creates missing profiles, per-profile status URL)',
  description: `${batchDescription} and batchStatus, the URL listing each profile's result.`,
  params: clientParams,
  headers: accessTokenHeader,
  response: { 200: xmlText, 400: xmlText, 401: envelope, 413: xmlText, 429: xmlText },
} as const;

export const batchStatusSchema = {
  tags: TAGS,
  summary: "A v2 batch's status and each profile's result",
  description: 'XML <response> with batchId, status (pending|complete), batchSize and one <profile> (id, mboxPC or mbox3rdPartyId, status success|error|pending, message) per row.',
  params: clientParams,
  querystring: { type: 'object', properties: { batchId: { type: 'string' } }, additionalProperties: true },
  headers: accessTokenHeader,
  response: { 200: xmlText, 400: envelope, 401: envelope, 404: envelope },
} as const;

export const authenticationSwitchSchema = {
  tags: ['Emulator control'],
  summary: "Turn a Target client's Profile API authentication switch on or off",
  params: clientParams,
  body: { type: 'object', properties: { enabled: { type: 'boolean' } }, required: ['enabled'], additionalProperties: false },
  response: { 200: { type: 'object', properties: { client: { type: 'string' }, enabled: { type: 'boolean' } } } },
} as const;

export const authenticationStateSchema = {
  tags: ['Emulator control'],
  summary: "A Target client's Profile API authentication switch",
  params: clientParams,
  response: { 200: authenticationSwitchSchema.response[200] },
} as const;
