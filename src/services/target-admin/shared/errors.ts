/**
 * The error bodies the Target Admin resources share (offers, audiences and properties use them
 * directly, activities through activities/errors.ts), all in the Target envelope of seed 002
 * ({httpStatus, requestId, requestTime, errors: [{errorCode, message}]}).
 */
import type { ApiError } from '../../../errors/api-error.js';
import { targetError, unsupportedFeature } from '../../../gateway/target.js';
import type { Clock } from '../../../store/clock.js';

export type ResourceKind = 'Offer' | 'Audience' | 'Property';

// seed 002 "Response Codes": 400, "the data provided in the request is invalid".
export function invalidRequest(clock: Clock, message: string): ApiError {
  return targetError(clock, 400, 'Request.Invalid', message);
}

// seed 002 "Response Codes": 404, "The referenced resource was not found".
export function resourceNotFound(clock: Clock, kind: ResourceKind, id: string | number): ApiError {
  return targetError(clock, 404, 'Resource.NotFound', `${kind} ${id} not found`);
}

/**
 * Deleting an offer or audience that something still uses. The documents list no 409 for
 * Target Admin (seed 002's codes stop at 404) and target_api.json gives DELETE a 400
 * ("Unable to delete Offer/Audience"), so this is a 400 naming the users (emulator's choice).
 */
export function stillInUse(clock: Clock, kind: 'Offer' | 'Audience', id: number, users: { activities: number[]; audiences?: number[] }): ApiError {
  const parts = [listed('activity', 'activities', users.activities), listed('audience', 'audiences', users.audiences ?? [])].filter((part) => part !== '');
  return targetError(clock, 400, 'Request.Invalid', `${kind} ${id} cannot be deleted: it is used by ${parts.join(' and ')}`);
}

function listed(one: string, many: string, ids: number[]): string {
  if (ids.length === 0) return '';
  return `${ids.length === 1 ? one : many} ${[...ids].sort((a, b) => a - b).join(', ')}`;
}

// seed 002 "Error Message for unsupported features": a payload using a newer version's fields.
export const newerVersionFields = (clock: Clock): ApiError => unsupportedFeature(clock);
