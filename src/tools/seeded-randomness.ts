/**
 * Makes this process's random numbers, ids and bytes (Math.random, node:crypto's randomUUID,
 * randomInt, randomBytes and getRandomValues, which nanoid uses) one fixed sequence (xorshift32),
 * so that an emulator run in it answers the same ids every time. For build tools only
 * (write-examples.ts): nothing random is left in the process.
 */
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';

export function seedRandomness(seed = 0x2f6b3c1d): void {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) & 0xff;
  };
  const fill = <T extends ArrayBufferView | null>(array: T): T => {
    if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = next();
    }
    return array;
  };
  const hex = (count: number) => Array.from({ length: count }, () => next().toString(16).padStart(2, '0')).join('');
  const uuid = () => {
    const h = hex(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}` as `${string}-${string}-${string}-${string}-${string}`;
  };
  Math.random = () => (next() * 256 + next()) / 65536;
  crypto.randomUUID = uuid;
  crypto.randomInt = ((min: number, max?: number) => {
    const [low, high] = max === undefined ? [0, min] : [min, max];
    return low + Math.floor(Math.random() * (high - low));
  }) as typeof crypto.randomInt;
  crypto.randomBytes = ((size: number) => fill(Buffer.alloc(size))) as typeof crypto.randomBytes;
  crypto.webcrypto.getRandomValues = fill as typeof crypto.webcrypto.getRandomValues;
  crypto.webcrypto.randomUUID = uuid;
  syncBuiltinESMExports();
}
