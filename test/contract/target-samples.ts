/**
 * Every request and response sample of seeds 002 (Target Admin API overview) and 004 (Target
 * Admin and Profile API reference), transcribed by hand: an id, the seed and the line its sample
 * starts on, the section it belongs to, and what it is. The samples' content lives where it is
 * replayed (test/services/target-admin/*-samples.ts, the profile tests, or target-samples.test.ts
 * for the ones only the audit sends); target-samples.test.ts gives each one exactly one fate.
 */
export interface TargetSample {
  id: string;
  seed: '002' | '004';
  line: number;
  section: string;
  sample: string;
}

const s = (seed: '002' | '004', line: number, section: string, sample: string, id: string): TargetSample => ({ id, seed, line, section, sample });

export const TARGET_SAMPLES: TargetSample[] = [
  // seed 002
  s('002', 26, 'Versioning › Error Message for unsupported features', '406 Unsupported.Feature body', '002 unsupported-feature'),
  s('002', 134, 'Batch Updates › Sample Request Object', 'POST /batch request body (relativeUrl /v1/offers)', '002 batch request'),
  s('002', 175, 'Batch Updates › Sample Response Object', 'POST /batch response body', '002 batch response'),

  // seed 004: IMS and authentication tokens
  s('004', 4, 'Adobe.IO Integration', 'POST /ims/exchange/jwt request', '004 jwt-exchange request'),
  s('004', 7, 'Adobe.IO Integration', 'JWT exchange response', '004 jwt-exchange response'),
  s('004', 20, 'Authentication Tokens', 'POST /authentication/token?scope=debug_tools request', '004 debug-token request'),
  s('004', 27, 'Authentication Tokens', 'POST /authentication/token?scope=profile_api request', '004 profile-token request'),
  s('004', 34, 'Authentication Tokens', 'profile_api token response', '004 profile-token response'),
  s(
    '004',
    46,
    'Authentication Tokens › Profile Authentication Token',
    "the header -H 'access_token: VALUE_OF_ACCESS_TOKEN' on profile requests",
    '004 profile access_token header',
  ),
  s('004', 57, 'Admin APIs › Versioning', '406 Unsupported.Feature body', '004 unsupported-feature'),

  // Activities
  s('004', 93, 'Activities › List Activities', 'GET /activities request', '004 list-activities request'),
  s('004', 100, 'Activities › List Activities', 'GET /activities response', '004 list-activities response'),
  s(
    '004',
    157,
    'Activities › List Activities › Parameters',
    'sortBy examples: ?sortBy=id&limit=10, ?sortBy=-id&limit=10, ?sortBy=id&sortBy=-name&limit=10',
    '004 list-activities sortBy examples',
  ),
  s('004', 160, 'Activities › Some common Examples', 'GET /activities/', '004 activities example all'),
  s('004', 162, 'Activities › Some common Examples', 'GET /activities/?limit=1', '004 activities example limit'),
  s('004', 164, 'Activities › Some common Examples', 'GET /activities/?limit=2&offset=2', '004 activities example offset'),
  s('004', 166, 'Activities › Some common Examples', 'GET /activities/?id=3&id=4&name=ab', '004 activities example multiple values'),
  s('004', 168, 'Activities › Some common Examples', 'GET /activities/?priority=!4', '004 activities example negative'),
  s('004', 170, 'Activities › Some common Examples', 'GET /activities/?sortBy=name&sortBy=id', '004 activities example sorted'),
  s('004', 172, 'Activities › Some common Examples', 'GET /activities/?startsAt=…/…', '004 activities example date range'),
  s('004', 174, 'Activities › Some common Examples', 'GET /activities/?workspace=1234567,12345678', '004 activities example workspaces'),
  s('004', 176, 'Activities › Get AB Activity by ID', 'GET /activities/ab/168824 request', '004 get-ab request'),
  s('004', 183, 'Activities › Get AB Activity by ID', 'GET /activities/ab/168824 response', '004 get-ab response'),
  s('004', 263, 'Activities › Delete AB activity by ID', 'DELETE /activities/ab/168805 request', '004 delete-ab request'),
  s('004', 270, 'Activities › Delete AB activity by ID', 'DELETE response', '004 delete-ab response'),
  s('004', 344, 'Activities › Create AB Activity', 'POST /activities/ab request', '004 create-ab request'),
  s('004', 426, 'Activities › Create AB Activity', 'POST /activities/ab response', '004 create-ab response'),
  s('004', 562, 'Activities › Update AB Activity', 'PUT /activities/ab/{id} request', '004 update-ab request'),
  s('004', 673, 'Activities › Update AB Activity', 'PUT /activities/ab/{id} response', '004 update-ab response'),
  s('004', 780, 'Activities › Get XT Activity by ID', 'GET /activities/xt/166425 request', '004 get-xt request'),
  s('004', 787, 'Activities › Get XT Activity by ID', 'GET /activities/xt/166425 response', '004 get-xt response'),
  s('004', 876, 'Activities › Delete XT Activity by ID', 'DELETE /activities/xt/168333 request', '004 delete-xt request'),
  s('004', 883, 'Activities › Delete XT Activity by ID', 'DELETE response', '004 delete-xt response'),
  s('004', 969, 'Activities › Create XT Activity', 'POST /activities/xt request', '004 create-xt request'),
  s('004', 1072, 'Activities › Create XT Activity', 'POST /activities/xt response', '004 create-xt response'),
  s('004', 1176, 'Activities › Update Activity Name', 'PUT /activities/168816/name request', '004 name request'),
  s('004', 1186, 'Activities › Update Activity Name', 'response', '004 name response'),
  s('004', 1195, 'Activities › Update Activity State', 'PUT /activities/168816/state request', '004 state request'),
  s('004', 1205, 'Activities › Update Activity State', 'response', '004 state response'),
  s('004', 1217, 'Activities › Update Activity Priority', 'PUT /activities/168816/priority request ("100", a string)', '004 priority request'),
  s('004', 1227, 'Activities › Update Activity Priority', 'response (100, a number)', '004 priority response'),
  s('004', 1236, 'Activities › Update Activity Schedule', 'PUT /activities/168816/schedule request', '004 schedule request'),
  s('004', 1247, 'Activities › Update Activity Schedule', 'response', '004 schedule response'),
  s('004', 1263, 'Activities › Get Activity Changelog', 'GET /activities/173980/changelog request', '004 changelog request'),
  s('004', 1270, 'Activities › Get Activity Changelog', 'response', '004 changelog response'),

  // Offers
  s('004', 1353, 'Offers › List Offers', 'GET /offers request', '004 list-offers request'),
  s('004', 1360, 'Offers › List Offers', 'response', '004 list-offers response'),
  s(
    '004',
    1444,
    'Offers › List Offers › Parameters',
    'examples in words: first ten; sorted by id, by -id, by id and -name',
    '004 list-offers parameter examples',
  ),
  s('004', 1454, 'Offers › Get Offer by ID', 'GET /offers/content/391902 request', '004 get-offer request'),
  s('004', 1461, 'Offers › Get Offer by ID', 'response', '004 get-offer response'),
  s('004', 1472, 'Offers › Create Offer', 'POST /offers/content request', '004 create-offer request'),
  s('004', 1485, 'Offers › Create Offer', 'response', '004 create-offer response'),
  s('004', 1501, 'Offers › Update Offer by ID', 'PUT /offers/content/438180 request', '004 update-offer request'),
  s('004', 1513, 'Offers › Update Offer by ID', 'response', '004 update-offer response'),
  s('004', 1523, 'Offers › Delete Offer by ID', 'DELETE /offers/content/438180 request', '004 delete-offer request'),
  s('004', 1530, 'Offers › Delete Offer by ID', 'response', '004 delete-offer response'),

  // Audiences
  s('004', 1543, 'Audiences › List Audiences', 'GET /audiences request', '004 list-audiences request'),
  s('004', 1550, 'Audiences › List Audiences', 'response', '004 list-audiences response'),
  s(
    '004',
    1645,
    'Audiences › List Audiences › Parameters',
    'examples in words: first ten; sorted by id, by -id, by id and -name',
    '004 list-audiences parameter examples',
  ),
  s('004', 1656, 'Audiences › Some Additonal Examples', 'GET /audiences/', '004 audiences example all'),
  s('004', 1658, 'Audiences › Some Additonal Examples', 'GET /audiences/?limit=1', '004 audiences example limit'),
  s('004', 1660, 'Audiences › Some Additonal Examples', 'GET /audiences/?limit=2&offset=2', '004 audiences example offset'),
  s('004', 1662, 'Audiences › Some Additonal Examples', 'GET /audiences/?id=3&id=4&name=ab', '004 audiences example multiple values'),
  s('004', 1664, 'Audiences › Some Additonal Examples', 'GET /audiences/?priority=!4', '004 audiences example negative'),
  s('004', 1666, 'Audiences › Some Additonal Examples', 'GET /audiences/?sortBy=name&sortBy=id', '004 audiences example sorted'),
  s('004', 1668, 'Audiences › Some Additonal Examples', 'GET /audiences/?startsAt=…/…', '004 audiences example date range'),
  s('004', 1670, 'Audiences › Get Audience by ID', 'GET /audiences/1397972 request', '004 get-audience request'),
  s('004', 1677, 'Audiences › Get Audience by ID', 'response', '004 get-audience response'),
  s('004', 1705, 'Audiences › Create Audience', 'POST /audiences request', '004 create-audience request'),
  s('004', 1733, 'Audiences › Create Audience', 'response (titled "Sample Request")', '004 create-audience response'),
  s('004', 1773, 'Audiences › Update Audience by ID', 'PUT /audiences/1537195 request', '004 update-audience request'),
  s('004', 1800, 'Audiences › Update Audience by ID', 'response (titled "Sample Request")', '004 update-audience response'),
  s('004', 1828, 'Audiences › Delete Audience by ID', 'DELETE /audiences/1537214 request', '004 delete-audience request'),
  s('004', 1835, 'Audiences › Delete Audience by ID', 'response (titled "Sample Request")', '004 delete-audience response'),

  // Properties
  s('004', 1865, 'Property › List Properties', 'GET /properties request', '004 list-properties request'),
  s('004', 1872, 'Property › List Properties', 'response', '004 list-properties response'),
  s('004', 1903, 'Property › Get property by ID', 'GET /properties/{id} request', '004 get-property request'),
  s('004', 1910, 'Property › Get property by ID', 'response', '004 get-property response'),

  // Reports
  s('004', 1926, 'Reports › Get AB Performance Report', 'GET /activities/ab/166423/report/performance request', '004 ab-report request'),
  s('004', 1933, 'Reports › Get AB Performance Report', 'response', '004 ab-report response'),
  s('004', 2104, 'Reports › Get XT Performance Report', 'GET /activities/xt/167169/report/performance request', '004 xt-report request'),
  s('004', 2111, 'Reports › Get XT Performance Report', 'response', '004 xt-report response'),
  s(
    '004',
    2317,
    'Reports › Get Audit Report',
    'GET /activities/ab/167169/orders/performance request (the route table says /report/orders; both are served)',
    '004 audit-report request',
  ),
  s('004', 2324, 'Reports › Get Audit Report', 'AB and XT audit response', '004 audit-report response'),
  s('004', 2394, 'Reports › Get Audit Report', 'AP audit response (a fragment)', '004 ap-audit-report response'),

  // Mboxes and Environments
  s('004', 2430, 'Mboxes and Environments › List Mboxes', 'GET /mboxes request', '004 list-mboxes request'),
  s('004', 2437, 'Mboxes and Environments › List Mboxes', 'response', '004 list-mboxes response'),
  s('004', 2473, 'Mboxes and Environments › List Mbox Parameters', 'GET /mbox/{mboxName} request', '004 mbox-parameters request'),
  s('004', 2480, 'Mboxes and Environments › List Mbox Parameters', 'response', '004 mbox-parameters response'),
  s('004', 2673, 'Mboxes and Environments › List Profile Parameters', 'GET /profileattributes/mbox request', '004 profile-parameters request'),
  s('004', 2680, 'Mboxes and Environments › List Profile Parameters', 'response', '004 profile-parameters response'),
  s('004', 2705, 'Mboxes and Environments › List Environments', 'GET /environments request', '004 list-environments request'),
  s('004', 2712, 'Mboxes and Environments › List Environments', 'response', '004 list-environments response'),

  // Batch
  s('004', 2737, 'Batch Updates › Execute Calls in Batch', 'POST /batch request body (as in seed 002)', '004 batch request'),
  s('004', 2757, 'Batch Updates › Execute Calls in Batch', 'POST /batch response body (as in seed 002)', '004 batch response'),

  // Profiles
  s('004', 2845, 'Profiles › Sample Profile Structure', 'a fetched profile', '004 profile structure'),
  s('004', 2896, 'Profiles › Fetching a profile › Using a tnt id', 'the request format: /rest/v1/profiles/your-tnt-id?client=…', '004 fetch by tntId format'),
  s('004', 2898, 'Profiles › Fetching a profile › Using a tnt id', 'GET /rest/v1/profiles/111492025094307-353046?client=…', '004 fetch by tntId'),
  s(
    '004',
    2902,
    'Profiles › Fetching a profile › Using a thirdPartyId',
    'the request format: /rest/v1/profiles/thirdPartyId/your-thirdpartyid?<your-client-code> (no client=)',
    '004 fetch by thirdPartyId format',
  ),
  s(
    '004',
    2904,
    'Profiles › Fetching a profile › Using a thirdPartyId',
    'GET /rest/v1/profiles/thirdPartyId/a1-mbox3rdPartyId?client=…',
    '004 fetch by thirdPartyId',
  ),
  s('004', 2912, 'Profiles › Error Handling', '404 body for an unknown thirdPartyId', '004 fetch 404 thirdPartyId'),
  s('004', 2914, 'Profiles › Error Handling', '404 body for an unknown mboxPC', '004 fetch 404 mboxPC'),
  s('004', 2927, 'Profiles › Single Profile Update', 'GET /m2/client/profile/update?mboxPC=…&profile.attr=0&profile.attr2=1', '004 single update by mboxPC'),
  s(
    '004',
    2930,
    'Profiles › Single Profile Update',
    'GET /m2/client/profile/update?mbox3rdPartyId=123456&profile.attr=0&profile.attr2=1',
    '004 single update by mbox3rdPartyId',
  ),
  s('004', 2941, 'Profiles › Single Profile Update › Response', 'success true, "Request successfully submitted"', '004 single update response'),
  s('004', 2948, 'Profiles › Bulk Profile Update', 'URL example V1: /m2/CLIENTCODE/profile/batchUpdate', '004 batchUpdate v1 url'),
  s('004', 2949, 'Profiles › Bulk Profile Update', 'URL example V2: /m2/CLIENTCODE/v2/profile/batchUpdate', '004 batchUpdate v2 url'),
  s('004', 2958, 'Profiles › Bulk Profile Update › Batch File', 'the sample batch file', '004 batch file'),
  s(
    '004',
    2971,
    'Profiles › Bulk Profile Update › HTTP Post Request',
    'curl POST --data-binary to /m2/CLIENTCODE/v2/profile/batchUpdate',
    '004 batch upload request',
  ),
  s(
    '004',
    2977,
    'Profiles › Bulk Profile Update › Example Response',
    'success=false and a message; per-profile success/error statuses',
    '004 batch upload response',
  ),
];
