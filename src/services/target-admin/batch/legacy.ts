/**
 * The legacy resource names of /batch relativeUrls (seed 002's examples are `POST /v1/offers`,
 * `/v1/offers/{operationIdResponse:0}` and `/v2/campaigns?limit=10&offset=10`), rewritten to the
 * routes that serve those resources today. Current paths pass unchanged.
 *
 * | legacy                          | current                          |
 * | ------------------------------- | -------------------------------- |
 * | POST /offers                    | POST /offers/content             |
 * | /offers/{id}                    | /offers/content/{id}             |
 * | GET /campaigns                  | GET /activities                  |
 * | POST /campaigns                 | POST /activities/ab              |
 * | /campaigns/{id}                 | /activities/{ab or xt}/{id}      |
 * | /campaigns/{id}/{sub-resource}  | /activities/{id}/{sub-resource}  |
 * | /segments[/{id}]                | /audiences[/{id}]                |
 */

/** The type ('ab', 'xt', …) of a stored activity, if there is one with that id. */
export type ActivityTypeOf = (id: number) => string | undefined;

/** The current path for a legacy one (the version prefix already removed); others unchanged. */
export function currentPath(method: string, path: string, activityTypeOf: ActivityTypeOf): string {
  const cut = path.search(/[?#]/);
  const route = cut === -1 ? path : path.slice(0, cut);
  const query = cut === -1 ? '' : path.slice(cut);
  const segments = route.split('/').filter((segment) => segment !== '');
  const [name, id, ...rest] = segments;
  const numeric = id !== undefined && /^\d+$/.test(id);
  let mapped: string[] | null = null;

  if (name === 'offers') {
    if (id === undefined && method === 'POST') mapped = ['offers', 'content'];
    else if (numeric) mapped = ['offers', 'content', id, ...rest];
  } else if (name === 'campaigns') {
    if (id === undefined) mapped = method === 'POST' ? ['activities', 'ab'] : ['activities'];
    else if (numeric && rest.length > 0) mapped = ['activities', id, ...rest];
    else if (numeric) mapped = ['activities', activityTypeOf(Number(id)) ?? 'ab', id];
  } else if (name === 'segments') {
    mapped = ['audiences', ...segments.slice(1)];
  }
  return mapped === null ? path : `/${mapped.join('/')}${query}`;
}
