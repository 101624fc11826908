/**
 * The documented error bodies of the activities endpoints, all in the Target envelope of seed 002
 * (`{httpStatus, requestId, requestTime, errors: [{errorCode, message}]}`).
 */
import type { ApiError } from '../../../errors/api-error.js';
import { targetError } from '../../../gateway/target.js';
import type { Clock } from '../../../store/clock.js';
import { invalidRequest, newerVersionFields } from '../shared/errors.js';
import type { ActivityType } from './validation.js';

/** seed 004 response codes: 404 "The referenced resource was not found" (message: the emulator's). */
export function activityNotFound(clock: Clock, id: number, type?: ActivityType): ApiError {
  const kind = type === undefined ? '' : `${type.toUpperCase()} `;
  return targetError(clock, 404, 'Resource.NotFound', `No ${kind}activity with id ${id}`);
}

/** seed 004 response codes: 400 "the data provided in the request is invalid"; the message names the field. */
export function activityInvalid(clock: Clock, field: string, problem: string): ApiError {
  return invalidRequest(clock, `${field} ${problem}`);
}

/** seed 002 / seed 004 "Error Message for unsupported features": a body using a higher version's fields. */
export const activityUnsupportedFeature = newerVersionFields;
