/** The activity samples of seed 004 (lines ~100–1347), requests and responses, as JSON. Generated from the seed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SAMPLES: Record<string, any> = {
  list: {
    total: 5,
    offset: 0,
    limit: 2147483647,
    activities: [
      {
        id: 168805,
        thirdPartyId: '2fc846c4-d5c6-4d67-9ef8-939bb907cc71',
        type: 'ab',
        state: 'deactivated',
        name: 'A3 - L4242 - Serversid testing',
        priority: 0,
        modifiedAt: '2017-05-11T10:11:35Z',
        workspace: '1234567',
      },
      {
        id: 168942,
        thirdPartyId: 'e1cfda1a-5814-4dd9-8624-c33882af114b',
        type: 'xt',
        state: 'deactivated',
        name: 'A3-L4242-XT',
        priority: 0,
        modifiedAt: '2017-05-11T10:11:52Z',
        workspace: '1234567',
      },
      {
        id: 168816,
        thirdPartyId: 'f7134ab6-ee98-422f-a59d-a1efc3cd85a9',
        type: 'ab',
        state: 'deactivated',
        name: 'A5-L4242',
        priority: 0,
        modifiedAt: '2017-05-11T10:11:33Z',
        workspace: '1234567',
      },
      {
        id: 168824,
        thirdPartyId: '60a2f81f-e2bb-45be-9e9a-90162cfcf780',
        type: 'ab',
        state: 'deactivated',
        name: 'A6-L4242 AB Test SG',
        priority: 0,
        modifiedAt: '2017-05-11T10:11:18Z',
        workspace: '1234567',
      },
    ],
  },
  getAb168824: {
    id: 168824,
    thirdPartyId: '60a2f81f-e2bb-45be-9e9a-90162cfcf780',
    name: 'A6-L4242 AB Test SG',
    state: 'deactivated',
    priority: 0,
    autoAllocateTraffic: {
      enabled: false,
      successEvaluationCriteria: 'conversion_rate',
    },
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'a6-serverside-ab',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'Experience A',
        visitorPercentage: 34,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395818,
          },
        ],
      },
      {
        experienceLocalId: 1,
        name: 'Experience B',
        visitorPercentage: 33,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395819,
          },
        ],
      },
      {
        experienceLocalId: 2,
        name: 'Experience C',
        visitorPercentage: 33,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395820,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 32767,
        name: 'MY PRIMARY GOAL',
        conversion: true,
        mboxes: [
          {
            name: 'order-complete',
            successEvent: 'mbox_shown',
          },
        ],
        action: {
          type: 'count_once',
        },
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
    modifiedAt: '2017-05-11T10:11:18Z',
  },
  deleteAb168805: {
    id: 168805,
    thirdPartyId: '2fc846c4-d5c6-4d67-9ef8-939bb907cc71_1499636562807',
    name: 'A3 - L4242 - Serversid testing',
    state: 'deleted',
    priority: 0,
    autoAllocateTraffic: {
      enabled: false,
      successEvaluationCriteria: 'conversion_rate',
    },
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'a3-serverside-ab',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'Experience A',
        visitorPercentage: 34,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395818,
          },
        ],
      },
      {
        experienceLocalId: 1,
        name: 'Experience B',
        visitorPercentage: 33,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395819,
          },
        ],
      },
      {
        experienceLocalId: 2,
        name: 'Experience C',
        visitorPercentage: 33,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395820,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 32767,
        name: 'MY PRIMARY GOAL',
        conversion: true,
        action: {
          type: 'count_once',
        },
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
    modifiedAt: '2017-07-09T21:42:42Z',
  },
  createAbRequest: {
    name: 'New API Activity',
    startsAt: '2017-05-01T08:00Z',
    endsAt: '2017-09-01T07:59:59Z',
    state: 'saved',
    priority: 100,
    autoAllocateTraffic: {
      enabled: false,
      successEvaluationCriteria: 'conversion_rate',
    },
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'x1-serverside-ab',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'Experience A',
        visitorPercentage: 34,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395818,
          },
        ],
      },
      {
        experienceLocalId: 1,
        name: 'Experience B',
        visitorPercentage: 33,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395819,
          },
        ],
      },
      {
        experienceLocalId: 2,
        name: 'Experience C',
        visitorPercentage: 33,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395820,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 32767,
        name: 'MY PRIMARY GOAL',
        conversion: true,
        mboxes: [
          {
            name: 'order-complete',
            successEvent: 'mbox_shown',
          },
        ],
        action: {
          type: 'count_once',
        },
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
  },
  createAbResponse: {
    id: 183916,
    name: 'New API Activity',
    startsAt: '2017-05-01T08:00Z',
    endsAt: '2017-09-01T07:59:59Z',
    state: 'saved',
    priority: 100,
    autoAllocateTraffic: {
      enabled: false,
      successEvaluationCriteria: 'conversion_rate',
    },
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'x1-serverside-ab',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'Experience A',
        visitorPercentage: 34,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395818,
          },
        ],
      },
      {
        experienceLocalId: 1,
        name: 'Experience B',
        visitorPercentage: 33,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395819,
          },
        ],
      },
      {
        experienceLocalId: 2,
        name: 'Experience C',
        visitorPercentage: 33,
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395820,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 32767,
        name: 'MY PRIMARY GOAL',
        conversion: true,
        mboxes: [
          {
            name: 'order-complete',
            successEvent: 'mbox_shown',
          },
        ],
        action: {
          type: 'count_once',
        },
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
    modifiedAt: '2017-07-10T05:11:03Z',
  },
  updateAbRequest: {
    name: 'New Activity Name',
    state: 'approved',
    priority: 10,
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'mbox_1',
        },
        {
          locationLocalId: 1,
          name: 'mbox_2',
        },
        {
          locationLocalId: 2,
          name: 'mbox_3',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'Tom Hanks Cast Away',
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 400546,
          },
          {
            locationLocalId: 1,
            offerId: 400547,
          },
          {
            locationLocalId: 2,
            offerId: 400546,
          },
        ],
      },
      {
        experienceLocalId: 1,
        name: 'Default',
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 400546,
          },
          {
            locationLocalId: 1,
            offerId: 400547,
          },
          {
            locationLocalId: 2,
            offerId: 400546,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 3,
        name: 'display about',
        mboxes: [
          {
            name: 'event_1',
            successEvent: 'mbox_shown',
          },
        ],
      },
      {
        metricLocalId: 4,
        name: 'display hero',
        mboxes: [
          {
            name: 'event_2',
            successEvent: 'mbox_shown',
          },
        ],
      },
      {
        metricLocalId: 32767,
        name: 'display userimg',
        conversion: true,
        action: {
          type: 'count_once',
        },
        mboxes: [
          {
            name: 'event_3',
            successEvent: 'mbox_shown',
          },
        ],
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
    analytics: {
      reportSuite: 'mydemoreportsuite',
      dataCollectionHost: 'mydemoreportsuite.sc.omniture.com',
    },
  },
  getXt166425: {
    id: 166425,
    thirdPartyId: '04662c10-0831-4306-bb36-5410acc88dff',
    name: 'Master - Mobile - XT',
    state: 'approved',
    priority: 999,
    autoAllocateTraffic: {
      enabled: false,
      successEvaluationCriteria: 'conversion_rate',
    },
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'a1-mobile-xt',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'Silver',
        audienceIds: [1209736],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 393707,
          },
        ],
      },
      {
        experienceLocalId: 2,
        name: 'Gold',
        audienceIds: [1209737],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 395545,
          },
        ],
      },
      {
        experienceLocalId: 3,
        name: 'Sapphire',
        audienceIds: [1209738],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 393708,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 32767,
        name: 'metric_placeholder',
        conversion: true,
        mboxes: [
          {
            name: 'conversion_placeholder',
            successEvent: 'mbox_shown',
          },
        ],
        action: {
          type: 'count_once',
        },
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
    analytics: {
      reportSuite: '<your-tenant-name>iosdemo',
      dataCollectionHost: '<your-tenant-name>.sc.omtrdc.net',
    },
    modifiedAt: '2017-06-12T14:27:44Z',
  },
  deleteXt168333: {
    id: 168333,
    thirdPartyId: '60cc9620-999f-4052-bdad-1567838db10d_1499659779896',
    name: 'My XT Activity',
    state: 'deleted',
    priority: 0,
    autoAllocateTraffic: {
      enabled: false,
      successEvaluationCriteria: 'conversion_rate',
    },
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'j1-mobile-xt',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'Experience A',
        audienceIds: [1209736],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 393707,
          },
        ],
      },
      {
        experienceLocalId: 1,
        name: 'Experience B',
        audienceIds: [1209737],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 0,
          },
        ],
      },
      {
        experienceLocalId: 2,
        name: 'Experience C',
        audienceIds: [1209738],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 0,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 32767,
        name: 'MY PRIMARY GOAL',
        conversion: true,
        mboxes: [
          {
            name: 'order-complete',
            successEvent: 'mbox_shown',
          },
        ],
        action: {
          type: 'count_once',
        },
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
    modifiedAt: '2017-07-10T04:09:39Z',
  },
  createXtRequest: {
    name: 'New XT API Activity',
    state: 'saved',
    priority: 10,
    autoAllocateTraffic: {
      enabled: false,
      successEvaluationCriteria: 'conversion_rate',
    },
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'a1-serverside-xt',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'USA Experience',
        audienceIds: [1224696],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 396067,
          },
        ],
      },
      {
        experienceLocalId: 1,
        name: 'UK Experience',
        audienceIds: [1224698],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 396064,
          },
        ],
      },
      {
        experienceLocalId: 2,
        name: 'France Experience',
        audienceIds: [1224699],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 396065,
          },
        ],
      },
      {
        experienceLocalId: 3,
        name: 'Australia Experience',
        audienceIds: [1224700],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 396066,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 32767,
        name: 'metric_placeholder',
        conversion: true,
        mboxes: [
          {
            name: 'conversion_placeholder',
            successEvent: 'mbox_shown',
          },
        ],
        action: {
          type: 'count_once',
        },
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
    analytics: {
      reportSuite: '<your-tenant-name>westeros',
      dataCollectionHost: '<your-tenant-name>.sc.omtrdc.net',
    },
  },
  createXtResponse: {
    id: 183919,
    name: 'New XT API Activity',
    state: 'saved',
    priority: 10,
    autoAllocateTraffic: {
      enabled: false,
      successEvaluationCriteria: 'conversion_rate',
    },
    locations: {
      mboxes: [
        {
          locationLocalId: 0,
          name: 'a1-serverside-xt',
        },
      ],
    },
    experiences: [
      {
        experienceLocalId: 0,
        name: 'USA Experience',
        audienceIds: [1224696],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 396067,
          },
        ],
      },
      {
        experienceLocalId: 1,
        name: 'UK Experience',
        audienceIds: [1224698],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 396064,
          },
        ],
      },
      {
        experienceLocalId: 2,
        name: 'France Experience',
        audienceIds: [1224699],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 396065,
          },
        ],
      },
      {
        experienceLocalId: 3,
        name: 'Australia Experience',
        audienceIds: [1224700],
        offerLocations: [
          {
            locationLocalId: 0,
            offerId: 396066,
          },
        ],
      },
    ],
    metrics: [
      {
        metricLocalId: 32767,
        name: 'metric_placeholder',
        conversion: true,
        mboxes: [
          {
            name: 'conversion_placeholder',
            successEvent: 'mbox_shown',
          },
        ],
        action: {
          type: 'count_once',
        },
      },
    ],
    workspace: '1234567',
    propertyIds: [1, 2],
    analytics: {
      reportSuite: '<your-tenant-name>westeros',
      dataCollectionHost: '<your-tenant-name>.sc.omtrdc.net',
    },
    modifiedAt: '2017-07-10T06:01:27Z',
  },
  nameRequest: {
    name: 'New Name for Activity',
  },
  nameResponse: {
    id: 168816,
    name: 'New Name for Activity',
    modifiedAt: '2017-01-01T00:00Z',
  },
  stateRequest: {
    state: 'deactivated',
  },
  stateResponse: {
    id: 168816,
    state: 'deactivated',
    modifiedAt: '2017-01-01T00:00Z',
  },
  priorityRequest: {
    priority: '100',
  },
  priorityResponse: {
    id: 168816,
    priority: 100,
    modifiedAt: '2017-01-01T00:00Z',
  },
  scheduleRequest: {
    startsAt: '2017-05-01T08:00Z',
    endsAt: '2017-09-01T07:59:59Z',
  },
  scheduleResponse: {
    id: 168816,
    startsAt: '2017-05-01T08:00Z',
    endsAt: '2017-09-01T07:59:59Z',
    modifiedAt: '2017-01-01T00:00Z',
  },
  changelog173980: {
    offset: 0,
    limit: 2147483647,
    total: 23,
    activityChangelogs: [
      {
        modifiedAt: '2017-05-11T12:16:13Z',
        activityParameters: {
          state: {
            previousValue: 'approved',
            changedValue: 'saved',
          },
        },
      },
      {
        modifiedAt: '2017-04-27T14:57:32Z',
        activityParameters: {
          activityName: {
            previousValue: 'Mobile Webinar - Micro Soft Permission',
            changedValue: 'Mobile Webinar - Soft Permission',
          },
        },
      },
      {
        modifiedAt: '2017-04-27T14:57:32Z',
        modifiedOffer: {
          id: 426963,
          name: '/master_-_mobile_-abcopy/experiences/1/pages/0/zones/0/1493301097428',
        },
      },
      {
        modifiedAt: '2017-04-27T14:09:44Z',
        activityParameters: {
          state: {
            previousValue: 'approved',
            changedValue: 'saved',
          },
        },
      },
      {
        modifiedAt: '2017-04-27T13:56:03Z',
        activityLocationOfferChange: {
          changedValue: {
            id: 426963,
            name: '/master_-_mobile_-abcopy/experiences/1/pages/0/zones/0/1493301097428',
          },
          previousValue: {
            id: 391902,
            name: '10OFF',
          },
          mbox: {
            name: 'a1-mobile-ab',
            locationLocalId: 0,
          },
          experience: {
            name: 'Always',
            experienceLocalId: 1,
          },
        },
      },
      {
        modifiedAt: '2017-04-27T13:56:03Z',
        modifiedOffer: {
          id: 426962,
          name: '/master_-_mobile_-abcopy/experiences/0/pages/0/zones/0/1493301097401',
        },
      },
      {
        modifiedAt: '2017-04-27T13:51:38Z',
        activityParameters: {
          state: {
            changedValue: 'saved',
          },
        },
      },
    ],
  },
};
