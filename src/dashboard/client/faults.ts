/** The Active faults panel: one line per injected fault, saying what it does. */
import type { ApiAnswer } from './api.js';
import { $, h } from './dom.js';
import type { Fault, Faults } from './types.js';

function faultText(fault: Fault): string {
  const effects: string[] = [];
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
export function renderFaults(answer: ApiAnswer<Faults>): void {
  const el = $('faults');
  const button = $<HTMLButtonElement>('clear-faults');
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
