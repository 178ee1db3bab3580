/**
 * Browser-side animation export: each frame's SVG (from the project's pure frame functions) is drawn on a canvas,
 * then encoded as a GIF with the pure GIF writer (the same as the CLI's) or as a WebM video through WebCodecs and
 * webm-muxer where the browser has a VP9 or VP8 encoder. DOM code: it lives in the renderer.
 */
import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import { ArrayBufferTarget as Mp4Target, Muxer as Mp4Muxer } from 'mp4-muxer';
import { encodeGif, type RgbaFrame } from '../../src/pure/anim/gif.js';
import { playOrder } from '../../src/pure/anim/sequence.js';

export interface FrameSource {
  count: number;
  frame(k: number): string;
}

export interface AnimationExport {
  format: 'gif' | 'webm' | 'mp4';
  fps: number;
  scale: 1 | 2 | 4;
  loop: boolean;
  pingPong: boolean;
  width: number;
  height: number;
}

/** Draws an SVG document onto a canvas of `width * scale` x `height * scale` pixels over white. */
export async function drawSvg(
  svg: string,
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  scale: number,
): Promise<CanvasRenderingContext2D> {
  const image = new Image(width, height);
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('a frame could not be loaded as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2-D canvas context');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return ctx;
}

const VIDEO_CODECS = [
  { config: 'vp09.00.10.08', muxer: 'V_VP9' },
  { config: 'vp8', muxer: 'V_VP8' },
] as const;
/** H.264 Constrained Baseline level 5.1 (up to 4K), the profile every MP4 player decodes. */
const MP4_CODECS = [{ config: 'avc1.42E033', muxer: 'avc' }] as const;

/** The first codec of `format` this browser can encode at the size, or null (no WebCodecs, or no encoder). */
export async function videoCodec(format: 'webm' | 'mp4', width: number, height: number): Promise<{ config: string; muxer: string } | null> {
  if (typeof VideoEncoder === 'undefined') return null;
  for (const c of format === 'webm' ? VIDEO_CODECS : MP4_CODECS) {
    const support = await VideoEncoder.isConfigSupported({ codec: c.config, width, height, bitrate: 4_000_000 }).catch(() => null);
    if (support?.supported) return c;
  }
  return null;
}

/** Renders every frame and encodes the animation; `progress(k, n)` after each distinct frame. */
export async function exportAnimation(
  source: FrameSource,
  opts: AnimationExport,
  progress: (k: number, n: number) => void = () => {},
): Promise<Blob> {
  const canvas = document.createElement('canvas');
  const order = playOrder(source.count, opts.pingPong);
  if (opts.format === 'gif') {
    const distinct: RgbaFrame[] = [];
    for (let k = 0; k < source.count; k++) {
      const ctx = await drawSvg(source.frame(k), canvas, opts.width, opts.height, opts.scale);
      distinct.push({ rgba: ctx.getImageData(0, 0, canvas.width, canvas.height).data, width: canvas.width, height: canvas.height });
      progress(k + 1, source.count);
    }
    const bytes = encodeGif(
      order.map((k) => distinct[k]!),
      { fps: opts.fps, loop: opts.loop },
    );
    return new Blob([bytes.slice().buffer as ArrayBuffer], { type: 'image/gif' });
  }
  const w = Math.round(opts.width * opts.scale);
  const h = Math.round(opts.height * opts.scale);
  const codec = await videoCodec(opts.format, w, h);
  if (!codec) throw new NoVideoEncoderError(opts.format);
  const webm =
    opts.format === 'webm'
      ? new Muxer({ target: new ArrayBufferTarget(), video: { codec: codec.muxer, width: w, height: h, frameRate: opts.fps } })
      : null;
  const mp4 = webm ? null : new Mp4Muxer({ target: new Mp4Target(), video: { codec: 'avc', width: w, height: h }, fastStart: 'in-memory' });
  let failure: unknown = null;
  const encoder = new VideoEncoder({
    output: (chunk, meta) => (webm ? webm.addVideoChunk(chunk, meta) : mp4!.addVideoChunk(chunk, meta)),
    error: (e) => (failure = e),
  });
  encoder.configure({ codec: codec.config, width: w, height: h, bitrate: 4_000_000, framerate: opts.fps });
  const micro = 1_000_000 / opts.fps;
  // Each distinct frame is drawn once; ping-pong re-encodes its canvas copy.
  const bitmaps: ImageBitmap[] = [];
  for (let k = 0; k < source.count; k++) {
    await drawSvg(source.frame(k), canvas, opts.width, opts.height, opts.scale);
    bitmaps.push(await createImageBitmap(canvas));
    progress(k + 1, source.count);
  }
  order.forEach((k, i) => {
    const frame = new VideoFrame(bitmaps[k]!, { timestamp: Math.round(i * micro), duration: Math.round(micro) });
    encoder.encode(frame, { keyFrame: i % 30 === 0 });
    frame.close();
  });
  await encoder.flush();
  encoder.close();
  bitmaps.forEach((b) => b.close());
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  if (webm) {
    webm.finalize();
    return new Blob([webm.target.buffer], { type: 'video/webm' });
  }
  mp4!.finalize();
  return new Blob([mp4!.target.buffer], { type: 'video/mp4' });
}

/** No video encoder for the format in this runtime: the menu says so and offers GIF. */
export class NoVideoEncoderError extends Error {
  constructor(readonly format: 'webm' | 'mp4') {
    super(`no WebCodecs ${format === 'webm' ? 'VP9/VP8' : 'H.264'} encoder in this runtime`);
    this.name = 'NoVideoEncoderError';
  }
}
