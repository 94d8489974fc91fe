import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { InputError, noUsableFeatures, type InputWarning } from '../errors.ts';
import { ChunkedNumbers, float64s, uint32s, uint8s } from '../demand/chunked-numbers.ts';
import { IdSet } from '../demand/id-set.ts';
import { polygonShape, type PolygonShape } from '../demand/polygon-shape.ts';
import type { PopulationTable } from '../demand/population-table.ts';
import { TextColumn } from '../demand/text-column.ts';
import type { FeatureTable } from './feature-table.ts';
import { geometryProblem, INVALID_POINT, INVALID_POLYGON, registrationProblem, residentsProblem, withSchemaKeys } from './mapping.ts';
import type { FieldMapping, LoadResult, MappedLayer } from './types.ts';

/**
 * A population file read as a table, mapped as `applyMapping` maps population features — the same
 * checks, warnings, skips and properties — into a `PopulationTable`: columns of ids, residents and
 * points (a polygon's area centroid and spread), with each feature's geometry and properties
 * built again from the file's table when asked for. No feature object outlives its row.
 */
export function mappedTable(result: LoadResult, table: FeatureTable, mapping: FieldMapping): MappedLayer {
  const file = result.file;
  const warnings: InputWarning[] = [...result.warnings];
  const skippedWarnings: InputWarning[] = [];
  const rows = new ChunkedNumbers(uint32s);
  const ids = new TextColumn();
  const seen = new IdSet(table.count, (row) => ids.get(row));
  const population = new ChunkedNumbers(float64s);
  const lng = new ChunkedNumbers(float64s);
  const lat = new ChunkedNumbers(float64s);
  const spread = new ChunkedNumbers(float64s);
  const polygonal = new ChunkedNumbers(uint8s);
  // Registration groups only when mapped: NaN where a row gives its total alone.
  const groups = Boolean(mapping.registered || mapping.migrants);
  const registered = groups ? new ChunkedNumbers(float64s) : null;
  const migrants = groups ? new ChunkedNumbers(float64s) : null;
  // The properties mapping reads: the schema's own names and the mapped columns.
  const read = new Set(['id', 'name', 'population', mapping.id, mapping.name, mapping.population, mapping.registered, mapping.migrants].filter((k): k is string => typeof k === 'string'));
  const shapes = table.shapes;
  for (let i = 0; i < table.count; i++) {
    const { properties, label } = withSchemaKeys(table.pick(i, read), table.labels.get(i), mapping);
    // Flat shapes are checked and measured where they are, never built as GeoJSON.
    const type = shapes.flatType(i);
    const g = type ? null : shapes.geometry(i);
    const registration = registrationProblem(properties, mapping);
    if (registration !== null && typeof registration !== 'string') throw new InputError(file, `${label}: ${registration.refuse}`);
    let shape: PolygonShape | null = null;
    const reason =
      registration ??
      residentsProblem(properties, mapping) ??
      (type === 'Point'
        ? shapes.lngLatValid(i)
          ? null
          : INVALID_POINT
        : type
          ? (shape = shapes.polygonShape(i))
            ? null
            : INVALID_POLYGON
          : geometryProblem(g));
    if (reason !== null) {
      const w = { source: file, feature: label, reason: `${reason}; skipped` };
      warnings.push(w);
      skippedWarnings.push(w);
      continue;
    }
    const id = String(properties.id);
    if (seen.add(id, ids.length)) warnings.push({ source: file, feature: label, reason: 'duplicate id: another feature has the same id; kept, but results for this id are ambiguous' });
    rows.push(i);
    ids.push(id);
    population.push(properties.population as number);
    if (groups) {
      registered!.push(typeof properties.registered === 'number' ? properties.registered : NaN);
      migrants!.push(typeof properties.migrants === 'number' ? properties.migrants : NaN);
    }
    const point = type === 'Point' || g?.type === 'Point';
    if (point) {
      lng.push(type ? shapes.pointX(i) : (g as Point).coordinates[0]);
      lat.push(type ? shapes.pointY(i) : (g as Point).coordinates[1]);
      spread.push(0);
      polygonal.push(0);
    } else {
      shape ??= polygonShape(g as Polygon | MultiPolygon);
      lng.push(shape.lngLat[0]);
      lat.push(shape.lngLat[1]);
      spread.push(shape.spreadM);
      polygonal.push(1);
    }
  }
  if (rows.length === 0) throw noUsableFeatures(file, 'population features', skippedWarnings, table.count);
  const source = rows.toArray(uint32s);
  const residents = population.toArray(float64s);
  const populationTable: PopulationTable = {
    kind: 'population-table',
    count: source.length,
    ids,
    population: residents,
    lng: lng.toArray(float64s),
    lat: lat.toArray(float64s),
    spreadM: spread.toArray(float64s),
    // A CSV's rows all have its columns; the schema's keys are then added alike to each.
    sameKeys: table.keys !== null,
    polygonal: polygonal.toArray(uint8s),
    ...(registered && migrants ? { registered: registered.toArray(float64s), migrants: migrants.toArray(float64s) } : {}),
    geometry: (k) => table.shapes.geometry(source[k]) as Geometry,
    properties: (k) => {
      const { properties } = withSchemaKeys(table.properties(source[k]), table.labels.get(source[k]), mapping);
      properties.population = residents[k];
      if (populationTable.registered && populationTable.migrants && !Number.isNaN(populationTable.registered[k])) {
        properties.registered = populationTable.registered[k];
        properties.migrants = populationTable.migrants[k];
      }
      return properties;
    },
  };
  return {
    file,
    role: 'population',
    mapping,
    collection: { type: 'FeatureCollection', features: [] },
    report: { read: result.report.read, used: source.length, skipped: result.report.skipped + skippedWarnings.length },
    warnings,
    table: populationTable,
  };
}
