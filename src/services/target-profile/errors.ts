import { ApiError } from '../../errors/api-error.js';
import { XML_TYPE, xmlResponse } from './xml.js';

/** An error in the Profile API's {status, message} envelope. */
export function profileError(status: number, message: string): ApiError {
  return new ApiError(status, { status, message });
}

// seed 004, Profiles › Error Handling: the two documented 404 bodies, byte for byte.
export function noProfileWithTntId(client: string, tntId: string): string {
  return `No profile found for client ${client} with mboxPC=${tntId}`;
}

export function noProfileWithThirdPartyId(client: string, thirdPartyId: string): string {
  return `No profile found for client ${client} with third party id=${thirdPartyId}`;
}

export const profileNotFound = (client: string, tntId: string) => profileError(404, noProfileWithTntId(client, tntId));
export const thirdPartyProfileNotFound = (client: string, id: string) => profileError(404, noProfileWithThirdPartyId(client, id));

// Issue 6: a fetch without ?client= (the docs always send it; its absence is a client mistake).
export const clientMissing = () =>
  profileError(400, 'The client query parameter is required: the Target client code, e.g. ?client=mocktenant');

// Issue 6 / seed 004 "Profile Authentication Token": the access_token header when authentication is ON.
export const accessTokenMissing = (client: string) =>
  profileError(
    401,
    `Profile API authentication is ON for client ${client}: send the access_token header with a token from POST /${client}/target/authentication/token?scope=profile_api`,
  );
export const accessTokenUnknown = (client: string) => profileError(401, `The access_token is not a valid profile_api token for client ${client}`);
export const accessTokenExpired = () => profileError(401, 'The access_token has expired: generate a new one with scope=profile_api');
export const accessTokenWrongScope = (scope: string) =>
  profileError(401, `The access_token has scope ${scope}; the Profile API accepts only profile_api tokens`);

// Single profile update limits (seed 004: 8KB for GET, 60KB for POST) and its parameters.
export const getTooLarge = (limit: number) =>
  profileError(400, `The update request URL is larger than the ${limit / 1024} KB accepted for GET; send large updates with POST`);
export const postTooLarge = (limit: number) => profileError(413, `The update request body is larger than the ${limit / 1024} KB accepted for POST`);
export const updateIdMissing = () => profileError(400, 'One of the parameters mboxPC or mbox3rdPartyId is required');
export const updateAttributesMissing = () =>
  profileError(400, 'No profile.<name> parameter: give at least one attribute to update, e.g. profile.tier=gold');
export const singleUpdateQuotaExceeded = (limit: number) =>
  profileError(429, `The client has used its ${limit.toLocaleString('en')} single profile updates of the last 24 hours`);

export const batchNotFound = (client: string, batchId: string) => profileError(404, `No batch found for client ${client} with batchId=${batchId}`);
export const batchIdMissing = () => profileError(400, 'The batchId query parameter is required');

/**
 * A rejected batch file. Seed 004: "In case of an error, the response will contain success=false
 * and a detailed message for the error" — in the same XML <response> as a successful submission.
 */
export function batchRejected(status: number, message: string): ApiError {
  return new ApiError(status, xmlResponse([['success', false], ['message', message]]), { 'content-type': XML_TYPE });
}
