/**
 * Tenant sets (POST /_mock/tenants): isolated worlds created on the fly, one per test worker.
 * A set is an IMS org with its sandboxes, a Target tenant and a Profile client code (both named
 * after the set's id), and a credential pair stored as an ordinary IMS integration, so the
 * gateways need nothing new. Its data lives in its own scopes of the store; the set's record
 * (`ims` › tenantSets) names them. Creating one writes only the record, the integration and,
 * with fixtures, the copied objects; deleting one drops its scopes and nothing else.
 */
import { randomBytes } from 'node:crypto';
import { INTEGRATIONS, type Integration } from '../auth/integrations.js';
import type { AppContext } from '../context.js';
import { scopes, type ScopeKey } from '../store/store.js';
import type { ScopeContents } from './state-keeper.js';

export const TENANT_SETS = 'tenantSets';
const SANDBOXES = ['prod', 'dev'];
const DEFAULT_SCOPES = ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext', 'session', 'target_sdk', 'ent_dataservices_sdk'];

/** A set as stored (its secret is the integration's). */
export interface TenantSet {
  id: string;
  name: string;
  imsOrg: string;
  sandboxes: string[];
  tenant: string;
  clientCode: string;
  clientId: string;
  technicalAccountId: string;
  /** The demo fixtures were copied in (and a reset of the set puts them back). */
  fixtures: boolean;
  created: string;
}

/** A set as the control plane answers it. */
export interface TenantSetView extends TenantSet {
  clientSecret: string;
}

/** What the journal matches a request against: the set's credential, org, tenant and client code. */
export interface RequestOwner {
  clientId: string;
  org: string;
  tenant: string;
  clientCode: string;
}

/** A set cannot be created as asked (no demo integration to copy fixtures from). */
export class TenantSetError extends Error {}

const upperHex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();

export class TenantSets {
  constructor(private readonly ctx: AppContext) {
    ctx.state.deriveFixtures((scope) => this.baselineOf(scope));
  }

  private get records() {
    return this.ctx.store.collection<TenantSet>(scopes.ims(), TENANT_SETS);
  }

  private get integrations() {
    return this.ctx.store.collection<Integration>(scopes.ims(), INTEGRATIONS);
  }

  list(): TenantSetView[] {
    return [...this.records.values()].map((set) => this.view(set));
  }

  get(id: string): TenantSetView | undefined {
    const set = this.records.get(id);
    return set && this.view(set);
  }

  create(options: { name?: string; fixtures?: boolean }): TenantSetView {
    const fixtures = options.fixtures === true;
    const demo = this.demo();
    if (fixtures && demo === undefined)
      throw new TenantSetError('fixtures: true needs a demo integration (the first of scopes.ims.integrations) in the fixtures');
    const id = this.freshId();
    const set: TenantSet = {
      id,
      name: options.name ?? id,
      imsOrg: `${upperHex(12)}@AdobeOrg`,
      sandboxes: [...SANDBOXES],
      tenant: id,
      clientCode: id,
      clientId: randomBytes(16).toString('hex'),
      technicalAccountId: `${upperHex(12)}@techacct.adobe.com`,
      fixtures,
      created: this.ctx.clock.iso(),
    };
    const integration: Integration = {
      id: set.clientId,
      clientSecret: `p8e-${randomBytes(24).toString('base64url')}`,
      name: set.name,
      orgId: set.imsOrg,
      technicalAccountId: set.technicalAccountId,
      sandboxes: set.sandboxes,
      tenant: set.tenant,
      clientCode: set.clientCode,
      role: 'approver',
      scopes: demo?.scopes ?? DEFAULT_SCOPES,
    };
    this.records.put(id, set);
    this.integrations.put(integration.id, integration);
    if (fixtures) {
      for (const scope of this.scopesOf(set)) {
        for (const [name, entries] of Object.entries(this.baselineOf(scope) ?? {})) {
          const collection = this.ctx.store.collection<unknown>(scope, name);
          for (const [objectId, value] of entries) collection.put(objectId, value);
        }
      }
    }
    return { ...set, clientSecret: integration.clientSecret };
  }

  /** Drops a set and everything in it; false when there is no such set. */
  async delete(id: string): Promise<boolean> {
    const set = this.records.get(id);
    if (!set) return false;
    await this.ctx.state.drop(this.scopesOf(set), () => {
      this.integrations.delete(set.clientId);
      this.records.delete(set.id);
    });
    return true;
  }

  /** Drops every set (a reset of the IMS integrations: sets are not fixtures). */
  async deleteAll(): Promise<void> {
    for (const id of [...this.records.toEntries()].map(([key]) => key)) await this.delete(id);
  }

  /** The scopes a set's data lives in, sorted. */
  scopesOf(set: TenantSet): ScopeKey[] {
    return [...set.sandboxes.map((sandbox) => scopes.platform(set.imsOrg, sandbox)), scopes.profile(set.clientCode), scopes.target(set.tenant)].sort();
  }

  ownerOf(set: TenantSet): RequestOwner {
    return { clientId: set.clientId, org: set.imsOrg, tenant: set.tenant, clientCode: set.clientCode };
  }

  /**
   * What a scope of a set created with fixtures holds when new: the demo integration's scope of
   * the same kind (its org's sandbox, its tenant, its client code), ids kept, the demo org's id
   * replaced by the set's in Platform objects. Undefined for any other scope.
   */
  private baselineOf(scope: ScopeKey): ScopeContents | undefined {
    const [kind, first, second] = scope.split('/');
    const demo = this.demo();
    if (demo === undefined) return undefined;
    for (const set of this.records.values()) {
      if (!set.fixtures) continue;
      if (kind === 'platform' && first === set.imsOrg && set.sandboxes.includes(second)) {
        const fixture = this.ctx.state.fixtureOf(scopes.platform(demo.orgId, second));
        return fixture && (JSON.parse(JSON.stringify(fixture).replaceAll(demo.orgId, set.imsOrg)) as ScopeContents);
      }
      if (kind === 'target' && first === set.tenant) return structuredClone(this.ctx.state.fixtureOf(scopes.target(demo.tenant)));
      if (kind === 'profile' && first === set.clientCode) return structuredClone(this.ctx.state.fixtureOf(scopes.profile(demo.clientCode)));
    }
    return undefined;
  }

  /** The fixtures' demo integration: the first one, as the README and the CLI banner show it. */
  private demo(): Integration | undefined {
    return this.ctx.state.fixtureOf(scopes.ims())?.[INTEGRATIONS]?.[0]?.[1] as Integration | undefined;
  }

  /** `w` and 10 lowercase hex digits: a tenant name and client code valid in any path. */
  private freshId(): string {
    for (;;) {
      const id = `w${randomBytes(5).toString('hex')}`;
      const taken =
        this.records.has(id) || this.ctx.store.collectionNames(scopes.target(id)).length > 0 || this.ctx.store.collectionNames(scopes.profile(id)).length > 0;
      if (!taken) return id;
    }
  }

  private view(set: TenantSet): TenantSetView {
    return { ...set, clientSecret: this.integrations.get(set.clientId)?.clientSecret ?? '' };
  }
}
