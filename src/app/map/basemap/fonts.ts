import type { FontFacesSpecification } from '@maplibre/maplibre-gl-style-spec';
import unicodeRanges from '@fontsource-variable/noto-sans-sc/unicode.json';

/**
 * Map labels are drawn offline in Chinese and Latin from Noto Sans SC (SIL Open Font License 1.1),
 * shipped by the npm package @fontsource-variable/noto-sans-sc as about a hundred WOFF2 files, each
 * for a range of code points. The style's `font-faces` hands MapLibre those files with their
 * ranges: it loads only the files whose characters a label needs (through the browser's CSS Font
 * Loading API) and draws the glyphs itself (TinySDF), so no glyph server and no system CJK font is
 * needed. Vite copies the files into the build; nothing is fetched from the network.
 */
export const LABEL_FONT = 'Noto Sans SC';
export const LABEL_FONT_STACK = [LABEL_FONT];

// The subset files, by name (`noto-sans-sc-[12]` → …/noto-sans-sc-12-wght-normal.woff2), as URLs of the build.
const FILES = import.meta.glob<string>('/node_modules/@fontsource-variable/noto-sans-sc/files/noto-sans-sc-*-wght-normal.woff2', {
  query: '?url',
  import: 'default',
  eager: true,
});

function fileUrl(subset: string): string | undefined {
  // unicode.json names the numbered subsets "[12]" and the others "latin", "latin-ext", …
  const name = subset.replace(/^\[(\d+)\]$/, '$1');
  const entry = Object.entries(FILES).find(([path]) => path.endsWith(`/noto-sans-sc-${name}-wght-normal.woff2`));
  return entry?.[1];
}

/** Absolute, so MapLibre fetches it the same from any page path. */
function absolute(url: string): string {
  return typeof location === 'undefined' ? url : new URL(url, location.href).href;
}

/** The `font-faces` of the label font: each file with the code points it covers. */
export function labelFontFaces(): FontFacesSpecification {
  const faces = Object.entries(unicodeRanges as Record<string, string>).flatMap(([subset, ranges]) => {
    const url = fileUrl(subset);
    return url ? [{ url: absolute(url), 'unicode-range': ranges.split(',').map((r) => r.trim().toUpperCase().replace(/^U\+/, 'U+')) }] : [];
  });
  // Latin first: most labels hold Latin letters and digits, and MapLibre tries the files in order.
  faces.sort((a, b) => Number(!a['unicode-range'].some((r) => r.startsWith('U+0000'))) - Number(!b['unicode-range'].some((r) => r.startsWith('U+0000'))));
  return { [LABEL_FONT]: faces };
}
