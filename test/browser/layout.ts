/**
 * Layout checks the dashboard test runs in the page: text that does not fit its table cell or
 * panel. An element overflows when its content is wider than its box (scrollWidth >
 * clientWidth, one pixel of rounding allowed). Cut text is fine when it is cut on purpose: an
 * element with `text-overflow: ellipsis` and a title tooltip holding the whole text.
 */
import type { Page } from 'playwright-core';

/** Table cells and the page's panels: where text must fit. */
const CHECKED = 'td, th, summary, .top, .controls, .control-group, .scope, .scope-head, .product > h2, .journal, .journal-head, #journal-status';

/** A short description per overflowing element ("td.mono: 412 > 180 px: /data/foundation/…"), none when all fits. */
export async function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const describe = (element: Element, scrollWidth: number, clientWidth: number) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).trim().replace(/\s+/g, '.')}` : ''}: ` +
      `${scrollWidth} > ${clientWidth} px: ${(element.textContent ?? '').trim().slice(0, 60)}`;
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll(selector))) {
      if (element.getClientRects().length === 0) continue; // not rendered (a closed collection)
      if (element.scrollWidth > element.clientWidth + 1) found.push(describe(element, element.scrollWidth, element.clientWidth));
    }
    // Cut on purpose only with the whole text at hand.
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      if (getComputedStyle(element).textOverflow !== 'ellipsis') continue;
      if (element.scrollWidth > element.clientWidth + 1 && !element.getAttribute('title')) {
        found.push(`${describe(element, element.scrollWidth, element.clientWidth)} (cut without a title)`);
      }
    }
    return found;
  }, CHECKED);
}

/** Whether the visible text of the page says "Loading…" anywhere (innerText skips hidden elements). */
export const showsLoading = (page: Page): Promise<boolean> => page.evaluate(() => document.body.innerText.includes('Loading…'));
