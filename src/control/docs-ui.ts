/**
 * Swagger UI at /docs, set up for a trainee: once the document is loaded, it authorizes every
 * scheme with the demo integration (the fixtures' first one): x-api-key, x-gw-ims-org-id and
 * x-sandbox-name, and an IMS token it fetches from POST /ims/token/v3 with the demo client id
 * and secret, as a client would. "Authorize" shows them; "Logout" there clears them.
 */
import type { Integration } from '../auth/integrations.js';

export interface DemoCredentials {
  clientId: string;
  clientSecret: string;
  org: string;
  sandbox: string;
}

export function demoCredentials(integration: Integration | undefined): DemoCredentials | null {
  if (!integration) return null;
  return { clientId: integration.id, clientSecret: integration.clientSecret, org: integration.orgId, sandbox: integration.sandboxes[0] ?? 'prod' };
}

/**
 * The browser-side step, run by Swagger UI's onComplete. @fastify/swagger-ui writes uiConfig
 * functions into its initializer as source, in the scope where the Swagger UI instance is `ui`.
 */
function authorizeScript(demo: DemoCredentials): string {
  return `
  var demo = ${JSON.stringify(demo)};
  ui.preauthorizeApiKey('apiKey', demo.clientId);
  ui.preauthorizeApiKey('imsOrg', demo.org);
  ui.preauthorizeApiKey('sandbox', demo.sandbox);
  var form = new URLSearchParams({ grant_type: 'client_credentials', client_id: demo.clientId, client_secret: demo.clientSecret });
  fetch('/ims/token/v3', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error('IMS answered ' + response.status)); })
    .then(function (token) { ui.preauthorizeApiKey('imsToken', token.access_token); })
    .catch(function (error) { console.warn('adobe-api-mock: no demo IMS token for /docs', error); });
`;
}

/** Options for @fastify/swagger-ui. */
export function swaggerUiOptions(demo: DemoCredentials | null) {
  return {
    routePrefix: '/docs',
    uiConfig: {
      displayRequestDuration: true,
      ...(demo ? { onComplete: new Function(authorizeScript(demo)) as () => void } : {}),
    },
  };
}
