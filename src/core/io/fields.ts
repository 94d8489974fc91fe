import type { Geometry } from 'geojson';
import { isFacilityType, type FacilityType } from '../schema.ts';
import type { FieldMapping, RawFeature, Role } from './types.ts';

/** Field names are compared lower-cased with spaces, dashes and dots as underscores. */
export function normaliseFieldName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s\-.]+/g, '_');
}

/** Candidate names for each thing, best first; compared after normaliseFieldName. */
export const FIELD_NAMES = {
  lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度', 'wgs84_lng', 'wgs84_lon', 'gcj_lng', 'gcj02_lng', 'bd_lng', 'bd09_lng', 'point_x', 'x坐标', 'x_coord'],
  lat: ['lat', 'latitude', 'y', '纬度', 'wgs84_lat', 'gcj_lat', 'gcj02_lat', 'bd_lat', 'bd09_lat', 'point_y', 'y坐标', 'y_coord'],
  wkt: ['wkt', 'geometry', 'geom', 'the_geom', 'shape', 'geometry_wkt', '几何'],
  /** One column "lng,lat" as Amap's POI exports write it. */
  location: ['location', 'lnglat', 'lng_lat', 'lonlat', '经纬度', '坐标'],
  id: ['id', 'fid', 'objectid', 'code', 'uid', '编号', '代码', '编码', '序号'],
  name: ['name', '名称', '学校名称', '机构名称', '名字', 'school_name', 'title', 'name_zh', '学校'],
  population: ['population', 'pop', '人口', '常住人口', '人口数', '居住人口', 'residents', 'total_pop', 'popu', '总人口'],
  capacity: ['capacity', 'seats', '学位', '学位数', '床位', '床位数', 'places', '容量', '规模', 'beds', 'cap'],
  classes: ['classes', 'class_count', 'num_classes', 'n_classes', '班级数', '班数'],
  type: ['type', '类型', '类别', 'category', 'kind', '学段', 'facility_type'],
  migrantShare: ['migrant_share', 'migrants_share', '流动人口比例', '外来人口比例', 'migrant_ratio'],
  class: ['class', 'fclass', 'highway', 'landuse', '用地类型', '道路等级'],
  registered: ['registered', 'hukou', 'registered_population', 'hukou_population', '户籍人口', '户籍', '户籍人口数', '户籍人数'],
  zone: ['zone', 'zone_id', 'zoneid', 'zone_name', '学区', '学区编号', '学区名称', '学区代码', 'catchment', 'catchment_id', 'cid'],
  school: ['school_id', 'schoolid', 'school', '学校编号', '学校代码', '学校'],
  migrants: ['migrants', 'migrant_population', 'floating_population', 'non_hukou', '流动人口', '居住证', '居住证人口', '暂住人口', '非户籍人口', '外来人口', '流动人口数'],
} as const;

/** The first field (in FIELD_NAMES order) whose normalised name is one of `names`. */
export function findField(fields: readonly string[], names: readonly string[]): string | undefined {
  const normal = fields.map(normaliseFieldName);
  for (const n of names) {
    const i = normal.indexOf(n);
    if (i >= 0) return fields[i];
  }
  return undefined;
}

/** Words in facility type values and their schema type; longer words are tried first. */
const TYPE_WORDS: [string, FacilityType][] = [
  ['社区卫生服务中心', 'health_centre'],
  ['社区卫生服务站', 'health_station'],
  ['卫生服务中心', 'health_centre'],
  ['卫生服务站', 'health_station'],
  ['health centre', 'health_centre'],
  ['health center', 'health_centre'],
  ['health station', 'health_station'],
  ['junior middle', 'junior'],
  ['middle school', 'junior'],
  ['primary school', 'primary'],
  ['卫生中心', 'health_centre'],
  ['卫生站', 'health_station'],
  ['初级中学', 'junior'],
  ['kindergarten', 'kindergarten'],
  ['nursery', 'kindergarten'],
  ['幼儿园', 'kindergarten'],
  ['初中', 'junior'],
  ['小学', 'primary'],
  ['primary', 'primary'],
  ['junior', 'junior'],
];

/** A type value as the schema's FacilityType ('小学' → primary), or null when unknown. */
export function facilityTypeOf(value: unknown): FacilityType | null {
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase();
  if (isFacilityType(v)) return v;
  const snake = v.replace(/[\s-]+/g, '_');
  if (isFacilityType(snake)) return snake;
  for (const [word, type] of TYPE_WORDS) if (v.includes(word)) return type;
  return null;
}

/**
 * A lookup of facility type values: the user's own table first (`typeValues`, e.g. 'Elementary'
 * → primary; exact, then trimmed and case-insensitive), then the built-in words (facilityTypeOf).
 * Null when neither knows the value. Own keys only, so 'constructor' or 'toString' never match
 * anything inherited.
 */
export function facilityTypeLookup(typeValues?: Readonly<Record<string, FacilityType>>): (value: unknown) => FacilityType | null {
  const exact = new Map<string, FacilityType>();
  const loose = new Map<string, FacilityType>();
  if (typeValues) {
    for (const key of Object.keys(typeValues)) {
      const type = typeValues[key];
      if (!isFacilityType(type)) continue;
      exact.set(key, type);
      const k = key.trim().toLowerCase();
      if (!loose.has(k)) loose.set(k, type);
    }
  }
  if (exact.size === 0) return facilityTypeOf;
  return (value) => {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      const text = String(value);
      const mapped = exact.get(text) ?? loose.get(text.trim().toLowerCase());
      if (mapped) return mapped;
    }
    return facilityTypeOf(value);
  };
}

/** Auto-detected fields for every schema property the file seems to have. */
export function suggestMapping(fields: readonly string[]): FieldMapping {
  const mapping: FieldMapping = {};
  const set = <K extends keyof typeof FIELD_NAMES & keyof FieldMapping>(key: K) => {
    const f = findField(fields, FIELD_NAMES[key]);
    if (f !== undefined) (mapping as Record<string, string>)[key] = f;
  };
  set('id');
  set('name');
  set('population');
  set('capacity');
  set('classes');
  set('type');
  set('migrantShare');
  set('class');
  set('registered');
  set('migrants');
  set('zone');
  set('school');
  return mapping;
}

type Kind = 'point' | 'polygon' | 'line' | 'none';

function kindOf(g: Geometry | null): Kind {
  if (!g) return 'none';
  if (g.type === 'Point' || g.type === 'MultiPoint') return 'point';
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return 'polygon';
  if (g.type === 'LineString' || g.type === 'MultiLineString') return 'line';
  return 'none';
}

const NAME_HINTS: [RegExp, Role][] = [
  [/village|城中村|uv_|chengzhongcun/i, 'villages'],
  [/candidate|候选|备选|site_?option/i, 'candidates'],
  [/zone|学区|catchment|attendance|划片/i, 'zones'],
  [/exclu|禁建|constraint|landuse|land_use|用地|park|water/i, 'exclusions'],
  [/boundary|outline|边界|行政区|district/i, 'boundary'],
  [/road|street|道路|路网/i, 'roads'],
  [/school|学校|小学|中学|幼儿园|clinic|hospital|卫生|医院|facilit|(?:^|[^a-z])pois?(?:[^a-z]|$)/i, 'facilities'],
  [/pop|人口|worldpop|grid|cell/i, 'population'],
];

/**
 * The role a file most likely plays, from its geometry (most common kind among the first 10,000
 * features), its fields and its name: lines are roads; points with capacity or a type are
 * facilities; points or polygons with population are population (polygons with a migrant share or
 * a village-like name: urban villages); other polygons are a boundary (one) or exclusion zones.
 */
export function suggestRole(file: string, features: readonly RawFeature[], mapping: FieldMapping): Role {
  const counts: Record<Kind, number> = { point: 0, polygon: 0, line: 0, none: 0 };
  for (const f of features.slice(0, 10_000)) counts[kindOf(f.geometry)]++;
  const kind = (['point', 'polygon', 'line'] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  const base = file.split(/[\\/]/).pop() ?? file;
  const named = NAME_HINTS.find(([re]) => re.test(base))?.[1];
  if (kind === 'line') return 'roads';
  if (kind === 'point') {
    if (named === 'candidates') return 'candidates';
    if (mapping.capacity || (mapping.type && !mapping.population)) return 'facilities';
    if (mapping.population || (mapping.registered && mapping.migrants)) return 'population';
    return named === 'facilities' || named === 'population' ? named : 'candidates';
  }
  if (named === 'zones' || (mapping.zone && !mapping.population)) return 'zones';
  if (mapping.capacity && mapping.type) return 'facilities';
  if (mapping.migrantShare || named === 'villages') return 'villages';
  if (mapping.population || (mapping.registered && mapping.migrants)) return 'population';
  if (named === 'exclusions' || named === 'boundary') return named;
  return features.length === 1 ? 'boundary' : 'exclusions';
}
