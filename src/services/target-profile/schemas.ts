import { describedString, objectSchema, openObject, sameSchema, stringParams } from '../schema-builders.js';

const TAGS = ['Target Profile API'];

const envelope = objectSchema({ status: 'integer', message: 'string' });

const xmlText = describedString('An XML <response> document');

const profile = objectSchema({
  client: 'string',
  visitorId: 'string',
  modifiedAt: 'string',
  profileAttributes: { type: 'object', additionalProperties: objectSchema({ value: 'string', modifiedAt: 'string' }) },
});

const clientQuery = openObject({ client: describedString('The Target client code (required)') });

const accessTokenHeader = objectSchema({
  access_token: describedString('profile_api token; required when the client has authentication ON'),
});

const clientParams = stringParams('client');

/** Both fetches: the profile named by one id in the path, for the ?client= of the query. */
function fetchSchema<const Id extends string>(id: Id, summary: string, description: string) {
  return {
    tags: TAGS,
    summary,
    description,
    params: stringParams(id),
    querystring: clientQuery,
    headers: accessTokenHeader,
    response: { 200: profile, ...sameSchema(envelope, [400, 401, 404]) },
  } as const;
}

export const fetchByTntIdSchema = fetchSchema(
  'tntId',
  'Fetch a profile by tntId (mboxPC)',
  'Missing or expired: 404 "No profile found for client <client> with mboxPC=<id>". Without ?client=: 400.',
);

export const fetchByThirdPartyIdSchema = fetchSchema(
  'thirdPartyId',
  'Fetch a profile by thirdPartyId (mbox3rdPartyId)',
  'Missing or expired: 404 "No profile found for client <client> with third party id=<id>". Without ?client=: 400.',
);

const updateQuery = objectSchema(
  { mboxPC: 'string', mbox3rdPartyId: 'string' },
  { additionalProperties: true, description: 'Also profile.<name>=<value> for each attribute' },
);

export const singleUpdateGetSchema = {
  tags: TAGS,
  summary: 'Update one profile (GET, parameters in the URL, up to 8 KB)',
  description:
    'mboxPC or mbox3rdPartyId names the profile; profile.<name>=<value> parameters are its attributes. Updates existing profiles only. Answers <response><success>true</success><message>Request successfully submitted</message></response>.',
  params: clientParams,
  querystring: updateQuery,
  headers: accessTokenHeader,
  response: { 200: xmlText, ...sameSchema(envelope, [400, 401, 429]) },
} as const;

export const singleUpdatePostSchema = {
  tags: TAGS,
  summary: 'Update one profile (POST, form-encoded parameters, up to 60 KB)',
  description: 'As the GET form, with the parameters in an application/x-www-form-urlencoded body (and/or the query string).',
  params: clientParams,
  querystring: updateQuery,
  headers: accessTokenHeader,
  response: { 200: xmlText, ...sameSchema(envelope, [400, 401, 413, 429]) },
} as const;

const batchDescription =
  'Body: the batch file (curl --data-binary @BATCH.TXT; any Content-Type), header row first: pcId or thirdPartyId, then attribute names; URL-encoded UTF-8 cells; empty cells leave attributes untouched. Under 50 MB, at most 500,000 rows, 1,000,000 rows per client per day. Answers an XML <response> with success, batchId, numRows, message';

/** Both batch versions answer XML, but for the JSON envelope of the gateway's 401. */
function batchUpdateSchema(summary: string, description: string) {
  return {
    tags: TAGS,
    summary,
    description,
    params: clientParams,
    headers: accessTokenHeader,
    response: { ...sameSchema(xmlText, [200, 400, 413, 429]), 401: envelope },
  } as const;
}

export const batchUpdateV1Schema = batchUpdateSchema('Bulk profile update v1 (existing profiles only, overall status)', `${batchDescription}.`);

export const batchUpdateV2Schema = batchUpdateSchema(
  'Bulk profile update v2 (creates missing profiles, per-profile status URL)',
  `${batchDescription} and batchStatus, the URL listing each profile's result.`,
);

export const batchStatusSchema = {
  tags: TAGS,
  summary: "A v2 batch's status and each profile's result",
  description: 'XML <response> with batchId, status (pending|complete), batchSize and one <profile> (id, mboxPC or mbox3rdPartyId, status success|error|pending, message) per row.',
  params: clientParams,
  querystring: openObject({ batchId: 'string' }),
  headers: accessTokenHeader,
  response: { 200: xmlText, ...sameSchema(envelope, [400, 401, 404]) },
} as const;

export const authenticationSwitchSchema = {
  tags: ['Emulator control'],
  summary: "Turn a Target client's Profile API authentication switch on or off",
  params: clientParams,
  body: objectSchema({ enabled: 'boolean' }, { required: ['enabled'], additionalProperties: false }),
  response: { 200: objectSchema({ client: 'string', enabled: 'boolean' }) },
} as const;

export const authenticationStateSchema = {
  tags: ['Emulator control'],
  summary: "A Target client's Profile API authentication switch",
  params: clientParams,
  response: { 200: authenticationSwitchSchema.response[200] },
} as const;
