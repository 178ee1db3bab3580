/**
 * The binary frame format of the WebSocket transport: one frame per message, a JSON header followed by the
 * raw bytes of every typed array the message holds. Images and coordinates never become JSON numbers.
 *
 * Layout (little-endian): `u32 magic 'LEX1'` · `u32 header byte length` · header (UTF-8 JSON) · zero padding
 * to a multiple of 8 · each typed array's bytes, each starting at a multiple of 8.
 * In the body a typed array is replaced by `{"$ta": "<constructor>", "i": <index>}`; the header's `buffers`
 * lists `[offset, byteLength]` per index, offsets counted from the start of the data section.
 *
 * Pure module: no Node, no DOM, so the renderer, the preload and the server share it.
 */
import type { ApiErrorBody } from './api.js';

/** A call from the UI: `id` pairs it with its response. */
export interface RequestMessage {
  kind: 'request';
  /** Integer >= 1 chosen by the caller, unique among its pending requests (0 answers a frame that could not be read). */
  id: number;
  method: string;
  arg?: unknown;
}

/** The answer to one request: a value, or an error body (never a thrown object). */
export type ResponseMessage =
  { kind: 'response'; id: number; ok: true; value: unknown } | { kind: 'response'; id: number; ok: false; error: ApiErrorBody };

/** A push from the engine. */
export interface EventMessage {
  kind: 'event';
  name: string;
  payload: unknown;
}

export type Message = RequestMessage | ResponseMessage | EventMessage;

/** Thrown by `decodeFrame` for anything that is not a well-formed frame. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

const MAGIC = 0x3158454c; // 'LEX1' read as a little-endian u32
const PREFIX_BYTES = 8;

const TYPED_ARRAYS = {
  Uint8Array,
  Uint8ClampedArray,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

const NAMES = Object.keys(TYPED_ARRAYS) as TypedArrayName[];

/** The standard constructor behind a typed array; subclasses such as Node's Buffer count as their base. */
function typedArrayName(value: unknown): TypedArrayName | null {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return null;
  return NAMES.find((name) => value instanceof TYPED_ARRAYS[name]) ?? null;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Encodes one message into one binary frame. Typed arrays anywhere in the message travel as raw bytes. */
export function encodeFrame(message: Message): Uint8Array<ArrayBuffer> {
  const arrays: AnyTypedArray[] = [];
  // The holder's own value, not `value`: Buffer.prototype.toJSON has already run on `value`.
  const body = JSON.stringify(message, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    const name = typedArrayName(original);
    if (name === null) return value;
    arrays.push(original as AnyTypedArray);
    return { $ta: name, i: arrays.length - 1 };
  });
  let offset = 0;
  const buffers = arrays.map((a) => {
    const entry = [offset, a.byteLength];
    offset = align8(offset + a.byteLength);
    return entry;
  });
  const header = new TextEncoder().encode(JSON.stringify({ buffers, body }));
  const dataStart = align8(PREFIX_BYTES + header.length);
  const frame = new Uint8Array(dataStart + offset);
  const view = new DataView(frame.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  frame.set(header, PREFIX_BYTES);
  arrays.forEach((a, i) => frame.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), dataStart + buffers[i][0]));
  return frame;
}

/**
 * Decodes one frame. Typed arrays come back as copies (so they stay valid and aligned whatever the frame's
 * buffer does next). Throws `WireError` for a frame that is truncated, mislabelled or otherwise malformed.
 */
export function decodeFrame(data: ArrayBuffer | ArrayBufferView): Message {
  const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  if (bytes.length < PREFIX_BYTES) throw new WireError(`frame of ${bytes.length} bytes is shorter than its prefix`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new WireError('frame does not start with the LEX1 magic');
  const headerLength = view.getUint32(4, true);
  if (PREFIX_BYTES + headerLength > bytes.length) throw new WireError('frame header runs past the end of the frame');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)));
  } catch {
    throw new WireError('frame header is not valid UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || !Array.isArray((header as { buffers?: unknown }).buffers)) {
    throw new WireError('frame header lacks its buffer table');
  }
  const { buffers, body } = header as { buffers: unknown[]; body: unknown };
  if (typeof body !== 'string') throw new WireError('frame header lacks its body');
  const dataStart = align8(PREFIX_BYTES + headerLength);
  const arrays = buffers.map((entry, i) => sliceBuffer(bytes, entry, i, dataStart));
  let message: unknown;
  try {
    message = JSON.parse(body, (_key, value: unknown) => reviveArray(value, arrays));
  } catch (err) {
    throw err instanceof WireError ? err : new WireError('frame body is not valid JSON');
  }
  return parseEnvelope(message);
}

function sliceBuffer(bytes: Uint8Array, entry: unknown, index: number, dataStart: number): Uint8Array {
  if (!Array.isArray(entry) || entry.length !== 2 || !entry.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new WireError(`buffer ${index} has a malformed [offset, length] entry`);
  }
  const [offset, length] = entry as [number, number];
  if (dataStart + offset + length > bytes.length) throw new WireError(`buffer ${index} lies outside the frame`);
  return bytes.subarray(dataStart + offset, dataStart + offset + length);
}

function reviveArray(value: unknown, arrays: Uint8Array[]): unknown {
  if (typeof value !== 'object' || value === null || !('$ta' in value)) return value;
  const { $ta: name, i } = value as { $ta: unknown; i: unknown };
  if (typeof name !== 'string' || !Object.hasOwn(TYPED_ARRAYS, name)) throw new WireError(`unknown typed array type ${String(name)}`);
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= arrays.length)
    throw new WireError(`typed array refers to missing buffer ${String(i)}`);
  const Ctor = TYPED_ARRAYS[name as TypedArrayName];
  const raw = arrays[i];
  if (raw.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new WireError(`buffer ${i} is not a whole number of ${name} elements`);
  // slice() copies into a fresh, aligned ArrayBuffer.
  return new Ctor(raw.slice().buffer);
}

/** Checks that a structured-cloned value (Electron ports) is a message envelope; throws `WireError` if not. */
export function parseEnvelope(message: unknown): Message {
  if (typeof message !== 'object' || message === null) throw new WireError('frame body is not an object');
  const m = message as Record<string, unknown>;
  switch (m.kind) {
    case 'request':
      if (!isId(m.id) || typeof m.method !== 'string') throw new WireError('request needs a positive integer id and a method name');
      return m as unknown as RequestMessage;
    case 'response':
      if (!isId(m.id) || typeof m.ok !== 'boolean') throw new WireError('response needs an id and ok');
      if (!m.ok && (typeof m.error !== 'object' || m.error === null)) throw new WireError('failed response needs an error body');
      return m as unknown as ResponseMessage;
    case 'event':
      if (typeof m.name !== 'string') throw new WireError('event needs a name');
      return m as unknown as EventMessage;
    default:
      throw new WireError(`unknown message kind ${JSON.stringify(m.kind) ?? 'undefined'}`);
  }
}

function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}

/**
 * Where `value` holds something one of the two transports would not carry as it is (structured clone
 * throws on functions and symbols; JSON frames silently drop them, turn a Map or a Date into `{}` or a
 * string, and throw on bigints and cycles): its path, e.g. `value.runs[2].created`, or null when it travels
 * both ways alike. Plain objects, arrays, strings, numbers, booleans, null, undefined and typed arrays do.
 */
export function findUnsendable(value: unknown, path = 'value', seen = new Set<object>()): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return null;
    case 'object':
      break;
    default:
      return `${path} (a ${typeof value})`;
  }
  const obj = value as object;
  if (typedArrayName(obj) !== null) return null;
  if (seen.has(obj)) return `${path} (a cycle)`;
  const proto = Object.getPrototypeOf(obj) as unknown;
  if (Array.isArray(obj)) {
    seen.add(obj);
    for (let i = 0; i < obj.length; i++) {
      const found = findUnsendable(obj[i], `${path}[${i}]`, seen);
      if (found) return found;
    }
  } else if (proto === Object.prototype || proto === null) {
    seen.add(obj);
    for (const [key, item] of Object.entries(obj)) {
      const found = findUnsendable(item, `${path}.${key}`, seen);
      if (found) return found;
    }
  } else {
    return `${path} (a ${(obj.constructor as { name?: string } | undefined)?.name ?? 'non-plain object'})`;
  }
  seen.delete(obj);
  return null;
}
