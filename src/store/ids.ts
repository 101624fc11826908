import { customAlphabet } from 'nanoid';

const hex24 = customAlphabet('0123456789abcdef', 24);
const hex32 = customAlphabet('0123456789abcdef', 32);
const alnum32 = customAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 32);

/** Catalog dataset ids are 24 lowercase hex characters, e.g. 5c8c3c555033b814b69f947f. */
export const newDataSetId = (): string => hex24();

/** Batch ids are 32 lowercase hex characters. */
export const newBatchId = (): string => hex32();

/** Adobe Stock style request ids, e.g. 50eYaxEFurUlb8bOpkxcnzydg6aGiUgc. */
export const newStockRequestId = (): string => alnum32();

/** A random 256-bit secret, hex encoded. */
export const newSecret = (): string => hex32() + hex32();
