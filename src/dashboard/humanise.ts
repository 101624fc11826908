/**
 * A readable title from a collection's camelCase name, for a collection no service gives a title.
 * Pure (no Node imports): the server (control/collection-titles.ts) and the dashboard's browser
 * script (bundled by esbuild) both use it.
 */

/** `largeFileUploads` → "Large file uploads"; `xdm_fieldGroups` → "Xdm field groups". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}
