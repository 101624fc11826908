/**
 * Who may call what, as the OpenAPI document declares it: the security schemes and, per route,
 * the requirement its gateway enforces (src/gateway/*.ts). The area of a route comes from its
 * path: a product by the service registry's prefixes, else the control plane (access.ts).
 */
import { productForUrl, type Product } from '../services/registry.js';
import { TOKEN_HEADER } from './access.js';
import { isControlPath } from './own-paths.js';

/** A route's side of the emulator: a product behind its gateway, the control plane, or open (/_mock/health). */
export type DocsArea = Product | 'control' | 'open';

export function areaOf(url: string): DocsArea {
  return productForUrl(url) ?? (isControlPath(url) ? 'control' : 'open');
}

export const SECURITY_SCHEMES = {
  imsToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An IMS access token: POST /ims/token/v3 with grant_type=client_credentials, client_id and client_secret.',
  },
  apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: "The integration's client id." },
  imsOrg: { type: 'apiKey', in: 'header', name: 'x-gw-ims-org-id', description: "The integration's IMS org, e.g. 0123456789ABCDEF01234567@AdobeOrg." },
  sandbox: { type: 'apiKey', in: 'header', name: 'x-sandbox-name', description: 'The Platform sandbox (prod when absent).' },
  profileToken: {
    type: 'apiKey',
    in: 'header',
    name: 'access_token',
    description:
      "A profile_api token (POST /{tenant}/target/authentication/token?scope=profile_api), needed only while the client code's authentication switch is on.",
  },
  controlToken: {
    type: 'apiKey',
    in: 'header',
    name: TOKEN_HEADER,
    description: 'The control token, needed only when the emulator runs with --control-token (MOCK_CONTROL_TOKEN); Authorization: Bearer <token> works too.',
  },
} as const;

export type SchemeName = keyof typeof SECURITY_SCHEMES;
type Requirement = Partial<Record<SchemeName, string[]>>;

const all = (...names: SchemeName[]): Requirement => Object.fromEntries(names.map((name) => [name, []]));
/** `{}` in a requirement list: the call may go without. */
const NONE: Requirement = {};

/**
 * The requirement of one route. Stock's Authorization is optional for Search and required for
 * Licensing (the route's config.authorization, as the Stock gateway reads it).
 */
export function securityFor(area: DocsArea, config: { authorization?: unknown } | undefined): Requirement[] {
  switch (area) {
    case 'platform':
      return [all('imsToken', 'apiKey', 'imsOrg', 'sandbox')];
    case 'target':
      return [all('imsToken', 'apiKey')];
    case 'stock':
      return config?.authorization === 'required' ? [all('apiKey', 'imsToken')] : [all('apiKey', 'imsToken'), all('apiKey')];
    case 'profile':
      return [NONE, all('profileToken')];
    case 'control':
      return [NONE, all('controlToken')];
    case 'ims':
    case 'open':
      return [];
  }
}
