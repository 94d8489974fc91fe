const SVG_NS = 'http://www.w3.org/2000/svg';

/** A line of the legend written into an exported chart (the chart's own legend is HTML, outside its SVG). */
export interface LegendEntry {
  label: string;
  colour: string;
  dash?: string;
}

const LEGEND_ROW_PX = 16;

/**
 * A chart's SVG as a file of its own: a copy on a white background, with the legend drawn in as
 * SVG rows above the plot and the fonts named, so it opens the same in a browser, Inkscape or Word.
 */
export function chartSvgText(svg: SVGSVGElement, legend: readonly LegendEntry[] = [], title = ''): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height;
  const top = (title ? LEGEND_ROW_PX + 4 : 0) + legend.length * LEGEND_ROW_PX + (legend.length > 0 ? 6 : 0);
  const doc = svg.ownerDocument;
  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const plot = el('g', { transform: `translate(0, ${top})` });
  while (copy.firstChild) plot.appendChild(copy.firstChild);
  copy.appendChild(el('rect', { x: 0, y: 0, width, height: height + top, fill: '#ffffff' }));
  if (title) copy.appendChild(el('text', { x: 8, y: 14, 'font-size': 13, 'font-weight': 700 }, title));
  legend.forEach((entry, k) => {
    const y = (title ? LEGEND_ROW_PX + 4 : 0) + k * LEGEND_ROW_PX + 10;
    copy.appendChild(el('line', { x1: 10, x2: 34, y1: y, y2: y, stroke: entry.colour, 'stroke-width': 2, ...(entry.dash ? { 'stroke-dasharray': entry.dash } : {}) }));
    copy.appendChild(el('text', { x: 40, y: y + 4, 'font-size': 11 }, entry.label));
  });
  copy.appendChild(plot);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height + top));
  copy.setAttribute('viewBox', `0 0 ${width} ${height + top}`);
  copy.setAttribute('font-family', 'Helvetica, Arial, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif');
  return new XMLSerializer().serializeToString(copy);
}

export function chartSvg(svg: SVGSVGElement, legend?: readonly LegendEntry[], title?: string): Blob {
  return new Blob([chartSvgText(svg, legend, title)], { type: 'image/svg+xml' });
}

/** The same image as a PNG at `scale` × its size on screen. */
export async function chartPng(svg: SVGSVGElement, scale: number, legend?: readonly LegendEntry[], title?: string): Promise<Blob> {
  const text = chartSvgText(svg, legend, title);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the chart could not be encoded as PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
