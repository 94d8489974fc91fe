import { addProtocol } from 'maplibre-gl';
import { PMTiles, Protocol, TileType, type Header, type Source } from 'pmtiles';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LABEL_FONT_STACK } from './fonts.ts';
import { styleWithDistrict, type BasemapData } from '../district-style.ts';
import type { BasemapChoice } from './choice.ts';

/**
 * Offline basemaps from a PMTiles archive (one file of vector or raster tiles, e.g. cut from
 * Protomaps or OpenMapTiles with `pmtiles extract`), read in the browser through the pmtiles
 * package's MapLibre protocol: a dropped or picked file is read where it lies, never uploaded and
 * never through the data loader. Its vector layers are drawn in a generic style (their names are
 * only known from the archive's metadata), under the district's own layers.
 */

let protocol: Protocol | null = null;

/** Registers the `pmtiles://` protocol with MapLibre, once. */
export function pmtilesProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

let fileCount = 0;

/** A File as a PMTiles source, under a key safe to put in a URL (a file's name may hold anything). */
function fileSource(file: File, key: string): Source {
  return {
    getKey: () => key,
    getBytes: async (offset, length) => ({ data: await file.slice(offset, offset + length).arrayBuffer() }),
  };
}

/** Makes a local .pmtiles file readable as `pmtiles://<key>/…`; returns the key. */
export function registerPmtilesFile(file: File): string {
  const key = `file${++fileCount}-${file.name.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
  pmtilesProtocol().add(new PMTiles(fileSource(file, key)));
  return key;
}

export const isPmtilesName = (name: string) => /\.pmtiles$/i.test(name);

/** The basemap choice for a local .pmtiles file (registered with the protocol). */
export function pmtilesChoice(file: File): BasemapChoice {
  return { kind: 'pmtiles', name: file.name, source: registerPmtilesFile(file) };
}

/** The archive's metadata that names its vector layers (TileJSON `vector_layers`). */
interface PmtilesMetadata {
  name?: string;
  attribution?: string;
  vector_layers?: { id: string; fields?: Record<string, string> }[];
}

/** Colours of the generic style, chosen by what a layer's name says it holds. */
export const GENERIC_COLOURS = {
  earth: '#ece8df',
  water: '#9ec9dc',
  green: '#cfe3c0',
  building: '#d9d0c9',
  road: '#ffffff',
  roadCasing: '#c9c2b8',
  boundary: '#8a7f99',
  other: '#ddd6cc',
  point: '#7a6f66',
  text: '#5a524c',
} as const;

type Kind = keyof typeof GENERIC_COLOURS;

/** What a vector layer holds, guessed from its name (Protomaps, OpenMapTiles, Shortbread and OSM-like names). */
export function layerKind(id: string): Kind {
  const name = id.toLowerCase();
  if (/water|ocean|river|lake|sea/.test(name)) return 'water';
  if (/park|green|landcover|wood|forest|grass|natural|vegetation/.test(name)) return 'green';
  if (/building/.test(name)) return 'building';
  if (/road|street|transport|highway|railway|rail|transit/.test(name)) return 'road';
  if (/boundar|admin|border/.test(name)) return 'boundary';
  if (/earth|land$|^land|coast/.test(name)) return 'earth';
  return 'other';
}

/** Draw order: land under water under green under buildings under roads under boundaries. */
const ORDER: Kind[] = ['earth', 'other', 'green', 'water', 'building', 'road', 'boundary'];

const NAME_FIELDS = ['name:zh', 'name_zh', 'name', 'name:en', 'name_en'];

/** The generic layers for an archive's vector layers: polygons filled, lines stroked, points dotted, names labelled. */
export function genericVectorLayers(source: string, vectorLayers: NonNullable<PmtilesMetadata['vector_layers']>): LayerSpecification[] {
  const sorted = [...vectorLayers].sort((a, b) => ORDER.indexOf(layerKind(a.id)) - ORDER.indexOf(layerKind(b.id)));
  const shapes: LayerSpecification[] = [];
  const labels: LayerSpecification[] = [];
  for (const { id, fields } of sorted) {
    const kind = layerKind(id);
    const colour = GENERIC_COLOURS[kind];
    const base = { source, 'source-layer': id };
    const prefix = `pmtiles-${id}`;
    shapes.push({
      id: `${prefix}-fill`,
      type: 'fill',
      ...base,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': colour, 'fill-opacity': kind === 'boundary' ? 0 : 1 },
    });
    shapes.push({
      id: `${prefix}-line`,
      type: 'line',
      ...base,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint:
        kind === 'road'
          ? { 'line-color': GENERIC_COLOURS.road, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 16, 6] }
          : kind === 'boundary'
            ? { 'line-color': colour, 'line-width': 1.2, 'line-dasharray': [3, 2] }
            : { 'line-color': kind === 'water' ? colour : GENERIC_COLOURS.roadCasing, 'line-width': 1 },
    });
    shapes.push({
      id: `${prefix}-point`,
      type: 'circle',
      ...base,
      filter: ['==', ['geometry-type'], 'Point'],
      minzoom: 14,
      paint: { 'circle-radius': 2.5, 'circle-color': GENERIC_COLOURS.point, 'circle-opacity': 0.7 },
    });
    // Names, where the layer says it has them (or says nothing about its fields).
    const named = fields ? NAME_FIELDS.filter((f) => f in fields) : NAME_FIELDS;
    if (named.length > 0) {
      labels.push({
        id: `${prefix}-label`,
        type: 'symbol',
        ...base,
        minzoom: 13,
        filter: ['any', ...named.map((f) => ['has', f] as ['has', string])],
        layout: {
          'symbol-placement': kind === 'road' ? 'line' : 'point',
          'text-field': ['to-string', ['coalesce', ...named.map((f) => ['get', f] as ['get', string])]],
          'text-font': LABEL_FONT_STACK,
          'text-size': 11,
          'text-max-width': 8,
          'text-padding': 4,
        },
        paint: { 'text-color': GENERIC_COLOURS.text, 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
      });
    }
  }
  return [...shapes, ...labels];
}

const RASTER: TileType[] = [TileType.Png, TileType.Jpeg, TileType.Webp, TileType.Avif];

/** The basemap style of an archive from its header and metadata (no tiles read yet). */
export function pmtilesStyleFrom(key: string, header: Header, metadata: PmtilesMetadata, data: BasemapData): StyleSpecification {
  const bounds: [number, number, number, number] = [header.minLon, header.minLat, header.maxLon, header.maxLat];
  const valid = bounds.every(Number.isFinite) && header.minLon < header.maxLon && header.minLat < header.maxLat;
  const common = {
    tiles: [`pmtiles://${key}/{z}/{x}/{y}`],
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
    ...(valid ? { bounds } : {}),
    ...(metadata.attribution ? { attribution: metadata.attribution } : {}),
  };
  if (RASTER.includes(header.tileType)) {
    const source: SourceSpecification = { type: 'raster', tileSize: 256, ...common };
    return styleWithDistrict(metadata.name ?? key, { sources: { pmtiles: source }, layers: [{ id: 'pmtiles-raster', type: 'raster', source: 'pmtiles' }] }, data);
  }
  if (header.tileType !== TileType.Mvt) throw new Error(`tiles of type ${TileType[header.tileType] ?? header.tileType} cannot be drawn (vector MVT or raster PNG/JPEG/WebP/AVIF only)`);
  const vectorLayers = metadata.vector_layers ?? [];
  if (vectorLayers.length === 0) throw new Error('the archive lists no vector layers in its metadata');
  const source: SourceSpecification = { type: 'vector', ...common };
  return styleWithDistrict(metadata.name ?? key, { sources: { pmtiles: source }, layers: genericVectorLayers('pmtiles', vectorLayers) }, data);
}

/** Reads an archive's header and metadata (from a registered file, or an http(s) URL) and builds its style. */
export async function pmtilesStyle(source: string, data: BasemapData): Promise<StyleSpecification> {
  const protocol = pmtilesProtocol();
  let archive = protocol.get(source);
  if (!archive) {
    if (!/^https?:\/\//.test(source)) throw new Error('the file is no longer open: pick it again');
    archive = new PMTiles(source);
    protocol.add(archive);
  }
  const header = await archive.getHeader();
  const metadata = ((await archive.getMetadata().catch(() => ({}))) ?? {}) as PmtilesMetadata;
  return pmtilesStyleFrom(source, header, metadata, data);
}
