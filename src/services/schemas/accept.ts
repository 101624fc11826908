import type { AppContext } from '../../context.js';
import { acceptInvalidForListing, acceptInvalidForLookup, notAcceptable } from './errors.js';

/**
 * The Schema Registry answers in the format the Accept header names
 * (`application/vnd.adobe.<format>+json`), with a major `version=` parameter on lookups
 * (schema-registry.yaml, parameters `accept` and `acceptListing`).
 */
export type LookupFormat = 'xed' | 'xed-full' | 'xed-notext' | 'xed-full-notext' | 'xed-full-desc' | 'xed-deprecatefield';
export type ListingFormat = 'xed-id' | 'xed';

const LOOKUP_FORMATS: readonly string[] = ['xed', 'xed-full', 'xed-notext', 'xed-full-notext', 'xed-full-desc', 'xed-deprecatefield'];
const LISTING_FORMATS: readonly string[] = ['xed-id', 'xed'];

export interface LookupAccept {
  format: LookupFormat;
  /** The requested major version, e.g. "1". */
  version: string;
}

interface AdobeMedia {
  format: string;
  version?: string;
}

const ADOBE_MEDIA = /^application\/vnd\.adobe\.([\w-]+)\+json$/i;

/** The first `application/vnd.adobe.*+json` media range of an Accept header, with its version. */
function adobeMedia(accept: string): AdobeMedia | undefined {
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim());
    const match = ADOBE_MEDIA.exec(type);
    if (!match) continue;
    const version = params
      .map((param) => param.split('='))
      .find(([name]) => name.trim().toLowerCase() === 'version')?.[1]
      ?.trim();
    return { format: match[1].toLowerCase(), ...(version !== undefined ? { version } : {}) };
  }
  return undefined;
}

/**
 * Format of a single lookup. No versioned Adobe media type → 400 XDM-1007 (documented);
 * a versioned one the registry does not know → 406 (emulator's reading of the documented 406).
 */
export function lookupFormat(ctx: AppContext, accept: string | undefined): LookupAccept {
  const raw = accept ?? '';
  const media = adobeMedia(raw);
  if (!media || media.version === undefined || media.version === '') throw acceptInvalidForLookup(ctx, raw);
  if (!LOOKUP_FORMATS.includes(media.format)) throw notAcceptable(`Unknown Accept media supplied: ${media.format}+json`);
  if (!/^\d+(?:\.\d+)*$/.test(media.version)) throw notAcceptable(`Unknown Accept version supplied: ${media.version}`);
  return { format: media.format as LookupFormat, version: media.version };
}

/**
 * Format of a listing. Listings take no version: an Accept without an Adobe media type or with a
 * version → 400 XDM-1006 (documented example); an Adobe format listings do not offer → 406.
 */
export function listingFormat(ctx: AppContext, accept: string | undefined): ListingFormat {
  const raw = accept ?? '';
  const media = adobeMedia(raw);
  if (!media) throw acceptInvalidForListing(ctx, raw);
  if (!LISTING_FORMATS.includes(media.format)) throw notAcceptable(`Unknown Accept media supplied: ${media.format}+json`);
  if (media.version !== undefined) throw acceptInvalidForListing(ctx, raw);
  return media.format as ListingFormat;
}

/** Whether a resource at `resourceVersion` (e.g. "1.4") can be served as the requested major version ("1" or "1.4"). */
export function versionAvailable(resourceVersion: unknown, requested: string): boolean {
  const current = typeof resourceVersion === 'string' ? resourceVersion : '1.0';
  if (requested === current) return true;
  return !requested.includes('.') && current.split('.')[0] === requested;
}
