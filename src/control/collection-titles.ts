/**
 * Readable titles for the store's collection names, as the dashboard shows them
 * ("Large file uploads", not `largeFileUploads`). A declared collection has the title its
 * service gives it; any other name is humanised from its camelCase, so a new collection never shows raw.
 */
import { humanise } from '../dashboard/humanise.js';
import { collectionsOfKind } from './declared.js';

export { humanise };

/** The title of a collection in scopes of a kind (`platform`, `target`...). */
export const collectionTitle = (kind: string, name: string): string =>
  collectionsOfKind(kind).find((collection) => collection.name === name)?.title ?? humanise(name);
