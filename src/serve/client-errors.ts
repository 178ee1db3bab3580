/**
 * Answers to requests Node's HTTP parser refuses before any handler runs. Destroying the socket (the default
 * here before) looks like a network failure to the client; a status line says what was wrong: 414 for a URL
 * too long, 431 for headers too large, 400 for anything else malformed.
 */
import type { Duplex } from 'node:stream';

/** Bytes of the request line beyond which an oversized request is blamed on its URL (414) rather than its headers. */
const LONG_REQUEST_LINE = 8 * 1024;

type ParserError = Error & { code?: string; rawPacket?: Buffer };

/** The status line for a parser error. */
export function statusForClientError(err: ParserError): string {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    const raw = err.rawPacket;
    const lineEnd = raw ? raw.indexOf('\r\n') : -1;
    // The request line alone filled the parser's buffer: the URL is what is too long.
    return raw && (lineEnd === -1 || lineEnd > LONG_REQUEST_LINE) ? '414 URI Too Long' : '431 Request Header Fields Too Large';
  }
  if (err.code === 'HPE_URI_TOO_LONG') return '414 URI Too Long';
  return '400 Bad Request';
}

/** For the server's `clientError` event. */
export function answerClientError(err: ParserError, socket: Duplex): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = statusForClientError(err);
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${status.slice(4).toLowerCase()}\n`);
}
