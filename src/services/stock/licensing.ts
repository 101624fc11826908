import type { AppContext } from '../../context.js';
import { badParameter, contentNotFound } from './errors.js';
import { filesOf, licenseHeld, membersOf, type StockFile, type StockMember } from './model.js';

export interface LicensingQuery {
  content_id?: string;
  license?: string;
  locale?: string;
}

/** License kinds a request may name, and which assets each applies to. */
const LICENSES: Record<string, (file: StockFile) => boolean> = {
  Standard: () => true,
  Extended: () => true,
  Standard_M: (file) => file.premium_level_id > 1,
  Video_HD: (file) => file.media_type_id === 4,
  Video_4K: (file) => file.media_type_id === 4 && file.width >= 3840,
};

const PLANS_URL = 'https://stock.adobe.com/plans';

/** Where a purchase would stand: "purchased", "possible", "overage" or "not_possible". */
export interface PurchaseOptions {
  state: 'purchased' | 'possible' | 'overage' | 'not_possible';
  requires_checkout: boolean;
  message: string;
  url?: string;
}

export function availableEntitlement(member: StockMember) {
  return {
    quota: member.quota,
    license_type_id: member.license_type_id,
    has_credit_model: member.has_credit_model,
    has_agency_model: member.has_agency_model,
    is_cce: member.is_cce,
    full_entitlement_quota: member.full_entitlement_quota,
  };
}

function requestedContent(ctx: AppContext, query: LicensingQuery): { file: StockFile; license: string } {
  const contentId = query.content_id;
  if (contentId === undefined || contentId === '') throw badParameter('content_id is required');
  if (!/^\d+$/.test(contentId)) throw badParameter(`content_id must be a number, got "${contentId}"`);
  const license = query.license;
  if (license === undefined || license === '') throw badParameter('license is required');
  const kind = Object.keys(LICENSES).find((name) => name.toLowerCase() === license.toLowerCase());
  if (!kind) throw badParameter(`license must be one of ${Object.keys(LICENSES).join(', ')}, got "${license}"`);
  const file = filesOf(ctx).get(contentId);
  if (!file) throw contentNotFound(contentId);
  return { file, license: kind };
}

function purchaseOptions(member: StockMember, file: StockFile, license: string): PurchaseOptions {
  if (licenseHeld(member, file.id)) {
    return { state: 'purchased', requires_checkout: false, message: 'You have already licensed this asset.' };
  }
  if (!LICENSES[license](file)) {
    return { state: 'not_possible', requires_checkout: true, message: `A ${license} license is not offered for this asset.`, url: PLANS_URL };
  }
  if (member.quota > 0) {
    return { state: 'possible', requires_checkout: false, message: `This will use 1 of your ${member.quota} licenses.` };
  }
  if (member.overage) {
    return { state: 'overage', requires_checkout: false, message: `You have no licenses left; this license costs ${member.overage.price}.` };
  }
  return {
    state: 'not_possible',
    requires_checkout: true,
    message: 'You have no licenses left. Buy a plan on Adobe Stock to license this asset.',
    url: PLANS_URL,
  };
}

/** Member/Profile: the member's quota and what licensing this asset would mean for them. */
export function memberProfile(ctx: AppContext, member: StockMember, query: LicensingQuery) {
  const { file, license } = requestedContent(ctx, query);
  return {
    available_entitlement: availableEntitlement(member),
    member: { member_id: member.member_id },
    purchase_options: purchaseOptions(member, file, license),
  };
}

/**
 * Content/License: licenses the asset when the quota (or overage) allows, spending one license;
 * an asset licensed before is answered as purchased again at no cost.
 */
export function licenseContent(ctx: AppContext, member: StockMember, query: LicensingQuery) {
  const { file, license } = requestedContent(ctx, query);
  const options = purchaseOptions(member, file, license);
  let state: string = options.state;
  let held = licenseHeld(member, file.id);
  if (options.state === 'possible' || options.state === 'overage') {
    held = { content_id: String(file.id), license, date: ctx.clock.iso().slice(0, 19).replace('T', ' ') };
    const next: StockMember = {
      ...member,
      quota: options.state === 'possible' ? member.quota - 1 : member.quota,
      licenses: [...member.licenses, held],
    };
    // Members without an entry (unknown clients) have nothing to spend, so only known ones are saved.
    if (membersOf(ctx).has(member.id)) membersOf(ctx).put(member.id, next);
    member = next;
    state = 'just_purchased';
  }
  const id = String(file.id);
  return {
    member: { stock_id: member.member_id },
    available_entitlement: availableEntitlement(member),
    contents: {
      [id]: {
        content_id: id,
        size: held ? 'Original' : 'Comp',
        purchase_details: held
          ? {
              state,
              license: held.license,
              date: held.date,
              url: `https://stock-downloads.adobe-api-mock.invalid/Download/${id}`,
              content_type: file.content_type,
              width: file.width,
              height: file.height,
            }
          : { state, message: options.message, ...(options.url ? { url: options.url } : {}) },
      },
    },
  };
}
