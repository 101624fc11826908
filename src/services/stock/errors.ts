import { ApiError } from '../../errors/api-error.js';

/** Stock failures keep the gateway's {"error_code", "message"} shape, the HTTP status as the code. */
export const stockFailure = (status: number, message: string) => new ApiError(status, { error_code: String(status), message });

export const badParameter = (message: string) => stockFailure(400, message);

export const contentNotFound = (contentId: string) => stockFailure(404, `Content ${contentId} does not exist`);
