/**
 * Secrets hidden from the request journal and the log lines. A masked value keeps its last four
 * characters (`***wxyz`) when it is long enough for them to reveal nothing useful, so two
 * different tokens or keys can still be told apart; passwords, client secrets, codes and cookies
 * are hidden whole.
 *
 * One table says which names are secret, wherever they appear: request and response headers,
 * query parameters, form fields, JSON keys at any depth, and header lists inside JSON bodies
 * (`[{"name": "Authorization", "value": "Bearer ..."}]`, as in Target's /batch operations).
 * Bodies are masked as text, so the journal still shows them as sent, only the secret values
 * replaced.
 */

const MASK = '***';
const TAIL = 4;
/** Values shorter than this are hidden whole. */
const TAIL_ABOVE = 12;

type Rule = 'tail' | 'hide';

/** Every secret name (lower case) and how its value is masked. */
const SECRETS = new Map<string, Rule>([
  ['authorization', 'tail'],
  ['proxy-authorization', 'tail'],
  ['x-api-key', 'tail'],
  ['access_token', 'tail'],
  ['access-token', 'tail'],
  ['x-access-token', 'tail'],
  ['refresh_token', 'tail'],
  ['id_token', 'tail'],
  ['jwt_token', 'tail'],
  ['client_secret', 'hide'],
  ['password', 'hide'],
  ['cookie', 'hide'],
  ['set-cookie', 'hide'],
]);
/**
 * Secret only in query strings and form bodies (OAuth's authorization code, sent to IMS): the
 * products' JSON uses `code` for plain identifiers.
 */
const FORM_SECRETS = new Map<string, Rule>([...SECRETS, ['code', 'hide']]);

/** Keys of a header-list item that name the header; the item's `value` is then masked by that name's rule. */
const NAME_KEYS = new Set(['name', 'key', 'header']);

const escapeName = (name: string) => name.replace(/[-]/g, '\\-');
/** Any secret name anywhere: texts without one are returned untouched, unscanned. */
const ANY_SECRET = new RegExp([...FORM_SECRETS.keys()].map(escapeName).join('|'), 'i');
const FORM_FIELD = new RegExp(`((?:^|&)(${[...FORM_SECRETS.keys()].map(escapeName).join('|')})=)([^&]*)`, 'gi');

export function maskValue(value: string): string {
  if (value.length < TAIL_ABOVE) return MASK;
  // Keep an authentication scheme (`Bearer`) readable.
  const space = value.indexOf(' ');
  const scheme = space > 0 && space < 16 ? value.slice(0, space + 1) : '';
  return `${scheme}${MASK}${value.slice(-TAIL)}`;
}

type HeaderValue = string | string[] | number | undefined;

/** A copy of a header object with secret values masked (undefined values left out). */
export function maskHeaders(headers: Record<string, HeaderValue>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const rule = SECRETS.get(name.toLowerCase());
    if (rule === 'hide') out[name] = MASK;
    else if (rule === 'tail') out[name] = Array.isArray(value) ? value.map(maskValue) : maskValue(String(value));
    else out[name] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}

/** A copy of a parsed query with secret parameters hidden whole (a URL is shared more than a body). */
export function maskQuery(query: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const name in query) {
    if (!FORM_SECRETS.has(name.toLowerCase())) continue;
    out ??= { ...query };
    const value = query[name];
    out[name] = Array.isArray(value) ? value.map(() => MASK) : MASK;
  }
  return out ?? { ...query };
}

/** A URL (path and query, as logged) with the values of secret query parameters hidden. */
export function maskUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0 || !ANY_SECRET.test(url)) return url;
  return `${url.slice(0, queryAt + 1)}${url.slice(queryAt + 1).replace(FORM_FIELD, (_match, head: string) => `${head}${MASK}`)}`;
}

/** Body text (JSON or form-encoded) with the values of secret fields masked. */
export function maskBodyText(text: string): string {
  if (!ANY_SECRET.test(text)) return text;
  const spans = jsonSecretSpans(text);
  if (spans === null) return maskForm(text);
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const span of spans) {
    out += text.slice(from, span.start) + maskJsonString(span.rule, text.slice(span.start, span.end));
    from = span.end;
  }
  return out + text.slice(from);
}

function maskForm(text: string): string {
  return text.replace(FORM_FIELD, (_match, head: string, name: string, value: string) => {
    const rule = FORM_SECRETS.get(name.toLowerCase())!;
    if (rule === 'hide') return `${head}${MASK}`;
    let decoded = value;
    try {
      decoded = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: masked as it is.
    }
    return `${head}${encodeURIComponent(maskValue(decoded)).replace(/%2A/g, '*')}`;
  });
}

/** The masked form of a JSON string's content (between the quotes, escapes included). */
function maskJsonString(rule: Rule, raw: string): string {
  if (rule === 'hide') return MASK;
  if (!raw.includes('\\')) return maskValue(raw);
  let value = raw;
  try {
    value = JSON.parse(`"${raw}"`) as string;
  } catch {
    // Cut in the middle of an escape: the tail is taken from the raw text.
    value = raw.replace(/\\+$/, '');
  }
  return JSON.stringify(maskValue(value)).slice(1, -1);
}

interface Span {
  /** Content of a JSON string, between its quotes. */
  start: number;
  end: number;
  rule: Rule;
}

interface Frame {
  object: boolean;
  /** Object: a key is expected next. */
  expectKey: boolean;
  /** Object: the key whose value comes next (lower case). */
  key: string;
  /** Array: the rule of the key holding it (strings in it are masked by it). */
  rule?: Rule;
  /** Object: a header-list item naming a secret (`name`), and its `value`. */
  named?: Rule;
  value?: Span;
}

/**
 * Where the values of secrets are in a JSON text (possibly cut short by the journal's limit),
 * in order; null when the text is not JSON. One pass with an explicit stack: no recursion, however
 * deep the document.
 */
function jsonSecretSpans(text: string): Span[] | null {
  let i = skipSpace(text, 0);
  const first = text.charCodeAt(i);
  if (first !== 123 /* { */ && first !== 91 /* [ */) return null;
  const spans: Span[] = [];
  const stack: Frame[] = [];
  // The rule a value about to start gets from its key (for arrays under a secret key).
  let pendingRule: Rule | undefined;
  while (i < text.length) {
    const c = text[i];
    const frame = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      stack.push({ object: c === '{', expectKey: c === '{', key: '', rule: c === '[' ? pendingRule : undefined });
      pendingRule = undefined;
      i += 1;
    } else if (c === '}' || c === ']') {
      const closed = stack.pop();
      if (closed?.named && closed.value) spans.push({ ...closed.value, rule: closed.named });
      i += 1;
    } else if (c === ',') {
      if (frame?.object) frame.expectKey = true;
      i += 1;
    } else if (c === ':') {
      if (frame?.object) {
        frame.expectKey = false;
        pendingRule = SECRETS.get(frame.key);
      }
      i += 1;
    } else if (c === '"') {
      const start = i + 1;
      const end = stringEnd(text, start);
      i = end + 1;
      if (frame === undefined) continue;
      if (frame.object && frame.expectKey) {
        frame.key = text.slice(start, end).toLowerCase();
        continue;
      }
      pendingRule = undefined;
      const rule = frame.object ? SECRETS.get(frame.key) : frame.rule;
      if (rule) spans.push({ start, end, rule });
      else if (frame.object && NAME_KEYS.has(frame.key)) frame.named = SECRETS.get(text.slice(start, end).toLowerCase());
      else if (frame.object && frame.key === 'value') frame.value = { start, end, rule: 'tail' };
    } else {
      // Numbers, literals, white space.
      if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') pendingRule = undefined;
      i += 1;
    }
  }
  // A header-list item cut short by the limit: its value is masked all the same.
  for (const open of stack) if (open.named && open.value) spans.push({ ...open.value, rule: open.named });
  return spans.sort((a, b) => a.start - b.start);
}

/** Index of the closing quote of a string whose content starts at `start` (the text's length when cut). */
function stringEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i += 1;
    else if (c === 34 /* " */) return i;
  }
  return text.length;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i += 1;
  return i;
}
