/**
 * Secrets hidden from the request journal. A masked value keeps its last four characters
 * (`***wxyz`) when it is long enough for them to reveal nothing useful, so two different
 * tokens or keys can still be told apart; cookies are hidden whole.
 */

const MASK = '***';
const TAIL = 4;
/** Values shorter than this are hidden whole. */
const TAIL_ABOVE = 12;

/** Request and response headers whose values are secrets. */
const TAILED_HEADERS = new Set(['authorization', 'x-api-key', 'access_token', 'access-token', 'x-access-token', 'proxy-authorization']);
const HIDDEN_HEADERS = new Set(['cookie', 'set-cookie']);

/** Query and body fields whose values are secrets; the first ones are hidden whole, tokens keep a tail. */
const HIDDEN_FIELDS = new Set(['client_secret', 'password']);
const SECRET_FIELDS = ['client_secret', 'access_token', 'refresh_token', 'id_token', 'jwt_token', 'authorization', 'password'];
const SECRET_FIELD_SET = new Set(SECRET_FIELDS);
const ANY_SECRET = new RegExp(SECRET_FIELDS.join('|'), 'i');
/** A JSON string field, closed or cut off by truncation at the end of the text. */
const JSON_FIELD = new RegExp(`("(?:${SECRET_FIELDS.join('|')})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)("|\\\\?$)`, 'gi');
const FORM_FIELD = new RegExp(`((?:^|&)(?:${SECRET_FIELDS.join('|')})=)([^&]*)`, 'gi');

export function maskValue(value: string): string {
  if (value.length < TAIL_ABOVE) return MASK;
  // Keep an authentication scheme (`Bearer`) readable.
  const space = value.indexOf(' ');
  const scheme = space > 0 && space < 16 ? value.slice(0, space + 1) : '';
  return `${scheme}${MASK}${value.slice(-TAIL)}`;
}

/** `head` is the matched `"name": "` or `name=` before the value. */
function maskField(head: string, value: string): string {
  const name = /[a-z_]+/i.exec(head)![0].toLowerCase();
  return HIDDEN_FIELDS.has(name) ? MASK : maskValue(value);
}

type HeaderValue = string | string[] | number | undefined;

/** A copy of a header object with secret values masked (undefined values left out). */
export function maskHeaders(headers: Record<string, HeaderValue>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (HIDDEN_HEADERS.has(lower)) out[name] = MASK;
    else if (TAILED_HEADERS.has(lower)) out[name] = Array.isArray(value) ? value.map(maskValue) : maskValue(String(value));
    else out[name] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}

/** A copy of a parsed query with secret parameters masked. */
export function maskQuery(query: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const name in query) {
    if (!SECRET_FIELD_SET.has(name.toLowerCase())) continue;
    out ??= { ...query };
    const value = query[name];
    out[name] = Array.isArray(value) ? value.map(() => MASK) : MASK;
  }
  return out ?? { ...query };
}

/** Body text (JSON or form-encoded) with the values of secret fields masked. */
export function maskBodyText(text: string): string {
  if (!ANY_SECRET.test(text)) return text;
  return text.replace(JSON_FIELD, (_match, head: string, value: string, end: string) => `${head}${maskField(head, value)}${end === '"' ? '"' : ''}`).replace(FORM_FIELD, (_match, head: string, value: string) => `${head}${maskField(head, value)}`);
}
