/** Small pieces the panels share: status badges, UTC times, cut text and table cells. */
import { h } from './dom.js';

const GOOD = new Set(['success', 'active', 'approved', 'complete', 'ok', 'on']);
const BUSY = new Set(['loading', 'staging', 'processing', 'queued', 'retrying', 'staged', 'saved', 'initialized']);
const BAD = new Set(['failed', 'aborted', 'abandoned', 'deleted', 'error']);

export function badge(status: unknown): HTMLSpanElement | '' {
  if (status === undefined || status === null || status === '') return '';
  const value = String(status);
  const lower = value.toLowerCase();
  const tone = GOOD.has(lower) ? 'ok' : BUSY.has(lower) ? 'warn' : BAD.has(lower) ? 'bad' : '';
  return h('span', { class: 'badge ' + tone, 'data-status': value, text: value });
}

export function httpBadge(status: number): HTMLSpanElement {
  if (status === 0) return h('span', { class: 'badge bad', text: 'dropped' });
  const tone = status >= 500 ? 'bad' : status >= 400 ? 'warn' : status >= 200 && status < 400 ? 'ok' : '';
  return h('span', { class: 'badge ' + tone, text: String(status) });
}

/** ISO 8601 in UTC to the second, as the Clock panel shows it: 2026-01-01 09:30:00Z. */
export function when(iso: unknown): string {
  if (!iso) return '';
  const date = new Date(iso as string);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** A time cell: wraps between date and time only (never inside either); the stored value in the tooltip. */
export function timeCell(iso: unknown): HTMLTableCellElement {
  const [date, time] = when(iso).split(' ');
  return h('td', { class: 'small', title: (iso as string) || undefined }, h('span', { class: 'nowrap', text: date }), time ? ' ' : '', time ? h('span', { class: 'nowrap', text: time }) : '');
}

/**
 * Text that would only fit broken mid-way (ids, paths): one line, cut with an ellipsis, the
 * whole text in the tooltip. The cell keeps a block inside so the cut has a width to work with.
 */
export const clipped = (text: string, className?: string): HTMLSpanElement => h('span', { class: 'clip ' + (className || ''), title: text, text });

/** A name cell: wraps at spaces, and after the slashes of path-like names (offers named after their page), never inside a word. */
export function nameCell(name: unknown): HTMLTableCellElement {
  const parts = String(name || '').split('/');
  return h('td', {}, parts.flatMap((part, index) => index < parts.length - 1 ? [part + '/', h('wbr')] : [part]));
}

export const idCell = (item: { id: string | number }): HTMLTableCellElement => h('td', {}, clipped(String(item.id), 'mono'));
