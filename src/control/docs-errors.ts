/**
 * The error answers the OpenAPI document gives each operation: every area's envelope as a
 * component schema, and its documented bodies as named examples, taken from the gateways and
 * services that send them (one place per rule: the bodies are theirs, not copies).
 */
import { http } from '../node-http.js';
import { controlEnvelope } from '../gateway/control.js';
import { imsError } from '../gateway/ims.js';
import { PLATFORM_ERRORS, platformEnvelope, sandboxNotAllowed } from '../gateway/platform.js';
import { profileEnvelope } from '../gateway/profile.js';
import { STOCK_ERRORS } from '../gateway/stock.js';
import { TARGET_ERROR_CODES, TARGET_GATEWAY_ERRORS } from '../gateway/target.js';
import { accessTokenMissing, clientMissing, profileNotFound } from '../services/target-profile/errors.js';
import type { DocsArea } from './docs-security.js';

const { STATUS_CODES } = http;

const text = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const object = (properties: Record<string, unknown>) => ({ type: 'object', required: Object.keys(properties), properties });

/** Each envelope as a JSON schema (test/hardening/envelopes.ts checks the answers against the same shapes). */
export const ERROR_SCHEMAS = {
  PlatformGatewayError: object({ error_code: text, message: text }),
  PlatformProblem: object({ type: text, status: integer, title: text, detail: text }),
  TargetError: object({
    httpStatus: integer,
    requestId: text,
    requestTime: { type: 'string', format: 'date-time' },
    errors: { type: 'array', items: object({ errorCode: text, message: text }) },
  }),
  ImsError: object({ error: text, error_description: text }),
  ProfileError: object({ status: integer, message: text }),
  StockError: object({ error_code: text, message: text }),
  ControlError: object({ statusCode: integer, error: text, message: text }),
} as const;

export type ErrorSchemaName = keyof typeof ERROR_SCHEMAS;

export interface ErrorExample {
  name: string;
  status: number;
  schema: ErrorSchemaName;
  body: unknown;
}

/** A Target error body with a fixed request id and time, so the document stays the same from run to run. */
function targetBody(status: number, errorCode: string, message: string) {
  return { httpStatus: status, requestId: '3f2a9c1e-6b0d-4e8a-9a51-2c7d8e4f1b60', requestTime: '2026-01-01T00:00:00.000Z', errors: [{ errorCode, message }] };
}

const platform = (): ErrorExample[] => [
  ...Object.entries(PLATFORM_ERRORS).map(([name, { status, body }]) => ({
    name,
    status,
    schema: ('error_code' in body ? 'PlatformGatewayError' : 'PlatformProblem') as ErrorSchemaName,
    body,
  })),
  { name: 'sandboxNotAllowed', status: 403, schema: 'PlatformGatewayError', body: sandboxNotAllowed('qa').body },
  {
    name: 'invalidRequest',
    status: 400,
    schema: 'PlatformProblem',
    body: platformEnvelope.failure('bad-request', 'Invalid request: querystring/limit must be an integer from 1 to 100'),
  },
  { name: 'notFound', status: 404, schema: 'PlatformProblem', body: platformEnvelope.failure('not-found', 'No object with that id in this sandbox') },
];

const target = (): ErrorExample[] => [
  ...Object.entries(TARGET_GATEWAY_ERRORS).map(([name, { status, errorCode, message }]) => ({
    name,
    status,
    schema: 'TargetError' as const,
    body: targetBody(status, errorCode, message),
  })),
  {
    name: 'invalidRequest',
    status: 400,
    schema: 'TargetError',
    body: targetBody(400, TARGET_ERROR_CODES['bad-request'], "Invalid request: body must have required property 'name'"),
  },
  {
    name: 'forbidden',
    status: 403,
    schema: 'TargetError',
    body: targetBody(403, TARGET_ERROR_CODES.forbidden, 'This integration (role viewer) may not change activities'),
  },
  { name: 'notFound', status: 404, schema: 'TargetError', body: targetBody(404, TARGET_ERROR_CODES['not-found'], 'No activity with id 123456') },
];

const ims = (): ErrorExample[] => [
  { name: 'missingGrantType', status: 400, schema: 'ImsError', body: imsError(400, 'invalid_request', 'missing grant_type parameter').body },
  { name: 'invalidClientId', status: 400, schema: 'ImsError', body: imsError(400, 'invalid_client', 'invalid client_id parameter').body },
  { name: 'invalidClientSecret', status: 401, schema: 'ImsError', body: imsError(401, 'invalid_client', 'invalid client_secret parameter').body },
];

const profile = (): ErrorExample[] => [
  { name: 'clientMissing', status: 400, schema: 'ProfileError', body: clientMissing().body },
  { name: 'accessTokenMissing', status: 401, schema: 'ProfileError', body: accessTokenMissing('mocktenant').body },
  { name: 'profileNotFound', status: 404, schema: 'ProfileError', body: profileNotFound('mocktenant', '1a2b3c4d5e6f-0').body },
  {
    name: 'invalidRequest',
    status: 400,
    schema: 'ProfileError',
    body: profileEnvelope.failure('bad-request', "Invalid request: querystring must have required property 'client'"),
  },
];

const stock = (): ErrorExample[] => Object.entries(STOCK_ERRORS).map(([name, { status, body }]) => ({ name, status, schema: 'StockError' as const, body }));

const control = (): ErrorExample[] => [
  {
    name: 'controlTokenMissing',
    status: 401,
    schema: 'ControlError',
    body: controlEnvelope.failure(
      'unauthorized',
      'The control plane needs the control token (none was sent): send Authorization: Bearer <token> or X-Mock-Control-Token: <token>',
    ),
  },
  {
    name: 'hostRefused',
    status: 403,
    schema: 'ControlError',
    body: controlEnvelope.failure(
      'forbidden',
      "The control plane does not answer to Host 'mock.example.com': a public name could be DNS-rebound to this emulator by any web page",
    ),
  },
  {
    name: 'originRefused',
    status: 403,
    schema: 'ControlError',
    body: controlEnvelope.failure(
      'forbidden',
      "The control plane does not answer pages of another origin ('https://elsewhere.example'): only the emulator's own pages may call it",
    ),
  },
];

const AREAS: Record<DocsArea, () => ErrorExample[]> = { platform, target, ims, profile, stock, control, open: () => [] };

/** The error examples of an area; 404 only for paths naming an object (a path parameter). */
export function errorExamples(area: DocsArea, path: string): ErrorExample[] {
  const examples = AREAS[area]();
  return path.includes('{') ? examples : examples.filter((example) => example.status !== 404);
}

/** The OpenAPI response objects of those examples, by status: one schema, or oneOf the envelopes used. */
export function errorResponses(examples: ErrorExample[]): Record<string, unknown> {
  const byStatus = new Map<number, ErrorExample[]>();
  for (const example of examples) byStatus.set(example.status, [...(byStatus.get(example.status) ?? []), example]);
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const refs = [...new Set(list.map((example) => example.schema))].map((name) => ({ $ref: `#/components/schemas/${name}` }));
    responses[status] = {
      description: `${STATUS_CODES[status]}: ${list.map((example) => example.name).join(', ')}`,
      content: {
        'application/json': {
          schema: refs.length === 1 ? refs[0] : { oneOf: refs },
          examples: Object.fromEntries(list.map((example) => [example.name, { value: example.body }])),
        },
      },
    };
  }
  return responses;
}
