/**
 * Rows of digit tiles with row labels, per-tile captions and column headers: the shared layout of the
 * interpolation, reconstruction and denoising figures. Tiles grow to fill the figure, up to `maxTile` px.
 */
import { digitUri, imageCount, imageTag, type DigitTone, type PackedImages } from './digits.js';
import { CAPTION_SIZE, frame, frameLayout, INK, LABEL_SIZE, MUTED, RULE, textWidth, type FigureOptions } from './style.js';
import { group, tag, text } from './svg.js';

export interface StripRow {
  /** Row name drawn at its left, e.g. "original". */
  label: string;
  images: PackedImages;
  /** One caption under each tile (null for none), e.g. a reconstruction error. */
  captions?: readonly (string | null)[];
}

export interface StripOptions extends FigureOptions {
  /** How digits are drawn. Default `mnist` (white on black). */
  tone?: DigitTone;
  /** Gap between tiles, px. */
  gap?: number;
  /** Largest tile side, px. */
  maxTile?: number;
  /** Text above each column (null for none), e.g. the endpoints of an interpolation. */
  columnHeaders?: readonly (string | null)[];
}

const stripDefaults = { tone: 'mnist' as DigitTone, gap: 6, maxTile: 120 };
const ROW_GAP = 10;

/** Lays out `rows` as equal-width strips of `columns` tiles and returns the whole SVG document. */
export function renderStrips(rows: readonly StripRow[], columns: number, options: StripOptions, ariaLabel: string): string {
  const o = { ...stripDefaults, ...options };
  const { plot } = frameLayout(o);
  const cols = Math.max(1, Math.min(columns, ...rows.map((r) => imageCount(r.images))));
  const labelWidth = Math.max(0, ...rows.map((r) => textWidth(r.label, LABEL_SIZE))) + 16;
  const captionBand = (r: StripRow) => (r.captions?.some((c) => c) ? CAPTION_SIZE + 8 : 0);
  const headerBand = o.columnHeaders?.some((c) => c) ? LABEL_SIZE + 10 : 0;
  const fixed = headerBand + rows.reduce((n, r) => n + captionBand(r), 0) + (rows.length - 1) * ROW_GAP;
  const tile = Math.floor(Math.min(o.maxTile, (plot.width - labelWidth - (cols - 1) * o.gap) / cols, (plot.height - fixed) / rows.length));
  if (tile < 4) throw new RangeError(`${cols} columns do not fit a ${plot.width}px wide figure`);
  const blockWidth = labelWidth + cols * tile + (cols - 1) * o.gap;
  const blockHeight = fixed + rows.length * tile;
  const left = plot.x + Math.max(0, (plot.width - blockWidth) / 2) + labelWidth;
  let top = plot.y + Math.max(0, (plot.height - blockHeight) / 2);
  const colX = (c: number) => left + c * (tile + o.gap);

  const body: string[] = [];
  if (headerBand) {
    body.push(
      group(
        'column headers',
        { 'text-anchor': 'middle', 'font-size': LABEL_SIZE, fill: INK },
        ...(o.columnHeaders ?? [])
          .slice(0, cols)
          .map((h, c) => (h ? tag('text', { x: colX(c) + tile / 2, y: top + LABEL_SIZE * 0.8 }, text(h)) : null)),
      ),
    );
    top += headerBand;
  }
  for (const row of rows) {
    const tiles: string[] = [];
    for (let c = 0; c < cols; c++) {
      tiles.push(imageTag(digitUri(row.images, c, o.tone), colX(c), top, tile, tile, { 'aria-label': `${row.label} ${c + 1}` }));
      if (o.tone === 'ink')
        tiles.push(tag('rect', { x: colX(c), y: top, width: tile, height: tile, fill: 'none', stroke: RULE, 'stroke-width': 0.75 }));
    }
    const captions = row.captions
      ?.slice(0, cols)
      .map((cap, c) => (cap ? tag('text', { x: colX(c) + tile / 2, y: top + tile + 4 + CAPTION_SIZE * 0.8 }, text(cap)) : null));
    body.push(
      group(
        `row ${row.label}`,
        {},
        tag(
          'text',
          { 'aria-label': 'row label', x: left - 12, y: top + tile / 2, dy: '0.35em', 'text-anchor': 'end', 'font-size': LABEL_SIZE },
          text(row.label),
        ),
        group('tiles', {}, ...tiles),
        captions?.length ? group('captions', { 'text-anchor': 'middle', 'font-size': CAPTION_SIZE, fill: MUTED }, ...captions) : null,
      ),
    );
    top += tile + captionBand(row) + ROW_GAP;
  }
  return frame(o, ariaLabel, body);
}
