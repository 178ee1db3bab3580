/**
 * The training replay file (`replay.bin` in a run folder): the plane coordinates of a fixed sample of test images
 * after every epoch, quantised to Int16 with a per-epoch offset and scale (20 epochs of 5,000 points: 400 KB).
 *
 * Layout, little-endian: "LXRP", u32 version, u32 n (points), u32 flags (bit 0: codes are projected onto the
 * plane of the epoch's first two principal components), u32 epochs; n x u32 test-image indices; n x u8 labels
 * padded to 4 bytes; then per epoch: i32 epoch, f32 offset x, f32 offset y, f32 step x, f32 step y, n x 2 i16.
 */
export const REPLAY_FILE = 'replay.bin';
export const REPLAY_VERSION = 1;
const MAGIC = 0x5052584c; // "LXRP" read as a little-endian u32
const Q = 32767;

export interface ReplayEpoch {
  /** 0 = before the first epoch. */
  epoch: number;
  /** `n * 2` plane coordinates, interleaved x, y. */
  xy: Float32Array;
}

export interface Replay {
  /** Test-set index of each sampled image. */
  indices: Uint32Array;
  labels: Uint8Array;
  /** True when the codes have more than two dimensions and were projected onto each epoch's PCA plane. */
  projected: boolean;
  epochs: ReplayEpoch[];
}

function quantise(xy: Float32Array, axis: 0 | 1): { offset: number; step: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = axis; i < xy.length; i += 2) {
    const v = xy[i]!;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi >= lo)) return { offset: 0, step: 1 };
  return { offset: (lo + hi) / 2, step: (hi - lo) / 2 / Q || 1 };
}

/** The file's bytes. */
export function encodeReplay(replay: Replay): Uint8Array {
  const n = replay.indices.length;
  if (replay.labels.length !== n) throw new RangeError('replay: one label per index');
  const head = 20 + n * 4 + Math.ceil(n / 4) * 4;
  const per = 20 + n * 4;
  const buf = new ArrayBuffer(head + per * replay.epochs.length);
  const view = new DataView(buf);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, REPLAY_VERSION, true);
  view.setUint32(8, n, true);
  view.setUint32(12, replay.projected ? 1 : 0, true);
  view.setUint32(16, replay.epochs.length, true);
  for (let i = 0; i < n; i++) view.setUint32(20 + 4 * i, replay.indices[i]!, true);
  new Uint8Array(buf, 20 + 4 * n, n).set(replay.labels);
  let o = head;
  for (const e of replay.epochs) {
    if (e.xy.length !== 2 * n) throw new RangeError(`replay: epoch ${e.epoch} has ${e.xy.length / 2} points, not ${n}`);
    const qx = quantise(e.xy, 0);
    const qy = quantise(e.xy, 1);
    view.setInt32(o, e.epoch, true);
    view.setFloat32(o + 4, qx.offset, true);
    view.setFloat32(o + 8, qy.offset, true);
    view.setFloat32(o + 12, qx.step, true);
    view.setFloat32(o + 16, qy.step, true);
    // Offsets and steps go through Float32 first, so quantising uses exactly what the reader will.
    const [ox, oy, sx, sy] = [
      view.getFloat32(o + 4, true),
      view.getFloat32(o + 8, true),
      view.getFloat32(o + 12, true),
      view.getFloat32(o + 16, true),
    ];
    for (let i = 0; i < n; i++) {
      const q = (v: number, off: number, step: number) =>
        Number.isFinite(v) ? Math.max(-Q, Math.min(Q, Math.round((v - off) / step))) : 0;
      view.setInt16(o + 20 + 4 * i, q(e.xy[2 * i]!, ox, sx), true);
      view.setInt16(o + 22 + 4 * i, q(e.xy[2 * i + 1]!, oy, sy), true);
    }
    o += per;
  }
  return new Uint8Array(buf);
}

/** Parses a replay file; a clear error for anything that is not one. */
export function decodeReplay(bytes: Uint8Array): Replay {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 20 || view.getUint32(0, true) !== MAGIC) throw new Error('not a training replay file');
  const version = view.getUint32(4, true);
  if (version !== REPLAY_VERSION) throw new Error(`training replay version ${version} is not supported (expected ${REPLAY_VERSION})`);
  const n = view.getUint32(8, true);
  const projected = (view.getUint32(12, true) & 1) === 1;
  const count = view.getUint32(16, true);
  const head = 20 + n * 4 + Math.ceil(n / 4) * 4;
  const per = 20 + n * 4;
  if (bytes.byteLength !== head + per * count)
    throw new Error(`training replay is truncated: ${bytes.byteLength} bytes, expected ${head + per * count}`);
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = view.getUint32(20 + 4 * i, true);
  const labels = bytes.slice(20 + 4 * n, 20 + 5 * n);
  const epochs: ReplayEpoch[] = [];
  for (let k = 0, o = head; k < count; k++, o += per) {
    const [ox, oy, sx, sy] = [
      view.getFloat32(o + 4, true),
      view.getFloat32(o + 8, true),
      view.getFloat32(o + 12, true),
      view.getFloat32(o + 16, true),
    ];
    const xy = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = ox + view.getInt16(o + 20 + 4 * i, true) * sx;
      xy[2 * i + 1] = oy + view.getInt16(o + 22 + 4 * i, true) * sy;
    }
    epochs.push({ epoch: view.getInt32(o, true), xy });
  }
  return { indices, labels, projected, epochs };
}
