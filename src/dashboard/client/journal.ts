/**
 * The Request journal panel: polls GET /_mock/requests (`after=<last id>`, so only new entries
 * travel), newest row first; a click on a row unfolds its headers and bodies, pretty-printed,
 * each with a Copy button.
 */
import { api } from './api.js';
import { clipped, httpBadge, when } from './cells.js';
import { $, h } from './dom.js';
import { refresh } from './polling.js';
import type { Journal, JournalEntry } from './types.js';

/** Rows kept on the page; older ones are dropped. */
const JOURNAL_ROWS = 300;
/** Entries the first poll asks for. */
const JOURNAL_FIRST = 100;

let lastJournalId: string | null = null;
let journalAvailable = true;
let journalRetryAt = 0;

function pathWithQuery(entry: JournalEntry): string {
  const query = entry.query && typeof entry.query === 'object' ? new URLSearchParams(entry.query).toString() : '';
  return entry.path + (query ? '?' + query : '');
}

/** Objects and JSON text indented by two spaces; any other text as it came. */
function pretty(value: unknown): string {
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
async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); return true; } catch { /* fall back below */ }
  }
  const area = h('textarea', { readonly: true, style: 'position:fixed;top:-1000px;opacity:0' });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  // execCommand is deprecated, and still the only way to copy outside a secure context.
  try { copied = document.execCommand('copy'); } catch { copied = false; }
  area.remove();
  return copied;
}

function detailBlock(title: string, value: unknown): HTMLDivElement | '' {
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

function journalRow(entry: JournalEntry): HTMLTableRowElement {
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

export async function pollJournal(): Promise<void> {
  if ($<HTMLInputElement>('journal-pause').checked) return;
  if (!journalAvailable && Date.now() < journalRetryAt) return;
  // The first call fetches the most recent entries only; then only what is newer than the last one seen.
  const url = '/_mock/requests?' + (lastJournalId === null ? 'limit=' + JOURNAL_FIRST : 'after=' + encodeURIComponent(lastJournalId));
  const answer = await api<Journal>('GET', url);
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
    const last = rows.lastElementChild!;
    if (last.classList.contains('entry-detail')) last.previousElementSibling!.remove();
    last.remove();
  }
  const total = answer.json && answer.json.total;
  const dropped = answer.json && answer.json.dropped;
  status.textContent = (total !== undefined ? total + ' request(s) kept' : '') + (dropped ? ', ' + dropped + ' older ones dropped' : '') + '. Click a row for headers and bodies.';
  if (requests.length > 0) refresh();
}
