/** Keeping the panels current: refresh() re-reads resources, clock and faults; act() runs a button's call, then refreshes. */
import { api, errorText, type ApiAnswer } from './api.js';
import { renderClock } from './clock.js';
import { notice } from './dom.js';
import { renderFaults } from './faults.js';
import { renderResources } from './resources.js';
import type { ClockState, Faults, Resources } from './types.js';

export const JOURNAL_MS = 500;
export const REFRESH_MS = 1000;

const errorMessage = (error: unknown): string => (error as Error).message;

let refreshing: Promise<void> | null = null;
let refreshAgain = false;
/** Resources, clock and faults; a call during a running refresh runs once more after it. */
export function refresh(): Promise<void> {
  if (refreshing) { refreshAgain = true; return refreshing; }
  refreshing = Promise.all([
    api<Resources>('GET', '/_mock/resources').then(renderResources),
    api<ClockState>('GET', '/_mock/clock').then(renderClock),
    api<Faults>('GET', '/_mock/faults').then(renderFaults),
  ]).then(() => undefined, (error: unknown) => notice('Cannot reach the emulator: ' + errorMessage(error), true))
    .finally(() => {
      refreshing = null;
      if (refreshAgain) { refreshAgain = false; refresh(); }
    });
  return refreshing;
}

/** Runs `task` now and again `ms` after each run ends, whatever it threw. */
export function loop(task: () => Promise<unknown>, ms: number): void {
  const run = async () => {
    try { await task(); } catch { /* the emulator may be restarting; try again */ }
    setTimeout(run, ms);
  };
  run();
}

export async function act(label: string, method: string, path: string, body?: unknown): Promise<ApiAnswer<unknown> | null> {
  try {
    const answer = await api(method, path, body);
    if (!answer.ok) notice(label + ' failed: ' + errorText(answer), true);
    else notice(label + ': done.');
    await refresh();
    return answer;
  } catch (error) {
    notice(label + ' failed: ' + errorMessage(error), true);
    return null;
  }
}
