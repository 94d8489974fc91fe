import type { FacilityType } from '../../core/index.ts';
import type { LegendMark, LegendSection } from '../map/legend-model.ts';
import { publishExportLegend } from '../map/test-hooks.ts';

/** What the exported image shows besides the map itself. */
export interface MapImageDecorations {
  title: string;
  subtitle: string;
  legendTitle: string;
  /** Every visible layer's key (the legend model); laid out in columns to fit the image. */
  legend: LegendSection[];
  /** The facility symbols, drawn as on the map. */
  symbols: Partial<Record<FacilityType, CanvasImageSource>>;
  /** Metres per CSS pixel at the map's centre, for the scale bar. */
  metresPerPixel: number;
  bearing: number;
  attribution: string;
}

/** Legend geometry, CSS px: a column's width, a row's height, the card's padding and heading. */
export const LEGEND = { column: 250, row: 18, title: 20, pad: 12, heading: 26 } as const;

/** One placed row of the exported legend: a section title, or an entry with its mark at (x, y). */
export type LegendRow = { kind: 'title'; x: number; y: number; text: string } | { kind: 'item'; x: number; y: number; mark: LegendMark; text: string };

/**
 * The exported legend laid out in columns no taller than `maxHeight` (CSS px): sections one after
 * another, a section carried to the next column rather than split from its title. Positions are
 * relative to the card's top left; (x, y) of an item is its mark's top left (16 × 12).
 */
export function legendLayout(sections: readonly LegendSection[], maxHeight: number): { width: number; height: number; rows: LegendRow[] } {
  const rows: LegendRow[] = [];
  const top = LEGEND.pad + LEGEND.heading;
  let column = 0;
  let y = top;
  let tallest = y;
  for (const section of sections) {
    const need = LEGEND.title + section.items.length * LEGEND.row;
    if (y > top && y + need > maxHeight - LEGEND.pad) {
      column++;
      y = top;
    }
    const x = LEGEND.pad + column * LEGEND.column;
    rows.push({ kind: 'title', x, y, text: section.title });
    y += LEGEND.title;
    for (const item of section.items) {
      rows.push({ kind: 'item', x, y, mark: item.mark, text: item.label });
      y += LEGEND.row;
    }
    tallest = Math.max(tallest, y);
  }
  return { width: 2 * LEGEND.pad + (column + 1) * LEGEND.column - 10, height: tallest + LEGEND.pad, rows };
}

const niceLengths = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];

/** The longest round length that fits in `maxPx` CSS pixels. */
export function scaleBar(metresPerPixel: number, maxPx: number): { metres: number; px: number; label: string } {
  const metres = [...niceLengths].reverse().find((m) => m / metresPerPixel <= maxPx) ?? niceLengths[0];
  return { metres, px: metres / metresPerPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/**
 * The map (basemap canvas with deck.gl's canvas over it) with a title, legend, scale bar, north
 * arrow and attribution drawn on, at the canvases' own resolution (`ratio` device pixels per CSS
 * pixel), as PNG.
 */
export async function composeMapImage(layers: HTMLCanvasElement[], ratio: number, d: MapImageDecorations): Promise<Blob> {
  const width = layers[0].width;
  const height = layers[0].height;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  for (const layer of layers) ctx.drawImage(layer, 0, 0, width, height);
  ctx.scale(ratio, ratio);
  const w = width / ratio;
  const h = height / ratio;
  const font = (size: number, weight = 400) => `${weight} ${size}px system-ui, 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif`;
  const card = (x: number, y: number, cw: number, ch: number) => {
    ctx.fillStyle = 'rgba(255,255,255,0.94)';
    ctx.fillRect(x, y, cw, ch);
    ctx.strokeStyle = 'rgba(0,0,0,0.25)';
    ctx.strokeRect(x + 0.5, y + 0.5, cw - 1, ch - 1);
  };

  // Title.
  ctx.font = font(22, 700);
  const titleW = Math.max(ctx.measureText(d.title).width, (ctx.font = font(13), ctx.measureText(d.subtitle).width)) + 28;
  card(16, 16, Math.min(titleW, w - 32), 62);
  ctx.fillStyle = '#1f2328';
  ctx.font = font(22, 700);
  ctx.fillText(d.title, 30, 44, w - 60);
  ctx.font = font(13);
  ctx.fillStyle = '#444';
  ctx.fillText(d.subtitle, 30, 66, w - 60);

  // Legend, bottom left, in as many columns as the height needs.
  const layout = legendLayout(d.legend, h - 78 - 16 - 48);
  const legendX = 16;
  const legendY = h - layout.height - 48;
  card(legendX, legendY, Math.min(layout.width, w - 32), layout.height);
  publishExportLegend({ x: legendX, y: legendY, rows: layout.rows });
  ctx.fillStyle = '#1f2328';
  ctx.font = font(13, 700);
  ctx.fillText(d.legendTitle, legendX + LEGEND.pad, legendY + LEGEND.pad + 12);
  const rgb = (c: readonly number[], a = 1) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;
  for (const row of layout.rows) {
    const x = legendX + row.x;
    const y = legendY + row.y;
    if (row.kind === 'title') {
      ctx.fillStyle = '#1f2328';
      ctx.font = font(12, 700);
      ctx.fillText(row.text, x, y + 13, LEGEND.column - 10);
      continue;
    }
    drawMark(ctx, row.mark, x, y, d.symbols, rgb);
    ctx.fillStyle = '#1f2328';
    ctx.font = font(12);
    ctx.fillText(row.text, x + 24, y + 11, LEGEND.column - 34);
  }

  // Scale bar, bottom left under the legend.
  const bar = scaleBar(d.metresPerPixel, 160);
  card(16, h - 40, bar.px + 70, 26);
  ctx.fillStyle = '#1f2328';
  ctx.fillRect(26, h - 24, bar.px, 4);
  ctx.font = font(12);
  ctx.fillText(bar.label, 32 + bar.px, h - 20);

  // North arrow, top right.
  ctx.save();
  ctx.translate(w - 40, 44);
  ctx.rotate((-d.bearing * Math.PI) / 180);
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.beginPath();
  ctx.arc(0, 0, 22, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#1f2328';
  ctx.beginPath();
  ctx.moveTo(0, -16);
  ctx.lineTo(8, 10);
  ctx.lineTo(0, 5);
  ctx.lineTo(-8, 10);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
  ctx.font = font(11, 700);
  ctx.fillText('N', w - 44, 80);

  // Attribution, bottom right.
  ctx.font = font(11);
  const aw = ctx.measureText(d.attribution).width + 12;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(w - aw - 8, h - 22, aw, 18);
  ctx.fillStyle = '#333';
  ctx.fillText(d.attribution, w - aw - 2, h - 9);

  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

/** An entry's mark in a 16 × 12 box at (x, y), as the map draws it. */
function drawMark(
  ctx: CanvasRenderingContext2D,
  mark: LegendMark,
  x: number,
  y: number,
  symbols: Partial<Record<FacilityType, CanvasImageSource>>,
  rgb: (c: readonly number[], a?: number) => string,
): void {
  switch (mark.kind) {
    case 'fill':
      ctx.fillStyle = rgb(mark.colour);
      ctx.fillRect(x, y, 16, 12);
      ctx.strokeStyle = 'rgba(0,0,0,0.3)';
      ctx.strokeRect(x + 0.5, y + 0.5, 15, 11);
      return;
    case 'outline':
      ctx.fillStyle = rgb(mark.fill, (mark.fill[3] ?? 255) / 255);
      ctx.fillRect(x, y, 16, 12);
      ctx.strokeStyle = rgb(mark.colour);
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 1, y + 1, 14, 10);
      ctx.lineWidth = 1;
      return;
    case 'halo':
      ctx.beginPath();
      ctx.arc(x + 8, y + 6, 7 - mark.widthPx / 2, 0, 2 * Math.PI);
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.strokeStyle = rgb(mark.colour);
      ctx.lineWidth = mark.widthPx;
      ctx.stroke();
      ctx.lineWidth = 1;
      return;
    case 'ring':
    case 'dot':
      ctx.beginPath();
      ctx.arc(x + 8, y + 6, mark.kind === 'dot' ? (mark.radiusPx ?? 6) : 6, 0, 2 * Math.PI);
      if (mark.kind === 'dot') {
        ctx.fillStyle = rgb(mark.colour);
        ctx.fill();
      } else {
        ctx.strokeStyle = rgb(mark.colour);
        ctx.lineWidth = 2;
        ctx.stroke();
        ctx.lineWidth = 1;
      }
      return;
    case 'symbol': {
      const image = symbols[mark.type];
      if (image) ctx.drawImage(image, x, y - 2, 16, 16);
      return;
    }
    case 'line':
      ctx.strokeStyle = rgb(mark.colour);
      ctx.lineWidth = 2;
      ctx.setLineDash(mark.dashed ? [4, 3] : []);
      ctx.beginPath();
      ctx.moveTo(x, y + 6);
      ctx.lineTo(x + 16, y + 6);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.lineWidth = 1;
      return;
  }
}
