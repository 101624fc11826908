import type { AppContext } from '../../context.js';
import { scopes } from '../../store/store.js';

/** One asset of the fixture catalog (fixtures/stock.json › stock › files). */
export interface StockFile {
  id: number;
  title: string;
  creator_id: number;
  creator_name: string;
  country_name: string;
  width: number;
  height: number;
  /** 1 photo, 2 illustration, 3 vector, 4 video, 6 3D, 7 template (Stock's media type ids). */
  media_type_id: number;
  content_type: string;
  vector_type: string | null;
  category: { id: number; name: string };
  keywords: string[];
  premium_level_id: number;
  is_editorial: boolean;
  has_releases: boolean;
  nb_views: number;
  nb_downloads: number;
  /** "YYYY-MM-DD hh:mm:ss", as Stock writes dates. */
  creation_date: string;
  duration?: number;
  framerate?: number;
}

/** One license a member holds. */
export interface MemberLicense {
  content_id: string;
  license: string;
  date: string;
}

/** A member's licensing state, keyed by the client id its tokens carry. */
export interface StockMember {
  id: string;
  member_id: number;
  /** Licenses left in the current plan period. */
  quota: number;
  full_entitlement_quota: Record<string, number>;
  license_type_id: number;
  has_credit_model: boolean;
  has_agency_model: boolean;
  is_cce: boolean;
  /** A payment method on file: beyond the quota, a license is bought at this price. */
  overage: { price: string } | null;
  licenses: MemberLicense[];
}

export const MEDIA_TYPES = { photo: 1, illustration: 2, vector: 3, video: 4, '3d': 6, template: 7 } as const;

export const filesOf = (ctx: AppContext) => ctx.store.collection<StockFile>(scopes.stock(), 'files');
export const membersOf = (ctx: AppContext) => ctx.store.collection<StockMember>(scopes.stock(), 'members');

/**
 * The member behind a request: the one keyed by the token's client id. A token the emulator did
 * not issue (permissive mode), or a client without an entry, is a member with no plan at all.
 */
export function memberFor(ctx: AppContext, clientId: string | undefined): StockMember {
  const known = clientId === undefined ? undefined : membersOf(ctx).get(clientId);
  return (
    known ?? {
      id: clientId ?? '',
      member_id: 0,
      quota: 0,
      full_entitlement_quota: {},
      license_type_id: 0,
      has_credit_model: false,
      has_agency_model: false,
      is_cce: false,
      overage: null,
      licenses: [],
    }
  );
}

export function licenseHeld(member: StockMember, contentId: number | string): MemberLicense | undefined {
  return member.licenses.find((license) => license.content_id === String(contentId));
}
