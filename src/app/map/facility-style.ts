import type { FacilityType } from '../../core/schema.ts';

type Rgb = [number, number, number];

/** Okabe–Ito colours (colour-blind safe) and a distinct shape per facility type. */
export const FACILITY_STYLE: Record<FacilityType, { colour: Rgb; shape: string }> = {
  kindergarten: { colour: [86, 180, 233], shape: 'triangle' },
  primary: { colour: [0, 114, 178], shape: 'circle' },
  junior: { colour: [0, 158, 115], shape: 'square' },
  health_station: { colour: [204, 121, 167], shape: 'cross' },
  health_centre: { colour: [213, 94, 0], shape: 'cross in square' },
};

const CELL = 64;
const hex = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;

function symbolSvg(type: FacilityType, x: number): string {
  const c = hex(FACILITY_STYLE[type].colour);
  const stroke = 'stroke="#1a1a1a" stroke-width="4" stroke-linejoin="round"';
  const cross = (ox: number, s: number) =>
    `M${ox + 32 - s / 3},${32 - s} h${(2 * s) / 3} v${(2 * s) / 3} h${(2 * s) / 3} v${(2 * s) / 3} h${-(2 * s) / 3} v${(2 * s) / 3} h${-(2 * s) / 3} v${-(2 * s) / 3} h${-(2 * s) / 3} v${-(2 * s) / 3} h${(2 * s) / 3} z`;
  switch (type) {
    case 'kindergarten':
      return `<path d="M${x + 32},5 L${x + 60},57 L${x + 4},57 Z" fill="${c}" ${stroke}/>`;
    case 'primary':
      return `<circle cx="${x + 32}" cy="32" r="27" fill="${c}" ${stroke}/>`;
    case 'junior':
      return `<rect x="${x + 6}" y="6" width="52" height="52" fill="${c}" ${stroke}/>`;
    case 'health_station':
      return `<path d="${cross(x, 27)}" fill="${c}" ${stroke}/>`;
    case 'health_centre':
      return `<rect x="${x + 4}" y="4" width="56" height="56" rx="8" fill="#ffffff" ${stroke}/><path d="${cross(x, 22)}" fill="${c}" stroke="none"/>`;
  }
}

const TYPES = Object.keys(FACILITY_STYLE) as FacilityType[];

/** One pre-packed SVG atlas, so no icon is fetched at run time (works offline). */
export const FACILITY_ICON_ATLAS =
  'data:image/svg+xml;charset=utf-8,' +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CELL * TYPES.length}" height="${CELL}">` +
      TYPES.map((t, i) => symbolSvg(t, i * CELL)).join('') +
      '</svg>',
  );

export const FACILITY_ICON_MAPPING = Object.fromEntries(
  TYPES.map((t, i) => [t, { x: i * CELL, y: 0, width: CELL, height: CELL, mask: false }]),
);

/** A single symbol as a standalone SVG, for the legend. */
export function facilitySymbolDataUrl(type: FacilityType): string {
  return (
    'data:image/svg+xml;charset=utf-8,' +
    encodeURIComponent(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CELL} ${CELL}">${symbolSvg(type, 0)}</svg>`,
    )
  );
}
