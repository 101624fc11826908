/** The Resources panel: per product and scope, each collection as a foldable table of its newest objects. */
import type { ApiAnswer } from './api.js';
import { humanise } from '../humanise.js';
import { cell, columnsFor, productTitle, viewOf } from './columns.js';
import { $, h } from './dom.js';
import type { CollectionOverview, Resources, ScopeOverview } from './types.js';

/** Folded or unfolded, per `<scope>|<collection>`, once the user has chosen. */
const openState = new Map<string, boolean>();
/** Rows shown per collection until "show more" is pressed (remembered per collection). */
const FIRST_ROWS = 10;
const expanded = new Set<string>();

function renderCollection(scope: string, name: string, overview: CollectionOverview): HTMLDetailsElement {
  const key = `${scope}|${name}`;
  const view = viewOf(scope, name);
  const open = openState.has(key) ? openState.get(key) : view?.open === true;
  const columns = columnsFor(scope, name);
  const shown = overview.items.length;
  const details = h(
    'details',
    { class: 'collection', 'data-collection': name, open },
    h(
      'summary',
      { title: name },
      overview.title || view?.title || humanise(name),
      h('span', { class: 'count', 'data-count': overview.count, text: String(overview.count) }),
      shown < overview.count ? h('span', { class: 'muted small', text: `  (the ${shown} newest listed)` }) : '',
    ),
  );
  details.addEventListener('toggle', () => openState.set(key, details.open));
  if (overview.count === 0) {
    details.append(h('p', { class: 'empty', text: 'None yet.' }));
    return details;
  }
  const visible = expanded.has(key) ? overview.items : overview.items.slice(0, FIRST_ROWS);
  const body = h(
    'tbody',
    {},
    visible.map((item) =>
      h(
        'tr',
        { 'data-id': String(item.id) },
        columns.map((column) => cell(column, item)),
      ),
    ),
  );
  details.append(
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((column) => h('th', { text: column.heading })),
        ),
      ),
      body,
    ),
  );
  if (overview.items.length > FIRST_ROWS) {
    const more = expanded.has(key);
    details.append(
      h('button', {
        type: 'button',
        class: 'more',
        text: more ? 'Show fewer' : `Show ${overview.items.length - FIRST_ROWS} more`,
        onclick: () => {
          if (more) expanded.delete(key);
          else expanded.add(key);
          details.replaceWith(renderCollection(scope, name, overview));
        },
      }),
    );
  }
  return details;
}

/** The last answer rendered: an unchanged answer leaves the panel (and what the user unfolded) alone. */
let lastResources = '';
export function renderResources(answer: ApiAnswer<Resources>): void {
  const container = $('resources');
  if (!answer.ok) {
    lastResources = '';
    container.replaceChildren(h('p', { class: 'empty', text: `Resources unavailable (GET /_mock/resources answered ${answer.status}).` }));
    return;
  }
  if (answer.text === lastResources) return;
  lastResources = answer.text;
  const byProduct = new Map<string, ScopeOverview[]>();
  for (const scope of answer.json!.scopes) {
    if (!byProduct.has(scope.product)) byProduct.set(scope.product, []);
    byProduct.get(scope.product)!.push(scope);
  }
  const sections: HTMLElement[] = [];
  for (const [product, scopes] of byProduct) {
    sections.push(
      h(
        'section',
        { class: `product product-${product}`, 'data-product': product },
        h('h2', { text: productTitle(product) }),
        scopes.map((scope) =>
          h(
            'article',
            { class: 'scope', 'data-scope': scope.scope },
            h('div', { class: 'scope-head' }, h('h3', { text: scope.label }), h('code', { class: 'muted', text: scope.scope })),
            Object.entries(scope.collections).map(([name, overview]) => renderCollection(scope.scope, name, overview)),
          ),
        ),
      ),
    );
  }
  if (sections.length === 0) sections.push(h('p', { class: 'empty', text: 'The emulator holds nothing.' }));
  container.replaceChildren(...sections);
}
