/**
 * Back-pressure per WebSocket connection. A client that sends requests and never reads its socket used to make
 * the server buffer every response (0.3 -> 2.7 GB after 150 requests). Now each connection counts its
 * outstanding requests (received, not yet written out to the kernel) and the bytes `ws` still buffers for it:
 * past either high-water mark the server stops reading that socket (the client's own TCP window then stops it
 * sending), and reads again below the low-water marks. A client whose unread responses pass a hard limit anyway
 * (a few huge ones) is closed with code 1008 and a reason saying so. Nothing here touches other connections.
 */
import type { WebSocket } from 'ws';

export interface BackpressureLimits {
  /** Requests received but not yet answered and flushed; reading pauses at this many. */
  maxOutstanding: number;
  /** Buffered response bytes at which reading pauses. */
  highWaterBytes: number;
  /** Reading resumes when the buffered bytes fall below this (and requests below `maxOutstanding`). */
  lowWaterBytes: number;
  /** Buffered bytes at which the connection is closed instead. */
  hardLimitBytes: number;
}

export const DEFAULT_LIMITS: BackpressureLimits = {
  maxOutstanding: 16,
  highWaterBytes: 16 * 1024 * 1024,
  lowWaterBytes: 4 * 1024 * 1024,
  hardLimitBytes: 256 * 1024 * 1024,
};

/** Close code and reason for a client that does not read its responses. */
export const NOT_READING = { code: 1008, reason: 'closed by the server: the client is not reading its responses' } as const;

export interface ConnectionStats {
  /** Requests started and not yet answered and flushed. */
  outstanding: number;
  /** Requests received and not started yet. */
  waiting: number;
  bufferedBytes: number;
  paused: boolean;
  /** Being closed for not reading (the close frame waits behind the unread answers; terminated 2 s later). */
  closing: boolean;
  /** Most bytes this connection ever had buffered. */
  peakBufferedBytes: number;
}

/** Back-pressure state of one connection: requests enter through `admit`, frames leave through `send`. */
export interface Flow {
  /**
   * A request arrived: `start` runs now, or once fewer than `maxOutstanding` are outstanding (frames parsed from
   * one TCP chunk arrive together, before a pause can take effect; they wait here, a few kilobytes at most).
   */
  admit(start: () => void): void;
  /** Sends a frame; `done` marks the end of a request (its response was written out). */
  send(frame: Uint8Array, done: boolean): void;
  stats(): ConnectionStats;
}

export function connectionFlow(ws: WebSocket, limits: BackpressureLimits = DEFAULT_LIMITS): Flow {
  let outstanding = 0;
  let peak = 0;
  let closed = false;
  const waiting: (() => void)[] = [];
  let scheduled = false;

  const pump = () => {
    scheduled = false;
    if (closed || ws.readyState !== ws.OPEN) return;
    while (waiting.length > 0 && outstanding < limits.maxOutstanding && ws.bufferedAmount < limits.highWaterBytes) {
      outstanding += 1;
      waiting.shift()!();
    }
    check();
  };

  const check = () => {
    if (closed || ws.readyState !== ws.OPEN) return;
    const buffered = ws.bufferedAmount;
    peak = Math.max(peak, buffered);
    if (buffered > limits.hardLimitBytes) {
      closed = true;
      ws.close(NOT_READING.code, NOT_READING.reason);
      // A client that reads nothing will not read the close frame either.
      setTimeout(() => ws.terminate(), 2_000).unref();
      return;
    }
    if (waiting.length > 0 && !scheduled && outstanding < limits.maxOutstanding && buffered < limits.highWaterBytes) {
      // Started from the check phase, not from here: a write callback runs on the nextTick queue, and starting
      // the next request from it would chain one client's whole burst ahead of every other socket's input.
      scheduled = true;
      setImmediate(pump);
    }
    const full = waiting.length > 0 || outstanding >= limits.maxOutstanding || buffered >= limits.highWaterBytes;
    if (full && !ws.isPaused) ws.pause();
    else if (ws.isPaused && outstanding < limits.maxOutstanding && buffered < limits.lowWaterBytes) ws.resume();
  };

  return {
    admit(start) {
      waiting.push(start);
      check();
    },
    send(frame, done) {
      if (ws.readyState !== ws.OPEN) {
        if (done) outstanding -= 1;
        return;
      }
      // The callback runs once the frame is handed to the kernel: then it no longer counts as buffered here.
      ws.send(frame, () => {
        if (done) outstanding -= 1;
        check();
      });
      check();
    },
    stats: () => ({
      outstanding,
      waiting: waiting.length,
      bufferedBytes: ws.bufferedAmount,
      paused: ws.isPaused,
      closing: closed,
      peakBufferedBytes: peak,
    }),
  };
}
