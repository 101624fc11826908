/**
 * The success examples the OpenAPI document shows, in place of the generic ones Swagger UI
 * derives from a schema. Where Adobe's reference has an example (Catalog), it is that example,
 * verbatim (test/openapi-examples.test.ts compares it with test/contract/reference/examples.json);
 * elsewhere it is what the emulator answers with its bundled fixtures, checked against the
 * operation's schema and Adobe's reference schema by the same test.
 */
export interface SuccessExample {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as the document names it. */
  path: string;
  status: number;
  /** `<reference file> <METHOD> <path>` for an example taken from Adobe's reference, else 'fixtures'. */
  source: string;
  value: unknown;
}

export const SUCCESS_EXAMPLES: SuccessExample[] = [
  {
    method: 'GET',
    path: '/data/foundation/catalog/dataSets',
    status: 200,
    source: 'catalog.yaml GET /dataSets',
    value: {
      "5ab540d0864cf0267448ead4": {
        "version": "1.0.0",
        "imsOrg": "4F3BB22C5631222A7F000101@AdobeOrg",
        "name": "Acme accounts dataset - 1521827915638",
        "created": 1521828048923,
        "updated": 1521828208046,
        "createdClient": "platform_foundation_catalog",
        "createdUser": "platform_foundation_catalog@AdobeID",
        "updatedUser": "platform_foundation_catalog@AdobeID",
        "tags": {
          "foo": [
            "bar",
            "foos",
            "ball"
          ],
          "adobe/touchpoint/appliedTransformations": [
            "CLUSTERED:FOO"
          ]
        },
        "viewId": "5ab54170864cf0267448ead5",
        "basePath": "s3://bar/ball/baz",
        "files": "@/dataSetFiles?dataSetId=5ab540d0864cf0267448ead4",
        "observableSchema": {}
      }
    },
  },
  {
    method: 'GET',
    path: '/data/foundation/catalog/dataSets/{id}',
    status: 200,
    source: 'catalog.yaml GET /dataSets/{DATASET_ID}',
    value: {
      "5ab540d0864cf0267448ead4": {
        "version": "1.0.0",
        "imsOrg": "4F3BB22C5631222A7F000101@AdobeOrg",
        "name": "Acme accounts dataset - 1521827915638",
        "enableErrorDiagnostics": true,
        "created": 1521828048923,
        "updated": 1521828208046,
        "createdClient": "platform_foundation_catalog",
        "createdUser": "4F3BB22C5631222A7F000101@AdobeOrg",
        "updatedUser": "platform_foundation_catalog@AdobeID",
        "tags": {
          "foo": [
            "bar",
            "foos",
            "ball"
          ],
          "adobe/touchpoint/appliedTransformations": [
            "CLUSTERED:FOO"
          ]
        },
        "viewId": "5ab54170864cf0267448ead5",
        "basePath": "s3://bar/ball/baz",
        "files": "@/dataSetFiles?dataSetId=5ab540d0864cf0267448ead4",
        "observableSchema": {}
      }
    },
  },
  {
    method: 'GET',
    path: '/data/foundation/catalog/batches',
    status: 200,
    source: 'catalog.yaml GET /batches',
    value: {
      "5911f88ae2f4bf657c5a8cb5": {
        "imsOrg": "4F3BB22C5631222A7F000101@AdobeOrg",
        "created": 1494349962314,
        "createdClient": "MCDPCatalogServiceStage",
        "createdUser": "MCDPCatalogServiceStage@AdobeID",
        "updatedUser": "MCDPCatalogServiceStage@AdobeID",
        "updated": 1494349963467,
        "externalId": "/adobe/bulkingest/5af9ee67e4045c1b4945c209",
        "status": "success",
        "errors": [
          {
            "code": "err-1494349963436"
          }
        ],
        "version": "1.0.3",
        "availableDates": {
          "startDate": 1337,
          "endDate": 4000
        },
        "relatedObjects": [
          {
            "type": "batch",
            "id": "foo_batch"
          },
          {
            "type": "dataSet",
            "id": "foo_dataSet"
          },
          {
            "type": "dataSetView",
            "id": "foo_dataSetView"
          },
          {
            "type": "dataSetFile",
            "id": "foo_dataSetFile"
          },
          {
            "type": "expressionBlock",
            "id": "foo_expressionBlock"
          },
          {
            "type": "service",
            "id": "foo_service"
          },
          {
            "type": "serviceDefinition",
            "id": "foo_serviceDefinition"
          }
        ],
        "metrics": {
          "foo": 1337
        },
        "tags": {
          "foo_bar": [
            "stuff"
          ],
          "bar_foo": [
            "woo",
            "baz"
          ],
          "foo/bar/foo-bar": [
            "weehaw",
            "wee:haw"
          ]
        },
        "inputFormat": {
          "format": "parquet",
          "delimiter": ".",
          "quote": "`",
          "escape": "\\",
          "nullMarker": "",
          "header": "true",
          "charset": "UTF-8"
        }
      }
    },
  },
  {
    method: 'GET',
    path: '/data/foundation/catalog/batches/{id}',
    status: 200,
    source: 'catalog.yaml GET /batches/{BATCH_ID}',
    value: {
      "5911f88ae2f4bf657c5a8cb5": {
        "imsOrg": "5911f88ae2f4bf657c5a8cb5",
        "created": 1494349962314,
        "createdClient": "MCDPCatalogServiceStage",
        "createdUser": "MCDPCatalogServiceStage@AdobeID",
        "updatedUser": "MCDPCatalogServiceStage@AdobeID",
        "updated": 1494349963467,
        "externalId": "/adobe/bulkingest/5af9ee67e4045c1b4945c209",
        "status": "success",
        "errors": [
          {
            "code": "err-1494349963436"
          }
        ],
        "version": "1.0.3",
        "availableDates": {
          "startDate": 1337,
          "endDate": 4000
        },
        "relatedObjects": [
          {
            "type": "batch",
            "id": "foo_batch"
          },
          {
            "type": "dataSet",
            "id": "foo_dataSet"
          },
          {
            "type": "dataSetView",
            "id": "foo_dataSetView"
          },
          {
            "type": "dataSetFile",
            "id": "foo_dataSetFile"
          },
          {
            "type": "expressionBlock",
            "id": "foo_expressionBlock"
          },
          {
            "type": "service",
            "id": "foo_service"
          },
          {
            "type": "serviceDefinition",
            "id": "foo_serviceDefinition"
          }
        ],
        "metrics": {
          "foo": 1337
        },
        "tags": {
          "foo_bar": [
            "stuff"
          ],
          "bar_foo": [
            "woo",
            "baz"
          ],
          "foo/bar/foo-bar": [
            "weehaw",
            "wee:haw"
          ]
        },
        "inputFormat": {
          "format": "parquet",
          "delimiter": ".",
          "quote": "`",
          "escape": "\\",
          "nullMarker": "",
          "header": "true",
          "charset": "UTF-8"
        }
      }
    },
  },
  {
    method: 'POST',
    path: '/data/foundation/import/batches',
    status: 201,
    source: 'fixtures',
    value: {
      "id": "2b073c4e5ef87f8e7886ef1dd8a758cb",
      "imsOrg": "0123456789ABCDEF01234567@AdobeOrg",
      "status": "loading",
      "created": 1796293297172,
      "updated": 1796293297172,
      "version": "1.0.0",
      "externalId": "2b073c4e5ef87f8e7886ef1dd8a758cb",
      "createdUser": "0A1B2C3D4E5F60718293A4B5@techacct.adobe.com",
      "updatedUser": "0A1B2C3D4E5F60718293A4B5@techacct.adobe.com",
      "createdClient": "adobe-mock-client",
      "relatedObjects": [
        {
          "type": "dataSet",
          "id": "5c8c3c555033b814b69f947f"
        }
      ],
      "tags": {
        "acp_producer": [
          "adobe-mock-client"
        ],
        "acp_stagePath": [
          "adobe-mock-client/stage/2b073c4e5ef87f8e7886ef1dd8a758cb"
        ],
        "use_plan_b_batch_status": [
          "false"
        ]
      },
      "inputFormat": {
        "format": "json"
      }
    },
  },
  {
    method: 'GET',
    path: '/{tenant}/target/activities',
    status: 200,
    source: 'fixtures',
    value: {
      "total": 10,
      "offset": 0,
      "limit": 2,
      "activities": [
        {
          "id": 168805,
          "thirdPartyId": "2fc846c4-d5c6-4d67-9ef8-939bb907cc71",
          "type": "ab",
          "state": "deactivated",
          "name": "A3 - L4242 - Serversid testing",
          "priority": 0,
          "modifiedAt": "2017-05-11T10:11:35Z",
          "workspace": "1234567"
        },
        {
          "id": 168942,
          "thirdPartyId": "e1cfda1a-5814-4dd9-8624-c33882af114b",
          "type": "xt",
          "state": "deactivated",
          "name": "A3-L4242-XT",
          "priority": 0,
          "modifiedAt": "2017-05-11T10:11:52Z",
          "workspace": "1234567"
        }
      ]
    },
  },
  {
    method: 'GET',
    path: '/{tenant}/target/offers',
    status: 200,
    source: 'fixtures',
    value: {
      "total": 1120,
      "offset": 0,
      "limit": 2,
      "offers": [
        {
          "id": 391769,
          "name": "/l1_a_b_test/experiences/0/pages/0/zones/0/1489440825492",
          "type": "content",
          "modifiedAt": "2017-03-20T03:03:28Z",
          "workspace": "1234567"
        },
        {
          "id": 391902,
          "name": "10OFF",
          "type": "content",
          "modifiedAt": "2017-03-19T00:06:47Z",
          "workspace": "1234567"
        }
      ]
    },
  },
  {
    method: 'GET',
    path: '/{tenant}/target/audiences',
    status: 200,
    source: 'fixtures',
    value: {
      "offset": 0,
      "limit": 2,
      "total": 289,
      "audiences": [
        {
          "id": 1216090,
          "name": "A1 - Active account l-1489628809975",
          "description": "--",
          "origin": "target",
          "modifiedAt": "2017-03-16T01:47:07Z",
          "workspace": "1234567"
        },
        {
          "id": 1216183,
          "name": "A1 - Current Category -1489642111631",
          "description": "--",
          "origin": "target",
          "modifiedAt": "2017-03-16T05:28:33Z",
          "workspace": "1234567"
        }
      ]
    },
  },
  {
    method: 'POST',
    path: '/ims/token/v3',
    status: 200,
    source: 'fixtures',
    value: {
      access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Imltc19uYTEta2V5LWF0LTEifQ.eyJjbGllbnRfaWQiOiJhZG9iZS1tb2NrLWNsaWVudCJ9.c2lnbmF0dXJl',
      token_type: 'bearer',
      expires_in: 86399,
    },
  },
];
