/**
 * The dashboard's browser script (an ES module, plain DOM, no dependencies), bundled into one
 * file by ../build-client.mjs and served as /_dashboard/app.js. It polls the /_mock API: the
 * request journal every 500 ms, resources, clock and faults every second. Routes that answer 404
 * (an emulator built without them) show as "unavailable" instead of breaking the page. The page
 * carries the first resources, clock and faults inline (script#first-data), rendered before the
 * first poll so no "Loading…" lingers, and how to show products and collections (the services'
 * declarations: headings, columns, which collections start unfolded).
 */
import { api, okAnswer } from './api.js';
import { isClockFrozen, renderClock } from './clock.js';
import { useDeclarations } from './columns.js';
import { $ } from './dom.js';
import { renderFaults } from './faults.js';
import { pollJournal } from './journal.js';
import { act, JOURNAL_MS, loop, refresh, REFRESH_MS } from './polling.js';
import { renderResources } from './resources.js';
import type { FirstData, Health } from './types.js';

function wire(): void {
  $('reset').addEventListener('click', () => {
    if (!window.confirm('Reset the emulator? Everything goes back to the bundled fixtures.')) return;
    act('Reset', 'POST', '/_mock/reset');
  });
  $('clock-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const advance = $<HTMLInputElement>('clock-advance').value.trim();
    if (advance) act('Clock advanced by ' + advance, 'POST', '/_mock/clock', { advance });
  });
  $('clock-freeze').addEventListener('click', () => act(isClockFrozen() ? 'Clock unfrozen' : 'Clock frozen', 'POST', '/_mock/clock', { freeze: !isClockFrozen() }));
  $('clock-reset').addEventListener('click', () => act('Clock back to real time', 'POST', '/_mock/clock', { reset: true }));
  $('clear-faults').addEventListener('click', () => act('Faults cleared', 'DELETE', '/_mock/faults'));
  $('clear-journal').addEventListener('click', async () => {
    const answer = await act('Journal cleared', 'DELETE', '/_mock/requests');
    if (answer && answer.ok) $('journal-rows').replaceChildren();
  });
}

/** The answers the page was served with (see ../first-data.ts), rendered at once; nothing to do without them. */
function renderFirstData(): void {
  const element = document.getElementById('first-data');
  if (!element) return;
  let data: FirstData | null = null;
  try { data = JSON.parse(element.textContent!) as FirstData | null; } catch { return; }
  useDeclarations(data!.dashboard);
  if (data!.resources) renderResources(okAnswer(data!.resources));
  if (data!.clock) renderClock(okAnswer(data!.clock));
  if (data!.faults) renderFaults(okAnswer(data!.faults));
}

function start(): void {
  wire();
  renderFirstData();
  api<Health>('GET', '/_mock/health').then((answer) => {
    if (answer.ok && answer.json) $('version').textContent = 'v' + answer.json.version + ' · ' + (answer.json.services || []).join(', ');
  }).catch(() => {});
  loop(refresh, REFRESH_MS);
  loop(pollJournal, JOURNAL_MS);
}

start();
