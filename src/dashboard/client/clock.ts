/** The Clock panel: the emulator's time, its offset from real time, and whether it is frozen. */
import type { ApiAnswer } from './api.js';
import { when } from './cells.js';
import { $, h } from './dom.js';
import type { ClockState } from './types.js';

let clockFrozen = false;
/** As last rendered: the Freeze button toggles it. */
export const isClockFrozen = (): boolean => clockFrozen;

export function renderClock(answer: ApiAnswer<ClockState>): void {
  const el = $('clock');
  if (!answer.ok) { el.textContent = 'Clock unavailable (' + answer.status + ')'; return; }
  const clock = answer.json!;
  clockFrozen = Boolean(clock.frozen);
  const offsetMinutes = Math.round((clock.epochMs - Date.now()) / 60000);
  const offset = Math.abs(offsetMinutes) < 1 ? 'real time'
    : (offsetMinutes > 0 ? '+' : '-') + formatMinutes(Math.abs(offsetMinutes)) + (offsetMinutes > 0 ? ' ahead of' : ' behind') + ' real time';
  el.replaceChildren(h('strong', { class: 'mono', 'data-now': clock.now, text: when(clock.now) }), ' ',
    h('span', { class: 'muted small', text: '(' + offset + ')' }), ' ', clockFrozen ? h('span', { class: 'badge warn', text: 'frozen' }) : '');
  $('clock-freeze').textContent = clockFrozen ? 'Unfreeze' : 'Freeze';
}

function formatMinutes(total: number): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  return [days ? days + 'd' : '', hours ? hours + 'h' : '', minutes ? minutes + 'm' : ''].join('') || '0m';
}
