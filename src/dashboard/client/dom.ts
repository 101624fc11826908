/** Building DOM without a framework: h() for elements, $() for the page's fixed ones, notice() for the status line. */

export type Child = Node | string | number | false | null | undefined;
type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);

/** The page's fixed elements (page.ts), looked up by id; the page always has them. */
export const $ = <E extends HTMLElement = HTMLElement>(id: string): E => document.getElementById(id) as E;

/**
 * An element. Attributes: `class`, `text` (textContent), `on<event>` (a listener); null, undefined
 * and false leave an attribute out. Children: nodes, text, or arrays of them (one level).
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, AttrValue>, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value as (event: Event) => void);
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
export function notice(message: string, isError?: boolean): void {
  const el = $('notice');
  el.textContent = message;
  el.className = isError ? 'notice error' : 'notice';
  el.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { el.hidden = true; }, isError ? 8000 : 3000);
}
