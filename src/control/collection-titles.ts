/**
 * Readable titles for the store's collection names, as the dashboard shows them
 * ("Large file uploads", not `largeFileUploads`). A declared collection has the title its
 * service gives it; any other name is humanised from its camelCase, so a new collection never shows raw.
 */
import { collectionsOfKind } from './declared.js';

/** `largeFileUploads` → "Large file uploads"; `xdm_fieldGroups` → "Xdm field groups". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

/** The title of a collection in scopes of a kind (`platform`, `target`...). */
export const collectionTitle = (kind: string, name: string): string =>
  collectionsOfKind(kind).find((collection) => collection.name === name)?.title ?? humanise(name);
