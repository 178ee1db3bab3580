/**
 * Browser-side figure export: SVG and PNG blobs, downloads and the clipboard. PNG is made by drawing the SVG
 * (the same string the `figure` command writes) onto a canvas at 1x, 2x or 4x, so the app needs no rasteriser.
 * Pure DOM code, no Node: it lives in the renderer.
 */

/** Pixel densities offered for PNG export. */
export const EXPORT_SCALES = [1, 2, 4] as const;
export type ExportScale = (typeof EXPORT_SCALES)[number];

/** The SVG document as a blob with its media type. */
export function svgBlob(svg: string): Blob {
  return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

/** `figure.svg` / `figure@2x.png` from a base name, with characters file systems reject replaced. */
export function exportFilename(base: string, ext: 'svg' | 'png', scale: ExportScale = 1): string {
  const safe =
    base
      .trim()
      .replace(/[\\/:*?"<>|\s]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'figure';
  return `${safe}${ext === 'png' && scale !== 1 ? `@${scale}x` : ''}.${ext}`;
}

/**
 * Rasterises an SVG document to a PNG blob of `width * scale` x `height * scale` pixels.
 * The SVG is loaded as an image from a data URL (allowed by the app's CSP), which keeps the canvas untainted.
 */
export async function svgToPngBlob(svg: string, width: number, height: number, scale: ExportScale): Promise<Blob> {
  const image = new Image(width, height);
  image.decoding = 'sync';
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas context');
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas produced no PNG'))), 'image/png'),
  );
}

/** Saves a blob through a temporary download link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Copies the figure to the clipboard: as a PNG image where `ClipboardItem` exists (pastes into slides), else as
 * SVG markup text. Resolves to what was copied.
 */
export async function copyFigure(svg: string, png: () => Promise<Blob>): Promise<'png' | 'svg'> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    // Handing ClipboardItem a promise keeps the user gesture alive while the PNG is drawn (Safari needs that).
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png() })]);
    return 'png';
  }
  await navigator.clipboard.writeText(svg);
  return 'svg';
}
