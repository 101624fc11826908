import { http } from '../node-http.js';
import type { Socket } from 'node:net';
import { STATUS_OF, type GenericFailure } from '../errors/api-error.js';
import type { ProductEnvelope } from './http.js';

const { STATUS_CODES, maxHeaderSize } = http;

/** What Node's HTTP parser reports with a request it could not read (the 'clientError' event). */
interface ClientError extends Error {
  code?: string;
  /** llhttp's reason, e.g. "Invalid header token". */
  reason?: string;
  /** The chunk the parser failed on. */
  rawPacket?: Buffer;
}

const REQUEST_LINE = /^[A-Za-z]+ (\S+) HTTP\/\d\.\d\r?\n/;

/**
 * Answers a request Node's HTTP parser refused (headers too large, a malformed header...) in
 * the envelope of the product its URL names, as a complete response: 431 for headers over the
 * size limit, 408 for a request not received in time, 400 otherwise; then closes the socket.
 */
export function answerClientErrors(envelopeForUrl: (url: string) => ProductEnvelope) {
  return (connectionError: Error, socket: Socket): void => {
    const error = connectionError as ClientError;
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [kind, message] = classify(error);
    const status = STATUS_OF[kind];
    const body = JSON.stringify(envelopeForUrl(requestUrl(error, socket) ?? '/').failure(kind, message));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}

function classify(error: ClientError): [GenericFailure, string] {
  if (error.code === 'HPE_HEADER_OVERFLOW') return ['headers-too-large', `The request headers are larger than the ${maxHeaderSize} bytes the server reads`];
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return ['request-timeout', 'The request was not received in time'];
  return ['bad-request', `The request is not valid HTTP: ${error.reason ?? error.message}`];
}

/**
 * The URL of the refused request: from its request line when the failing chunk starts with
 * it, else from what the parser had already read of it (`_url` of Node's parser: internal, so
 * only used when it is a string). Null when neither is known (the control envelope answers).
 */
function requestUrl(error: ClientError, socket: Socket): string | null {
  const packet = error.rawPacket?.subarray(0, 8192).toString('latin1');
  const line = packet === undefined ? null : REQUEST_LINE.exec(packet);
  if (line) return line[1];
  const parsed = (socket as Socket & { parser?: { _url?: unknown } }).parser?._url;
  return typeof parsed === 'string' && parsed !== '' ? parsed : null;
}
