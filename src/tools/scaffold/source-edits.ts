/**
 * Small, text-level edits of TypeScript sources for the route scaffold: add a name to an import,
 * add a line inside a service's routes plugin. They only touch code shaped the way the project
 * writes it and refuse anything else, so a hand-written file is never mangled.
 */

/** One name to import: a value (`answer`) or a type (`AppContext`). */
export interface Imported {
  name: string;
  from: string;
  type?: boolean;
}

const BRACED_IMPORT = /^import (type )?\{([^}]*)\} from '([^']+)';/gm;
const ANY_IMPORT = /^import [^;]*;/gm;

/** The source with `wanted` imported, merged into an existing `import {…} from` of the same module when there is one. */
export function ensureImport(source: string, wanted: Imported): string {
  for (const match of source.matchAll(BRACED_IMPORT)) {
    const [statement, typeOnly, names, from] = match;
    if (from !== wanted.from) continue;
    const present = names
      .split(',')
      .map((name) => name.trim().replace(/^type /, ''))
      .filter(Boolean);
    if (present.includes(wanted.name)) return source;
    // A value cannot join an `import type {…}`; it gets its own statement below.
    if (typeOnly && !wanted.type) continue;
    const entry = wanted.type && !typeOnly ? `type ${wanted.name}` : wanted.name;
    const merged = `import ${typeOnly ?? ''}{ ${[
      ...names
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
      entry,
    ].join(', ')} } from '${from}';`;
    return source.slice(0, match.index) + merged + source.slice(match.index + statement.length);
  }
  const statement = `import ${wanted.type ? 'type ' : ''}{ ${wanted.name} } from '${wanted.from}';`;
  const imports = [...source.matchAll(ANY_IMPORT)];
  if (imports.length === 0) return `${statement}\n\n${source}`;
  const last = imports[imports.length - 1];
  const end = last.index + last[0].length;
  return `${source.slice(0, end)}\n${statement}${source.slice(end)}`;
}

export function ensureImports(source: string, wanted: Imported[]): string {
  return wanted.reduce(ensureImport, source);
}

const SERVICE_PLUGIN = /^export const (\w+): ServicePlugin = async \(app, \{ ctx \}\) => \{$/m;

/** Why a routes file cannot take a generated line; the message says what to do instead. */
export class NotAServicePlugin extends Error {}

/**
 * The source with `line` added as the last statement of its `ServicePlugin` (the
 * `export const …: ServicePlugin = async (app, { ctx }) => {` … `};` block).
 */
export function addRouteLine(source: string, line: string): { source: string; plugin: string } {
  const start = SERVICE_PLUGIN.exec(source);
  if (!start) {
    throw new NotAServicePlugin('it has no `export const …: ServicePlugin = async (app, { ctx }) => {` (src/services/typed-routes.ts)');
  }
  const close = source.indexOf('\n};', start.index);
  if (close === -1) throw new NotAServicePlugin(`the body of ${start[1]} does not end with a \`};\` line`);
  return { source: `${source.slice(0, close)}\n  ${line}${source.slice(close)}`, plugin: start[1] };
}
