import { createReadStream } from 'node:fs';
import type { Answer } from '../answer.js';
import { rangeNotSatisfiable } from './errors.js';
import type { Download } from './model.js';
import { parseRange } from './range.js';

/**
 * A file as Data Access answers it: `application/octet-stream`, `Accept-Ranges: bytes`, the exact
 * length, and one byte range when the Range header asks for it (206 + Content-Range; 416 when it
 * cannot be met). Files on disk are streamed, never read whole. HEAD gets the same headers
 * without the body.
 */
export function downloadAnswer(content: Download, rangeHeader: string | undefined, headOnly: boolean): Answer {
  const bytes = content.kind === 'text' ? Buffer.from(content.text) : undefined;
  const size = content.kind === 'disk' ? content.size : bytes!.length;
  const wanted = parseRange(rangeHeader, size);
  if (wanted.kind === 'unsatisfiable') throw rangeNotSatisfiable(rangeHeader ?? '', size);

  const { start, end } = wanted.kind === 'partial' ? wanted.range : { start: 0, end: size - 1 };
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', 'content-length': String(end - start + 1) };
  if (wanted.kind === 'partial') headers['content-range'] = `bytes ${start}-${end}/${size}`;
  const status = wanted.kind === 'partial' ? 206 : 200;
  if (headOnly || size === 0) return { body: undefined, status, headers };
  if (content.kind === 'disk') return { body: createReadStream(content.absolutePath, { start, end }), status, headers };
  return { body: bytes!.subarray(start, end + 1), status, headers };
}
