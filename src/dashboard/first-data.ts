/**
 * The data the dashboard page carries inline: the same answers as GET /_mock/resources,
 * /_mock/clock and /_mock/faults at the moment the page is served. The script renders them
 * before its first poll, so the page shows data as soon as it has loaded (a screenshot taken
 * right after load shows resources, not "Loading…").
 */
import type { AppContext } from '../context.js';
import { collectResources, DEFAULT_ITEMS } from '../control/resources.js';
import { clockState } from '../control/routes.js';
import type { FaultRegistry } from '../control/faults.js';

export interface FirstData {
  resources: ReturnType<typeof collectResources>;
  clock: ReturnType<typeof clockState>;
  faults: { faults: unknown[] };
}

export function firstDashboardData(ctx: AppContext, faults: FaultRegistry): FirstData {
  return { resources: collectResources(ctx, DEFAULT_ITEMS), clock: clockState(ctx), faults: { faults: faults.list() } };
}

/**
 * The data as a `<script type="application/json">` element. `<` is escaped, so no string in
 * the data (an offer named `</script>`) can end the element early.
 */
export function inlineJson(id: string, data: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
