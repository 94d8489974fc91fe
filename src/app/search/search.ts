import gcoord from 'gcoord';
import type { Feature, Geometry } from 'geojson';
import type { RowPlace, TableId } from '../tables/table-model.ts';
import { placeOf } from '../tables/tables.ts';

/** What a search can find: a named thing of the district, or a coordinate typed in. */
export type SearchKind = 'facility' | 'village' | 'road' | 'proposal' | 'coordinate';

export interface SearchEntry {
  kind: SearchKind;
  /** Shown: the name (and English name), or the coordinate. */
  label: string;
  /** A facility's type, shown beside its name. */
  detail?: string;
  place: RowPlace;
  /** The table row it is, so choosing it selects the row too. */
  row?: { table: TableId; id: string };
  /** Texts the query is matched against: names, English names, id. */
  keys: string[];
}

/** Full- and half-width alike, case ignored, spaces and punctuation ignored. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\-_.,·'’()（）]/g, '');
}

/** The coordinate systems a copied coordinate may be in: WGS84 (GPS), GCJ-02 (Amap, Tencent), BD-09 (Baidu). */
export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?`;
const PAIR = new RegExp(String.raw`^\s*(${NUMBER})\s*[,，;；\s]\s*(${NUMBER})\s*$`);

/**
 * A typed coordinate as WGS84 lon/lat, or null when the text is not two numbers. Order: lon, lat
 * as map services copy it; a pair whose first number cannot be a longitude but can be a latitude
 * (34.75, 113.65) is read the other way. GCJ-02 and BD-09 are converted (gcoord).
 */
export function parseCoordinate(text: string, system: CoordinateSystem): [number, number] | null {
  const m = PAIR.exec(text);
  if (!m) return null;
  let lng = Number(m[1]);
  let lat = Number(m[2]);
  if (Math.abs(lat) > 90 && Math.abs(lng) <= 90) [lng, lat] = [lat, lng];
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return null;
  if (system === 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], system === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as [number, number];
  return [x, y];
}

interface Named {
  name?: unknown;
  name_en?: unknown;
  id?: unknown;
  type?: unknown;
  class?: unknown;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const named = (p: Named) => (text(p.name_en) ? `${text(p.name)} (${text(p.name_en)})` : text(p.name) || text(p.id));

/**
 * The named things of a district: facilities of every type, urban villages, roads (one entry per
 * name, framed by all its segments), proposed sites. `facilityType` words a facility's type.
 */
export function searchEntries(
  layers: { facilities: Feature<Geometry | null>[]; villages: Feature<Geometry | null>[]; roads: Feature<Geometry | null>[] },
  proposals: readonly { id: string; lngLat: readonly [number, number] }[],
  analysedType: string,
  facilityType: (type: string) => string,
): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const f of layers.facilities) {
    const p = (f.properties ?? {}) as Named;
    const place = placeOf(f.geometry);
    if (!place) continue;
    const id = text(p.id);
    const type = text(p.type);
    entries.push({
      kind: 'facility',
      label: named(p),
      detail: facilityType(type),
      place,
      ...(id && type === analysedType ? { row: { table: 'facilities' as const, id } } : {}),
      keys: [text(p.name), text(p.name_en), id].filter(Boolean),
    });
  }
  for (const f of layers.villages) {
    const p = (f.properties ?? {}) as Named;
    const place = placeOf(f.geometry);
    if (!place) continue;
    const id = text(p.id);
    entries.push({ kind: 'village', label: named(p), place, ...(id ? { row: { table: 'villages' as const, id } } : {}), keys: [text(p.name), text(p.name_en), id].filter(Boolean) });
  }
  const roads = new Map<string, [number, number, number, number]>();
  for (const f of layers.roads) {
    const name = text((f.properties as Named | null)?.name);
    const place = name ? placeOf(f.geometry) : null;
    if (!place) continue;
    const box: [number, number, number, number] = 'bounds' in place ? place.bounds : [place.lngLat[0], place.lngLat[1], place.lngLat[0], place.lngLat[1]];
    const seen = roads.get(name);
    roads.set(name, seen ? [Math.min(seen[0], box[0]), Math.min(seen[1], box[1]), Math.max(seen[2], box[2]), Math.max(seen[3], box[3])] : box);
  }
  for (const [name, bounds] of roads) entries.push({ kind: 'road', label: name, place: { bounds }, keys: [name] });
  for (const p of proposals) entries.push({ kind: 'proposal', label: p.id, place: { lngLat: [p.lngLat[0], p.lngLat[1]] }, row: { table: 'proposals', id: p.id }, keys: [p.id] });
  return entries;
}

/** Pinyin of a Chinese name, whole and by initials ("mingdejiexiaoxue", "mdjxx"), when a converter is at hand. */
export type Pinyin = (text: string) => string[];

const HAS_HAN = /\p{Script=Han}/u;

/** How well a key matches: 3 exact, 2 at the start, 1 inside, 0 not. */
function score(key: string, query: string): number {
  if (key === query) return 3;
  if (key.startsWith(query)) return 2;
  return key.includes(query) ? 1 : 0;
}

/**
 * Entries matching a query, best first (exact, then at the start, then inside; then shorter
 * labels; then facilities, villages, roads, proposals), at most `limit`. Chinese names also match
 * their pinyin when `pinyin` is given.
 */
export function searchNames(entries: readonly SearchEntry[], query: string, limit = 12, pinyin?: Pinyin): SearchEntry[] {
  const q = normalise(query);
  if (q === '') return [];
  const order: SearchKind[] = ['facility', 'village', 'road', 'proposal', 'coordinate'];
  const found: { entry: SearchEntry; score: number }[] = [];
  for (const entry of entries) {
    let best = 0;
    for (const key of entry.keys) {
      best = Math.max(best, score(normalise(key), q));
      if (pinyin && HAS_HAN.test(key)) for (const p of pinyin(key)) best = Math.max(best, score(p, q));
    }
    if (best > 0) found.push({ entry, score: best });
  }
  found.sort((a, b) => b.score - a.score || a.entry.label.length - b.entry.label.length || order.indexOf(a.entry.kind) - order.indexOf(b.entry.kind));
  return found.slice(0, limit).map((f) => f.entry);
}
