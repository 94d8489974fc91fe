import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import proj4 from 'proj4';
import { InputError, type InputWarning } from '../errors.ts';
import { extensionOf, startsWith } from './bytes.ts';
import { crsFromEpsg, type SourceCrs } from './crs.ts';
import { checkpoint, LAYER_NAMES } from './finish.ts';
import { limitsOf, overLimit } from './limits.ts';
import type { PopulationGrid } from '../demand/population-grid.ts';
import type { Loader, LoadResult, RawFeature } from './types.ts';

/** The raster's CRS from its GeoKeys (option first); user-defined (32767) or none is refused. */
function rasterCrs(image: GeoTIFFImage, file: string, epsg: number | undefined): SourceCrs {
  if (epsg !== undefined) return crsFromEpsg(epsg, 'option', file);
  const keys = image.getGeoKeys() ?? {};
  const projected = keys.ProjectedCSTypeGeoKey as number | undefined;
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  const code = projected && projected !== 32767 ? projected : geographic && geographic !== 32767 ? geographic : undefined;
  if (code === undefined) {
    if (projected === 32767 || geographic === 32767 || keys.GTModelTypeGeoKey === 1) {
      throw new InputError(file, 'the raster uses a user-defined coordinate system; give its EPSG code, e.g. --epsg 4547');
    }
    throw new InputError(file, 'the GeoTIFF has no coordinate system (no GeoKeys); give its EPSG code, e.g. --epsg 4326');
  }
  return { ...crsFromEpsg(code, 'geotiff', file), source: 'geotiff' };
}

/**
 * A GeoTIFF population raster (WorldPop, GHS-POP, a census grid): the window over `options.bbox`
 * (WGS84) becomes one cell polygon per pixel with population > 0, `population` = the pixel
 * value; nodata and zero pixels are left out, negative ones skipped with one warning.
 */
export const geotiffLoader: Loader = {
  id: 'geotiff',
  extensions: ['tif', 'tiff'],
  sniff(bytes, name) {
    if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 1;
    if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return 1; // BigTIFF
    const ext = extensionOf(name);
    return ext === 'tif' || ext === 'tiff' ? 0.5 : 0;
  },
  async load(bytes, file, options, onProgress): Promise<LoadResult> {
    // geotiff wants an ArrayBuffer of the file alone (Node's Buffers are views into a shared pool).
    const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : Uint8Array.prototype.slice.call(bytes).buffer;
    let image: GeoTIFFImage;
    try {
      image = await (await fromArrayBuffer(buffer as ArrayBuffer)).getImage();
    } catch (err) {
      throw new InputError(file, `not a readable GeoTIFF (${err instanceof Error ? err.message : String(err)})`);
    }
    const width = image.getWidth();
    const height = image.getHeight();
    let origin: number[];
    let resolution: number[];
    try {
      origin = image.getOrigin();
      resolution = image.getResolution();
    } catch {
      throw new InputError(file, 'the GeoTIFF is not georeferenced (no tie point and pixel scale; rotated rasters are not supported)');
    }
    if (!(width >= 1 && height >= 1) || ![...origin, ...resolution].every(Number.isFinite) || resolution[0] === 0 || resolution[1] === 0) {
      throw new InputError(file, `the GeoTIFF's size or georeference is damaged (${width} × ${height} pixels, origin ${origin.join(', ')}, pixel size ${resolution.join(', ')})`);
    }
    const crs = rasterCrs(image, file, options.epsg);
    const converter = crs.proj ? proj4(crs.proj, 'EPSG:4326') : null;
    const forward = (p: number[]): number[] => (converter ? (converter.forward(p) as number[]) : p);
    const inverse = (p: number[]): number[] => (converter ? (converter.inverse(p) as number[]) : p);
    const [x0, y0] = origin;
    const [dx, dy] = resolution; // dy is negative for north-up rasters

    // Pixel window covering the bbox (corners and edge midpoints, since projected edges curve).
    let window = [0, 0, width, height];
    if (options.bbox) {
      const [w, s, e, n] = options.bbox;
      const pts = [[w, s], [w, n], [e, s], [e, n], [(w + e) / 2, s], [(w + e) / 2, n], [w, (s + n) / 2], [e, (s + n) / 2]].map((p) => inverse(p));
      const cols = pts.map(([x]) => (x - x0) / dx);
      const rows = pts.map(([, y]) => (y - y0) / dy);
      window = [
        Math.max(0, Math.floor(Math.min(...cols))),
        Math.max(0, Math.floor(Math.min(...rows))),
        Math.min(width, Math.ceil(Math.max(...cols))),
        Math.min(height, Math.ceil(Math.max(...rows))),
      ];
      if (window[2] <= window[0] || window[3] <= window[1]) {
        throw new InputError(file, `the area [${options.bbox.join(', ')}] lies outside the raster`);
      }
    }
    if (!window.every(Number.isFinite)) throw new InputError(file, `the area [${options.bbox?.join(', ')}] cannot be placed on the raster`);
    const [c0, r0, c1, r1] = window;
    const pixels = (c1 - c0) * (r1 - r0);
    const limits = limitsOf(options.limits);
    if (pixels > limits.rasterPixels) {
      throw overLimit(file, 'rasterPixels', limits, `the window has ${pixels.toLocaleString('en-US')} pixels; read it within the district (a boundary or a bbox)`);
    }
    onProgress?.({ phase: 'read', fraction: 0.1, rows: 0 });
    let band: ArrayLike<number>;
    try {
      [band] = (await image.readRasters({ window, samples: [0], interleave: false })) as unknown as ArrayLike<number>[];
    } catch (err) {
      // Unknown compression, tiles outside the file, a sample format the library cannot decode.
      throw new InputError(file, `cannot read the raster's pixels (${err instanceof Error ? err.message : String(err)})`);
    }
    if (!band || band.length < pixels) throw new InputError(file, `the raster holds fewer pixels than its ${width} × ${height} size`);
    const nodata = image.getGDALNoData();
    const w = c1 - c0;
    const h = r1 - r0;
    const residents = new Float32Array(w * h);
    let negative = 0;
    let used = 0;
    for (let i = 0; i < w * h; i++) {
      const v = band[i];
      if (v === nodata || !Number.isFinite(v) || v === 0) continue;
      if (v < 0) {
        negative++;
        continue;
      }
      residents[i] = v;
      used++;
    }
    const corner = (cc: number, rr: number) => forward([x0 + cc * dx, y0 + rr * dy]);
    /** One cell polygon per populated pixel, named by the pixel's row and column in the file. */
    const pixelFeatures = (): { features: RawFeature[]; labels: string[] } => {
      const features: RawFeature[] = [];
      const labels: string[] = [];
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) {
          const v = residents[(r - r0) * w + (c - c0)];
          if (!(v > 0)) continue;
          const ring = [corner(c, r), corner(c, r + 1), corner(c + 1, r + 1), corner(c + 1, r), corner(c, r)];
          if (dx * dy > 0) ring.reverse(); // keep outer rings counter-clockwise (RFC 7946)
          const id = `r${r}c${c}`;
          features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id, population: v } });
          labels.push(id);
        }
      }
      return { features, labels };
    };
    // A lon/lat north-up raster stays a grid (typed arrays); a projected one has curved pixel edges in WGS84, so it becomes polygons.
    const grid: PopulationGrid | undefined =
      !converter && dx > 0 && dy < 0
        ? { kind: 'population-grid', west: x0 + c0 * dx, north: y0 + r0 * dy, stepLng: dx, stepLat: -dy, width: w, height: h, row0: r0, col0: c0, residents }
        : undefined;
    onProgress?.({ phase: 'features', fraction: 0.95, rows: used });
    await checkpoint(options, file);
    const warnings: InputWarning[] = [];
    if (negative > 0) {
      warnings.push({ source: file, feature: 'all features', reason: `${negative} pixel${negative === 1 ? "" : "s"} with a negative value (not the nodata value ${nodata}); skipped` });
    }
    if (used === 0) {
      throw new InputError(file, `no features: no pixel in the ${options.role ? `${LAYER_NAMES[options.role]} ` : ''}window has a population above 0 (${pixels} pixels, nodata ${nodata ?? 'not set'})`);
    }
    const result = {
      file,
      format: 'geotiff' as const,
      fields: ['id', 'population'],
      suggestedRole: 'population' as const,
      suggestedMapping: { id: 'id', population: 'population' },
      crs: { detected: crs.label, source: crs.source, converted: crs.proj !== null },
      report: { read: pixels, used, skipped: negative },
      warnings,
    };
    if (!grid) return { ...result, ...pixelFeatures() };
    // The polygons are built only if something asks for them (the population layer uses the grid).
    let built: { features: RawFeature[]; labels: string[] } | null = null;
    const lazy = () => (built ??= pixelFeatures());
    return Object.defineProperties({ ...result, grid } as LoadResult, {
      features: { get: () => lazy().features, enumerable: true },
      labels: { get: () => lazy().labels, enumerable: true },
    });
  },
};
