/**
 * The samples of seed 004 for offers, audiences and properties (its JSON, as facts), replayed
 * by the tests of these areas.
 */

/** Sample Response for List Offers (GET /offers?limit=10, v2). */
export const OFFER_LIST = {
  total: 1120,
  offset: 0,
  limit: 10,
  offers: [
    {
      id: 391769,
      name: '/l1_a_b_test/experiences/0/pages/0/zones/0/1489440825492',
      type: 'content',
      modifiedAt: '2017-03-20T03:03:28Z',
      workspace: '1234567',
    },
    {
      id: 391902,
      name: '10OFF',
      type: 'content',
      modifiedAt: '2017-03-19T00:06:47Z',
      workspace: '1234567',
    },
    {
      id: 391903,
      name: 'SHIPFREE',
      type: 'content',
      modifiedAt: '2017-03-19T00:06:29Z',
      workspace: '1234567',
    },
    {
      id: 391904,
      name: '5OFF',
      type: 'content',
      modifiedAt: '2017-03-19T00:06:26Z',
      workspace: '1234567',
    },
    {
      id: 391905,
      name: '/a1_-_l4206a_-_ab/experiences/0/pages/0/zones/0/1489468580249',
      type: 'content',
      modifiedAt: '2017-06-30T19:48:38Z',
      workspace: '1234567',
    },
    {
      id: 391906,
      name: '/a1_-_l4206a_-_ab/experiences/1/pages/0/zones/0/1489468580252',
      type: 'content',
      modifiedAt: '2017-06-14T20:24:39Z',
      workspace: '1234567',
    },
    {
      id: 391907,
      name: '/a1_-_l4206a_-_ab/experiences/2/pages/0/zones/0/1489468580255',
      type: 'content',
      modifiedAt: '2017-04-21T21:34:55Z',
      workspace: '1234567',
    },
    {
      id: 391910,
      name: '/a1_-_l4206a_-_xt/experiences/0/pages/0/zones/0/1489470215324',
      type: 'content',
      modifiedAt: '2017-03-19T03:51:21Z',
      workspace: '1234567',
    },
    {
      id: 391911,
      name: '/a1_-_l4206a_-_xt/experiences/1/pages/0/zones/0/1489470215327',
      type: 'content',
      modifiedAt: '2017-03-14T05:43:36Z',
      workspace: '1234567',
    },
    {
      id: 391919,
      name: '/a1_-_l4206a_-_xt/experiences/2/pages/0/zones/0/1489474831626',
      type: 'content',
      modifiedAt: '2017-03-19T03:51:21Z',
      workspace: '1234567',
    },
  ],
};

/** Sample Response for Get Offer by ID (v2). */
export const OFFER_391902 = {
  id: 391902,
  name: '10OFF',
  content: 'Use 10OFF for $10 off for orders over $100',
  modifiedAt: '2017-03-19T00:06:47Z',
  workspace: '1234567',
};

/** Sample Request for Create Offer (v2). */
export const CREATE_OFFER_REQUEST = {
  name: 'My new offer',
  content: '<div>The content of the offer</div>',
  workspace: '1234567',
};

/** Sample Response for Create Offer. */
export const CREATE_OFFER_RESPONSE = {
  id: 438180,
  name: 'My new offer',
  content: '<div>The content of the offer</div>',
  modifiedAt: '2017-07-10T20:46:53Z',
  workspace: '1234567',
};

/** Sample Request for Update Offer by ID (PUT /offers/content/438180, v2). */
export const UPDATE_OFFER_REQUEST = {
  name: 'Your existing offer',
  content: '<div>Updated content</div>',
};

/** Sample Response for Update Offer by ID. */
export const UPDATE_OFFER_RESPONSE = {
  id: 438180,
  name: 'Your existing offer',
  content: '<div>Updated content</div>',
  modifiedAt: '2017-07-10T20:55:41Z',
};

/** Sample Response for Delete Offer by ID (DELETE /offers/content/438180, v2). */
export const DELETE_OFFER_RESPONSE = {
  id: 438180,
  name: 'Your existing offer',
  content: '<div>Updated content</div>',
  modifiedAt: '2017-07-10T20:55:41Z',
  workspace: '1234567',
};

/** Sample Response for List Audiences (GET /audiences/, v3). */
export const AUDIENCE_LIST = {
  offset: 0,
  limit: 10,
  total: 289,
  audiences: [
    {
      id: 1216090,
      name: 'A1 - Active account l-1489628809975',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-16T01:47:07Z',
      workspace: '1234567',
    },
    {
      id: 1216183,
      name: 'A1 - Current Category -1489642111631',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-16T05:28:33Z',
      workspace: '1234567',
    },
    {
      id: 1216184,
      name: 'A1 - Current category -1489642149723',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-16T05:29:11Z',
      workspace: '1234567',
    },
    {
      id: 1222658,
      name: 'A1 - Customer Attribute -1489821120208',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-18T07:45:41Z',
      workspace: '1234567',
    },
    {
      id: 1238132,
      name: 'A1 - L206 - Profile - -1490293696694',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-23T18:28:19Z',
      workspace: '1234567',
    },
    {
      id: 1238133,
      name: 'A1 - L206 - Profile - -1490293722988',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-23T18:28:43Z',
      workspace: '1234567',
    },
    {
      id: 1238134,
      name: 'A1 - L206 - Profile - -1490293734000',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-23T18:28:55Z',
      workspace: '1234567',
    },
    {
      id: 1238135,
      name: 'A1 - L206 - Profile - -1490293749957',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-23T18:29:12Z',
      workspace: '1234567',
    },
    {
      id: 1235754,
      name: 'A1 - L4206 - Alec - Us-1490221177054',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-22T22:19:38Z',
      workspace: '1234567',
    },
    {
      id: 1229960,
      name: 'A1 - L4206 - Cart Amou-1490140690240',
      description: '--',
      origin: 'target',
      modifiedAt: '2017-03-22T01:40:55Z',
      workspace: '1234567',
    },
  ],
};

/** Sample Response for Get Audience by ID (v3). */
export const AUDIENCE_1397972 = {
  id: 1397972,
  name: 'Gold Members in Califo-1495136673062',
  description: '--',
  origin: 'target',
  targetRule: {
    and: [
      {
        profile: 'memberLevel',
        equals: ['gold'],
      },
      {
        geo: 'region',
        matches: ['california'],
      },
    ],
  },
  modifiedAt: '2017-05-18T19:44:34Z',
  workspace: '1234567',
};

/** Sample Request for Create Audience (v3). */
export const CREATE_AUDIENCE_REQUEST = {
  name: 'Homepage visitors from California',
  description: 'Description for my audience',
  targetRule: {
    and: [
      {
        page: 'url',
        equals: ['http://www.myhomepage.com/'],
      },
      {
        geo: 'region',
        matches: ['california'],
      },
    ],
  },
  workspace: '1234567',
};

/** Sample response for Create Audience. */
export const CREATE_AUDIENCE_RESPONSE = {
  id: 1537195,
  name: 'Homepage visitors from California',
  description: 'Description for my audience',
  origin: 'target',
  targetRule: {
    and: [
      {
        page: 'url',
        equals: ['http://www.myhomepage.com/'],
      },
      {
        geo: 'region',
        matches: ['california'],
      },
    ],
  },
  modifiedAt: '2017-07-10T22:24:04Z',
  workspace: '1234567',
};

/** Sample Request for Update Audience by ID (PUT /audiences/1537195, v3). */
export const UPDATE_AUDIENCE_REQUEST = {
  name: 'Homepage visitors from California',
  description: 'Description for my audience',
  targetRule: {
    and: [
      {
        page: 'url',
        equals: ['http://www.mynewhomepage.com/'],
      },
      {
        geo: 'region',
        matches: ['california'],
      },
    ],
  },
};

/** Sample response for Update Audience by ID. */
export const UPDATE_AUDIENCE_RESPONSE = {
  id: 1537195,
  name: 'Homepage visitors from California',
  description: 'Description for my audience',
  origin: 'target',
  targetRule: {
    and: [
      {
        page: 'url',
        equals: ['http://www.mynewhomepage.com/'],
      },
      {
        geo: 'region',
        matches: ['california'],
      },
    ],
  },
  modifiedAt: '2017-07-10T22:29:28Z',
  workspace: '1234567',
};

/** Sample response for Delete Audience by ID (DELETE /audiences/1537214, v3). */
export const DELETE_AUDIENCE_RESPONSE = {
  id: 1537214,
  name: 'New Audience',
  description: 'Description for my audience',
  origin: 'target',
  targetRule: {
    and: [
      {
        page: 'url',
        equals: ['http://www.myhomepage.com/'],
      },
      {
        geo: 'region',
        matches: ['california'],
      },
    ],
  },
  modifiedAt: '2017-07-10T22:31:18Z',
  workspace: '1234567',
};

/** Sample Response for Get property (GET /properties, v1). */
export const PROPERTY_LIST = {
  total: 2,
  offset: 0,
  limit: 2147483647,
  properties: [
    {
      id: 2,
      name: 'Products pagde',
      description: 'This property will be required on all pages under Products section of website',
      channel: 'web',
      segmentId: 410923,
      modifiedAt: '2019-02-18T12:26:22.000Z',
      workspaces: ['12', '15'],
    },
    {
      id: 1,
      name: 'Products page',
      description: 'This property will be required on all pages under Products section of website',
      channel: 'web',
      segmentId: 410923,
      modifiedAt: '2019-02-18T12:25:20.000Z',
    },
  ],
};

/** Sample Response for Get property by property Id (GET /properties/{id}, v1). */
export const PROPERTY_BY_ID = {
  id: 1,
  name: 'Email property',
  description: 'This is a email type of property',
  channel: 'email',
  segmentId: 5,
  workspaces: ['1234567', '12345679'],
};

/** Every offer id seed 004 refers to outside the offers section (activities, changelog); 0 means default content. */
export const REFERENCED_OFFER_IDS = [391902, 393707, 393708, 395545, 395818, 395819, 395820, 396064, 396065, 396066, 396067, 400546, 400547, 426962, 426963];

/** Every audience id seed 004 refers to outside the audiences section (XT experiences). */
export const REFERENCED_AUDIENCE_IDS = [1209736, 1209737, 1209738, 1224696, 1224697, 1224698, 1224699, 1224700];
