/**
 * The dashboard's browser script (an ES module, plain DOM, no dependencies), kept as a string so
 * `tsc` ships it inside dist/ with the rest of the server. It polls the /_mock API:
 * the request journal every 500 ms (`after=<last id>`, so only new entries travel), resources,
 * clock and faults every second. Routes that answer 404 (an emulator built without them) show as
 * "unavailable" instead of breaking the page. The page carries the first resources, clock and
 * faults inline (script#first-data), rendered before the first poll so no "Loading…" lingers.
 *
 * Inside the string: no backticks and no dollar-brace sequences (it is a template literal).
 */
export const DASHBOARD_SCRIPT = String.raw`
const JOURNAL_MS = 500;
const REFRESH_MS = 1000;
const JOURNAL_ROWS = 300;
const JOURNAL_FIRST = 100;

const PRODUCTS = {
  platform: 'Adobe Experience Platform',
  target: 'Adobe Target · Admin API',
  profile: 'Adobe Target · profiles',
  stock: 'Adobe Stock',
  ims: 'Adobe IMS',
  unknown: 'Other',
};

/** The server sends each collection's title; an older server does not: "largeFileUploads" → "Large file uploads". */
function humanise(name) {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-\s]+/g, ' ').trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/** Collections shown unfolded; the user's own choice wins afterwards. */
const OPEN_BY_DEFAULT = new Set(['dataSets', 'batches', 'activities', 'offers', 'audiences', 'profiles']);
const openState = new Map();
/** Rows shown per collection until "show more" is pressed (remembered per collection). */
const FIRST_ROWS = 10;
const expanded = new Set();

const $ = (id) => document.getElementById(id);

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

async function api(method, path, body) {
  // The header marks the dashboard's own calls: the terminal log shows its reads at debug level only.
  const init = { method, headers: { accept: 'application/json', 'x-mock-dashboard': '1' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: response.status, ok: response.ok, json, text };
}

let noticeTimer = null;
function notice(message, isError) {
  const el = $('notice');
  el.textContent = message;
  el.className = isError ? 'notice error' : 'notice';
  el.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { el.hidden = true; }, isError ? 8000 : 3000);
}

const errorText = (answer) => (answer.json && (answer.json.message || answer.json.error_description || answer.json.error)) || ('HTTP ' + answer.status);

// ---- status badges ----

const GOOD = new Set(['success', 'active', 'approved', 'complete', 'ok', 'on']);
const BUSY = new Set(['loading', 'staging', 'processing', 'queued', 'retrying', 'staged', 'saved', 'initialized']);
const BAD = new Set(['failed', 'aborted', 'abandoned', 'deleted', 'error']);

function badge(status) {
  if (status === undefined || status === null || status === '') return '';
  const value = String(status);
  const lower = value.toLowerCase();
  const tone = GOOD.has(lower) ? 'ok' : BUSY.has(lower) ? 'warn' : BAD.has(lower) ? 'bad' : '';
  return h('span', { class: 'badge ' + tone, 'data-status': value, text: value });
}

function httpBadge(status) {
  if (status === 0) return h('span', { class: 'badge bad', text: 'dropped' });
  const tone = status >= 500 ? 'bad' : status >= 400 ? 'warn' : status >= 200 && status < 400 ? 'ok' : '';
  return h('span', { class: 'badge ' + tone, text: String(status) });
}

/** ISO 8601 in UTC to the second, as the Clock panel shows it: 2026-01-01 09:30:00Z. */
function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** A time cell: wraps between date and time only (never inside either); the stored value in the tooltip. */
function timeCell(iso) {
  const [date, time] = when(iso).split(' ');
  return h('td', { class: 'small', title: iso || undefined }, h('span', { class: 'nowrap', text: date }), time ? ' ' : '', time ? h('span', { class: 'nowrap', text: time }) : '');
}

/**
 * Text that would only fit broken mid-way (ids, paths): one line, cut with an ellipsis, the
 * whole text in the tooltip. The cell keeps a block inside so the cut has a width to work with.
 */
const clipped = (text, className) => h('span', { class: 'clip ' + (className || ''), title: text, text });

// ---- resources ----

function metricsText(metrics) {
  if (!metrics) return '';
  const parts = [];
  const known = [['recordsRead', 'read'], ['recordsWritten', 'written'], ['failedRecordCount', 'failed']];
  for (const [key, label] of known) if (metrics[key] !== undefined) parts.push(label + ' ' + metrics[key]);
  if (metrics.failureReason) parts.push(String(metrics.failureReason));
  if (parts.length === 0) {
    for (const [key, value] of Object.entries(metrics).slice(0, 3)) parts.push(key + ' ' + value);
  }
  return parts.join(' · ');
}

function attributesText(attributes) {
  if (!attributes) return '';
  return Object.entries(attributes).map(([key, value]) => key + '=' + value).join(', ');
}

/** A name cell: wraps at spaces, and after the slashes of path-like names (offers named after their page), never inside a word. */
function nameCell(name) {
  const parts = String(name || '').split('/');
  return h('td', {}, parts.flatMap((part, index) => index < parts.length - 1 ? [part + '/', h('wbr')] : [part]));
}

const idCell = (item) => h('td', {}, clipped(String(item.id), 'mono'));

const COLUMNS = {
  dataSets: [
    ['Name', (i) => nameCell(i.name)],
    ['Id', idCell],
    ['Last batch', (i) => h('td', {}, badge(i.lastBatchStatus), i.lastBatchId ? clipped(i.lastBatchId, 'mono small ref') : '')],
    ['Updated', (i) => timeCell(i.updated)],
  ],
  batches: [
    ['Id', idCell],
    ['Status', (i) => h('td', {}, badge(i.status))],
    ['Dataset', (i) => h('td', {}, i.dataSetId ? clipped(i.dataSetId, 'mono small ref') : '')],
    ['Metrics', (i) => h('td', { class: 'small' }, metricsText(i.metrics), i.errors ? ' · ' + i.errors + ' error code(s)' : '')],
    ['Updated', (i) => timeCell(i.updated)],
  ],
  activities: [
    ['Id', idCell],
    ['Name', (i) => nameCell(i.name)],
    ['Type', (i) => h('td', {}, (i.type || '').toUpperCase())],
    ['State', (i) => h('td', {}, badge(i.status))],
    ['Modified', (i) => timeCell(i.updated)],
  ],
  offers: [
    ['Id', idCell],
    ['Name', (i) => nameCell(i.name)],
    ['Modified', (i) => timeCell(i.updated)],
  ],
  audiences: [
    ['Id', idCell],
    ['Name', (i) => nameCell(i.name)],
    ['Origin', (i) => h('td', {}, i.origin || '')],
    ['Modified', (i) => timeCell(i.updated)],
  ],
  profiles: [
    ['Id', idCell],
    ['Attributes', (i) => h('td', { class: 'small' }, attributesText(i.attributes), i.thirdPartyId ? ' (thirdPartyId ' + i.thirdPartyId + ')' : '')],
    ['Modified', (i) => timeCell(i.updated)],
  ],
};
COLUMNS.thirdPartyProfiles = COLUMNS.profiles;
/** Per kind of scope first (Target profile batches are not Platform batches). */
COLUMNS['profile/batches'] = [
  ['Batch id', idCell],
  ['Rows', (i) => h('td', { text: i.rows === undefined ? '' : String(i.rows) })],
  ['Rejected', (i) => h('td', { text: i.rejected === undefined ? '' : String(i.rejected) })],
  ['Submitted', (i) => timeCell(i.created)],
];
COLUMNS['profile/settings'] = [
  ['Setting', idCell],
  ['Enabled', (i) => h('td', {}, i.enabled === undefined ? '' : badge(i.enabled ? 'on' : 'off'))],
];
const GENERIC_COLUMNS = [
  ['Id', idCell],
  ['Name', (i) => nameCell(i.name)],
  ['Status', (i) => h('td', {}, badge(i.status))],
  ['Updated', (i) => timeCell(i.updated)],
];

function renderCollection(scope, name, overview) {
  const key = scope + '|' + name;
  const open = openState.has(key) ? openState.get(key) : OPEN_BY_DEFAULT.has(name);
  const columns = COLUMNS[scope.split('/')[0] + '/' + name] || COLUMNS[name] || GENERIC_COLUMNS;
  const shown = overview.items.length;
  const details = h('details', { class: 'collection', 'data-collection': name, open },
    h('summary', { title: name }, overview.title || humanise(name), h('span', { class: 'count', 'data-count': overview.count, text: String(overview.count) }),
      shown < overview.count ? h('span', { class: 'muted small', text: '  (the ' + shown + ' newest listed)' }) : ''),
  );
  details.addEventListener('toggle', () => openState.set(key, details.open));
  if (overview.count === 0) {
    details.append(h('p', { class: 'empty', text: 'None yet.' }));
    return details;
  }
  const visible = expanded.has(key) ? overview.items : overview.items.slice(0, FIRST_ROWS);
  const body = h('tbody', {}, visible.map((item) =>
    h('tr', { 'data-id': String(item.id) }, columns.map(([, cell]) => cell(item)))));
  details.append(h('table', {}, h('thead', {}, h('tr', {}, columns.map(([title]) => h('th', { text: title })))), body));
  if (overview.items.length > FIRST_ROWS) {
    const more = expanded.has(key);
    details.append(h('button', {
      type: 'button', class: 'more',
      text: more ? 'Show fewer' : 'Show ' + (overview.items.length - FIRST_ROWS) + ' more',
      onclick: () => {
        if (more) expanded.delete(key); else expanded.add(key);
        details.replaceWith(renderCollection(scope, name, overview));
      },
    }));
  }
  return details;
}

let lastResources = '';
function renderResources(answer) {
  const container = $('resources');
  if (!answer.ok) {
    lastResources = '';
    container.replaceChildren(h('p', { class: 'empty', text: 'Resources unavailable (GET /_mock/resources answered ' + answer.status + ').' }));
    return;
  }
  if (answer.text === lastResources) return;
  lastResources = answer.text;
  const byProduct = new Map();
  for (const scope of answer.json.scopes) {
    if (!byProduct.has(scope.product)) byProduct.set(scope.product, []);
    byProduct.get(scope.product).push(scope);
  }
  const sections = [];
  for (const [product, scopes] of byProduct) {
    sections.push(h('section', { class: 'product product-' + product, 'data-product': product },
      h('h2', { text: PRODUCTS[product] || product }),
      scopes.map((scope) => h('article', { class: 'scope', 'data-scope': scope.scope },
        h('div', { class: 'scope-head' }, h('h3', { text: scope.label }), h('code', { class: 'muted', text: scope.scope })),
        Object.entries(scope.collections).map(([name, overview]) => renderCollection(scope.scope, name, overview)),
      )),
    ));
  }
  if (sections.length === 0) sections.push(h('p', { class: 'empty', text: 'The emulator holds nothing.' }));
  container.replaceChildren(...sections);
}

// ---- clock ----

let clockFrozen = false;
function renderClock(answer) {
  const el = $('clock');
  if (!answer.ok) { el.textContent = 'Clock unavailable (' + answer.status + ')'; return; }
  const clock = answer.json;
  clockFrozen = Boolean(clock.frozen);
  const offsetMinutes = Math.round((clock.epochMs - Date.now()) / 60000);
  const offset = Math.abs(offsetMinutes) < 1 ? 'real time'
    : (offsetMinutes > 0 ? '+' : '-') + formatMinutes(Math.abs(offsetMinutes)) + (offsetMinutes > 0 ? ' ahead of' : ' behind') + ' real time';
  el.replaceChildren(h('strong', { class: 'mono', 'data-now': clock.now, text: when(clock.now) }), ' ',
    h('span', { class: 'muted small', text: '(' + offset + ')' }), ' ', clockFrozen ? h('span', { class: 'badge warn', text: 'frozen' }) : '');
  $('clock-freeze').textContent = clockFrozen ? 'Unfreeze' : 'Freeze';
}

function formatMinutes(total) {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  return [days ? days + 'd' : '', hours ? hours + 'h' : '', minutes ? minutes + 'm' : ''].join('') || '0m';
}

// ---- faults ----

function faultText(fault) {
  const effects = [];
  if (fault.status !== undefined) effects.push('answers ' + fault.status + (fault.error ? ' (' + fault.error + ')' : ''));
  else if (fault.error) effects.push('answers ' + fault.error);
  if (fault.latencyMs) effects.push('waits ' + fault.latencyMs + ' ms');
  if (fault.drop) effects.push('drops the connection');
  if (fault.probability !== undefined && fault.probability !== 1) effects.push('with probability ' + fault.probability);
  if (fault.remaining !== undefined && fault.remaining !== null) effects.push(fault.remaining + ' more time(s)');
  else if (fault.count !== undefined) effects.push(fault.count + ' time(s)');
  return effects.join(', ');
}

let lastFaults = '';
function renderFaults(answer) {
  const el = $('faults');
  const button = $('clear-faults');
  if (!answer.ok) {
    lastFaults = '';
    button.disabled = true;
    el.replaceChildren(h('p', { class: 'empty', text: answer.status === 404 ? 'Fault injection unavailable in this emulator build.' : 'Faults unavailable (' + answer.status + ').' }));
    return;
  }
  button.disabled = false;
  if (answer.text === lastFaults) return;
  lastFaults = answer.text;
  const faults = (answer.json && answer.json.faults) || [];
  if (faults.length === 0) { el.replaceChildren(h('p', { class: 'empty', text: 'No active faults.' })); return; }
  el.replaceChildren(...faults.map((fault) => h('p', { class: 'fault', 'data-fault': String(fault.id) },
    h('span', { class: 'badge bad', text: fault.method || 'ANY' }), ' ',
    h('code', { text: fault.path || '*' }), fault.product ? ' (' + fault.product + ')' : '', ' → ', faultText(fault))));
}

// ---- journal ----

let lastJournalId = null;
let journalAvailable = true;
let journalRetryAt = 0;

function pathWithQuery(entry) {
  const query = entry.query && typeof entry.query === 'object' ? new URLSearchParams(entry.query).toString() : '';
  return entry.path + (query ? '?' + query : '');
}

/** Objects and JSON text indented by two spaces; any other text as it came. */
function pretty(value) {
  if (typeof value !== 'string') return JSON.stringify(value, null, 2);
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try { return JSON.stringify(JSON.parse(trimmed), null, 2); } catch { return value; }
}

/**
 * Copies text. navigator.clipboard exists on secure pages only (localhost and 127.0.0.1 are;
 * http://adobe-api-mock:4590 from another container is not): elsewhere a hidden textarea and
 * document.execCommand('copy') do it.
 */
async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); return true; } catch { /* fall back below */ }
  }
  const area = h('textarea', { readonly: true, style: 'position:fixed;top:-1000px;opacity:0' });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try { copied = document.execCommand('copy'); } catch { copied = false; }
  area.remove();
  return copied;
}

function detailBlock(title, value) {
  if (value === undefined || value === null || value === '') return '';
  const text = pretty(value);
  const copy = h('button', { type: 'button', class: 'copy small', text: 'Copy' });
  copy.addEventListener('click', async (event) => {
    event.stopPropagation();
    const copied = await copyText(text);
    copy.textContent = copied ? 'Copied' : 'Copy failed';
    setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
  });
  return h('div', { class: 'detail-block' }, h('div', { class: 'detail-head' }, h('strong', { class: 'small', text: title }), copy), h('pre', { text }));
}

function journalRow(entry) {
  const row = h('tr', { class: 'entry fresh', 'data-id': String(entry.id), 'data-method': entry.method, 'data-path': entry.path, 'data-status': String(entry.status) },
    h('td', { class: 'small mono time', title: entry.time, text: when(entry.time) }),
    h('td', { class: 'product-' + (entry.product || 'unknown') }, h('span', { class: 'badge product', text: entry.product || '?' })),
    h('td', { class: 'mono', text: entry.method }),
    h('td', {}, entry.fault !== undefined && entry.fault !== null ? h('span', { class: 'badge bad fault-mark', text: 'fault ' + entry.fault }) : '', clipped(pathWithQuery(entry), 'mono')),
    h('td', {}, httpBadge(entry.status)),
    h('td', { class: 'small number', text: entry.durationMs !== undefined ? String(Math.round(entry.durationMs * 10) / 10) : '' }),
  );
  row.addEventListener('click', () => {
    const next = row.nextElementSibling;
    if (next && next.classList.contains('entry-detail')) { next.remove(); return; }
    row.after(h('tr', { class: 'entry-detail' }, h('td', { colspan: 6 },
      detailBlock('Request headers', entry.requestHeaders),
      detailBlock('Request body' + (entry.requestBodyTruncated ? ' (truncated)' : ''), entry.requestBody),
      detailBlock('Request body', entry.requestBodyNote),
      detailBlock('Response headers', entry.responseHeaders),
      detailBlock('Response body' + (entry.responseBodyTruncated ? ' (truncated)' : ''), entry.responseBody),
      detailBlock('Response body', entry.responseBodyNote),
    )));
  });
  return row;
}

async function pollJournal() {
  if ($('journal-pause').checked) return;
  if (!journalAvailable && Date.now() < journalRetryAt) return;
  // The first call fetches the most recent entries only; then only what is newer than the last one seen.
  const url = '/_mock/requests?' + (lastJournalId === null ? 'limit=' + JOURNAL_FIRST : 'after=' + encodeURIComponent(lastJournalId));
  const answer = await api('GET', url);
  const status = $('journal-status');
  if (!answer.ok) {
    journalAvailable = false;
    journalRetryAt = Date.now() + 10000;
    status.textContent = answer.status === 404 ? 'Request journal unavailable in this emulator build (GET /_mock/requests answered 404).' : 'Request journal unavailable (' + answer.status + ').';
    return;
  }
  journalAvailable = true;
  const requests = (answer.json && answer.json.requests) || [];
  const rows = $('journal-rows');
  for (const entry of requests) {
    rows.prepend(journalRow(entry));
    lastJournalId = entry.id;
  }
  while (rows.querySelectorAll('tr.entry').length > JOURNAL_ROWS) {
    const last = rows.lastElementChild;
    if (last.classList.contains('entry-detail')) last.previousElementSibling.remove();
    last.remove();
  }
  const total = answer.json && answer.json.total;
  const dropped = answer.json && answer.json.dropped;
  status.textContent = (total !== undefined ? total + ' request(s) kept' : '') + (dropped ? ', ' + dropped + ' older ones dropped' : '') + '. Click a row for headers and bodies.';
  if (requests.length > 0) refresh();
}

// ---- polling ----

let refreshing = null;
let refreshAgain = false;
/** Resources, clock and faults; a call during a running refresh runs once more after it. */
function refresh() {
  if (refreshing) { refreshAgain = true; return refreshing; }
  refreshing = Promise.all([
    api('GET', '/_mock/resources').then(renderResources),
    api('GET', '/_mock/clock').then(renderClock),
    api('GET', '/_mock/faults').then(renderFaults),
  ]).catch((error) => notice('Cannot reach the emulator: ' + error.message, true))
    .finally(() => {
      refreshing = null;
      if (refreshAgain) { refreshAgain = false; refresh(); }
    });
  return refreshing;
}

function loop(task, ms) {
  const run = async () => {
    try { await task(); } catch (error) { /* the emulator may be restarting; try again */ }
    setTimeout(run, ms);
  };
  run();
}

// ---- actions ----

async function act(label, method, path, body) {
  try {
    const answer = await api(method, path, body);
    if (!answer.ok) notice(label + ' failed: ' + errorText(answer), true);
    else notice(label + ': done.');
    await refresh();
    return answer;
  } catch (error) {
    notice(label + ' failed: ' + error.message, true);
    return null;
  }
}

function wire() {
  $('reset').addEventListener('click', () => {
    if (!window.confirm('Reset the emulator? Everything goes back to the bundled fixtures.')) return;
    act('Reset', 'POST', '/_mock/reset');
  });
  $('clock-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const advance = $('clock-advance').value.trim();
    if (advance) act('Clock advanced by ' + advance, 'POST', '/_mock/clock', { advance });
  });
  $('clock-freeze').addEventListener('click', () => act(clockFrozen ? 'Clock unfrozen' : 'Clock frozen', 'POST', '/_mock/clock', { freeze: !clockFrozen }));
  $('clock-reset').addEventListener('click', () => act('Clock back to real time', 'POST', '/_mock/clock', { reset: true }));
  $('clear-faults').addEventListener('click', () => act('Faults cleared', 'DELETE', '/_mock/faults'));
  $('clear-journal').addEventListener('click', async () => {
    const answer = await act('Journal cleared', 'DELETE', '/_mock/requests');
    if (answer && answer.ok) $('journal-rows').replaceChildren();
  });
}

/** The answers the page was served with (see first-data.ts), rendered at once; nothing to do without them. */
function renderFirstData() {
  const element = $('first-data');
  if (!element) return;
  let data = null;
  try { data = JSON.parse(element.textContent); } catch { return; }
  const answer = (json) => ({ ok: true, status: 200, json, text: JSON.stringify(json) });
  if (data.resources) renderResources(answer(data.resources));
  if (data.clock) renderClock(answer(data.clock));
  if (data.faults) renderFaults(answer(data.faults));
}

async function start() {
  wire();
  renderFirstData();
  api('GET', '/_mock/health').then((answer) => {
    if (answer.ok && answer.json) $('version').textContent = 'v' + answer.json.version + ' · ' + (answer.json.services || []).join(', ');
  }).catch(() => {});
  loop(refresh, REFRESH_MS);
  loop(pollJournal, JOURNAL_MS);
}

start();
`;
