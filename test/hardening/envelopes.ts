/** The error bodies each product may answer (the documented ones and the product's envelope). */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';

type Body = Record<string, unknown>;

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Platform: the gateway's {error_code, message}, the problem envelope, Catalog's ETag errorMessage. */
function platformShape(body: Body, status: number): boolean {
  if (isString(body.error_code) && isString(body.message)) return true;
  if (isString(body.type) && body.status === status && isString(body.title)) return true;
  return Object.keys(body).length === 1 && isString(body.errorMessage);
}

const SHAPES: Record<string, (body: Body, status: number) => boolean> = {
  platform: platformShape,
  target: (body, status) =>
    body.httpStatus === status &&
    isString(body.requestId) &&
    isString(body.requestTime) &&
    Array.isArray(body.errors) &&
    body.errors.length > 0 &&
    body.errors.every((error: Body) => isString(error.errorCode) && isString(error.message)),
  profile: (body, status) => body.status === status && isString(body.message),
  stock: (body) => isString(body.error_code) && isString(body.message),
  ims: (body) => isString(body.error) && isString(body.error_description),
  control: (body, status) => body.statusCode === status && isString(body.error) && isString(body.message),
};

/** Asserts a 4xx answer is JSON in the envelope of `product` (HEAD answers carry no body). */
export function assertInEnvelope(product: string, method: string, response: LightMyRequestResponse, where: string): void {
  if (response.body === '' && (response.statusCode === 304 || method === 'HEAD')) return;
  // The profile update routes answer failures in their XML <response> with success=false (docs/target-profile.md).
  if (product === 'profile' && /xml/.test(String(response.headers['content-type']))) {
    assert.match(response.body, /^<response>\n[\s\S]*<success>false<\/success>[\s\S]*<message>[^<]+<\/message>/, `not a profile failure document: ${where}`);
    return;
  }
  assert.match(String(response.headers['content-type'] ?? ''), /json/, `not JSON: ${where}`);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    assert.fail(`unparseable error body: ${where}`);
  }
  assert.ok(body !== null && typeof body === 'object' && !Array.isArray(body), `error body is not an object: ${where}`);
  const shape = SHAPES[product];
  assert.ok(shape, `no envelope known for product ${product}`);
  assert.ok(shape(body as Body, response.statusCode), `not in the ${product} envelope: ${where}`);
}
