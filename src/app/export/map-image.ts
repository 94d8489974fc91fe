import type { Rgba } from '../map/colour-ramp.ts';

/** What the exported image shows besides the map itself. */
export interface MapImageDecorations {
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: { colour: Rgba | [number, number, number]; label: string }[];
  /** Metres per CSS pixel at the map's centre, for the scale bar. */
  metresPerPixel: number;
  bearing: number;
  attribution: string;
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

  // Legend, bottom left.
  const row = 18;
  const legendH = 34 + d.legend.length * row;
  const legendY = h - legendH - 48;
  card(16, legendY, 220, legendH);
  ctx.fillStyle = '#1f2328';
  ctx.font = font(13, 700);
  ctx.fillText(d.legendTitle, 28, legendY + 22);
  ctx.font = font(12);
  d.legend.forEach((item, i) => {
    const y = legendY + 32 + i * row;
    const [r, g, b] = item.colour;
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(28, y, 18, 12);
    ctx.strokeStyle = 'rgba(0,0,0,0.3)';
    ctx.strokeRect(28.5, y + 0.5, 17, 11);
    ctx.fillStyle = '#1f2328';
    ctx.fillText(item.label, 54, y + 11);
  });

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
