import type { AppContext } from '../../context.js';
import { badParameter } from './errors.js';
import { MEDIA_TYPES, filesOf, licenseHeld, type StockFile, type StockMember } from './model.js';

/**
 * Search/Files. The query string keeps Stock's bracketed names as flat keys
 * (`search_parameters[words]`, `search_parameters[filters][content_type:photo]`, `result_columns[]`),
 * which is how Fastify's parser hands them over: a string, or an array of strings when repeated.
 * Values are read through `valuesOf`, which keeps exactly those.
 */
export type SearchQuery = Readonly<Record<string, unknown>>;

export const DEFAULT_LIMIT = 32;
export const MAX_LIMIT = 100;
export const THUMBNAIL_SIZES = [110, 160, 220, 240, 500, 1000] as const;
const DEFAULT_THUMBNAIL_SIZE = 160;
export const ORDERS = ['relevance', 'creation', 'popularity', 'nb_downloads', 'undiscovered'] as const;
export const ORIENTATIONS = ['horizontal', 'vertical', 'square', 'panoramic', 'all'] as const;

/** Columns answered when `result_columns[]` is absent (the emulator's choice; docs/stock.md). */
export const DEFAULT_COLUMNS = [
  'nb_results',
  'id',
  'title',
  'creator_name',
  'creator_id',
  'width',
  'height',
  'thumbnail_url',
  'thumbnail_html_tag',
  'thumbnail_width',
  'thumbnail_height',
  'media_type_id',
  'category',
  'content_type',
  'vector_type',
  'premium_level_id',
  'is_licensed',
] as const;

const SIZED_THUMBNAIL_COLUMN = /^thumbnail_(110|160|220|240|500|1000)_(url|width|height|html_tag)$/;

export const KNOWN_COLUMNS = new Set<string>([
  ...DEFAULT_COLUMNS,
  'country_name',
  'nb_views',
  'nb_downloads',
  'creation_date',
  'keywords',
  'has_releases',
  'comp_url',
  'comp_width',
  'comp_height',
  'details_url',
  'stock_id',
  'is_editorial',
  'is_premium',
  'duration',
  'framerate',
  'category_hierarchy',
]);

export interface SearchAnswer {
  nb_results?: number;
  files: Array<Record<string, unknown>>;
}

interface Criteria {
  words: string[];
  creatorId: number | null;
  mediaId: number | null;
  mediaTypes: Set<number> | null;
  excludedTypes: Set<number>;
  orientation: (typeof ORIENTATIONS)[number];
  premium: 'true' | 'false' | 'all';
  order: (typeof ORDERS)[number];
  limit: number;
  offset: number;
  thumbnailSize: number;
  columns: string[];
}

export function searchFiles(ctx: AppContext, query: SearchQuery, member: StockMember | null): SearchAnswer {
  const criteria = criteriaOf(query);
  const matches: Array<{ file: StockFile; score: number }> = [];
  for (const file of filesOf(ctx).values()) {
    const score = matchScore(file, criteria);
    if (score !== null) matches.push({ file, score });
  }
  matches.sort(ordering(criteria.order));
  const page = matches.slice(criteria.offset, criteria.offset + criteria.limit);
  const answer: SearchAnswer = { files: page.map(({ file }) => columnsOf(file, criteria, member)) };
  return criteria.columns.includes('nb_results') ? { nb_results: matches.length, ...answer } : answer;
}

/** The values of one query parameter, in order (none when absent). */
function valuesOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}

/** A parameter given more than once counts with its last value. */
function single(query: SearchQuery, key: string): string | undefined {
  return valuesOf(query[key]).at(-1);
}

function integerParameter(query: SearchQuery, key: string, fallback: number, min: number, max: number): number {
  const text = single(query, `search_parameters[${key}]`);
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badParameter(`search_parameters[${key}] must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function oneOf<T extends string>(query: SearchQuery, key: string, allowed: readonly T[], fallback: T): T {
  const text = single(query, key);
  if (text === undefined || text === '') return fallback;
  const value = text.toLowerCase() as T;
  if (!allowed.includes(value)) throw badParameter(`${key} must be one of ${allowed.join(', ')}, got "${text}"`);
  return value;
}

function flag(query: SearchQuery, key: string): boolean | undefined {
  const text = single(query, key);
  if (text === undefined || text === '') return undefined;
  if (text === '1' || text.toLowerCase() === 'true') return true;
  if (text === '0' || text.toLowerCase() === 'false') return false;
  throw badParameter(`${key} must be 1 or 0, got "${text}"`);
}

function criteriaOf(query: SearchQuery): Criteria {
  const words = (single(query, 'search_parameters[words]') ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((word) => word !== '');
  const optionalId = (key: string) => {
    const text = single(query, `search_parameters[${key}]`);
    if (text === undefined || text === '') return null;
    if (!/^\d+$/.test(text)) throw badParameter(`search_parameters[${key}] must be a number, got "${text}"`);
    return Number(text);
  };

  // content_type:<type>=1 selects types (any of them); =0 leaves one out. `image` means the three still kinds.
  let mediaTypes: Set<number> | null = null;
  const excludedTypes = new Set<number>();
  for (const name of [...Object.keys(MEDIA_TYPES), 'image', 'all']) {
    const key = `search_parameters[filters][content_type:${name}]`;
    const on = flag(query, key);
    if (on === undefined) continue;
    const ids = name === 'image' ? [1, 2, 3] : name === 'all' ? Object.values(MEDIA_TYPES) : [MEDIA_TYPES[name as keyof typeof MEDIA_TYPES]];
    if (on) for (const id of ids) (mediaTypes ??= new Set()).add(id);
    else for (const id of ids) excludedTypes.add(id);
  }

  const thumbnailSize = integerParameter(query, 'thumbnail_size', DEFAULT_THUMBNAIL_SIZE, 1, 1000);
  if (!(THUMBNAIL_SIZES as readonly number[]).includes(thumbnailSize)) {
    throw badParameter(`search_parameters[thumbnail_size] must be one of ${THUMBNAIL_SIZES.join(', ')}, got "${thumbnailSize}"`);
  }

  return {
    words,
    creatorId: optionalId('creator_id'),
    mediaId: optionalId('media_id'),
    mediaTypes,
    excludedTypes,
    orientation: oneOf(query, 'search_parameters[filters][orientation]', ORIENTATIONS, 'all'),
    premium: oneOf(query, 'search_parameters[filters][premium]', ['true', 'false', 'all'] as const, 'all'),
    order: oneOf(query, 'search_parameters[order]', ORDERS, 'relevance'),
    limit: integerParameter(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: integerParameter(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
    thumbnailSize,
    columns: columnsRequested(query),
  };
}

function columnsRequested(query: SearchQuery): string[] {
  const raw = query['result_columns[]'] ?? query['result_columns'];
  if (raw === undefined) return [...DEFAULT_COLUMNS];
  const columns = valuesOf(raw).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  for (const column of columns) {
    if (!KNOWN_COLUMNS.has(column) && !SIZED_THUMBNAIL_COLUMN.test(column)) throw badParameter(`result_columns[] has an unknown column "${column}"`);
  }
  return columns;
}

/** Word forms compared loosely: "unicorns" finds "unicorn", "puppies" finds "puppy". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('es') && /(?:s|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(stem);

/** Null when the file does not match; otherwise its relevance (title hits weigh more than keywords). */
function matchScore(file: StockFile, criteria: Criteria): number | null {
  if (criteria.mediaId !== null && file.id !== criteria.mediaId) return null;
  if (criteria.creatorId !== null && file.creator_id !== criteria.creatorId) return null;
  if (criteria.mediaTypes && !criteria.mediaTypes.has(file.media_type_id)) return null;
  if (criteria.excludedTypes.has(file.media_type_id)) return null;
  if (!orientationMatches(file, criteria.orientation)) return null;
  if (criteria.premium === 'true' && file.premium_level_id <= 1) return null;
  if (criteria.premium === 'false' && file.premium_level_id > 1) return null;

  const title = new Set(tokens(file.title));
  const keywords = new Set(file.keywords.flatMap(tokens));
  let score = 0;
  for (const word of criteria.words.map(stem)) {
    const inTitle = title.has(word);
    const inKeywords = keywords.has(word);
    if (!inTitle && !inKeywords) return null; // words are ANDed
    score += (inTitle ? 2 : 0) + (inKeywords ? 1 : 0);
  }
  return score;
}

function orientationMatches(file: StockFile, orientation: Criteria['orientation']): boolean {
  const ratio = file.width / file.height;
  switch (orientation) {
    case 'horizontal':
      return ratio > 1;
    case 'vertical':
      return ratio < 1;
    case 'square':
      return ratio === 1;
    case 'panoramic':
      return ratio >= 2 || ratio <= 0.5;
    default:
      return true;
  }
}

type Scored = { file: StockFile; score: number };

function ordering(order: Criteria['order']): (a: Scored, b: Scored) => number {
  const byId = (a: Scored, b: Scored) => a.file.id - b.file.id;
  switch (order) {
    case 'creation':
      return (a, b) => b.file.creation_date.localeCompare(a.file.creation_date) || byId(a, b);
    case 'popularity':
      return (a, b) => b.file.nb_views - a.file.nb_views || byId(a, b);
    case 'nb_downloads':
      return (a, b) => b.file.nb_downloads - a.file.nb_downloads || byId(a, b);
    case 'undiscovered':
      return (a, b) => a.file.nb_views - b.file.nb_views || byId(a, b);
    default:
      return (a, b) => b.score - a.score || b.file.nb_downloads - a.file.nb_downloads || byId(a, b);
  }
}

/** Thumbnails and comps live on a made-up CDN host: the emulator serves no images (docs/stock.md). */
const CDN = 'https://stock-thumbnails.adobe-api-mock.invalid';

function thumbnail(file: StockFile, size: number) {
  const scale = size / Math.max(file.width, file.height);
  const width = Math.round(file.width * scale);
  const height = Math.round(file.height * scale);
  const url = `${CDN}/${size}/${file.id}.jpg`;
  const html = `<img src='${url}' alt='${escapeHtml(file.title)}' />`;
  return { url, width, height, html };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function columnsOf(file: StockFile, criteria: Criteria, member: StockMember | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of criteria.columns) {
    if (column === 'nb_results') continue;
    const sized = SIZED_THUMBNAIL_COLUMN.exec(column);
    if (sized) {
      const thumb = thumbnail(file, Number(sized[1]));
      out[column] = sized[2] === 'html_tag' ? thumb.html : thumb[sized[2] as 'url' | 'width' | 'height'];
      continue;
    }
    const value = columnValue(file, column, criteria, member);
    if (value !== undefined) out[column] = value;
  }
  return out;
}

function columnValue(file: StockFile, column: string, criteria: Criteria, member: StockMember | null): unknown {
  const thumb = () => thumbnail(file, criteria.thumbnailSize);
  const comp = () => thumbnail(file, 1000);
  switch (column) {
    case 'thumbnail_url':
      return thumb().url;
    case 'thumbnail_html_tag':
      return thumb().html;
    case 'thumbnail_width':
      return thumb().width;
    case 'thumbnail_height':
      return thumb().height;
    case 'comp_url':
      return `${CDN}/comp/${file.id}.jpg`;
    case 'comp_width':
      return comp().width;
    case 'comp_height':
      return comp().height;
    case 'details_url':
      return `https://stock.adobe.com/${file.id}`;
    case 'stock_id':
      return String(file.id);
    case 'is_premium':
      return file.premium_level_id > 1;
    case 'is_licensed':
      // Known only for a signed-in member; Stock answers an empty string when the asset is not licensed.
      return member ? (licenseHeld(member, file.id)?.license ?? '') : '';
    case 'category_hierarchy':
      return [file.category];
    default:
      return (file as unknown as Record<string, unknown>)[column];
  }
}
