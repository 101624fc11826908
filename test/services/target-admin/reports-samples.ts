/**
 * Sample responses of seed 004 (Reports; Mboxes and Environments), transcribed for the tests
 * independently of fixtures/target.json. The audit sample's trailing "..." is left out.
 */

/** Sample Response for Get AB Performance Report (GET /activities/ab/166423/report/performance). */
export const AB_PERFORMANCE_166423 = {
  reportParameters: {
    activityId: 166423,
    environmentId: 8818,
    conversionMetricLocalIds: [32767],
    reportInterval: '2017-03-14T05:00Z/2017-07-10T07:00Z',
  },
  activity: {
    id: 166423,
    thirdPartyId: 'f79c0aa0-44e4-4766-ab93-1bf11b781f84',
    type: 'ab',
    state: 'approved',
    name: 'Master - Mobile - AB',
    priority: 999,
    modifiedAt: '2017-06-30T19:48:38Z',
    metrics: [
      {
        name: 'Entry',
        metricLocalId: 0,
      },
      {
        name: 'Display mboxes',
        metricLocalId: 2,
      },
      {
        name: 'metric_placeholder',
        metricLocalId: 32767,
      },
    ],
    experiences: [
      {
        name: '5OFF',
        experienceLocalId: 0,
      },
      {
        name: 'SHIPFREE',
        experienceLocalId: 2,
      },
      {
        name: '10OFF',
        experienceLocalId: 1,
        deletedAt: '2017-06-14T21:02:12.000Z',
      },
    ],
  },
  report: {
    statistics: {
      totals: {
        visitor: {
          totals: {
            entries: 115,
            conversions: 0,
          },
        },
        visit: {
          totals: {
            entries: 274,
            conversions: 0,
          },
        },
        impression: {
          totals: {
            entries: 328,
            conversions: 0,
          },
        },
        landing: {
          totals: {
            entries: 328,
            conversions: 0,
          },
        },
      },
      experiences: [
        {
          experienceLocalId: 0,
          totals: {
            visitor: {
              totals: {
                entries: 31,
                conversions: 0,
              },
            },
            visit: {
              totals: {
                entries: 85,
                conversions: 0,
              },
            },
            impression: {
              totals: {
                entries: 102,
                conversions: 0,
              },
            },
            landing: {
              totals: {
                entries: 102,
                conversions: 0,
              },
            },
          },
        },
        {
          experienceLocalId: 1,
          totals: {
            visitor: {
              totals: {
                entries: 34,
                conversions: 0,
              },
            },
            visit: {
              totals: {
                entries: 123,
                conversions: 0,
              },
            },
            impression: {
              totals: {
                entries: 140,
                conversions: 0,
              },
            },
            landing: {
              totals: {
                entries: 140,
                conversions: 0,
              },
            },
          },
        },
        {
          experienceLocalId: 2,
          totals: {
            visitor: {
              totals: {
                entries: 50,
                conversions: 0,
              },
            },
            visit: {
              totals: {
                entries: 66,
                conversions: 0,
              },
            },
            impression: {
              totals: {
                entries: 86,
                conversions: 0,
              },
            },
            landing: {
              totals: {
                entries: 86,
                conversions: 0,
              },
            },
          },
        },
      ],
    },
  },
};

/** Sample Response for Get XT Performance Report (GET /activities/xt/167169/report/performance). */
export const XT_PERFORMANCE_167169 = {
  reportParameters: {
    activityId: 167169,
    environmentId: 8818,
    conversionMetricLocalIds: [32767],
    reportInterval: '2017-03-20T16:00Z/2017-07-10T07:00Z',
  },
  activity: {
    id: 167169,
    thirdPartyId: '6116ec53-5a2b-4f5d-9268-41e4c153e494',
    type: 'xt',
    state: 'approved',
    name: 'Master - Serverside - XT',
    priority: 0,
    modifiedAt: '2017-06-06T22:00:25Z',
    metrics: [
      {
        name: 'Entry',
        metricLocalId: 0,
      },
      {
        name: 'Display mboxes',
        metricLocalId: 2,
      },
      {
        name: 'metric_placeholder',
        metricLocalId: 32767,
      },
    ],
    experiences: [
      {
        name: 'USA Experience',
        experienceLocalId: 0,
      },
      {
        name: 'UK Experience',
        experienceLocalId: 1,
      },
      {
        name: 'France Experience',
        experienceLocalId: 2,
      },
      {
        name: 'Australia Experience',
        experienceLocalId: 3,
      },
    ],
  },
  report: {
    statistics: {
      totals: {
        visitor: {
          totals: {
            entries: 41,
            conversions: 0,
          },
        },
        visit: {
          totals: {
            entries: 52,
            conversions: 0,
          },
        },
        impression: {
          totals: {
            entries: 72,
            conversions: 0,
          },
        },
        landing: {
          totals: {
            entries: 72,
            conversions: 0,
          },
        },
      },
      experiences: [
        {
          experienceLocalId: 0,
          totals: {
            visitor: {
              totals: {
                entries: 11,
                conversions: 0,
              },
            },
            visit: {
              totals: {
                entries: 16,
                conversions: 0,
              },
            },
            impression: {
              totals: {
                entries: 27,
                conversions: 0,
              },
            },
            landing: {
              totals: {
                entries: 27,
                conversions: 0,
              },
            },
          },
        },
        {
          experienceLocalId: 1,
          totals: {
            visitor: {
              totals: {
                entries: 9,
                conversions: 0,
              },
            },
            visit: {
              totals: {
                entries: 11,
                conversions: 0,
              },
            },
            impression: {
              totals: {
                entries: 13,
                conversions: 0,
              },
            },
            landing: {
              totals: {
                entries: 13,
                conversions: 0,
              },
            },
          },
        },
        {
          experienceLocalId: 2,
          totals: {
            visitor: {
              totals: {
                entries: 9,
                conversions: 0,
              },
            },
            visit: {
              totals: {
                entries: 12,
                conversions: 0,
              },
            },
            impression: {
              totals: {
                entries: 17,
                conversions: 0,
              },
            },
            landing: {
              totals: {
                entries: 17,
                conversions: 0,
              },
            },
          },
        },
        {
          experienceLocalId: 3,
          totals: {
            visitor: {
              totals: {
                entries: 12,
                conversions: 0,
              },
            },
            visit: {
              totals: {
                entries: 13,
                conversions: 0,
              },
            },
            impression: {
              totals: {
                entries: 15,
                conversions: 0,
              },
            },
            landing: {
              totals: {
                entries: 15,
                conversions: 0,
              },
            },
          },
        },
      ],
    },
  },
};

/** Sample Response for AB and XT Audit Reports (GET /activities/ab/167169/orders/performance). */
export const ORDERS_167169 = {
  reportParameters: {
    activityId: 167169,
    environmentId: 8818,
    reportInterval: '2017-03-20T16:00Z/2017-08-19T00:01:01.721Z',
    conversionMetricLocalIds: [32767],
  },
  activity: {
    id: 167169,
    thirdPartyId: '6116ec53-5a2b-4f5d-9268-41e4c153e494',
    type: 'xt',
    state: 'approved',
    name: 'Master - Serverside - XT',
    priority: 0,
    modifiedAt: '2017-07-31T18:23:44Z',
    metrics: [
      {
        name: 'Entry',
        metricLocalId: 0,
      },
      {
        name: 'Display mboxes',
        metricLocalId: 2,
      },
      {
        name: 'metric_placeholder',
        metricLocalId: 32767,
      },
    ],
    experiences: [
      {
        name: 'USA Experience',
        experienceLocalId: 0,
      },
      {
        name: 'UK Experience',
        experienceLocalId: 1,
      },
      {
        name: 'France Experience',
        experienceLocalId: 2,
      },
      {
        name: 'Australia Experience',
        experienceLocalId: 3,
      },
    ],
  },
  orders: [
    {
      time: '2015-12-04T00:00:00.000-05:00',
      experienceLocalId: 0,
      id: 'order ID 4444',
      total: 7.4,
      duplicate: true,
      outlier: true,
      productPurchasedIds: ['laptop3', 'book3'],
    },
    {
      time: '2015-12-02T10:03:00.000-05:00',
      experienceLocalId: 1,
      id: 'order REF ID#123',
      total: 23.01,
    },
  ],
};

/** Sample Response for List Mboxes (GET /mboxes). */
export const MBOXES = {
  total: 12,
  offset: 0,
  limit: 5,
  mboxes: [
    {
      name: 'a1-mobile-aam',
      status: 'active',
      lastRequestedAt: '2017-07-09T20:41:18.000Z',
    },
    {
      name: 'a1-mobile-ab',
      status: 'active',
      lastRequestedAt: '2017-07-04T10:22:59.000Z',
    },
    {
      name: 'a1-mobile-mboxparams',
      status: 'active',
      lastRequestedAt: '2017-07-09T21:13:36.000Z',
    },
    {
      name: 'a1-mobile-profileparams',
      status: 'active',
      lastRequestedAt: '2017-06-29T17:24:54.000Z',
    },
    {
      name: 'a1-mobile-xt',
      status: 'active',
      lastRequestedAt: '2017-07-04T10:19:21.000Z',
    },
  ],
};

/** Sample Response for List Mbox Parameters (GET /mbox/a1-mobile-mboxparams?limit=5). */
export const MBOX_PARAMETERS = {
  name: 'a1-mobile-mboxparams',
  mboxParameters: [
    {
      name: 'a.AppID',
      parameterType: 'MBOX',
    },
    {
      name: 'a.CarrierName',
      parameterType: 'MBOX',
    },
    {
      name: 'a.CrashEvent',
      parameterType: 'MBOX',
    },
    {
      name: 'a.DailyEngUserEvent',
      parameterType: 'MBOX',
    },
    {
      name: 'a.DayOfWeek',
      parameterType: 'MBOX',
    },
    {
      name: 'a.DaysSinceFirstUse',
      parameterType: 'MBOX',
    },
    {
      name: 'a.DaysSinceLastUse',
      parameterType: 'MBOX',
    },
    {
      name: 'a.DeviceName',
      parameterType: 'MBOX',
    },
    {
      name: 'a.HourOfDay',
      parameterType: 'MBOX',
    },
    {
      name: 'a.LaunchEvent',
      parameterType: 'MBOX',
    },
    {
      name: 'a.Launches',
      parameterType: 'MBOX',
    },
    {
      name: 'a.MonthlyEngUserEvent',
      parameterType: 'MBOX',
    },
    {
      name: 'a.OSVersion',
      parameterType: 'MBOX',
    },
    {
      name: 'a.PrevSessionLength',
      parameterType: 'MBOX',
    },
    {
      name: 'a.Resolution',
      parameterType: 'MBOX',
    },
    {
      name: 'a.locale',
      parameterType: 'MBOX',
    },
    {
      name: 'a.ltv.amount',
      parameterType: 'MBOX',
    },
    {
      name: 'currentCategory',
      parameterType: 'MBOX',
    },
    {
      name: 'isloggedin',
      parameterType: 'MBOX',
    },
    {
      name: 'mboxAAMB',
      parameterType: 'MBOX',
    },
    {
      name: 'mboxMCGLH',
      parameterType: 'MBOX',
    },
    {
      name: 'mboxMCGVID',
      parameterType: 'MBOX',
    },
    {
      name: 'vst.member_guid.authState',
      parameterType: 'MBOX',
    },
    {
      name: 'vst.member_guid.id',
      parameterType: 'MBOX',
    },
    {
      name: 'vst.mycustomerid.authState',
      parameterType: 'MBOX',
    },
    {
      name: 'vst.mycustomerid.id',
      parameterType: 'MBOX',
    },
    {
      name: 'page.domain',
      parameterType: 'MBOX',
    },
    {
      name: 'page.param',
      parameterType: 'MBOX',
    },
    {
      name: 'page.protocol',
      parameterType: 'MBOX',
    },
    {
      name: 'page.query',
      parameterType: 'MBOX',
    },
    {
      name: 'page.url',
      parameterType: 'MBOX',
    },
    {
      name: 'page.path',
      parameterType: 'MBOX',
    },
    {
      name: 'page.fragment',
      parameterType: 'MBOX',
    },
    {
      name: 'landing.domain',
      parameterType: 'MBOX',
    },
    {
      name: 'landing.param',
      parameterType: 'MBOX',
    },
    {
      name: 'landing.protocol',
      parameterType: 'MBOX',
    },
    {
      name: 'landing.query',
      parameterType: 'MBOX',
    },
    {
      name: 'landing.url',
      parameterType: 'MBOX',
    },
    {
      name: 'landing.path',
      parameterType: 'MBOX',
    },
    {
      name: 'landing.fragment',
      parameterType: 'MBOX',
    },
    {
      name: 'referrer.domain',
      parameterType: 'MBOX',
    },
    {
      name: 'referrer.param',
      parameterType: 'MBOX',
    },
    {
      name: 'referrer.protocol',
      parameterType: 'MBOX',
    },
    {
      name: 'referrer.query',
      parameterType: 'MBOX',
    },
    {
      name: 'referrer.url',
      parameterType: 'MBOX',
    },
    {
      name: 'referrer.path',
      parameterType: 'MBOX',
    },
  ],
};

/** Sample Response for List Profile Parameters (GET /profileattributes/mbox). */
export const PROFILE_ATTRIBUTES = {
  mboxProfileAttributes: [
    'activeAccounts',
    'country',
    'entity.id',
    'entity.name',
    'gotlastname',
    'hasChecking',
    'hasMortgage',
    'hasRetirement',
    'house',
    'mbox3rdPartyId',
    'memberLevel',
    'nbalastname',
    'param1',
    'param2',
    'playerName',
    'qaExperience',
    'transformerType',
  ],
};

/** Sample Response for List Environments (GET /environments). */
export const ENVIRONMENTS = {
  total: 3,
  offset: 0,
  limit: 2147483647,
  environments: [
    {
      id: 8820,
      name: 'Development',
    },
    {
      id: 8818,
      name: 'Production',
    },
    {
      id: 8819,
      name: 'Staging',
    },
  ],
};
